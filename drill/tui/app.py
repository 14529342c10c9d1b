"""The facilitator's app: it owns the engine, turns commands into events and events into updates.

Every change to the drill goes through ``DrillApp.send``: the engine handles the command,
the recorder sees the new events, training-mode grades are computed, and then the
``drill_events`` signal hands the batch to whichever widgets are listening. Widgets read
the engine's state; they never change it.

A batch is shown only once the recorder has taken it. If recording fails, the batch is
held back, the drill is paused and ``store_error`` says why; F2 tries the recorder again
and shows what was held. A replay (``make_app(replay=...)``) is read-only: its timer moves
a cursor over the stored events and hands them to the widgets the same way.

A new drill's first screen is painted before its engine starts (see "starting" below), so
for that one frame ``engine`` is None and widgets read ``app.scenario``.
"""

from __future__ import annotations

import sys
from time import monotonic
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import var
from textual.screen import ModalScreen, Screen
from textual.signal import Signal
from textual.timer import Timer

from drill.engine.commands import (
    Advance, AssignRoles, Command, CommandRejected, End, InjectAdHoc, Pause, Respond, Resume,
)
from drill.engine.events import Event
from drill.scenario.model import Scenario
from drill.tui.recorder import NullRecorder, Recorder
from drill.tui.support.clock import SPEEDS, ScenarioClock, format_speed, next_speed
from drill.tui.support.out_dir import default_out_dir
from drill.tui.startup import resume_collection
from drill.tui.support.replay import ReplayCursor, ReplaySource

if TYPE_CHECKING:  # pragma: no cover
    from drill.engine.engine import DrillEngine

TICK_SECONDS = 0.2
MAX_TICK_SECONDS = 1.0  # real time one tick may account for
RECORDER_SECONDS = 1.0  # how often the clock and an unsent draft are saved (only when changed)
# Controls that only make sense while a drill is being played; a replay keeps pause and speed.
PLAY_ACTIONS = frozenset({"toggle_pause", "faster", "next_inject", "adhoc_inject", "end_drill"})
REPLAY_ACTIONS = frozenset({"toggle_pause", "faster"})
_UNRESOLVED = object()  # a new drill's start time before it is first asked for
# What waits while the store fails: each would add events nobody could see until it works again.
HELD_BY_STORE = (Advance, Respond, InjectAdHoc)


