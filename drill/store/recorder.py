"""Recording a drill as it is played, and keeping a drill played headless.

``StoreRecorder`` is the recorder the terminal UI is given (``drill.live.recorder``):
it calls ``record(events)`` with every batch before showing it, ``save_draft`` on
every change to the unsent text and ``set_clock`` every second. Each batch is one
committed transaction, or raises StoreError. A batch that failed (a store locked for
too long, a full disk) is kept and stored ahead of the next one, so the log never
has a gap; ``pending`` says how many events still wait.

Drafts are written at most every ``DRAFT_SECONDS``: the first change at once, the
last one of a burst of typing that long after it, from a timer thread, so a crash
loses at most that much typing. The batch that records a sent message clears the
draft in its own transaction (``Store.append``).
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Callable, Iterable

from drill.engine.events import Event
from drill.store.store import Store

if TYPE_CHECKING:  # pragma: no cover
    from drill.engine.engine import DrillEngine

# The text and source name of the scenario being played, asked for when the drill is first stored.
ScenarioText = Callable[[], tuple[str, str]]
Draft = tuple[str, "str | None", "str | None"]

DRAFT_SECONDS = 0.25


class StoreRecorder:
    """Records into drill ``drill_id``; or, with ``scenario_text``, creates the drill from its first batch."""

    def __init__(self, store: Store, drill_id: str | None = None, scenario_text: ScenarioText | None = None,
                 *, clock: Callable[[], float] = time.monotonic, later: bool = True):
        """``later`` False: a draft waiting out ``DRAFT_SECONDS`` is written only by the next call or
        ``flush_draft`` (tests, with ``clock``, decide when time has passed)."""
        if drill_id is None and scenario_text is None:
            raise ValueError("a recorder needs a drill id, or the scenario text to create the drill with")
        self.store = store
        self.drill_id = drill_id
        self._scenario_text = scenario_text
        self._pending: list[Event] = []
        self._clock, self._later = clock, later
        self._lock = threading.Lock()  # the timer thread and the caller take turns with the store
        self._draft: Draft | None = None  # a change not written yet
        self._draft_written_at = float("-inf")
        self._timer: threading.Timer | None = None

    @property
    def pending(self) -> int:
        return len(self._pending)

    def record(self, events: Iterable[Event]) -> None:
        with self._lock:
            self._pending.extend(events)
            if not self._pending:
                self._write_draft()
                return
            if self.drill_id is None:
                text, name = self._scenario_text()
                self.drill_id = self.store.create_drill(self._pending, text, name)
            else:
                self.store.append(self.drill_id, self._pending)
            if any(event.kind == "response_recorded" for event in self._pending):
                self._draft = None  # written before the send: it holds the message just stored
            self._pending = []
            self._write_draft()

    def save_draft(self, text: str, role: str | None = None, channel: str | None = None) -> None:
        with self._lock:
            if self.drill_id is None:
                return
            self._draft = (text, role, channel)
            wait = self._draft_written_at + DRAFT_SECONDS - self._clock()
            if wait <= 0:
                self._write_draft()
            elif self._later and self._timer is None:
                self._timer = threading.Timer(wait, self._write_draft_later)
                self._timer.daemon = True
                self._timer.start()

    def flush_draft(self) -> None:
        """Write a draft still waiting out ``DRAFT_SECONDS`` now."""
        with self._lock:
            self._write_draft()

    def close(self) -> None:
        """Write what waits and stop the timer (the store stays open for the caller to close)."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            try:
                self._write_draft()
            except Exception:  # the store is failing: the draft was its last change, not a message
                pass

    def set_clock(self, seconds: int) -> None:
        # With events still unstored, a later clock would let a resumed drill skip past them.
        with self._lock:
            if self.drill_id is not None and not self._pending:
                self.store.set_clock(self.drill_id, seconds)
            self._write_draft()

    def _write_draft(self) -> None:
        if self._draft is None or self.drill_id is None:
            return
        text, role, channel = self._draft
        self.store.save_draft(self.drill_id, text, role, channel)
        self._draft, self._draft_written_at = None, self._clock()

    def _write_draft_later(self) -> None:
        with self._lock:
            self._timer = None
            try:
                self._write_draft()
            except Exception:  # kept: the next call writes it, or says why it cannot
                pass


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
