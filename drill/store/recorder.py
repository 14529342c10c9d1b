"""Recording a drill as it is played, and keeping a drill played headless.

``StoreRecorder`` is the recorder the terminal UI is given: it calls
``record(events)`` with every batch before showing it, and ``save_draft`` and
``set_clock`` every few seconds. Each call is one committed transaction; a
failure raises StoreError, and the caller must not show the batch it was given.
"""

from __future__ import annotations

from typing import Iterable

from drill.engine import DrillEngine, Event
from drill.store.store import Store


class StoreRecorder:
    def __init__(self, store: Store, drill_id: str):
        self.store = store
        self.drill_id = drill_id

    def record(self, events: Iterable[Event]) -> None:
        self.store.append(self.drill_id, events)

    def save_draft(self, text: str, role: str | None = None, channel: str | None = None) -> None:
        self.store.save_draft(self.drill_id, text, role, channel)

    def set_clock(self, seconds: int) -> None:
        self.store.set_clock(self.drill_id, seconds)


def begin_recording(store: Store, engine: DrillEngine, scenario_source: str, scenario_file: str) -> StoreRecorder:
    """Store a new drill with the events it has so far (its ``drill_started``) and record the rest."""
    drill_id = store.create_drill(engine.log, scenario_source, scenario_file)
    return StoreRecorder(store, drill_id)


def record_finished(store: Store, engine: DrillEngine, scenario_source: str, scenario_file: str,
                    score: float | None) -> str:
    """Store a drill played at full speed (``drill simulate``): its whole log at once, then its score."""
    drill_id = store.create_drill(engine.log, scenario_source, scenario_file)
    store.set_clock(drill_id, engine.clock)
    if score is not None:
        store.set_score(drill_id, score)
    return drill_id
