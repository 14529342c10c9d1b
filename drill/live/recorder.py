"""What a live drill tells a recorder (such as a store) while it runs.

A ``Recorder`` answers each call before it returns: the batch is stored, or it
raises. A batch that records a sent message clears the saved draft with it.
``NullRecorder`` does nothing and is used when no recorder is given.

A recorder that can also write on a thread of its own offers
``write_in_background(notify)``, which returns a ``BackgroundRecorder``: the
terminal UI asks for it (``LiveDrill.record_in_background``) so a busy store never
freezes the screen.
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


@runtime_checkable
class BackgroundRecorder(Protocol):
    """Queues every call and returns at once; one thread of its own writes them in order.

    Each call returns its ticket (1, 2, ...). ``notify`` (given when it was started) is
    called from that thread after each write; ``progress`` is read from any thread.
    A failed batch is kept and written ahead of the next one, or by ``submit([])``.
    """

    def submit(self, events: list[Event]) -> int:
        """Queue a batch; ``[]`` tries a failed one again."""

    def save_draft(self, text: str, role: str | None = None, channel: str | None = None) -> int: ...

    def set_clock(self, seconds: int) -> int: ...

    def progress(self) -> tuple[int, int, str | None]:
        """(answered, stored, failure): the last ticket tried, whatever came of it; the seq of the last
        event stored (0: none yet); why the store cannot take what waits (a write that failed, or
        one that has not come back for a while), None while it works."""


class NullRecorder:
    def record(self, events: list[Event]) -> None:
        pass

    def save_draft(self, text: str, role: str | None = None, channel: str | None = None) -> None:
        pass

    def set_clock(self, seconds: int) -> None:
        pass