class DrillApp(App[int]):
    TITLE = "drill"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("ctrl+q", "quit_drill", "Quit", priority=True),
        Binding("f2", "toggle_pause", "Pause"),
        Binding("f3", "faster", "Speed"),
        Binding("f4", "next_inject", "Next"),
        Binding("f5", "adhoc_inject", "Inject"),  # not F6 or F7: TextArea uses them
        Binding("f10", "end_drill", "End"),
    ]

    clock: var[int] = var(0)
    speed: var[float] = var(1.0)
    paused: var[bool] = var(False)
    phase: var[str] = var("")
    ended: var[bool] = var(False)
    store_error: var[str | None] = var(None)  # why the last batch could not be recorded

    def __init__(self, scenario: Scenario | None = None, *, seed: int | None = None, speed: float = 1.0,
                 paused: bool = False, briefing: bool = True, exam: bool = False, out: Path | None = None,
                 recorder: Recorder | None = None, engine: DrillEngine | None = None, read_only: bool = False,
                 realtime: bool = True, replay: ReplaySource | None = None,
                 start_time: str | None = None, created_at: str | None = None) -> None:
        super().__init__()
        self.created_at = created_at  # when the drill was first started (UTC, ISO 8601): set at its start
        self.start_time_option = start_time  # --start-time, resolved when the drill starts
        self._planned_start: Any = _UNRESOLVED
        self.replay = replay
        read_only = read_only or replay is not None
        if replay is not None:
            scenario = replay.scenario
        self.scenario = engine.scenario if engine is not None else scenario
        self._new_drill = engine is None and replay is None and scenario is not None
        self.seed = seed
        self.speed = speed
        self.paused = paused  # until the engine says otherwise
        self.start_paused = paused
        self.show_briefing = briefing and not read_only
        self.exam = exam
        self.out = out
        self.recorder: Recorder = recorder or NullRecorder()
        self.engine: DrillEngine | None = engine
        self.read_only = read_only
        self.realtime = realtime and (not read_only or replay is not None)
        self.drill_events: Signal[list[Event]] = Signal(self, "drill-events")
        self.grades: dict[int, Any] = {}  # response id -> scoring.MessageGrade
        self.draft = ""  # the composer's unsent text, with the role and channel chosen for it
        self.draft_role: str | None = None
        self.draft_channel: str | None = None
        self.report: dict[str, Any] | None = None
        self.written: list[Path] = []
        self.write_error: str | None = None
        self._scenario_clock = ScenarioClock()
        self._ticker: Timer | None = None
        self._last_tick = 0.0
        self._saved_draft: tuple[str, str | None, str | None] = ("", None, None)
        self._saved_clock: int | None = None
        self._held: list[Event] = []  # events the recorder has not taken yet: not shown
        self._cursor: ReplayCursor | None = None
        self._replay_paused = False
        self._exit_when_ended = False
        self._finished = False

    @property
    def training(self) -> bool:
        return not self.exam

    @property
    def start_time(self) -> datetime | None:
        """The fiction's wall time at T+0, or None: the drill's own (as recorded), or the one it will start with.

        A new drill's briefing is painted before its engine starts; it and the engine read the same
        value, resolved once (a bare "14:00" falls on today's date in UTC).
        """
        if self.engine is not None:
            return self.engine.state.start_time
        if self.scenario is None:  # not picked yet
            return None
        if self._planned_start is _UNRESOLVED:
            from drill.session_clock import start_time_for

            self._planned_start = start_time_for(self.start_time_option, self.scenario.start)
        return self._planned_start

    # --- starting -------------------------------------------------------------
    #
    # A new drill's first screen (briefing, or play with no briefing) is the app's base
    # screen and is painted before the drill starts: starting it draws the generated names
    # of the org and its people, and loading Faker for them takes a tenth of a second.

    def get_default_screen(self) -> Screen:
        if self._new_drill:
            return self._first_screen()
        return super().get_default_screen()

    def _first_screen(self) -> Screen:
        if self.show_briefing:
            from drill.tui.screens.briefing import BriefingScreen

            return BriefingScreen()
        from drill.tui.screens.play import PlayScreen

        return PlayScreen()

    def on_mount(self) -> None:
        # The command that launched the app paused garbage collection (see startup): it resumes
        # after the first frame, or for a new drill once the drill has started too.
        if not self._new_drill:
            self.call_after_refresh(resume_collection)
        if self.replay is not None:
            self._start_replay(self.replay)
        elif self.engine is not None:  # a resumed drill: its earlier messages keep their grades
            from drill.grading import grade_log

            self.grades.update(grade_log(self.engine.scenario, self.engine.log))
            self._sync()
            if self.engine.ended:
                self._show_debrief()
            else:
                self._open_play()
        elif self.scenario is not None:  # its first screen is up already
            self._begin()
        else:
            from drill.tui.screens.picker import PickerScreen

            self.push_screen(PickerScreen(), self._picked)

    def _picked(self, scenario: Scenario | None) -> None:
        if scenario is None:
            self.exit(return_code=0)
            return
        self.scenario = scenario
        self._show(self._first_screen())
        self._begin()

    def _begin(self) -> None:
        if not self.show_briefing:
            self._start_timers()
        self.call_after_refresh(self._start_drill)

    def _start_drill(self) -> None:
        """Start the engine at T+0 and record its first event; without a briefing, start the clock too."""
        if self.engine is not None:
            return
        from drill.engine.engine import DrillEngine

        self.engine = DrillEngine.start(self.scenario, self.seed, start_time=self.start_time)
        self.created_at = self.created_at or datetime.now(timezone.utc).isoformat(timespec="seconds")
        shown = self._record(list(self.engine.log))
        if shown is None:
            shown = self._pause_for_store()
        self._sync()
        if shown:
            self.drill_events.publish(shown)
        if not self.show_briefing:
            self._start_clock({})
        self.call_after_refresh(resume_collection)

    def start_play(self, participants: dict[str, str]) -> None:
        """Leave the briefing: record who plays which role and let the clock run."""
        self._start_drill()  # in case Start came before the first paint had finished
        self._start_clock(participants)
        self._open_play()

    def _start_clock(self, participants: dict[str, str]) -> None:
        if participants:
            self.send(AssignRoles(participants))
        self.send(Advance(to=self.engine.clock))  # what is due at T+0 arrives with the start
        if self.start_paused:
            self.send(Pause())
        self._scenario_clock.reset()
        self._last_tick = monotonic()

    def _open_play(self) -> None:
        from drill.tui.screens.play import PlayScreen

        self._show(PlayScreen())
        self._start_timers()

    def _start_timers(self) -> None:
        self._saved_draft = self._draft()  # a resumed draft is already where it came from
        if self.realtime:
            self._last_tick = monotonic()
            self._ticker = self.set_interval(TICK_SECONDS, self._tick)
        # Saving the draft and the clock runs on real time too: without real time the
        # caller (a test) flushes by hand, so nothing happens behind its back.
        if self.realtime and not self.read_only:
            self.set_interval(RECORDER_SECONDS, self.flush_recorder)

    def _show(self, screen: Screen) -> None:
        # Replace the drill screen on top. Textual cannot switch away from the app's base
        # screen (a new drill's first one, or its empty default), so over that, push.
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # --- the clock ------------------------------------------------------------

    def _tick(self) -> None:
        now = monotonic()
        elapsed, self._last_tick = now - self._last_tick, now
        # A stalled UI (a slow disk, a suspended laptop) must not fast-forward the drill.
        self.advance_clock(min(elapsed, MAX_TICK_SECONDS) * self.speed)

    def advance_clock(self, scenario_seconds: float) -> list[Event]:
        """Move scenario time on; the fraction of a second left over waits for the next call.

        The timer calls this with real time × speed; tests call it directly. In a replay
        it moves the replay on and returns the stored events it reached.
        """
        if self._cursor is not None:
            return self._advance_replay(scenario_seconds)
        if self.engine is None or self.engine.ended or self.engine.paused or self.store_error is not None:
            return []
        whole = self._scenario_clock.take(scenario_seconds)
        if not whole:
            return []
        return self.send(Advance(by=whole)) or []

    def stop_clock(self) -> None:
        """Stop the real-time timer (tests drive the clock with ``advance_clock``)."""
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None

    # --- commands and events --------------------------------------------------

    def send(self, command: Command) -> list[Event] | None:
        """Hand a command to the engine; None (and a notification) if it was rejected."""
        if self.engine is None:
            return None
        if self.read_only:
            self.notify("This drill is a replay: nothing can be changed.", severity="warning", markup=False)
            return None
        if self.store_error is not None and isinstance(command, HELD_BY_STORE):
            self.notify("Not done: the drill store is failing (see the red banner). Press F2 to retry first.",
                        severity="warning", markup=False)
            return None
        try:
            events = self.engine.handle(command)
        except CommandRejected as error:
            self.notify(str(error), severity="warning", markup=False)
            return None
        self._deliver(events)
        return events

    def _deliver(self, events: list[Event]) -> None:
        shown = self._record(events)
        self._grade(events)
        if shown is None:
            shown = self._pause_for_store()
        self._sync()
        if shown:
            self.drill_events.publish(shown)
        if any(event.kind == "drill_ended" for event in events):
            self.call_later(self._drill_over)

    def _grade(self, events: list[Event]) -> None:
        answers = [event for event in events if event.kind == "response_recorded"]
        if not answers:
            return
        from drill.grading import grade_response  # loaded with the first answer, not at start

        for event in answers:
            self.grades[event.data["response_id"]] = grade_response(self.engine.scenario, self.engine.state, event)

    def _record(self, events: list[Event]) -> list[Event] | None:
        """Hand a batch to the recorder: the events that may now be shown, or None if it failed.

        A failed batch is held back (the recorder keeps it too and stores it ahead of the
        next one); once a later call succeeds, the held events are shown first.
        """
        if not events and not self._held:
            return []
        try:
            self.recorder.record(events)
        except Exception as error:
            self._held.extend(events)
            self.store_error = failure(error)
            return None
        shown, self._held = [*self._held, *events], []
        return shown

    def _pause_for_store(self) -> list[Event]:
        """Recording failed: pause the drill (and record the pause if the store works again)."""
        if self.engine.ended or self.engine.paused:
            return []
        self._scenario_clock.reset()
        return self._record(self.engine.handle(Pause())) or []

    def retry_recording(self) -> bool:
        """Try the failed store again; on success show what was held back and clear the error."""
        try:
            self.recorder.record([])
        except Exception as error:
            self.store_error = failure(error)
            self.notify("Still cannot save to the drill store; the drill stays paused.", severity="error",
                        markup=False)
            return False
        shown, self._held = self._held, []
        self.store_error = None
        if shown:
            self.drill_events.publish(shown)
        return True

    def _sync(self) -> None:
        engine = self.engine
        self.clock = engine.clock
        self.paused = engine.paused
        self.ended = engine.ended
        self.phase = str(engine.state.facts.get("phase") or "")
        if self._cursor is not None:  # replay time runs between the stored events
            self.clock = int(self._cursor.clock)
            self.paused = self._replay_paused

    @property
    def shown_log(self) -> list[Event]:
        """The log as far as it may be shown: without the newest events the recorder has not taken."""
        log = self.engine.log if self.engine is not None else []
        return log[: len(log) - len(self._held)] if self._held else log

    def _draft(self) -> tuple[str, str | None, str | None]:
        return (self.draft, self.draft_role, self.draft_channel) if self.draft else ("", None, None)

    def flush_recorder(self) -> None:
        """Tell the recorder the composer's draft and the clock, if either changed."""
        if self.engine is None or self.store_error is not None:
            return
        try:
            draft = self._draft()
            if draft != self._saved_draft:
                text, role, channel = draft
                self.recorder.save_draft(text, role=role, channel=channel)
                self._saved_draft = draft
            if self.engine.clock != self._saved_clock:
                self.recorder.set_clock(self.engine.clock)
                self._saved_clock = self.engine.clock
        except Exception as error:  # the store is failing: the next batch would too
            self.store_error = failure(error)
            shown = self._pause_for_store()
            self._sync()
            if shown:
                self.drill_events.publish(shown)

    # --- replay ---------------------------------------------------------------

    def _start_replay(self, replay: ReplaySource) -> None:
        from drill.engine.engine import DrillEngine
        from drill.grading import grade_log

        self._cursor = ReplayCursor(replay)
        self.engine = DrillEngine.from_events(replay.scenario, self._cursor.advance(0))
        self.grades.update(grade_log(replay.scenario, self.engine.log))
        self._sync()
        self._open_play()

    def _advance_replay(self, scenario_seconds: float) -> list[Event]:
        cursor = self._cursor
        if self._replay_paused or cursor.finished:
            return []
        new = cursor.advance(scenario_seconds)
        for event in new:  # one at a time, so each message is graded against the facts it met
            self.engine.fold([event])
            self._grade([event])
        self._sync()
        if new:
            self.drill_events.publish(new)
        if cursor.finished:
            self.stop_clock()
            self.notify("End of the replay. Ctrl+Q quits.", markup=False, timeout=10)
        return new

    @property
    def replay_finished(self) -> bool:
        return self._cursor is not None and self._cursor.finished

    # --- ending ---------------------------------------------------------------

    def _drill_over(self) -> None:
        """The drill ended (time, End or quit): write the report once, then debrief or exit."""
        if self._finished:
            return
        self._finished = True
        self.stop_clock()
        self.flush_recorder()
        self.save_report()
        if self._exit_when_ended:
            self.exit(return_code=1 if self.write_error else 0)
        else:
            self._show_debrief()

    def save_report(self) -> None:
        from drill.session import report_for, write_report  # the report is not needed to start

        # Dated by the drill's start time if it has one, else by when it was first started.
        self.report = report_for(self.engine, self.created_at)
        out = self.out or default_out_dir(self.engine.scenario.id, datetime.now())
        try:
            self.written = write_report(self.report, out)
        except OSError as error:
            self.write_error = f"{out}: {error.strerror or error}"

    def _show_debrief(self) -> None:
        from drill.session import report_for
        from drill.tui.screens.debrief import DebriefScreen

        if self.report is None:  # a replay of a finished drill: nothing was written
            self.report = report_for(self.engine, self.created_at)
        while isinstance(self.screen, ModalScreen):  # close any dialog still open over play
            self.pop_screen()
        self._show(DebriefScreen(self.report, self.written, self.write_error))

    def end_drill(self, then_exit: bool) -> None:
        self._exit_when_ended = then_exit
        if self.engine.ended:
            self._drill_over()
        else:
            self.send(End())

    # --- actions --------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in PLAY_ACTIONS:
            if self._cursor is not None:
                return action in REPLAY_ACTIONS and self._playing()
            return (self.engine is not None and not self.engine.ended and not self.read_only
                    and self._playing())
        return True

    def _playing(self) -> bool:
        # The footer asks this on every screen; importing the play screen just to answer
        # "no" would slow the briefing's first paint, and no play screen exists before it loads.
        play = sys.modules.get("drill.tui.screens.play")
        return play is not None and any(isinstance(screen, play.PlayScreen) for screen in self.screen_stack)

    def action_quit_drill(self) -> None:
        if self.engine is None or self.read_only or self._finished:
            self.exit(return_code=1 if self.write_error else 0)
            return
        self._confirm_end("Quit: end the drill now?", "The drill ends here, the report is written and drill exits.",
                          then_exit=True)

    def action_end_drill(self) -> None:
        self._confirm_end("End the drill now?", "Open asks become missed, the report is written and the debrief opens.",
                          then_exit=False)

    def _confirm_end(self, question: str, detail: str, then_exit: bool) -> None:
        from drill.tui.screens.confirm_end import ConfirmEndScreen

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.end_drill(then_exit=then_exit)

        self.push_screen(ConfirmEndScreen(question, detail), confirmed)

    def action_toggle_pause(self) -> None:
        if self._cursor is not None:
            self._replay_paused = not self._replay_paused
            self._sync()
        elif self.store_error is not None:
            if self.retry_recording() and self.engine.paused:
                self.send(Resume())
        else:
            self.send(Resume() if self.engine.paused else Pause())
        self._scenario_clock.reset()
        self._last_tick = monotonic()

    def set_speed(self, speed: float) -> None:
        self.speed = speed
        self.notify(f"Speed {format_speed(speed)}", timeout=1.5, markup=False)

    def action_faster(self) -> None:
        self.set_speed(next_speed(self.speed))

    def action_next_inject(self) -> None:
        due = self.engine.next_due(kind="inject")
        if due is None:
            self.notify("No more injects are scheduled.", markup=False)
            return
        self._scenario_clock.reset()
        self.send(Advance(to=max(due, self.engine.clock)))

    def action_adhoc_inject(self) -> None:
        from drill.tui.screens.adhoc_inject import AdHocInjectScreen

        self.push_screen(AdHocInjectScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if self.training and self._playing() and hasattr(screen, "action_toggle_reasons"):
            yield SystemCommand("Reasons: every one or the first few",
                                "Each grade in the feed shows every reason, or its biggest misses (F8)",
                                screen.action_toggle_reasons)
        if not self.check_action("toggle_pause", ()):
            return
        yield SystemCommand("Pause or resume", "Stop or restart the scenario clock (F2)", self.action_toggle_pause)
        for speed in SPEEDS:
            yield SystemCommand(f"Speed {format_speed(speed)}", "Scenario seconds per real second",
                                lambda speed=speed: self.set_speed(speed))
        if self._cursor is not None:
            return
        yield SystemCommand("Jump to the next inject", "Move the clock to the next scheduled inject (F4)",
                            self.action_next_inject)
        yield SystemCommand("Ad-hoc inject", "Make up an inject now (F5)", self.action_adhoc_inject)
        yield SystemCommand("End the drill", "Close open asks, write the report, debrief (F10)",
                            self.action_end_drill)


def failure(error: Exception) -> str:
    """A recorder's error on one line, for the banner."""
    return " ".join(str(error).split()) or type(error).__name__


def make_app(scenario: Scenario | None = None, **options: Any) -> DrillApp:
    """The one way to build the app, for the CLI and the tests alike.

    ``scenario`` None (and no ``engine``) opens the picker. ``engine`` resumes a rebuilt
    drill (the briefing is skipped); ``read_only`` shows it without changing it.
    ``replay`` plays a recorded drill back, read-only, at ``speed`` from T+0: its stored
    events appear as their time comes round (F2 pauses, F3 changes the speed).
    ``realtime`` False leaves the clock to ``app.advance_clock`` (tests).
    ``out`` None writes to ``./drill-SCENARIOID-YYYYMMDD-HHMMSS``. The options are ``DrillApp``'s.
    """
    return DrillApp(scenario, **options)
