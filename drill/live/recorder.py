"""What a live drill tells a recorder (such as a store) while it runs.

The app calls the recorder from the UI thread, so each call should be quick. A batch
that records a sent message clears the saved draft with it.
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

        If it raises, the app holds the batch back, pauses the drill and later calls
        ``record`` again (with the pause, or with ``[]`` when the facilitator retries):
        a recorder should keep a failed batch and store it ahead of the next one.
        """

    def save_draft(self, text: str, role: str | None = None, channel: str | None = None) -> None:
        """The composer's unsent text, on every change ("" once sent); the recorder may write
        changes less often, as long as a crash loses no more than a moment's typing.

        ``role`` and ``channel`` are what the composer had chosen for it (None with no text).
        """

    def set_clock(self, seconds: int) -> None:
        """Scenario time, every second while it moves: time passes without events."""


class NullRecorder:
    def record(self, events: list[Event]) -> None:
        pass

    def save_draft(self, text: str, role: str | None = None, channel: str | None = None) -> None:
        pass

    def set_clock(self, seconds: int) -> None:
        pass
