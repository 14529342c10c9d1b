"""The deterministic, event-sourced drill engine."""

from drill.engine.commands import Advance, AssignRoles, CommandRejected, End, InjectAdHoc, Pause, Respond, Resume
from drill.engine.engine import DrillEngine
from drill.engine.events import Event, events_from_jsonl, events_to_jsonl

__all__ = [
    "DrillEngine", "Event", "Advance", "AssignRoles", "Respond", "Pause", "Resume", "InjectAdHoc", "End",
    "CommandRejected", "events_to_jsonl", "events_from_jsonl",
]
