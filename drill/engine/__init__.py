"""The deterministic, event-sourced drill engine.

Exports load on first use, so that ``drill.engine.events`` (all the store needs)
does not bring in scenario loading.
"""

from typing import TYPE_CHECKING

from drill.lazy_exports import lazy_getattr

_EXPORTS = {
    "Advance": "commands", "AssignRoles": "commands", "CommandRejected": "commands", "End": "commands",
    "EvaluatorNote": "commands", "InjectAdHoc": "commands", "Pause": "commands", "Relay": "commands",
    "Respond": "commands", "Resume": "commands", "Choose": "commands", "Release": "commands",
    "NextMove": "commands", "HotWashItem": "commands",
    "DrillEngine": "engine",
    "Event": "events", "client_ids": "events", "events_from_jsonl": "events", "events_to_jsonl": "events",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # pragma: no cover
    from drill.engine.commands import (Advance, AssignRoles, Choose, CommandRejected, End, EvaluatorNote, HotWashItem,
                                       InjectAdHoc, NextMove, Pause, Relay, Release, Respond, Resume)
    from drill.engine.engine import DrillEngine
    from drill.engine.events import Event, client_ids, events_from_jsonl, events_to_jsonl


__getattr__ = lazy_getattr(__name__, globals(), _EXPORTS)
