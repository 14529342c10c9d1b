"""A drill played on a server, as one seat reads and drives it: the third "live" object the app reads.

``RemoteDrill`` has the surface of ``drill.live.LiveDrill`` (started, clock, paused,
state, shown_log, subscribe, send, tick, toggle_pause, next_inject, next_move, end,
flush, grades...), so the same screens show it. Nothing is decided here: the state is folded
from the events the server sent this seat, and every command becomes a frame handed
to ``submit`` (the connection), taken at once and acknowledged or refused later. The
clock runs on between the server's clock frames so countdowns move, and the next
frame sets it right (in a drill of moves it stands still: the facilitator starts
each move).

The seat's scenario grows as format 2's play arrives: a delivery that offers options
or asks questions brings them (``play``), and the facilitator's ``inject_held`` the
inject it may release; each is added to ``scenario`` before its event is folded, so
the screens find an inject's options, questions and chooser where a local drill has
them.
"""

from __future__ import annotations

from time import monotonic
from typing import Callable

from drill.engine.commands import (
    Advance, Choose, Command, CommandRejected, End, EvaluatorNote, InjectAdHoc, NextMove, Pause, Relay, Release,
    Respond, Resume,
)
from drill.engine.events import Event
from drill.join.outbox import new_id
from drill.join.seat_scenario import learnt_inject, scenario_from_view, with_inject
from drill.join.seat_state import SeatState
from drill.seats import protocol as wire
from drill.seats.protocol import SEAT_FACILITATOR, SEAT_OBSERVER

DRAFT_SECONDS = 1.0  # a draft typed key by key is passed on at most this often (the app flushes each second)
RELAY_PREFIX = "relay:"  # a composer "channel" that is a message to team members: relay:<role>, relay:* for all


def relay_target(channel: str | None) -> tuple[str, ...] | None:
    """The roles a composer channel relays to (() for every role), or None if it is a real channel."""
    if not channel or not channel.startswith(RELAY_PREFIX):
        return None
    target = channel[len(RELAY_PREFIX):]
    return () if target == "*" else (target,)


