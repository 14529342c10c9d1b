"""The seat's app: the drill app's screens around a ``RemoteDrill``, kept connected by a ``Connection``.

The connection runs as an asyncio task in the app's own loop (Textual's), so every frame
is handled between two paints, never from another thread. Until the server's welcome
the app shows where it is joining; with no token it asks for one on screen first (a
browser seat has no command line). What a seat may do follows its kind: a role's seat
writes as its role, the facilitator's seat runs the clock, previews a role and sees the
roster, an observer's seat notes. Leaving a seat never ends the drill.

Format 2's play keys follow the same rule: the seat of an inject's chooser role picks
its option (Ctrl+O); the facilitator's seat chooses at any decision, releases held
injects (Ctrl+R) and, in a drill of moves, starts the next move (Ctrl+N); a question
is answered from the composer's reply-to, as the drill app does.
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.binding import Binding
from textual.reactive import var
from textual.signal import Signal

import drill.tui.app
from drill.join.connection import STOPPED, Connection, Status
from drill.join.outbox import Outbox, outbox_path
from drill.join.remote import RemoteDrill
from drill.join.seat_scenario import BadScenarioView
from drill.seats import protocol as wire
from drill.tui.app import DrillApp
from drill.tui.controls import PLAY_ACTIONS
from drill.tui.render import role_name

SEAT_ACTIONS = frozenset({"preview", "note"})


def _no_new_drill(scenario):  # a seat never starts a drill of its own
    raise RuntimeError("a seat joins the server's drill")


class SeatApp(DrillApp):
    CSS_PATH = str(Path(drill.tui.app.__file__).with_name("app.tcss"))  # the drill app's look, from its folder
    BINDINGS = [
        Binding("f6", "preview", "Preview"),  # facilitator: a role's view
        Binding("f9", "note", "Note"),  # observer and facilitator: an evaluator's note
    ]

    link: var[Status] = var(Status("connecting"))

    def __init__(self, url: str, token: str | None = None, *, name: str = "", realtime: bool = True,
                 outbox_folder: Path | None = None, **connection_options) -> None:
        super().__init__(None, new_drill=_no_new_drill, briefing=False, realtime=realtime)
        self.url, self.token, self.seat_name = url, token, name
        self.outbox_folder = outbox_folder
        self.connection_options = connection_options  # sleep / random / open_timeout, for tests
        self.connection: Connection | None = None
        self.roster_changed: Signal[None] = Signal(self, "roster-changed")
        self._typed_token = token is None
        self._awaiting: dict[str, object] = {}  # Send frame id -> the composer that sent it

    # --- joining -----------------------------------------------------------------------

    def on_mount(self, event) -> None:
        event.prevent_default()  # not the drill app's start: no picker, no local engine
        from drill.join.screens.connecting import ConnectingScreen
        from drill.tui.startup import resume_collection

        self.push_screen(ConnectingScreen())
        self._ask_token() if self.token is None else self._connect()
        self.call_after_refresh(resume_collection)  # the launching command paused garbage collection

    def _ask_token(self, problem: str = "") -> None:
        from drill.join.screens.token import TokenScreen

        def entered(answer: tuple[str, str] | None) -> None:
            if answer:
                self.token, self.seat_name = answer[0], answer[1][:wire.MAX_NAME_CHARS] or self.seat_name
                self._connect()

        self.push_screen(TokenScreen(self.url, problem, self.seat_name), entered)

    def _connect(self) -> None:
        outbox = Outbox(outbox_path(self.url, self.token, self.outbox_folder))
        if outbox.problem:
            self.notify(outbox.problem, severity="warning", timeout=8)
        self.connection = Connection(self.url, self.token, outbox, name=self.seat_name, on_frame=self._frame,
                                     on_status=self._status, **self.connection_options)
        self.run_worker(self.connection.run(), group="connection", exit_on_error=False)

    def _status(self, status: Status) -> None:
        self.link = status
        if status.state != STOPPED:
            return
        if self.live is None and self._typed_token and "token" in status.detail:
            self._ask_token(status.detail.capitalize() + ".")  # a typing slip: let them try again
        elif self.live is not None and not self.live.ended:  # after the end, closing is what the server does
            self.notify(f"Disconnected: {status.detail}.", severity="error", timeout=15)

    def _frame(self, frame: wire.ServerFrame) -> None:
        if self.live is None:
            if isinstance(frame, wire.Welcome):
                self._welcomed(frame)
            return
        self.live.receive(frame)
        self._sync()

    def _welcomed(self, welcome: wire.Welcome) -> None:
        try:
            live = RemoteDrill(welcome, self.connection.submit, self.connection.set_draft)
        except BadScenarioView as error:
            self.link = Status(STOPPED, str(error))
            self.call_later(self.connection.close)
            return
        live.on_answer, live.on_notice = self._answered, self.notify
        live.on_roster = lambda: self.roster_changed.publish(None)
        live.on_preview = self._previewed
        outbox = self.connection.outbox
        for frame in outbox.pending():  # sent by this seat before a restart: answered now
            live.sent[frame.id] = frame
        # This client's own draft is the newer one; the server's is for a seat coming back from elsewhere.
        self.draft, self.draft_channel = ((outbox.draft, outbox.draft_channel) if outbox.draft
                                          else (welcome.draft, welcome.draft_channel))
        self.draft_role = live.role
        self.live = live
        self.attach(live)
        self._sync()
        self._open_play()

    def seat_title(self) -> str:
        """"Comms · Sam", "Facilitator", "Observer · Ana"."""
        live = self.live
        if live is None:
            return "joining"
        what = role_name(live.scenario, live.role) if live.role else live.kind.capitalize()
        if live.seat.seat not in (live.role, live.kind):
            what += f" ({live.seat.seat})"
        name = self.seat_name or live.seat.name
        return f"{what} · {name}" if name else what

    # --- screens -----------------------------------------------------------------------

    def _open_play(self) -> None:
        from drill.join.screens.play import SeatPlayScreen

        self._show(SeatPlayScreen())
        self._start_timers()

    def _sync(self) -> None:
        if self.live is None:
            return
        super()._sync()
        self.speed = self.live.speed

    def _drill_over(self) -> None:
        """The drill ended on the server: the seat stays on play, to read back, until Ctrl+Q."""
        if self._finished:
            return
        self._finished = True
        self.stop_clock()
        self.flush_draft()
        self.refresh_bindings()
        self.notify("The drill has ended. The facilitator's server writes the report. Ctrl+Q leaves.", timeout=15)

    # --- what each seat may do ---------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        live = self.live
        if action == "choose" and live is not None and live.role is not None:  # a chooser role's seat
            play = sys.modules.get("drill.tui.screens.play")  # loaded with the play screen, never before
            if live.ended or play is None or not isinstance(self.screen, play.PlayScreen):
                return False
            return bool(live.choices_for_me())
        if action in SEAT_ACTIONS:
            if live is None or live.ended or not self._playing():
                return False
            return live.is_facilitator if action == "preview" else live.may_note
        if action in PLAY_ACTIONS and (live is None or not live.is_facilitator or action == "skip"):
            return False
        return super().check_action(action, parameters)

    def action_quit_drill(self) -> None:
        """Leave the seat: the drill goes on without it; the draft and anything unacknowledged are kept."""
        self.flush_draft()
        self.exit(return_code=0)

    def action_end_drill(self) -> None:
        self._confirm_end("End the drill for everyone?",
                          "Open asks become missed, every seat is told and the server writes the report.",
                          then_exit=False)

    def get_system_commands(self, screen):
        from textual.app import SystemCommand

        for command in super().get_system_commands(screen):
            if command.title == "Quit":
                command = SystemCommand("Quit", "Leave this seat; the drill goes on without it (Ctrl+Q)",
                                        self.action_quit_drill)
            yield command
        live = self.live
        if live is not None and live.role is not None and self.check_action("choose", ()):
            yield SystemCommand("Choose an option", "Your role's choice at a decision point (Ctrl+O)",
                                self.action_choose)
        if live is not None and live.is_facilitator and not live.ended:
            for seat in live.roster:
                if seat.kind != "facilitator":
                    yield SystemCommand(f"Revoke {seat.seat}'s token",
                                        "Close that seat and issue a new token (shown in the roster)",
                                        lambda seat=seat.seat: self._attempt(lambda: live.revoke(seat)))

    def set_speed(self, speed: float) -> None:
        if self._attempt(lambda: self.live.set_speed(speed)) is not None:
            super().set_speed(speed)

    def action_choose(self, inject_id: str | None = None) -> None:
        """Ctrl+O: the facilitator's seat as the drill app (every decision); a role's seat its own."""
        live = self.live
        if live is None or live.role is None:
            super().action_choose(inject_id)
            return
        if not live.choices_for_me():
            self.notify("No decision is waiting for your choice.")
            return
        from drill.join.screens.choose import SeatChoiceScreen

        self.push_screen(SeatChoiceScreen(inject_id))

    def action_note(self) -> None:
        from drill.join.screens.note import NoteScreen

        self.push_screen(NoteScreen())

    def action_preview(self) -> None:
        from drill.join.screens.preview import PreviewPickerScreen, PreviewScreen

        def chosen(role: str | None) -> None:
            if role is not None and self._attempt(lambda: self.live.preview(role) or []) is not None:
                if isinstance(self.screen, PreviewScreen):  # from one role's view to another's
                    self.pop_screen()
                self.push_screen(PreviewScreen(role))

        self.push_screen(PreviewPickerScreen(), chosen)

    def stop_preview(self) -> None:
        from drill.join.screens.preview import PreviewScreen

        if self.live is not None and self.live.preview_role is not None:
            self._attempt(lambda: self.live.preview(None) or [])
        if isinstance(self.screen, PreviewScreen):
            self.pop_screen()

    def _previewed(self, events) -> None:
        from drill.join.screens.preview import PreviewScreen

        if isinstance(self.screen, PreviewScreen) and self.screen.role == self.live.preview_role:
            self.screen.show_events(events)

    # --- the composer --------------------------------------------------------------------

    def on_composer_send_requested(self, request) -> None:
        """Hand the message to the server (it is in the outbox from now on) and let the box go of it."""
        request.prevent_default()  # not the drill app's: nothing is graded here
        from drill.engine.commands import Respond

        before = set(self.live.sent) if self.live is not None else set()
        if self.send(Respond(request.role, request.channel, request.text, request.reply_to)) is None:
            request.composer.not_sent(request)
            return
        for frame_id in set(self.live.sent) - before:
            self._awaiting[frame_id] = request.composer
        request.composer.sent(request, None)
        request.composer.show_result(note="sending…")

    def _answered(self, frame: wire.ClientFrame | None, answer: wire.Ack | wire.Rejected) -> None:
        composer = self._awaiting.pop(answer.id, None)
        if isinstance(answer, wire.Rejected):
            self.notify(f"Not done: {answer.reason}", severity="warning", timeout=8)
            if composer is not None and isinstance(frame, (wire.Send, wire.Relay)):
                self._give_back(composer, frame.text)
            return
        if composer is None or not composer.is_attached:
            return
        recorded = self.live.response_for(answer.id)
        grade = self.grades.get(recorded.data["response_id"]) if recorded is not None else None
        composer.show_result(grade, note="sent")

    def _give_back(self, composer, text: str) -> None:
        """A refused message goes back into an empty box, so nothing typed is lost."""
        if composer.is_attached and not composer.text_area.text.strip():
            composer.text_area.text = text
            composer.show_result(note="not sent: see the notice")

    # --- the draft -------------------------------------------------------------------------

    def flush_draft(self) -> None:
        """The composer's unsent text to the outbox and the server now, not at the next second."""
        if isinstance(self.live, RemoteDrill):
            self.live.flush((self.draft, self.draft_role, self.draft_channel), force=True)


def make_seat_app(url: str, token: str | None = None, **options) -> SeatApp:
    """The one way to build a seat's app, for ``drill join`` and the tests alike."""
    return SeatApp(url, token, **options)
