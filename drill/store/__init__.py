"""Durable drills: an embedded SQLite event store.

This is the I/O shell around the pure engine: the engine, scenario loading and
scoring never import it. One row per event; every batch is committed before
the caller shows or acknowledges it, so a drill survives a crash up to its last
acknowledged event and is rebuilt by folding its log.

Exports load on first use, so that recording a new drill does not bring in the
engine that ``rebuild`` needs.
"""

from typing import TYPE_CHECKING

from drill.lazy_exports import lazy_getattr

_EXPORTS = {
    "StoreError": "errors",
    "DB_ENV_VAR": "paths", "default_db_path": "paths", "resolve_db_path": "paths",
    "Rebuilt": "rebuild", "rebuild": "rebuild", "reopen": "rebuild",
    "StoreRecorder": "recorder", "begin_recording": "recorder", "record_finished": "recorder",
    "DrillRecord": "store", "SeatToken": "store", "Store": "store",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # pragma: no cover
    from drill.store.errors import StoreError
    from drill.store.paths import DB_ENV_VAR, default_db_path, resolve_db_path
    from drill.store.rebuild import Rebuilt, rebuild, reopen
    from drill.store.recorder import StoreRecorder, begin_recording, record_finished
    from drill.store.store import DrillRecord, SeatToken, Store


__getattr__ = lazy_getattr(__name__, globals(), _EXPORTS)
