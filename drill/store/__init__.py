"""Durable drills: an embedded SQLite event store.

This is the I/O shell around the pure engine: the engine, scenario loading and
scoring never import it. One row per event; every batch is committed before
the caller shows or acknowledges it, so a drill survives a crash up to its last
acknowledged event and is rebuilt by folding its log.
"""

from drill.store.errors import StoreError
from drill.store.paths import DB_ENV_VAR, default_db_path, resolve_db_path
from drill.store.rebuild import Rebuilt, rebuild
from drill.store.recorder import StoreRecorder, begin_recording, record_finished
from drill.store.store import DrillRecord, Store

__all__ = [
    "Store", "DrillRecord", "StoreError", "StoreRecorder", "begin_recording", "record_finished",
    "Rebuilt", "rebuild", "DB_ENV_VAR", "default_db_path", "resolve_db_path",
]
