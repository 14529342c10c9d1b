"""A store recorder's writes on a thread of their own, so a busy store never freezes the caller.

``StoreWriter`` owns every write of one ``StoreRecorder`` once the terminal UI has
asked for it (``StoreRecorder.write_in_background``): batches, drafts and the clock
are queued and written in the order given, by one thread. Each job gets a ticket
(1, 2, ...); ``progress`` says which ticket was answered last, the last event
stored, and why the store is failing now (a write that failed, or one that has
not come back for ``STUCK_SECONDS``), so the caller shows only what is stored and
pauses while nothing can be. ``notify`` is called from the writer's thread after
each job; the caller marshals it to its own thread and reads ``progress`` there.

Batches queued one after another are written in one transaction; drafts and the
clock keep their places between them (a sent message clears the draft typed
before it, never the one typed after). A failed batch is kept by the recorder and
written ahead of the next one, or by a retry (``submit([])``).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import TYPE_CHECKING, Any, Callable, NamedTuple

from drill.store.errors import StoreError

if TYPE_CHECKING:  # pragma: no cover
    from drill.engine.events import Event
    from drill.store.recorder import StoreRecorder

# A write that has not come back after this long is reported as a failure (the drill pauses), and
# is how long closing waits for the queue before it gives up on a store that does not answer.
STUCK_SECONDS = 2.0


class Progress(NamedTuple):
    answered: int  # the last ticket whose job has been tried, whatever came of it
    stored: int  # the seq of the last event stored (0: none yet)
    failure: str | None  # why the store cannot take what waits; None while it works


class StoreWriter:
    """The single thread that writes for ``recorder``; started at once, stopped by ``close``."""

    def __init__(self, recorder: StoreRecorder, notify: Callable[[], None] | None = None, *,
                 clock: Callable[[], float] = time.monotonic):
        self.recorder = recorder
        self._notify = notify or (lambda: None)
        self._clock = clock
        self._changed = threading.Condition()
        self._jobs: deque[tuple[int, str, Any]] = deque()
        self._tickets = 0
        self._answered = 0
        self._stored = recorder.stored_seq
        self._failure: str | None = None
        self._busy_since: float | None = None  # when the job being written started
        self._writing: tuple[str, Any] | None = None  # that job
        self._draft_failed = False  # the last write failed: a waiting draft is not tried on its own
        self._closing = False
        self._thread = threading.Thread(target=self._run, name="drill-store-writer", daemon=True)
        self._thread.start()

    # --- the caller's side: every call returns at once ---------------------------

    def submit(self, events: list[Event]) -> int:
        """Queue a batch (``[]``: try a failed one again); its ticket."""
        return self._queue("record", list(events))

    def save_draft(self, text: str, role: str | None = None, channel: str | None = None) -> int:
        return self._queue("draft", (text, role, channel))

    def set_clock(self, seconds: int) -> int:
        return self._queue("clock", seconds)

    def progress(self) -> Progress:
        with self._changed:
            failure = self._failure
            if self._busy_since is not None:
                waited = self._clock() - self._busy_since
                if waited >= STUCK_SECONDS:
                    failure = (f"the drill store {self.recorder.store.label} has not answered for {waited:.0f} s "
                               "(a slow or stuck disk?); what it has not taken waits for it")
            return Progress(self._answered, self._stored, failure)

    def unstored(self) -> list[Event]:
        """Every event not stored yet, in order: the recorder's failed batch, the one being written, those queued."""
        with self._changed:
            jobs = [*([self._writing] if self._writing else []), *((kind, value) for _, kind, value in self._jobs)]
            waiting = [*self.recorder.unwritten, *(event for kind, events in jobs if kind == "record" for event in events)]
            stored = self.recorder.stored_seq
            return sorted({event.seq: event for event in waiting if event.seq > stored}.values(),
                          key=lambda event: event.seq)

    def wait(self, ticket: int | None = None, timeout: float | None = None) -> bool:
        """Block until ``ticket`` (default: every job queued so far) has been tried; False on timeout.
        For tests and for closing; the terminal UI never calls it."""
        with self._changed:
            ticket = self._tickets if ticket is None else ticket
            return self._changed.wait_for(lambda: self._answered >= ticket, timeout)

    def close(self, timeout: float | None = None) -> bool:
        """Write what is queued and stop the thread; False if the store has not answered within
        ``timeout`` (default ``STUCK_SECONDS``; the thread is left waiting on it, the queue as it is)."""
        with self._changed:
            self._closing = True
            self._changed.notify_all()
        self._thread.join(STUCK_SECONDS if timeout is None else timeout)
        return not self._thread.is_alive()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _queue(self, kind: str, value: Any) -> int:
        with self._changed:
            if self._closing:
                raise StoreError(f"the drill store {self.recorder.store.label} is being closed")
            self._tickets += 1
            self._jobs.append((self._tickets, kind, value))
            self._changed.notify_all()
            return self._tickets

    # --- the writer's thread -------------------------------------------------------

    def _run(self) -> None:
        while True:
            with self._changed:
                while not self._jobs and not self._closing:
                    wait = None if self._draft_failed else self.recorder.draft_wait()
                    if wait is not None and wait <= 0:
                        break
                    self._changed.wait(wait)
                if not self._jobs and self._closing:
                    return
                ticket, kind, value = self._take()
                self._busy_since, self._writing = self._clock(), (kind, value)
            failure = self._write(kind, value)
            with self._changed:
                self._busy_since = self._writing = None
                if ticket:
                    self._answered = ticket
                self._stored = self.recorder.stored_seq
                self._draft_failed = failure is not None  # a waiting draft is tried again with the next job only
                if failure is not None:
                    self._failure = failure
                elif not self.recorder.unwritten:  # nothing failed is kept: the store works
                    self._failure = None
                self._changed.notify_all()
            try:
                self._notify()
            except Exception:  # the caller has gone (an app that has exited): it reads progress when it likes
                pass

    def _take(self) -> tuple[int, str, Any]:
        """The next job; batches queued one after another become one (ticket 0: a draft's time came)."""
        if not self._jobs:
            return 0, "draft_due", None
        ticket, kind, value = self._jobs.popleft()
        if kind == "record":
            while self._jobs and self._jobs[0][1] == "record":
                ticket, _, more = self._jobs.popleft()
                value = [*value, *more]
        return ticket, kind, value

    def _write(self, kind: str, value: Any) -> str | None:
        recorder = self.recorder
        try:
            if kind == "record":
                recorder.record(value)
            elif kind == "draft":
                recorder.save_draft(*value)
            elif kind == "clock":
                recorder.set_clock(value)
            else:
                recorder.flush_draft()
        except Exception as error:  # any failure of the store: reported, and the batch kept
            return " ".join(str(error).split()) or type(error).__name__
        return None
