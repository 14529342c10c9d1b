"""What the widgets read of the drill, through the app: the live drill's state, or the scenario
alone before a new drill has started (its first screen is painted first)."""

from __future__ import annotations

from datetime import datetime

from drill.engine.events import Event
from drill.scenario.model import Scenario


class LiveView:
    """Read-only views of ``self.live`` (a ``LiveDrill`` or ``ReplayDrill``), mixed into ``DrillApp``."""

    @property
    def read_only(self) -> bool:
        """A replay: nothing can be changed."""
        return self.live is not None and self.live.read_only

    @property
    def replay(self):
        """The ``ReplayDrill`` being watched, or None."""
        return self.live if self.read_only else None

    @property
    def scenario(self) -> Scenario | None:
        return self.live.scenario if self.live is not None else None

    @property
    def engine(self):
        return self.live.engine if self.live is not None else None

    @property
    def seed(self) -> int | None:
        """The seed the drill runs (or will run) with."""
        if self.live is None:
            return None
        return self.live.engine.seed if self.live.engine is not None else self.live.scenario.seed_for(self.live.seed)

    @property
    def grades(self) -> dict:
        return self.live.grades if self.live is not None else {}

    @property
    def start_time(self) -> datetime | None:
        return self.live.start_time if self.live is not None else None

    @property
    def shown_log(self) -> list[Event]:
        return self.live.shown_log if self.live is not None else []

    @property
    def replay_finished(self) -> bool:
        return self.replay is not None and self.replay.finished

    @property
    def training(self) -> bool:
        return not self.exam
