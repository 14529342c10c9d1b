"""Recording a drill as it is played, and keeping a drill played headless.

``StoreRecorder`` is the recorder a live drill is given (``drill.live.recorder``):
the drill calls ``record(events)`` with every batch before showing it, ``save_draft`` on
every change to the unsent text and ``set_clock`` every second. Each batch is one
committed transaction, or raises StoreError. A batch that failed (a store locked for
too long, a full disk) is kept and stored ahead of the next one, so the log never
has a gap; ``pending`` says how many events still wait.

Drafts are written at most every ``DRAFT_SECONDS``: the first change at once, the
last one of a burst of typing that long after it, from a timer thread, so a crash
loses at most that much typing. The batch that records a sent message clears the
draft in its own transaction (``Store.append``).

Every call waits for the store (up to its busy timeout) and answers with the outcome:
what a headless drill or a server needs. The terminal UI, which must never wait,
asks for ``write_in_background``: a ``StoreWriter`` (``drill.store.writer``) then
makes every write on one thread of its own, drafts' delays included, and ``close``
waits a bounded time for it. Events a store would not take by the end are kept in
a file beside the store (``unstored_path``), and the error says where.
"""

from __future__ import annotations

import json
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from drill.engine.events import Event
from drill.store.errors import StoreError
from drill.store.store import Store

if TYPE_CHECKING:  # pragma: no cover
    from drill.engine.engine import DrillEngine
    from drill.store.writer import StoreWriter

# The text and source name of the scenario being played, asked for when the drill is first stored.
ScenarioText = Callable[[], tuple[str, str]]
Draft = tuple[str, "str | None", "str | None"]

DRAFT_SECONDS = 0.25


