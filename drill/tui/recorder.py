"""What the UI tells a recorder (such as a store) while a drill runs.

The app calls the recorder from the UI thread, so each call should be quick.
``NullRecorder`` does nothing and is used when no recorder is given.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from drill.engine.events import Event


@runtime_checkable
class Recorder(Protocol):
    def record(self, events: list[Event]) -> None:
        """Every batch of new events, in order, before the UI shows them.

        When the app starts the drill itself, the first batch is ``[drill_started]``;
        when it is given an engine, only events after the engine's log are recorded.
        """

    def save_draft(self, text: str) -> None:
        """The composer's unsent text, every few seconds while it changes ("" once sent)."""

    def set_clock(self, seconds: int) -> None:
        """Scenario time, every few seconds while it moves: time passes without events."""


class NullRecorder:
    def record(self, events: list[Event]) -> None:
        pass

    def save_draft(self, text: str) -> None:
        pass

    def set_clock(self, seconds: int) -> None:
        pass
