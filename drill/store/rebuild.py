"""A stored drill back as a live engine: the stored scenario text, the log folded, the clock restored."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from drill.engine import DrillEngine
from drill.engine.events import Event
from drill.wiring import rebuild_drill
from drill.scenario import Scenario, load_scenario
from drill.scenario.problems import ScenarioError
from drill.store.errors import StoreError
from drill.store.store import DrillRecord, Store


@dataclass(frozen=True)
class Rebuilt:
    record: DrillRecord
    scenario: Scenario
    engine: DrillEngine


@dataclass(frozen=True)
class StoredLog:
    """A stored drill as read, not yet folded: its record, its scenario and its log."""

    drill_id: str
    record: DrillRecord
    scenario: Scenario
    events: list[Event]

    def fold(self) -> DrillEngine:
        """The log folded into a live engine; StoreError if it cannot be."""
        try:
            return rebuild_drill(self.scenario, self.events, clock=self.record.clock)
        except (ValueError, KeyError) as error:
            raise unreplayable(self.drill_id, error) from None


def unreplayable(drill_id: str, error: Exception) -> StoreError:
    return StoreError(f"drill {drill_id}: its event log cannot be replayed ({error})")


def read_log(store: Store, drill_id: str, *,
             read_scenario: Callable[[str, str], Scenario] = load_scenario) -> StoredLog:
    """``read_scenario`` loads the stored scenario text (the terminal UI's loads one it has read before
    as it was read)."""
    record = store.drill(drill_id)
    try:
        scenario = read_scenario(record.scenario_source, record.scenario_file)
    except ScenarioError as error:
        first = error.problems[0] if error.problems else "unknown problem"
        raise StoreError(f"drill {drill_id}: its stored scenario no longer loads ({first})") from None
    events = store.events(drill_id, defer_grades=True)  # read when shown or reported
    return StoredLog(drill_id, record, scenario, events)


def rebuild(store: Store, drill_id: str, *,
            read_scenario: Callable[[str, str], Scenario] = load_scenario) -> Rebuilt:
    """Generated text is read back from the log (``from_events``), never drawn again."""
    log = read_log(store, drill_id, read_scenario=read_scenario)
    return Rebuilt(log.record, log.scenario, log.fold())


def reopen(store: Store, drill_id: str, *, ended_ok: bool = False,
           read_scenario: Callable[[str, str], Scenario] = load_scenario):
    """A stored drill to go on with, as `drill resume` and `drill serve --resume` reopen one: rebuilt,
    paused where it stopped (the pause recorded: the facilitator resumes when the room is ready) and
    recording into the same drill. Returns (Rebuilt, StoreRecorder); raises StoreError if it has ended,
    unless ``ended_ok`` (`drill resume` of an ended drill opens its debrief, for the hot wash)."""
    from drill.engine import Pause
    from drill.store.recorder import StoreRecorder

    rebuilt = rebuild(store, drill_id, read_scenario=read_scenario)
    engine = rebuilt.engine
    if engine.ended and not ended_ok:
        raise StoreError(f"drill {drill_id} has ended: `drill replay {drill_id}` shows it, "
                         f"`drill report {drill_id}` writes its report")
    recorder = StoreRecorder(store, drill_id)
    if not engine.paused and not engine.ended:
        recorder.record(engine.handle(Pause()))
    return rebuilt, recorder