class RemoteDrill:
    """One seat's view of a drill on a server."""

    read_only = False  # the app's replay switch; what a seat may do is ``kind``'s business
    started = True

    def __init__(self, welcome: wire.Welcome, submit: Callable[[wire.ClientFrame], None],
                 set_draft: Callable[[str, str | None], None] = lambda text, channel: None, *,
                 now: Callable[[], float] = monotonic) -> None:
        self.drill_id = welcome.drill
        self.seat = welcome.seat
        self.scenario = scenario_from_view(welcome.scenario)
        self.state = SeatState(self.scenario)
        self.seed = None
        self.log: list[Event] = []
        self._submit, self._set_draft, self._now = submit, set_draft, now
        self._listeners: list[Callable[[list[Event]], None]] = []
        self._clock = float(welcome.clock)
        self.speed, self._paused, self._ended = welcome.speed, welcome.paused, welcome.ended
        self.saved_draft = (welcome.draft, welcome.draft_channel)
        self._draft: tuple[str, str | None] = ("", None)
        self._draft_passed_at = float("-inf")
        self._grades = None
        self.roster: list[wire.RosterSeat] = []
        self.store_error: str | None = None  # the server's store failing, as the facilitator's roster says
        self.tokens: dict[str, str] = {}  # seat -> token, after the facilitator reissued one
        self.preview_role: str | None = None
        self.preview_log: list[Event] = []
        self.sent: dict[str, wire.ClientFrame] = {}  # frames this client made and has no answer for yet
        # Told about what is not an event: set by the app.
        self.on_answer: Callable[[wire.ClientFrame | None, wire.Ack | wire.Rejected], None] = lambda frame, answer: None
        self.on_roster: Callable[[], None] = lambda: None
        self.on_preview: Callable[[list[Event]], None] = lambda events: None
        self.on_notice: Callable[[str], None] = lambda message: None

    # --- who this seat is ------------------------------------------------------------

    @property
    def kind(self) -> str:
        return self.seat.kind

    @property
    def role(self) -> str | None:
        return self.seat.role

    @property
    def is_facilitator(self) -> bool:
        return self.seat.kind == SEAT_FACILITATOR

    @property
    def may_note(self) -> bool:
        return self.seat.kind in (SEAT_FACILITATOR, SEAT_OBSERVER)

    def choices_for_me(self) -> list:
        """The decisions waiting for a choice that this seat may make (``PendingChoice``): every one for the
        facilitator, those whose chooser is its role for a role's seat, none for an observer."""
        from drill.tui.support.decisions import pending_choices

        if self.is_facilitator:
            return pending_choices(self.scenario, self.state)
        if self.role is None:
            return []
        waiting = pending_choices(self.scenario, self.state)
        return [pending for pending in waiting if pending.inject.chooser == self.role]

    # --- what the app reads ------------------------------------------------------------

    @property
    def engine(self) -> "RemoteDrill":
        return self  # the widgets read ``app.engine.state`` and ``app.engine.clock``

    @property
    def clock(self) -> int:
        return max(int(self._clock), self.state.clock)

    @property
    def paused(self) -> bool:
        return self._paused and not self.ended

    @property
    def ended(self) -> bool:
        return self._ended or self.state.ended

    @property
    def phase(self) -> str:
        return str(self.state.facts.get("phase") or "")

    @property
    def start_time(self):
        return self.state.start_time

    @property
    def shown_log(self) -> list[Event]:
        return self.log

    @property
    def grades(self):
        if self._grades is None:  # the scorer's types load when a grade is first read
            from drill.grading import LoggedGrades

            self._grades = LoggedGrades()
        return self._grades

    def next_due(self, kind: str | None = None) -> int | None:
        return None  # the script is on the server

    def subscribe(self, listener: Callable[[list[Event]], None]) -> None:
        self._listeners.append(listener)

    # --- what the server sends ------------------------------------------------------------

    def receive(self, frame: wire.ServerFrame) -> None:
        """Take one frame from the server (the connection calls this for each, in order)."""
        if isinstance(frame, wire.Events):
            self._events(frame)
        elif isinstance(frame, (wire.Welcome, wire.Clock)):
            at = frame.clock if isinstance(frame, wire.Welcome) else frame.at
            self._clock, self.speed, self._paused = float(max(at, self.state.clock)), frame.speed, frame.paused
            if isinstance(frame, wire.Welcome):
                self._ended = frame.ended
        elif isinstance(frame, (wire.Ack, wire.Rejected)):
            self.on_answer(self.sent.pop(frame.id, None), frame)
        elif isinstance(frame, wire.Roster):
            self.roster = list(frame.seats)
            self.tokens.update(frame.tokens)
            self.store_error = getattr(frame, "store_error", None)
            self.on_roster()

    def _events(self, frame: wire.Events) -> None:
        events = [event for event in map(_event, frame.events) if event is not None]
        if frame.preview is not None:
            if frame.preview == self.preview_role:
                self.preview_log.extend(events)
                self.on_preview(events)
            return
        shown = []
        for event in events:
            if event.seq <= self.state.seq:
                continue  # sent again after a reconnection: already folded
            try:
                self._learn(event)
                self.state.apply(event)
            except (KeyError, TypeError, ValueError, AttributeError):
                self.on_notice(f"An event from the server could not be read ({event.kind}); it is not shown.")
                continue
            if event.kind == "response_graded":
                self.grades.record(event.data.get("response_id"), event.data.get("grade"))
            elif event.kind in ("drill_paused", "drill_resumed"):
                self._paused = event.kind == "drill_paused"
            self._clock = max(self._clock, float(event.at))
            self.log.append(event)
            shown.append(event)
        if shown:
            for listener in self._listeners:
                listener(shown)

    def _learn(self, event: Event) -> None:
        """The inject an event tells this seat about (its options and questions; a held one's text), into
        the seat's scenario before the event is folded."""
        data = event.data
        if event.kind == "inject_delivered" and isinstance(data.get("play"), dict):
            inject = learnt_inject(str(data["inject_id"]), data, play=data["play"])
        elif event.kind == "inject_held" and isinstance(data.get("inject"), dict):
            inject = learnt_inject(str(data["inject_id"]), data["inject"], manual=True)
        else:
            return
        try:
            known = self.scenario.inject(inject.id)
        except KeyError:
            known = None
        if known is not None and (known.options, known.questions, known.chooser) == (
                inject.options, inject.questions, inject.chooser) and (inject.manual or not known.manual):
            return  # a loop's next delivery: known already
        self.scenario = with_inject(self.scenario, inject)
        self.state.scenario = self.scenario

    def response_for(self, frame_id: str) -> Event | None:
        """The recorded response a Send frame caused, once its event has arrived."""
        suffix = f"/{frame_id}"  # the server keeps it as "<seat>/<id>"
        for event in reversed(self.state.responses):
            client_id = str(event.data.get("client_id") or "")
            if client_id == frame_id or client_id.endswith(suffix):
                return event
        return None

    # --- commands: each a frame, taken now, answered later ------------------------------------

    def send(self, command: Command) -> list[Event]:
        """Hand ``command`` to the server; [] at once (its events arrive from the server).
        Raises CommandRejected, with a reason people read, for what this seat may not do."""
        self._refuse_after_end()
        if isinstance(command, Respond):
            to = relay_target(command.channel)
            if to is not None:
                return self.send(Relay(command.role, to, command.text))
            self._need_role("send messages")
            return self._frame(wire.Send(id=new_id(), channel=command.channel, text=command.text,
                                         reply_to=command.reply_to))
        if isinstance(command, Relay):
            self._need_role("message the team")
            if not command.text.strip():
                raise CommandRejected("Type a message first.")
            return self._frame(wire.Relay(id=new_id(), to=list(command.to), text=command.text))
        if isinstance(command, EvaluatorNote):
            if not self.may_note:
                raise CommandRejected("Only an observer or the facilitator writes evaluator notes.")
            if not command.text.strip():
                raise CommandRejected("Type the note first.")
            return self._frame(wire.Note(id=new_id(), text=command.text, objective=command.objective,
                                         rating=command.rating))
        if isinstance(command, InjectAdHoc):
            self._need_facilitator("make up injects")
            return self._frame(wire.Inject(id=new_id(), kind=command.type, text=command.text, to=list(command.to),
                                           sender=command.sender, within=command.within,
                                           expects_role=command.expects_role,
                                           expects_channel=command.expects_channel))
        if isinstance(command, Choose):
            return self._choose(command)
        if isinstance(command, Release):
            self._need_facilitator("release a held inject")
            return self._frame(wire.Release(id=new_id(), inject=command.inject))
        if isinstance(command, NextMove):
            return self.next_move()
        if isinstance(command, (Pause, Resume, End)):
            action = {Pause: "pause", Resume: "resume", End: "end"}[type(command)]
            return self._control(action)
        if isinstance(command, Advance):
            raise CommandRejected("The server keeps the drill's time; jump to the next inject instead (F4).")
        raise CommandRejected(f"A seat cannot send {type(command).__name__} to the server.")

    def tick(self, scenario_seconds: float) -> list[Event]:
        """Let the shown clock run on until the server's next clock frame says where it is (a drill of
        moves has no running clock)."""
        if not self.paused and not self.ended and scenario_seconds > 0 and not self.scenario.in_moves:
            self._clock = min(self._clock + scenario_seconds, float(self.scenario.duration))
        return []

    def hold(self) -> None:
        pass  # a dialog on one seat never holds the drill for everyone

    def toggle_pause(self) -> list[Event]:
        return self._control("resume" if self._paused else "pause")

    def next_inject(self) -> list[Event]:
        return self._control("next")

    def next_move(self) -> list[Event]:
        """Facilitator, in a drill of moves: end the move being played (named, so a resend is harmless)."""
        self._need_facilitator("start the next move")
        self._refuse_after_end()
        if not self.scenario.in_moves:
            raise CommandRejected("This drill runs on a clock, not in moves.")
        return self._frame(wire.NextMove(id=new_id(), move=self.state.move or None))

    def end(self) -> list[Event]:
        return [] if self.ended else self._control("end")

    def set_speed(self, speed: float) -> list[Event]:
        return self._control("speed", speed)

    def preview(self, role: str | None) -> None:
        """Facilitator: see what ``role`` sees, from the start (None: stop)."""
        self._need_facilitator("preview a role's view")
        if role is not None and role not in self.scenario.roles:
            raise CommandRejected(f"unknown role {role!r}")
        self.preview_role, self.preview_log = role, []
        self._submit(wire.Preview(role=role))

    def revoke(self, seat: str, reissue: bool = True) -> list[Event]:
        self._need_facilitator("revoke tokens")
        return self._frame(wire.Revoke(id=new_id(), seat=seat, reissue=reissue))

    # A seat has no store: what the app asks of a live drill's recorder has nothing to do here.
    in_background = retrying = waiting = False

    def record_in_background(self, notify=None) -> bool:
        return False

    def collect(self) -> list[Event]:
        return []

    def retry(self) -> bool:
        return True  # the server's store is the server's to retry; the facilitator resumes (F2)

    def begin(self) -> list[Event]:
        return []

    def flush(self, draft: tuple[str, str | None, str | None], force: bool = False) -> None:
        """Pass the composer's unsent text on, at most once a ``DRAFT_SECONDS`` unless ``force``."""
        text, _role, channel = draft
        draft_now = (text, None if relay_target(channel) is not None else channel) if text else ("", None)
        if draft_now == self._draft:
            return
        now = self._now()
        if not force and text and now - self._draft_passed_at < DRAFT_SECONDS:
            return  # the app's next flush passes it on
        self._draft, self._draft_passed_at = draft_now, now
        self._set_draft(*draft_now)

    # --- helpers -----------------------------------------------------------------------

    def _frame(self, frame: wire.ClientFrame) -> list[Event]:
        self.sent[frame.id] = frame
        self._submit(frame)
        return []

    def _choose(self, command: Choose) -> list[Event]:
        """The facilitator's choice (as the chooser's with ``role``), or a chooser role's seat's own."""
        if self.is_facilitator:
            return self._frame(wire.Choose(id=new_id(), inject=command.inject, option=command.option,
                                           role=command.role))
        if self.role is None:
            raise CommandRejected("Only the facilitator or the inject's chooser makes a choice.")
        if command.role not in (None, self.role):
            raise CommandRejected(f"This seat chooses as {self.scenario.roles[self.role].name} only.")
        try:
            chooser = self.scenario.inject(command.inject).chooser
        except KeyError:
            chooser = self.role  # not known here: the server decides
        if chooser != self.role:
            who = self.scenario.roles[chooser].name if chooser in self.scenario.roles else "the facilitator"
            raise CommandRejected(f"The choice at {command.inject} is {who}'s to make.")
        return self._frame(wire.Choose(id=new_id(), inject=command.inject, option=command.option))

    def _control(self, action: str, value: float | None = None) -> list[Event]:
        self._need_facilitator("run the clock" if action != "end" else "end the drill")
        self._refuse_after_end()
        return self._frame(wire.Control(id=new_id(), action=action, value=value))

    def _refuse_after_end(self) -> None:
        if self.ended:
            raise CommandRejected("The drill has ended.")

    def _need_role(self, what: str) -> None:
        if self.seat.role is None:
            raise CommandRejected(f"Only a role's seat can {what}.")

    def _need_facilitator(self, what: str) -> None:
        if not self.is_facilitator:
            raise CommandRejected(f"Only the facilitator can {what}.")


def _event(raw: object) -> Event | None:
    try:
        return Event.from_dict(raw)  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
