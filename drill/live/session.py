"""A drill being played live, without a UI: commands in, events shown out, every batch recorded first.

``LiveDrill`` owns the engine, the recorder and the scenario clock's fraction of
a second. A batch of events is shown (handed to the listeners) only once the
recorder has taken it. If recording fails, the batch is held back, the drill is
paused and ``store_error`` says why; ``retry`` tries the recorder again and shows
what was held. Each message is graded once, by the engine, and the grade is in
the log: the public, the feed and the report read the same one.

A recorder answers each batch before ``send`` returns, unless the drill is asked
to ``record_in_background`` (the terminal UI, which must never wait for a busy
store): batches are then queued with a recorder writing on its own thread
(``BackgroundRecorder``), ``send`` returns at once, and the events are shown by
``collect``, which the caller runs on its own thread whenever the recorder says it
has answered (its ``notify``) and now and then besides. The same rules hold: shown
only once stored, in order; a failure pauses the drill; ``retry`` (answered by a
later ``collect``) shows what was held and F2 resumes.

The terminal UI drives it with real time; ``simulate`` and tests drive it
directly. A new drill is created unstarted (``LiveDrill.new``) so a UI can paint
before the engine starts; ``LiveDrill.resume`` continues a rebuilt one.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Callable

from drill.engine.commands import (
    Advance, AssignRoles, Choose, Command, CommandRejected, End, EvaluatorNote, InjectAdHoc, NextMove, Pause, Relay,
    Release, Respond, Resume,
)
from drill.engine.events import Event
from drill.live.clock import ScenarioClock
from drill.live.recorder import BackgroundRecorder, NullRecorder, Recorder
from drill.scenario.model import Scenario

if TYPE_CHECKING:  # pragma: no cover - these load when the drill begins, after the first paint
    from drill.engine.engine import DrillEngine
    from drill.grading import LoggedGrades

# What waits while the store fails: each would add events nobody could see until it works again.
HELD_BY_STORE = (Advance, Respond, Relay, EvaluatorNote, InjectAdHoc, Choose, Release, NextMove)
STORE_FAILING = "Not done: the drill store is failing. Retry saving (F2) first."

Listener = Callable[[list[Event]], None]


class LiveDrill:
    """One drill being played; read its state, send it commands, tick its clock."""

    read_only = False

    def __init__(self, scenario: Scenario, recorder: Recorder | None = None, *, seed: int | None = None,
                 start_time: datetime | None = None, engine: DrillEngine | None = None) -> None:
        self.scenario = engine.scenario if engine is not None else scenario
        self.seed = seed
        self.start_time = engine.state.start_time if engine is not None else start_time
        self.recorder: Recorder = recorder or NullRecorder()
        self.engine: DrillEngine | None = engine
        self.store_error: str | None = None
        self._grades: LoggedGrades | None = None
        self._listeners: list[Listener] = []
        self._held: list[Event] = []  # events the recorder has not taken yet: not shown
        self._clock = ScenarioClock()
        self._saved_draft: tuple[str, str | None, str | None] = ("", None, None)
        self._saved_clock: int | None = None
        self._writer: BackgroundRecorder | None = None  # set by ``record_in_background``
        self._submitted = self._answered = 0  # tickets: the last batch queued, the last the writer tried
        self._retry_ticket: int | None = None  # a retry the writer has not answered yet
        self._resume_when_stored = False  # F2 while failing: resume once the retry works
        if engine is not None:
            self._read_grades(engine.log)

    # --- making one -------------------------------------------------------------

    @classmethod
    def new(cls, scenario: Scenario, seed: int | None = None, start_time: datetime | None = None,
            recorder: Recorder | None = None) -> "LiveDrill":
        """A drill not yet started: ``begin`` starts it at T+0 and records its first event."""
        return cls(scenario, recorder, seed=seed, start_time=start_time)

    @classmethod
    def resume(cls, engine: DrillEngine, recorder: Recorder | None = None,
               draft: tuple[str, str | None, str | None] = ("", None, None)) -> "LiveDrill":
        """A rebuilt drill; only events after its log are recorded. ``draft`` is the one saved with it."""
        live = cls(engine.scenario, recorder, engine=engine)
        live._saved_draft = draft
        live._saved_clock = engine.clock
        return live

    def begin(self) -> list[Event]:
        """Start the engine at T+0 (once); the events shown."""
        if self.engine is not None:
            return []
        from drill.wiring import start_drill  # Faker and the public load here, not when the UI paints

        self.engine = start_drill(self.scenario, self.seed, self.start_time)
        return self._deliver(list(self.engine.log))

    # --- reading ------------------------------------------------------------------

    @property
    def started(self) -> bool:
        return self.engine is not None

    @property
    def state(self):
        return self.engine.state if self.engine is not None else None

    @property
    def clock(self) -> int:
        return self.engine.clock if self.engine is not None else 0

    @property
    def paused(self) -> bool:
        return self.engine is not None and self.engine.paused

    @property
    def ended(self) -> bool:
        return self.engine is not None and self.engine.ended

    @property
    def phase(self) -> str:
        return str(self.engine.state.facts.get("phase") or "") if self.engine is not None else ""

    @property
    def shown_log(self) -> list[Event]:
        """The log as far as it may be shown: without the newest events the recorder has not taken."""
        log = self.engine.log if self.engine is not None else []
        return log[: len(log) - len(self._held)] if self._held else log

    def next_due(self, kind: str | None = None) -> int | None:
        return self.engine.next_due(kind) if self.engine is not None else None

    def subscribe(self, listener: Listener) -> None:
        """``listener(events)`` gets every batch once it may be shown, in order."""
        self._listeners.append(listener)

    @property
    def in_background(self) -> bool:
        """The recorder writes on a thread of its own (``record_in_background``): ``collect`` shows."""
        return self._writer is not None

    @property
    def retrying(self) -> bool:
        """A retry was asked of a recorder writing in the background and it has not answered yet."""
        return self._retry_ticket is not None

    @property
    def waiting(self) -> bool:
        """Batches handed to a recorder writing in the background that it has not answered yet."""
        return self._submitted > self._answered

    # --- commands -----------------------------------------------------------------

    def send(self, command: Command) -> list[Event]:
        """Carry out a command; the events it caused. Raises CommandRejected with a reason people read."""
        if self.engine is None:
            raise CommandRejected("the drill has not started yet")
        if self.store_error is not None and isinstance(command, HELD_BY_STORE):
            raise CommandRejected(STORE_FAILING)
        events = self.engine.handle(command)
        self._deliver(events)
        return events

    def tick(self, scenario_seconds: float) -> list[Event]:
        """Move scenario time on; the fraction of a second left over waits for the next tick.
        Nothing moves while the drill is paused, ended or unable to save, nor ever in a drill of moves
        (``mode: moves``), whose time moves only when the facilitator starts the next move."""
        if self.engine is None or self.engine.ended or self.engine.paused or self.store_error is not None:
            return []
        if self.scenario.in_moves:
            return []
        whole = self._clock.take(scenario_seconds)
        return self.send(Advance(by=whole)) if whole else []

    def hold(self) -> None:
        """Forget the fraction of a second, after a pause, a jump or a dialog: no half second carries over."""
        self._clock.reset()

    def start_clock(self, participants: dict[str, str], paused: bool = False) -> list[Event]:
        """Leave the briefing: who plays which role, what is due at T+0, and the clock from now."""
        events: list[Event] = []
        if participants:
            events += self.send(AssignRoles(participants))
        events += self.send(Advance(to=self.engine.clock))  # what is due at T+0 arrives with the start
        if paused:
            events += self.send(Pause())
        self.hold()
        return events

    def toggle_pause(self) -> list[Event]:
        """Pause or resume; with the store failing, retry it first and resume only if it works."""
        self.hold()
        if self.store_error is not None:
            if self.retry():
                return self.send(Resume()) if self.engine.paused else []
            self._resume_when_stored = self.retrying  # in the background: once the store has taken it
            return []
        return self.send(Resume() if self.engine.paused else Pause())

    def next_inject(self) -> list[Event] | None:
        """Jump the clock to the next scheduled inject; None if there is none."""
        due = self.engine.next_due(kind="inject")
        if due is None:
            return None
        self.hold()
        return self.send(Advance(to=max(due, self.engine.clock)))

    def next_move(self) -> list[Event]:
        """A drill of moves: start the next move (after the last one, the drill ends)."""
        self.hold()
        return self.send(NextMove())

    def end(self) -> list[Event]:
        return [] if self.engine.ended else self.send(End())

    # --- recording ------------------------------------------------------------------

    def record_in_background(self, notify: Callable[[], None] | None = None) -> bool:
        """Let the recorder write on a thread of its own, if it can (``write_in_background``); False if it
        cannot, and every batch is still recorded before ``send`` returns. ``notify`` is called from that
        thread after each write: call ``collect`` on the drill's own thread then."""
        start = getattr(self.recorder, "write_in_background", None)
        if self._writer is None and start is not None:
            self._writer = start(notify)
        return self._writer is not None

    def collect(self) -> list[Event]:
        """What a recorder writing in the background has stored since: shown now, in order. If it is
        failing, the drill pauses and ``store_error`` says why; a retry's answer is taken here."""
        if self._writer is None or self.engine is None:
            return []
        answered, stored, failure = self._writer.progress()
        self._answered = answered
        count = 0
        while count < len(self._held) and self._held[count].seq <= stored:
            count += 1
        shown, self._held = self._held[:count], self._held[count:]
        resume = False
        if self._retry_ticket is not None and answered >= self._retry_ticket:
            self._retry_ticket, self.store_error = None, failure
            resume, self._resume_when_stored = self._resume_when_stored and failure is None, False
        elif failure is not None and self.store_error is None:
            self.store_error = failure
            self._pause_for_store()
        self._publish(shown)
        if resume and self.engine.paused and not self.engine.ended:
            self.send(Resume())
        return shown

    def _deliver(self, events: list[Event]) -> list[Event]:
        self._read_grades(events)
        if self._writer is not None:  # shown by ``collect`` once stored
            if events:
                self._held.extend(events)
                self._submitted = self._writer.submit(events)
                if any(event.kind == "response_recorded" for event in events):
                    self._saved_draft = ("", None, None)  # cleared with it, in the writer's order
            return []
        shown = self._record(events)
        if shown is None:
            shown = self._pause_for_store()
        elif any(event.kind == "response_recorded" for event in shown):
            self._saved_draft = ("", None, None)  # the store cleared it with the message it recorded
        self._publish(shown)
        return shown

    def _publish(self, shown: list[Event]) -> None:
        if shown:
            for listener in self._listeners:
                listener(shown)

    @property
    def grades(self) -> "LoggedGrades":
        """Each recorded message's grade, by response id, read from the log."""
        if self._grades is None:  # created when first read: the scorer's types load after the first paint
            from drill.grading import LoggedGrades

            self._grades = LoggedGrades()
        return self._grades

    def _read_grades(self, events: list[Event]) -> None:
        for event in events:
            if event.kind == "response_graded":
                self.grades.record(event.data["response_id"], event.data["grade"])

    def _record(self, events: list[Event]) -> list[Event] | None:
        """Hand a batch to the recorder: the events that may now be shown, or None if it failed.
        A failed batch is held back (the recorder keeps it too and stores it ahead of the next one)."""
        if not events and not self._held:
            return []
        try:
            self.recorder.record(events)
        except Exception as error:  # any failure of the store: the drill must go on, paused
            self._held.extend(events)
            self.store_error = failure(error)
            return None
        shown, self._held = [*self._held, *events], []
        return shown

    def _pause_for_store(self) -> list[Event]:
        """Recording failed: pause the drill (and record the pause if the store works again)."""
        if self.engine.ended or self.engine.paused:
            return []
        self.hold()
        if self._writer is not None:
            return self._deliver(self.engine.handle(Pause()))
        return self._record(self.engine.handle(Pause())) or []

    def retry(self) -> bool:
        """Try the failing store again; on success show what was held back and clear the error.
        A recorder writing in the background answers later (``retrying``, then ``collect``): False now."""
        if self._writer is not None:
            if self._retry_ticket is None:
                self._retry_ticket = self._submitted = self._writer.submit([])
            return False
        try:
            self.recorder.record([])
        except Exception as error:
            self.store_error = failure(error)
            return False
        shown, self._held = self._held, []
        self.store_error = None
        self._publish(shown)
        return True

    def flush(self, draft: tuple[str, str | None, str | None]) -> None:
        """Tell the recorder the composer's unsent draft (text, role, channel) and the clock, if changed."""
        if self.engine is None or self.store_error is not None:
            return
        draft = draft if draft[0] else ("", None, None)
        recorder = self._writer or self.recorder  # the writer queues them, behind the batches before
        try:
            if draft != self._saved_draft:
                text, role, channel = draft
                recorder.save_draft(text, role=role, channel=channel)
                self._saved_draft = draft
            if self.engine.clock != self._saved_clock:
                recorder.set_clock(self.engine.clock)
                self._saved_clock = self.engine.clock
        except Exception as error:  # the store is failing: the next batch would too
            self.store_error = failure(error)
            self._publish(self._pause_for_store())


def failure(error: Exception) -> str:
    """A recorder's error on one line, for the banner."""
    return " ".join(str(error).split()) or type(error).__name__
