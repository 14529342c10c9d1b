"""The facilitator's app: timers, screens and key bindings around a live drill (``drill.live``).

The live drill owns the engine, recording and grading; the app turns real time into
scenario time, hands it commands, shows rejections as notifications and publishes each
batch the drill may show on ``drill_events``. A new drill's first screen is painted
before its engine starts (loading Faker for the org's names takes a tenth of a second).
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from time import monotonic
from typing import Callable

from textual.app import App
from textual.reactive import var
from textual.screen import Screen
from textual.signal import Signal

from drill.engine.commands import Command, CommandRejected
from drill.engine.events import Event
from drill.live import LiveDrill, ReplayDrill
from drill.scenario.model import Scenario
from drill.tui.controls import FACILITATOR_KEYS, PLAY_KEY_EVENTS, FacilitatorControls
from drill.tui.view import LiveView
from drill.tui.startup import resume_collection

TICK_SECONDS = 0.2
MAX_TICK_SECONDS = 1.0  # real time one tick may account for
RECORDER_SECONDS = 1.0  # how often the clock and an unsent draft are saved (only when changed)


class DrillApp(LiveView, FacilitatorControls, App[int]):
    TITLE = "drill"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = FACILITATOR_KEYS

    clock: var[int] = var(0)
    speed: var[float] = var(1.0)
    paused: var[bool] = var(False)
    phase: var[str] = var("")
    ended: var[bool] = var(False)
    move: var[int] = var(0)  # a drill of moves: the move being played (0 otherwise)
    store_error: var[str | None] = var(None)  # why the last batch could not be recorded

    def __init__(self, live: LiveDrill | ReplayDrill | None, *, new_drill: Callable[[Scenario], LiveDrill],
                 speed: float = 1.0, paused: bool = False, briefing: bool = True, exam: bool = False,
                 out: Path | None = None, pretty: bool = False, realtime: bool = True,
                 created_at: str | None = None) -> None:
        super().__init__()
        self.live = live
        self.new_drill = new_drill
        self.speed = speed
        self.start_paused = paused
        self.show_briefing = briefing and not self.read_only and (live is None or not live.started)
        self.exam = exam
        self.out = out
        self.pretty = pretty  # report.json indented for people
        self.realtime = realtime
        self.created_at = created_at  # when the drill was first started (UTC, ISO 8601): set at its start
        self.drill_events: Signal[list[Event]] = Signal(self, "drill-events")
        self.draft, self.draft_role, self.draft_channel = "", None, None  # the composer's unsent text, saved
        self._ticker = None
        self._last_tick = 0.0
        self._after_first_frame: list[Callable[[], object]] = []
        self.failure: str | None = None  # why a check after the first frame ended the app (see after_first_frame)
        if live is not None:
            self.attach(live)

    # --- starting -----------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        if self.live is not None and not self.live.started:  # painted before the engine starts
            return self._first_screen()
        if self.live is not None and not self._opens_at_debrief:
            # A resumed or replayed drill is played on the base screen, as a new one is: pushing play over
            # an empty base screen would lay it out and style it all again as it takes its terminal size.
            from drill.tui.screens.play import PlayScreen

            self._sync()
            return PlayScreen()
        return super().get_default_screen()

    @property
    def _opens_at_debrief(self) -> bool:
        """A finished drill reopened (not replayed) shows its debrief, for the hot wash."""
        return self.live.ended and not self.read_only

    def _first_screen(self) -> Screen:
        if self.show_briefing:  # only the screen shown is imported before the first frame
            from drill.tui.screens.briefing import BriefingScreen

            return BriefingScreen()
        from drill.tui.screens.play import PlayScreen

        return PlayScreen()

    def on_mount(self) -> None:
        for check in self._after_first_frame:
            self.call_after_refresh(self._run_check, check)
        if self.live is None:
            from drill.tui.screens.picker import PickerScreen

            self.push_screen(PickerScreen(), self._picked)
        elif not self.live.started:  # its first screen is up already
            return self._begin()
        elif self._opens_at_debrief:
            self._sync()
            self._show_debrief()
        else:  # play is up already
            self._start_timers()
        self.call_after_refresh(resume_collection)  # the launching command paused garbage collection

    def after_first_frame(self, check: Callable[[], object]) -> None:
        """Run ``check`` once the first screen is painted; if it raises StoreError, the app ends with
        return code 1 and ``failure`` says why (the command that ran the app reports it)."""
        self._after_first_frame.append(check)

    def _run_check(self, check: Callable[[], object]) -> None:
        from drill.store.errors import StoreError

        try:
            check()
        except StoreError as error:
            self.failure = str(error)
            self.exit(return_code=1)

    def _picked(self, scenario: Scenario | None) -> None:
        if scenario is None:
            self.exit(return_code=0)
            return
        self.live = self.new_drill(scenario)
        self.attach(self.live)
        self._show(self._first_screen())
        self._begin()

    def _begin(self) -> None:
        if not self.show_briefing:
            self._start_timers()
        self.call_after_refresh(self._start_drill)

    def _start_drill(self) -> None:
        """Start the engine at T+0 and record its first event; without a briefing, start the clock too."""
        if self.live.started:
            return
        self.live.begin()
        self.created_at = self.created_at or datetime.now(timezone.utc).isoformat(timespec="seconds")
        self._sync()
        if not self.show_briefing:
            self.live.start_clock({}, self.start_paused)
            self._last_tick = monotonic()
        self.call_after_refresh(resume_collection)

    def start_play(self, participants: dict[str, str]) -> None:
        """Leave the briefing: record who plays which role and let the clock run."""
        self._start_drill()  # in case Start came before the first paint had finished
        self._attempt(lambda: self.live.start_clock(participants, self.start_paused))
        self._last_tick = monotonic()
        self._open_play()

    def _open_play(self) -> None:
        from drill.tui.screens.play import PlayScreen

        self._show(PlayScreen())
        self._start_timers()

    def _start_timers(self) -> None:
        if not self.realtime:
            return  # the caller (a test) moves the clock and flushes by hand: nothing behind its back
        self._last_tick = monotonic()
        self._ticker = self.set_interval(TICK_SECONDS, self._tick)
        if not self.read_only:
            self.set_interval(RECORDER_SECONDS, self.flush_recorder)

    def _show(self, screen: Screen) -> None:  # the base screen cannot be switched away from: push over it
        self.switch_screen(screen) if len(self.screen_stack) > 1 else self.push_screen(screen)

    # --- the clock ----------------------------------------------------------------

    def _tick(self) -> None:
        now = monotonic()
        elapsed, self._last_tick = now - self._last_tick, now
        # A stalled UI (a slow disk, a suspended laptop) must not fast-forward the drill.
        self.advance_clock(min(elapsed, MAX_TICK_SECONDS) * self.speed)

    def advance_clock(self, scenario_seconds: float) -> list[Event]:
        """Move scenario time on (the timer calls this with real time x speed; tests call it directly).
        The clock holds while a facilitator's dialog (``HOLDS_CLOCK``) is open over play; a ringing
        press call is part of the drill and lets it run. A drill of moves has no running clock: its time
        moves only when the facilitator starts the next move (Ctrl+N)."""
        if self.live is None or not self.live.started:
            return []
        if self.scenario.in_moves and not self.read_only:
            return []
        if getattr(self.screen, "HOLDS_CLOCK", False) and not self.read_only:
            self.live.hold()  # a facilitator's dialog is open: scenario time waits for it
            return []
        events = self._attempt(lambda: self.live.tick(scenario_seconds)) or []
        if self.replay is not None and self.replay.finished:
            self.stop_clock()
            self.notify("End of the replay. Ctrl+Q quits.", markup=False, timeout=10)
        self._sync()
        return events

    def stop_clock(self) -> None:
        """Stop the real-time timer (tests drive the clock with ``advance_clock``)."""
        self._ticker = self._ticker.stop() if self._ticker is not None else None

    # --- commands and events --------------------------------------------------------

    def send(self, command: Command) -> list[Event] | None:
        """Hand a command to the drill; None (and a notification) if it was rejected."""
        if self.read_only:
            self.notify("This drill is a replay: nothing can be changed.", severity="warning", markup=False)
            return None
        return self._attempt(lambda: self.live.send(command))

    def _attempt(self, act: Callable[[], list[Event] | None]) -> list[Event] | None:
        try:
            return act() if self.live is not None else None
        except CommandRejected as error:
            self.notify(str(error), severity="warning", markup=False)
            return None
        finally:
            if self.live is not None:
                self._sync()

    def notify(self, message: str, *, title: str = "", **options) -> None:  # type: ignore[override]
        """Every notification, whatever it quotes (a rejected command can quote a typed name), shown as text."""
        from drill.textsafe import printable

        options["markup"] = False
        super().notify(printable(str(message)), title=printable(title), **options)

    def _shown(self, events: list[Event]) -> None:
        self._sync()
        if self._finished and any(event.kind == "hot_wash_noted" for event in events):
            self.rewrite_report()  # before the debrief lists the item, so it can say where the report is
        self.drill_events.publish(events)
        if any(event.kind in PLAY_KEY_EVENTS for event in events):
            self.refresh_bindings()  # Ctrl+O, Ctrl+R and Ctrl+N show only when they have something to do
        if any(event.kind == "drill_ended" for event in events) and not self.read_only:
            self.call_later(self._drill_over)

    def rewrite_report(self) -> None:
        """Write the report again where it went at the end (a hot-wash item was recorded since): the same
        folder, with what the drill holds now. A report never written (no folder known) stays unwritten."""
        from drill.session import report_for, write_report

        folder = self.written[0].parent if self.written else self.out
        if folder is None:
            return
        self.report = report_for(self.live.engine, self.created_at)
        try:
            self.written, self.write_error = write_report(self.report, folder, pretty=self.pretty), None
        except OSError as error:
            self.write_error = f"{folder}: {error.strerror or error}"
            self.notify(f"The report could not be written again: {self.write_error}", severity="error",
                        timeout=15)

    def action_quit_drill(self) -> None:
        """Ctrl+Q or the palette's Quit over a form holding typed text (the debrief's hot-wash item) asks
        first; otherwise as ``FacilitatorControls`` decides."""
        if self._finished and getattr(self.screen, "unsent", "").strip():
            from drill.tui.screens.confirm_end import ConfirmEndScreen

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self.exit(return_code=1 if self.write_error else 0)

            self.push_screen(ConfirmEndScreen("Quit without recording this item?",
                                              "What you typed is not kept; the report holds the items recorded."),
                             confirmed)
            return
        super().action_quit_drill()

    def _sync(self) -> None:
        live = self.live
        self.clock, self.paused, self.ended, self.phase, self.store_error = (
            live.clock, live.paused, live.ended, live.phase, live.store_error)
        state = live.state if live.started else None
        self.move = getattr(state, "move", 0) if state is not None else 0
