"""Recording a drill as it is played, and keeping a drill played headless.

``StoreRecorder`` is the recorder the terminal UI is given (``drill.live.recorder``):
it calls ``record(events)`` with every batch before showing it, and
``save_draft`` and ``set_clock`` every few seconds. Each call is one committed
transaction, or raises StoreError. A batch that failed (a store locked for too
long, a full disk) is kept and stored ahead of the next one, so the log never
has a gap; ``pending`` says how many events still wait.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable

from drill.engine.events import Event
from drill.store.store import Store

if TYPE_CHECKING:  # pragma: no cover
    from drill.engine.engine import DrillEngine

# The text and source name of the scenario being played, asked for when the drill is first stored.
ScenarioText = Callable[[], tuple[str, str]]


class StoreRecorder:
    """Records into drill ``drill_id``; or, with ``scenario_text``, creates the drill from its first batch."""

    def __init__(self, store: Store, drill_id: str | None = None, scenario_text: ScenarioText | None = None):
        if drill_id is None and scenario_text is None:
            raise ValueError("a recorder needs a drill id, or the scenario text to create the drill with")
        self.store = store
        self.drill_id = drill_id
        self._scenario_text = scenario_text
        self._pending: list[Event] = []

    @property
    def pending(self) -> int:
        return len(self._pending)

    def record(self, events: Iterable[Event]) -> None:
        self._pending.extend(events)
        if not self._pending:
            return
        if self.drill_id is None:
            text, name = self._scenario_text()
            self.drill_id = self.store.create_drill(self._pending, text, name)
        else:
            self.store.append(self.drill_id, self._pending)
        self._pending = []

    def save_draft(self, text: str, role: str | None = None, channel: str | None = None) -> None:
        if self.drill_id is not None:
            self.store.save_draft(self.drill_id, text, role, channel)

    def set_clock(self, seconds: int) -> None:
        # With events still unstored, a later clock would let a resumed drill skip past them.
        if self.drill_id is not None and not self._pending:
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