class StoreRecorder:
    """Records into drill ``drill_id``; or, with ``scenario_text``, creates the drill from its first batch."""

    def __init__(self, store: Store, drill_id: str | None = None, scenario_text: ScenarioText | None = None,
                 *, clock: Callable[[], float] = time.monotonic, later: bool = True, team: str = ""):
        """``later`` False: a draft waiting out ``DRAFT_SECONDS`` is written only by the next call or
        ``flush_draft`` (tests, with ``clock``, decide when time has passed)."""
        if drill_id is None and scenario_text is None:
            raise ValueError("a recorder needs a drill id, or the scenario text to create the drill with")
        self.store = store
        self.drill_id = drill_id
        self.team = team  # the label a new drill is stored with
        self._scenario_text = scenario_text
        self._pending: list[Event] = []
        self._clock, self._later = clock, later
        self._lock = threading.Lock()  # the timer (or writer's) thread and the caller take turns with the store
        self._draft: Draft | None = None  # a change not written yet
        self._draft_written_at = float("-inf")
        self._timer: threading.Timer | None = None
        self.stored_seq = 0  # the last event this recorder stored
        self._writer: StoreWriter | None = None
        self._stuck_writer: StoreWriter | None = None  # closed while the store had not answered
        self.unstored_file: Path | None = None  # where events the store never took were kept
        self._closed = False  # after the drill: a batch that still fails is kept in a file

    @property
    def pending(self) -> int:
        """Events not stored yet (a failed batch, and any still queued for the writer's thread)."""
        return len(self.unstored)

    @property
    def unwritten(self) -> list[Event]:
        """The failed batch kept for the next write."""
        return list(self._pending)

    @property
    def unstored(self) -> list[Event]:
        writer = self._writer or self._stuck_writer
        return writer.unstored() if writer is not None else list(self._pending)

    def write_in_background(self, notify: Callable[[], None] | None = None) -> StoreWriter:
        """From now on every write is made by one thread of its own (``StoreWriter``), which calls
        ``notify`` from that thread after each; talk to the writer, not to this recorder, until ``close``."""
        from drill.store.writer import StoreWriter

        with self._lock:
            if self._writer is None:
                if self._timer is not None:
                    self._timer.cancel()
                    self._timer = None
                self._later = False  # the writer's thread writes a waiting draft when its time comes
                self._writer = StoreWriter(self, notify)
            return self._writer

    def record(self, events: Iterable[Event]) -> None:
        self._refuse_if_stuck()
        with self._lock:
            self._pending.extend(events)
            if not self._pending:
                self._write_draft()
                return
            try:
                if self.drill_id is None:
                    text, name = self._scenario_text()
                    self.drill_id = self.store.create_drill(self._pending, text, name, self.team)
                else:
                    self.store.append(self.drill_id, self._pending)
            except StoreError as error:
                if self._closed:  # the last try, after the drill: keep the events where they can be found
                    raise self._kept_elsewhere(error) from None
                raise
            if any(event.kind == "response_recorded" for event in self._pending):
                self._draft = None  # written before the send: it holds the message just stored
            self.stored_seq = self._pending[-1].seq
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

    def draft_wait(self) -> float | None:
        """Seconds until a waiting draft is due (0 or less: now); None with none waiting."""
        if self._draft is None or self.drill_id is None:
            return None
        return self._draft_written_at + DRAFT_SECONDS - self._clock()

    def close(self) -> None:
        """Write what waits and stop the timer (the store stays open for the caller to close).
        With a writer's thread, what it has queued is written first; if the store does not answer
        within ``drill.store.writer.STUCK_SECONDS``, the events it has not taken are kept in ``unstored_path`` and
        StoreError says so."""
        self._closed = True
        writer, self._writer = self._writer, None
        if writer is not None and not writer.close():
            from drill.store.writer import STUCK_SECONDS

            self._stuck_writer = writer
            raise self._kept_elsewhere(StoreError(
                f"the drill store {self.store.label} did not answer within {STUCK_SECONDS:g} s "
                "(a slow or stuck disk?)"))
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

    def _refuse_if_stuck(self) -> None:
        if self._stuck_writer is not None and self._stuck_writer.running:  # it holds the lock, waiting on the store
            raise self._kept_elsewhere(StoreError(f"the drill store {self.store.label} still has not answered"))

    def unstored_path(self) -> Path:
        """Beside the store: ``drill.db`` keeps what it could not take in ``drill.db-unstored-ID-TIME.jsonl``
        (a PostgreSQL store, in the current folder as ``drill-store-unstored-ID-TIME.jsonl``)."""
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        return self.store.spill_path(f"unstored-{self.drill_id or 'new'}-{stamp}.jsonl")

    def _kept_elsewhere(self, error: StoreError) -> StoreError:
        """``error``, saying where the events the store did not take were kept (written once, on the first call)."""
        events = self.unstored
        if not events:
            return error
        if self.unstored_file is None:
            from drill.files import write_text_atomic

            path = self.unstored_path()
            lines = [json.dumps({"drill_id": self.drill_id, "seq": event.seq, "at": event.at, "kind": event.kind,
                                 "data": event.data}, ensure_ascii=False, separators=(",", ":"))
                     for event in events]
            try:
                write_text_atomic(path, "\n".join(lines) + "\n")
            except OSError as problem:
                return StoreError(f"{error}; the last {len(events)} events were not stored, and could not be kept "
                                  f"in {path} either ({problem.strerror or problem})")
            self.unstored_file = path
        return StoreError(f"{error}; the last {len(events)} events were not stored: they are kept in "
                          f"{self.unstored_file}, one JSON event a line")

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


def begin_recording(store: Store, engine: DrillEngine, scenario_source: str, scenario_file: str,
                    team: str = "") -> StoreRecorder:
    """Store a new drill with the events it has so far (its ``drill_started``) and record the rest."""
    drill_id = store.create_drill(engine.log, scenario_source, scenario_file, team)
    recorder = StoreRecorder(store, drill_id)
    recorder.stored_seq = engine.log[-1].seq
    return recorder


def record_finished(store: Store, engine: DrillEngine, scenario_source: str, scenario_file: str,
                    report: dict | None, team: str = "") -> str:
    """Store a drill played at full speed (``drill simulate``): its whole log at once, then its results."""
    drill_id = store.create_drill(engine.log, scenario_source, scenario_file, team)
    store.set_clock(drill_id, engine.clock)
    if report is not None:
        from drill.store.results import results_of

        store.set_results(drill_id, results_of(report))
    return drill_id
