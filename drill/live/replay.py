"""A recorded drill played back: a cursor that hands out stored events as replay time passes them.

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
