"""The deterministic, event-sourced drill engine.

Exports load on first use, so that ``drill.engine.events`` (all the store needs)
does not bring in scenario loading.
"""

from typing import TYPE_CHECKING

_EXPORTS = {
    "Advance": "commands", "AssignRoles": "commands", "CommandRejected": "commands", "End": "commands",
    "InjectAdHoc": "commands", "Pause": "commands", "Respond": "commands", "Resume": "commands",
    "DrillEngine": "engine",
    "Event": "events", "events_from_jsonl": "events", "events_to_jsonl": "events",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # pragma: no cover
    from drill.engine.commands import Advance, AssignRoles, CommandRejected, End, InjectAdHoc, Pause, Respond, Resume
    from drill.engine.engine import DrillEngine
    from drill.engine.events import Event, events_from_jsonl, events_to_jsonl


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'drill.engine' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
