"""What the facilitator can do, by key or from the command palette, and how a drill ends.

Every way out (Ctrl+Q, F10, the palette's Quit) asks first, then ends the drill and
writes its report; F2 pauses and resumes from any screen, and the footer says which
it will do. A replay keeps pause and speed, and F4 skips to its next event.
"""

from __future__ import annotations

import sys
from datetime import datetime
from time import monotonic
from typing import Iterable

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen

from drill.tui.support.clock import SPEEDS, format_speed, next_speed
from drill.tui.support.out_dir import default_out_dir

FACILITATOR_KEYS = [
    Binding("ctrl+q", "quit_drill", "Quit", priority=True),
    # F2 works over dialogs too; the footer shows whichever of the two applies (``check_action``).
    Binding("f2", "pause", "Pause", priority=True),
    Binding("f2", "resume", "Resume", priority=True),
    Binding("f3", "faster", "Speed"),
    Binding("f4", "next_inject", "Next"),
    Binding("f4", "skip", "Skip"),
    Binding("f5", "adhoc_inject", "Inject"),  # not F6 or F7: TextArea uses them
    Binding("f10", "end_drill", "End"),
]

# Controls that only make sense while a drill is being played; a replay keeps pause, speed and skip.
PLAY_ACTIONS = frozenset({"toggle_pause", "pause", "resume", "faster", "next_inject", "adhoc_inject", "end_drill",
                          "skip"})
REPLAY_ACTIONS = frozenset({"toggle_pause", "pause", "resume", "faster", "skip"})


