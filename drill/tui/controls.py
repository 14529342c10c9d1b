"""What the facilitator can do, by key or from the command palette, and how a drill ends.

Every way out (Ctrl+Q, F10, the palette's Quit) asks first, then ends the drill and
writes its report; F2 pauses and resumes from any screen, and the footer says which
it will do. A replay keeps pause and speed, and F4 skips to its next event.

The real-time app records in the background (``record_in_background``): the store
writes on a thread of its own and the screen never waits for it; each batch is shown
once the store has it. At the end the app waits up to ``SAVE_WAIT_SECONDS`` for the
store to take the last batches, without freezing, before the report is written.
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
    # Format 2's play keys: Ctrl, not letters, since the composer has the focus. Each shows only when it
    # has something to do: a decision waiting for its choice, an inject held for release, a drill of moves.
    Binding("ctrl+o", "choose", "Choose option"),
    Binding("ctrl+r", "release", "Release inject"),
    Binding("ctrl+n", "next_move", "Next move"),
    Binding("ctrl+g", "guide", "Guide"),  # the facilitator's guide, when the scenario has one
]

# Controls that only make sense while a drill is being played; a replay keeps pause, speed and skip.
PLAY_ACTIONS = frozenset({"toggle_pause", "pause", "resume", "faster", "next_inject", "adhoc_inject", "end_drill",
                          "skip", "choose", "release", "next_move"})
# The play keys' actions, shown only on play itself (not over a dialog), and only when they can act.
PLAY_KEY_ACTIONS = frozenset({"choose", "release", "next_move"})
# Events after which those keys may show or hide.
PLAY_KEY_EVENTS = frozenset({"drill_started", "inject_delivered", "option_chosen", "inject_held", "inject_released", "move_started",
                             "drill_ended"})
# A drill of moves has no running clock: no speed to set, no inject to jump to.
CLOCK_ACTIONS = frozenset({"faster", "next_inject"})
REPLAY_ACTIONS = frozenset({"toggle_pause", "pause", "resume", "faster", "skip"})

# How long the end of a drill waits for the store's writer to answer the last batches (it reports a
# store that has not answered for ``drill.store.writer.STUCK_SECONDS`` as failing) before the report.
SAVE_WAIT_SECONDS = 3.0
SAVE_NOTICE_SECONDS = 0.3  # and says so once it has waited this long


class FacilitatorControls:
    """The facilitator's actions, mixed into ``DrillApp`` (Textual looks actions up on the app)."""

    report: dict | None = None  # written once, when the drill ends
    written: tuple = ()
    write_error: str | None = None
    _exit_when_ended = False
    _finished = False
    _saving = None  # the timer bounding the wait for the store at the end, while it waits
    _guide_of = None  # (scenario, whether it has a facilitator's guide)

    # --- which controls show --------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "guide":
            return not self.read_only and not isinstance(self.screen, ModalScreen) and self._has_guide()
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
        if action in CLOCK_ACTIONS:
            return not self.scenario.in_moves
        if action in PLAY_KEY_ACTIONS:
            return self._play_key_shown(action)
        return action != "skip"

    def _has_guide(self) -> bool:
        """Whether the scenario gives the facilitator a guide (Ctrl+G): asked on every footer refresh, so
        worked out once per scenario (it reads every inject)."""
        scenario = self.scenario
        if scenario is None:
            return False
        if self._guide_of is None or self._guide_of[0] is not scenario:
            from drill.tui.support.guide_contents import has_guide

            self._guide_of = (scenario, has_guide(scenario))
        return self._guide_of[1]

    def _play_key_shown(self, action: str, screen: Screen | None = None) -> bool | None:
        """Ctrl+O, Ctrl+R and Ctrl+N: shown on play (``screen``, else the one on top) when they can act
        (Ctrl+N dimmed while paused)."""
        from drill.tui.support.decisions import held_injects, pending_choices

        play = sys.modules.get("drill.tui.screens.play")
        if play is None or not isinstance(screen or self.screen, play.PlayScreen):
            return False
        if action == "next_move":
            if not self.scenario.in_moves:
                return False
            return None if self.paused else True  # the engine starts no move while paused
        state = self.live.state
        if action == "choose":
            return bool(pending_choices(self.scenario, state))
        return bool(held_injects(self.scenario, state))

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
        if self._saving is not None:  # the drill has ended and waits for the store: leave once it is written
            self._exit_when_ended = True
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
            self.retry_recording(resume=True)
        else:
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

    def action_choose(self, inject_id: str | None = None) -> None:
        """Ctrl+O: pick an option at a decision point waiting for its choice (``inject_id``'s first)."""
        from drill.tui.screens.decide import ChoiceScreen
        from drill.tui.support.decisions import pending_choices

        if not pending_choices(self.scenario, self.live.state):
            self.notify("No decision is waiting for a choice.", markup=False)
            return
        self.push_screen(ChoiceScreen(inject_id))

    def action_release(self, inject_id: str | None = None) -> None:
        """Ctrl+R: release one of the injects held for the facilitator (``inject_id`` highlighted)."""
        from drill.tui.screens.decide import ReleaseScreen
        from drill.tui.support.decisions import held_injects

        if not held_injects(self.scenario, self.live.state):
            self.notify("No inject is waiting for release.", markup=False)
            return
        self.push_screen(ReleaseScreen(inject_id))

    def action_next_move(self) -> None:
        """Ctrl+N, in a drill of moves: start the next move; after the last one (asked first) the drill ends."""
        from drill.tui.support.decisions import is_last_move

        scenario = self.scenario
        if not scenario.in_moves:
            return
        if self.paused:
            self.notify("The drill is paused: resume it (F2) to start the next move.", markup=False)
            return
        if not is_last_move(scenario, self.live.state):
            self._attempt(self.live.next_move)
            return
        from drill.tui.screens.confirm_end import ConfirmEndScreen

        def confirmed(yes: bool | None) -> None:
            if yes and not self.live.ended:
                self._attempt(self.live.next_move)

        self.push_screen(ConfirmEndScreen(
            f"Move {self.move} of {scenario.moves} is the last: end it and the drill?",
            "Open asks become missed, the report is written and the debrief opens."), confirmed)

    def action_guide(self) -> None:
        from drill.tui.screens.guide import GuideScreen

        self.push_screen(GuideScreen())

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
        if not (self.check_action("pause", ()) or self.check_action("resume", ())):
            return
        yield SystemCommand("Pause or resume", "Stop or restart the scenario clock (F2)", self.action_toggle_pause)
        if self.check_action("faster", ()):
            for speed in SPEEDS:
                yield SystemCommand(f"Speed {format_speed(speed)}", "Scenario seconds per real second",
                                    lambda speed=speed: self.set_speed(speed))
        if self.read_only:
            yield SystemCommand("Skip to the next event", "Jump the replay to its next stored event (F4)",
                                self.action_skip)
            return
        if self.check_action("next_inject", ()):
            yield SystemCommand("Jump to the next inject", "Move the clock to the next scheduled inject (F4)",
                                self.action_next_inject)
        if self._play_key_shown("next_move", screen):
            yield SystemCommand("Start the next move", "End this move and start the next; the last one ends "
                                "the drill (Ctrl+N)", self.action_next_move)
        if self._play_key_shown("choose", screen):
            yield SystemCommand("Choose an option", "Record the choice at a decision point (Ctrl+O)",
                                self.action_choose)
        if self._play_key_shown("release", screen):
            yield SystemCommand("Release a held inject", "Deliver an inject waiting in your queue (Ctrl+R)",
                                self.action_release)
        if self.check_action("guide", ()):
            yield SystemCommand("Facilitator's guide", "The exercise's briefing, checks, criteria and findings "
                                "(Ctrl+G)", self.action_guide)
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
        from drill.tui.support.reasons import is_rubric

        recorded = next((event for event in events if event.kind == "response_recorded"), None)
        grade = self.grades.get(recorded.data["response_id"]) if recorded else None
        question = recorded.data.get("question") if recorded else None
        note = "answer recorded (not graded)" if question and grade is None else "sent"
        request.composer.sent(request, grade, note, rubric=grade is not None and is_rubric(grade))

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
        """The drill ended (time, End or quit): once the store has answered for the last batches (or
        ``SAVE_WAIT_SECONDS`` have passed), write the report once, then debrief or exit."""
        if self._finished or self._saving is not None:
            return
        self.stop_clock()
        self.flush_recorder()
        if self.live.waiting:
            self._saving = self.set_timer(SAVE_WAIT_SECONDS, self._stop_saving)
            self.set_timer(SAVE_NOTICE_SECONDS, self._saving_notice)
            return
        self._leave()

    def _saving_notice(self) -> None:
        if self._saving is not None:  # a store that answers at once is not worth a word
            self.notify("Saving the last events to the drill store…", timeout=SAVE_WAIT_SECONDS, markup=False)

    def _stop_saving(self) -> None:
        """The store has not answered in time: the report is written without waiting any longer."""
        if self._saving is None:
            return
        self.collect_recorded()  # a store that has not answered for a while is reported as failing here
        if self._saving is None:
            return
        if self.live.waiting:
            self.notify(f"The drill store has not taken the last events within {SAVE_WAIT_SECONDS:g} s. The report "
                        "is written from the drill itself; the store is tried once more when drill exits, and what "
                        "it still cannot take is kept in a file beside it.", severity="error", timeout=30,
                        markup=False)
        self._leave()

    def _leave(self) -> None:
        if self._finished:
            return
        if self._saving is not None:
            self._saving.stop()
            self._saving = None
        self._finished = True
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
            self.written = write_report(self.report, out, pretty=self.pretty)
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

    def attach(self, live) -> None:
        """Show what ``live`` shows; a drill played in real time records in the background."""
        live.subscribe(self._shown)
        if self.realtime and not live.read_only:
            self.record_in_background(live)

    def record_in_background(self, live=None) -> bool:
        """Let the recorder write on a thread of its own, if it can: the screen never waits for the store.
        The real-time app does this for every drill it plays; tests call it with the clock in their hands."""
        from drill.tui.messages.store import StoreAnswered

        live = live or self.live
        return live.record_in_background(lambda: self.post_message(StoreAnswered()))

    def on_store_answered(self, _message) -> None:
        self.collect_recorded()

    def collect_recorded(self) -> None:
        """Show what the store's writer has stored since, pause if it is failing, and take a retry's answer."""
        live = self.live
        if live is None or self.read_only or not live.in_background:
            return
        retrying = live.retrying
        self._attempt(live.collect)
        if retrying and not live.retrying:
            if live.store_error is None:
                self._last_tick = monotonic()
            else:
                self._still_failing()
        if self._saving is not None and not live.waiting:
            self._leave()

    def flush_recorder(self) -> None:
        """Tell the recorder the composer's draft and the clock, if either changed (and, recording in the
        background, read what it has stored: a store that stopped answering is noticed here)."""
        if self.live is not None and not self.read_only:
            self.collect_recorded()
            self.live.flush((self.draft, self.draft_role, self.draft_channel))
            self._sync()

    def retry_recording(self, resume: bool = False) -> bool:
        """Try the failing store again; on success show what was held back (and resume, with ``resume``).
        Recording in the background the answer comes later: False now, and the banner stays until it works."""
        live = self.live
        if resume:
            self._attempt(live.toggle_pause)
            ok = live.store_error is None
        else:
            ok = live.retry()
            self._sync()
        if live.retrying:
            self.notify("Trying the drill store again…", timeout=2, markup=False)
        elif not ok:
            self._still_failing()
        return ok

    def _still_failing(self) -> None:
        self.notify("Still cannot save to the drill store; the drill stays paused.", severity="error", markup=False)
