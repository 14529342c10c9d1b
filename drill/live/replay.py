"""A recorded drill played back: a cursor that hands out stored events as replay time passes them, and
the replayed drill the UI reads.

The app's timer (or a test) moves the cursor on by scenario seconds; every stored
event whose ``at`` has come round is handed out once, in log order. Nothing is
recomputed: the events are the stored ones.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Sequence

from drill.engine.events import Event
from drill.scenario.model import Scenario


@dataclass(frozen=True)
class ReplaySource:
    """A stored drill to watch: its scenario, its event log (from ``drill_started``) and the time it reached."""

    scenario: Scenario
    events: Sequence[Event]
    clock: int = 0  # time passes without events: a drill can have reached a later time than its last event

    def __post_init__(self) -> None:
        if not self.events or self.events[0].kind != "drill_started":
            raise ValueError("a recorded drill's log must begin with drill_started")

    @property
    def end(self) -> int:
        return max(self.clock, self.events[-1].at)


class ReplayCursor:
    def __init__(self, source: ReplaySource) -> None:
        self.source = source
        self._times = [event.at for event in source.events]
        self.clock = 0.0
        self.shown = 0

    @property
    def events(self) -> list[Event]:
        """The events handed out so far."""
        return list(self.source.events[: self.shown])

    @property
    def finished(self) -> bool:
        return self.clock >= self.source.end and self.shown == len(self.source.events)

    def advance(self, scenario_seconds: float) -> list[Event]:
        """Move replay time on (never past the drill's end); the events it reached, oldest first."""
        self.clock = min(self.clock + max(scenario_seconds, 0.0), float(self.source.end))
        upto = bisect_right(self._times, self.clock)
        new = list(self.source.events[self.shown:upto])
        self.shown = max(self.shown, upto)
        return new


class ReplayDrill:
    """A stored drill watched again: read like a live drill, moved on by replay time, never changed.

    Every event is the stored one; the public's state and each message's grade
    are read back from the log, one event at a time, as they were when it happened.
    """

    read_only = True
    started = True
    store_error = None

    def __init__(self, source: ReplaySource) -> None:
        from drill.grading import grade_log  # grades a log from before grades were recorded
        from drill.wiring import rebuild_drill

        self.source = source
        self.scenario = source.scenario
        self.cursor = ReplayCursor(source)
        self.engine = rebuild_drill(source.scenario, self.cursor.advance(0))
        self.start_time = self.engine.state.start_time
        self.all_grades = grade_log(source.scenario, source.events)
        self.grades = {}
        self.paused = False
        self._listeners: list = []
        self._reveal(self.engine.log)

    @property
    def state(self):
        return self.engine.state

    @property
    def clock(self) -> int:
        return int(self.cursor.clock)

    @property
    def ended(self) -> bool:
        return self.engine.ended

    @property
    def phase(self) -> str:
        return str(self.engine.state.facts.get("phase") or "")

    @property
    def shown_log(self) -> list[Event]:
        return self.engine.log

    @property
    def finished(self) -> bool:
        return self.cursor.finished

    def subscribe(self, listener) -> None:
        self._listeners.append(listener)

    def tick(self, scenario_seconds: float) -> list[Event]:
        """Move replay time on (not while paused); the stored events it reached."""
        if self.paused or self.cursor.finished:
            return []
        return self._show(self.cursor.advance(scenario_seconds))

    def skip(self) -> list[Event]:
        """Jump to the next stored event, however far ahead (nothing is skipped over unseen)."""
        upcoming = self.source.events[self.cursor.shown:]
        if not upcoming:
            return self._show(self.cursor.advance(self.source.end))
        return self._show(self.cursor.advance(max(upcoming[0].at - self.cursor.clock, 0.0)))

    def toggle_pause(self) -> list[Event]:
        self.paused = not self.paused
        return []

    def _show(self, new: list[Event]) -> list[Event]:
        for event in new:  # one at a time, so the state each widget reads is the one of that moment
            self.engine.fold([event])
        self._reveal(new)
        if new:
            for listener in self._listeners:
                listener(new)
        return new

    def _reveal(self, events) -> None:
        for event in events:
            if event.kind == "response_recorded":
                response_id = event.data["response_id"]
                if response_id in self.all_grades:
                    self.grades[response_id] = self.all_grades[response_id]