class FacilitatorControls:
    """The facilitator's actions, mixed into ``DrillApp`` (Textual looks actions up on the app)."""

    report: dict | None = None  # written once, when the drill ends
    written: tuple = ()
    write_error: str | None = None
    _exit_when_ended = False
    _finished = False

    # --- which controls show --------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in PLAY_ACTIONS:
            return True
        if self.live is None or not self.live.started or not self._playing():
            return False
        if self.live.ended and not self.read_only:
            return False
        if action == "pause":  # F2 reads Pause while the clock runs, Resume while it is stopped
            return not self.paused
        if action == "resume":
            return self.paused
        if self.read_only:
            return action in REPLAY_ACTIONS
        return action != "skip"

    def _playing(self) -> bool:
        # Asked on every screen; importing the play screen just to answer "no" would slow the
        # briefing's first paint, and no play screen exists before it loads.
        play = sys.modules.get("drill.tui.screens.play")
        return play is not None and any(isinstance(screen, play.PlayScreen) for screen in self.screen_stack)

    def watch_paused(self, _paused: bool) -> None:
        self.refresh_bindings()  # the footer's F2 reads Resume while paused

    # --- actions ------------------------------------------------------------------

    def action_quit(self) -> None:  # the command palette's Quit
        self.action_quit_drill()

    def action_quit_drill(self) -> None:
        if self.live is None or not self.live.started or self.read_only or self._finished:
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

    def action_pause(self) -> None:
        self.action_toggle_pause()

    def action_resume(self) -> None:
        self.action_toggle_pause()

    def action_toggle_pause(self) -> None:
        if self.live is None or not self.live.started:
            return
        if self.store_error is not None:
            if not self.retry_recording():
                return
        self._attempt(self.live.toggle_pause)
        self._last_tick = monotonic()

    def set_speed(self, speed: float) -> None:
        self.speed = speed
        self.notify(f"Speed {format_speed(speed)}", timeout=1.5, markup=False)

    def action_faster(self) -> None:
        self.set_speed(next_speed(self.speed))

    def action_next_inject(self) -> None:
        if self._attempt(self.live.next_inject) is None and self.live.next_due("inject") is None:
            self.notify("No more injects are scheduled.", markup=False)

    def action_skip(self) -> None:
        self._attempt(self.live.skip)

    def action_adhoc_inject(self) -> None:
        from drill.tui.screens.adhoc_inject import AdHocInjectScreen

        self.push_screen(AdHocInjectScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title == "Quit":  # the same question as Ctrl+Q, and the report is written
                command = SystemCommand("Quit", "End the drill, write the report and quit (Ctrl+Q)",
                                        self.action_quit_drill)
            yield command
        if self.training and self._playing() and hasattr(screen, "action_toggle_reasons"):
            yield SystemCommand("Reasons: every one or the first few",
                                "Each grade in the feed shows every reason, or its biggest misses (F8)",
                                screen.action_toggle_reasons)
        if not self.check_action("faster", ()):
            return
        yield SystemCommand("Pause or resume", "Stop or restart the scenario clock (F2)", self.action_toggle_pause)
        for speed in SPEEDS:
            yield SystemCommand(f"Speed {format_speed(speed)}", "Scenario seconds per real second",
                                lambda speed=speed: self.set_speed(speed))
        if self.read_only:
            yield SystemCommand("Skip to the next event", "Jump the replay to its next stored event (F4)",
                                self.action_skip)
            return
        yield SystemCommand("Jump to the next inject", "Move the clock to the next scheduled inject (F4)",
                            self.action_next_inject)
        yield SystemCommand("Ad-hoc inject", "Make up an inject now (F5)", self.action_adhoc_inject)
        yield SystemCommand("End the drill", "Close open asks, write the report, debrief (F10)",
                            self.action_end_drill)

    # --- the composer ---------------------------------------------------------------

    def on_composer_send_requested(self, request) -> None:
        """Send exactly what the composer held at Ctrl+S; tell it whether the drill took it."""
        from drill.engine.commands import Respond

        events = self.send(Respond(request.role, request.channel, request.text, request.reply_to))
        if events is None:  # refused: the notification says why
            request.composer.not_sent(request)
            return
        recorded = next((event for event in events if event.kind == "response_recorded"), None)
        request.composer.sent(request, self.grades.get(recorded.data["response_id"]) if recorded else None)

    def on_composer_draft_changed(self, draft) -> None:
        """The unsent text the recorder saves, as the composer reports it."""
        self.draft, self.draft_role, self.draft_channel = draft.text, draft.role, draft.channel
        self.flush_recorder()  # every change goes to the recorder, which decides how often to write

    # --- ending -------------------------------------------------------------------

    def end_drill(self, then_exit: bool) -> None:
        self._exit_when_ended = then_exit
        if not self.live.ended:
            self._attempt(self.live.end)
        if self.live.ended:  # even if the store failed and the end is held back, the report is written
            self._drill_over()

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
        from drill.session import report_for, write_report  # the report is not needed to play

        # Dated by the drill's start time if it has one, else by when it was first started.
        self.report = report_for(self.live.engine, self.created_at)
        out = self.out or default_out_dir(self.live.scenario.id, datetime.now())
        try:
            self.written = write_report(self.report, out)
        except OSError as error:
            self.write_error = f"{out}: {error.strerror or error}"

    def _show_debrief(self) -> None:
        from drill.tui.screens.debrief import DebriefScreen

        if self.report is None:  # a finished drill opened again: nothing was written
            from drill.session import report_for

            self.report = report_for(self.live.engine, self.created_at)
        while isinstance(self.screen, ModalScreen):  # close any dialog still open over play
            self.pop_screen()
        self._show(DebriefScreen(self.report, self.written, self.write_error))

    # --- the store ------------------------------------------------------------------

    def flush_recorder(self) -> None:
        """Tell the recorder the composer's draft and the clock, if either changed."""
        if self.live is not None and not self.read_only:
            self.live.flush((self.draft, self.draft_role, self.draft_channel))
            self._sync()

    def retry_recording(self) -> bool:
        """Try the failing store again; on success show what was held back."""
        ok = self.live.retry()
        self._sync()
        if not ok:
            self.notify("Still cannot save to the drill store; the drill stays paused.", severity="error",
                        markup=False)
        return ok
