"""The facilitator's app: it owns the engine, turns commands into events and events into updates.

Every change to the drill goes through ``DrillApp.send``: the engine handles the command,
the recorder sees the new events, training-mode grades are computed, and then the
``drill_events`` signal hands the batch to whichever widgets are listening. Widgets read
the engine's state; they never change it.
"""

from __future__ import annotations

from time import monotonic
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import var
from textual.screen import Screen
from textual.signal import Signal
from textual.timer import Timer

from drill.engine import Advance, AssignRoles, CommandRejected, DrillEngine, End, Pause, Resume
from drill.engine.commands import Command
from drill.engine.events import Event
from drill.message_grading import grade_response
from drill.scenario.model import Scenario
from drill.tui.recorder import NullRecorder, Recorder
from drill.tui.support.clock import SPEEDS, ScenarioClock, format_speed, next_speed
from drill.tui.support.out_dir import default_out_dir
from drill.tui.support.schedule import next_inject_due

TICK_SECONDS = 0.2
RECORDER_SECONDS = 3.0
# Controls that only make sense while a drill is being played.
PLAY_ACTIONS = frozenset({"toggle_pause", "faster", "next_inject", "adhoc_inject", "end_drill"})


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

    def __init__(self, scenario: Scenario | None, *, seed: int | None = None, speed: float = 1.0,
                 paused: bool = False, briefing: bool = True, exam: bool = False, out: Path | None = None,
                 recorder: Recorder | None = None, engine: DrillEngine | None = None, read_only: bool = False,
                 realtime: bool = True) -> None:
        super().__init__()
        self.scenario = engine.scenario if engine is not None else scenario
        self.seed = seed
        self.speed = speed
        self.start_paused = paused
        self.show_briefing = briefing and not read_only
        self.exam = exam
        self.out = out
        self.recorder: Recorder = recorder or NullRecorder()
        self.engine: DrillEngine | None = engine
        self.read_only = read_only
        self.realtime = realtime and not read_only
        self.drill_events: Signal[list[Event]] = Signal(self, "drill-events")
        self.grades: dict[int, Any] = {}  # response id -> scoring.MessageGrade
        self.draft = ""
        self.report: dict[str, Any] | None = None
        self.written: list[Path] = []
        self.write_error: str | None = None
        self._scenario_clock = ScenarioClock()
        self._ticker: Timer | None = None
        self._last_tick = 0.0
        self._saved_draft = ""
        self._saved_clock: int | None = None
        self._exit_when_ended = False
        self._finished = False

    @property
    def training(self) -> bool:
        return not self.exam

    # --- starting -------------------------------------------------------------

    def on_mount(self) -> None:
        if self.engine is not None:
            self._sync()
            if self.engine.ended:
                self._show_debrief()
            else:
                self._open_play()
        elif self.scenario is not None:
            self._start(self.scenario)
        else:
            from drill.tui.screens.picker import PickerScreen

            self.push_screen(PickerScreen(), self._start)

    def _start(self, scenario: Scenario | None) -> None:
        if scenario is None:
            self.exit(return_code=0)
            return
        self.scenario = scenario
        self.engine = DrillEngine.start(scenario, self.seed)
        self._record(list(self.engine.log))
        self._sync()
        if self.show_briefing:
            from drill.tui.screens.briefing import BriefingScreen

            self._show(BriefingScreen())
        else:
            self.start_play({})

    def start_play(self, participants: dict[str, str]) -> None:
        """Leave the briefing: record who plays which role and let the clock run."""
        if participants:
            self.send(AssignRoles(participants))
        self.send(Advance(to=self.engine.clock))  # what is due at T+0 arrives with the start
        if self.start_paused:
            self.send(Pause())
        self._open_play()

    def _open_play(self) -> None:
        from drill.tui.screens.play import PlayScreen

        self._show(PlayScreen())
        self._saved_draft = self.draft  # a resumed draft is already where it came from
        if self.realtime:
            self._last_tick = monotonic()
            self._ticker = self.set_interval(TICK_SECONDS, self._tick)
        if not self.read_only:
            self.set_interval(RECORDER_SECONDS, self.flush_recorder)

    def _show(self, screen: Screen) -> None:
        # The first screen is pushed over the default screen; later ones replace it.
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # --- the clock ------------------------------------------------------------

    def _tick(self) -> None:
        now = monotonic()
        elapsed, self._last_tick = now - self._last_tick, now
        if self.engine is None or self.engine.paused or self.engine.ended:
            return
        self.advance_clock(elapsed * self.speed)

    def advance_clock(self, scenario_seconds: float) -> list[Event]:
        """Move scenario time on; the fraction of a second left over waits for the next call.

        The timer calls this with real time × speed; tests call it directly.
        """
        if self.engine is None or self.engine.ended or self.engine.paused:
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
        try:
            events = self.engine.handle(command)
        except CommandRejected as error:
            self.notify(str(error), severity="warning", markup=False)
            return None
        self._deliver(events)
        return events

    def _deliver(self, events: list[Event]) -> None:
        self._record(events)
        for event in events:
            if event.kind == "response_recorded":
                self.grades[event.data["response_id"]] = grade_response(self.engine, event)
        self._sync()
        if events:
            self.drill_events.publish(events)
        if any(event.kind == "drill_ended" for event in events):
            self.call_later(self._drill_over)

    def _record(self, events: list[Event]) -> None:
        if not events:
            return
        try:
            self.recorder.record(events)
        except Exception as error:  # a failing store must not stop the drill in the room
            self.notify(f"Recording failed: {error}", severity="error", markup=False)

    def _sync(self) -> None:
        engine = self.engine
        self.clock = engine.clock
        self.paused = engine.paused
        self.ended = engine.ended
        self.phase = str(engine.state.facts.get("phase") or "")

    def flush_recorder(self) -> None:
        """Tell the recorder the composer's draft and the clock, if either changed."""
        if self.engine is None:
            return
        try:
            if self.draft != self._saved_draft:
                self.recorder.save_draft(self.draft)
                self._saved_draft = self.draft
            if self.engine.clock != self._saved_clock:
                self.recorder.set_clock(self.engine.clock)
                self._saved_clock = self.engine.clock
        except Exception as error:
            self.notify(f"Recording failed: {error}", severity="error", markup=False)

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
        from drill.session import write_report

        self.report = report_for(self.engine)
        out = self.out or default_out_dir(self.engine.scenario.id, datetime.now())
        try:
            self.written = write_report(self.report, out)
        except OSError as error:
            self.write_error = f"{out}: {error.strerror or error}"

    def _show_debrief(self) -> None:
        from drill.tui.screens.debrief import DebriefScreen

        if self.report is None:  # a replay of a finished drill: nothing was written
            self.report = report_for(self.engine)
        while len(self.screen_stack) > 2:  # close any modal still open over play
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
            return (self.engine is not None and not self.engine.ended and not self.read_only
                    and self._playing())
        return True

    def _playing(self) -> bool:
        from drill.tui.screens.play import PlayScreen

        return any(isinstance(screen, PlayScreen) for screen in self.screen_stack)

    def action_quit_drill(self) -> None:
        if self.engine is None or self.read_only or self._finished:
            self.exit(return_code=1 if self.write_error else 0)
            return
        from drill.tui.screens.confirm_end import ConfirmEndScreen

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.end_drill(then_exit=True)

        self.push_screen(ConfirmEndScreen("Quit: end the drill now?",
                                          "The drill ends here, the report is written and drill exits."), confirmed)

    def action_end_drill(self) -> None:
        from drill.tui.screens.confirm_end import ConfirmEndScreen

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.end_drill(then_exit=False)

        self.push_screen(ConfirmEndScreen("End the drill now?",
                                          "Open asks become missed, the report is written and the debrief opens."),
                         confirmed)

    def action_toggle_pause(self) -> None:
        self.send(Resume() if self.engine.paused else Pause())
        self._scenario_clock.reset()
        self._last_tick = monotonic()

    def set_speed(self, speed: float) -> None:
        self.speed = speed
        self.notify(f"Speed {format_speed(speed)}", timeout=1.5, markup=False)

    def action_faster(self) -> None:
        self.set_speed(next_speed(self.speed))

    def action_next_inject(self) -> None:
        due = next_inject_due(self.engine)
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
        if not self.check_action("toggle_pause", ()):
            return
        yield SystemCommand("Pause or resume", "Stop or restart the scenario clock (F2)", self.action_toggle_pause)
        for speed in SPEEDS:
            yield SystemCommand(f"Speed {format_speed(speed)}", "Scenario seconds per real second",
                                lambda speed=speed: self.set_speed(speed))
        yield SystemCommand("Jump to the next inject", "Move the clock to the next scheduled item (F4)",
                            self.action_next_inject)
        yield SystemCommand("Ad-hoc inject", "Make up an inject now (F5)", self.action_adhoc_inject)
        yield SystemCommand("End the drill", "Close open asks, write the report, debrief (F10)",
                            self.action_end_drill)


def report_for(engine: DrillEngine) -> dict[str, Any]:
    """The report ``drill simulate`` writes (imported late: grading and the report are not needed to start)."""
    from drill.session import report_for as build

    return build(engine)


def make_app(scenario: Scenario | None = None, *, seed: int | None = None, speed: float = 1.0,
             paused: bool = False, briefing: bool = True, exam: bool = False, out: Path | None = None,
             recorder: Recorder | None = None, engine: DrillEngine | None = None, read_only: bool = False,
             realtime: bool = True) -> DrillApp:
    """The one way to build the app, for the CLI and the tests alike.

    ``scenario`` None (and no ``engine``) opens the picker. ``engine`` resumes a rebuilt
    drill (the briefing is skipped); ``read_only`` shows it without changing it.
    ``realtime`` False leaves the clock to ``app.advance_clock`` (tests, replays).
    ``out`` None writes to ``./drill-SCENARIOID-YYYYMMDD-HHMMSS``.
    """
    return DrillApp(scenario, seed=seed, speed=speed, paused=paused, briefing=briefing, exam=exam, out=out,
                    recorder=recorder, engine=engine, read_only=read_only, realtime=realtime)
