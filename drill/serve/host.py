"""The drill host: one live drill, and every seat's frames turned into its commands.

It never waits: each frame is carried out at once on the event loop, and what it
causes is written to the seats before the next frame is read. An ``ack`` goes out
only once the event a frame caused is in the store (shown by the live drill); a
frame id seen before gets its first answer again, also after a restart, since the
events carry ``seat/id`` as their client id.

Format 2's play frames: ``choose`` from the facilitator or a role seat (the engine
takes it from the inject's chooser only, and a role may name only an inject it was
sent), ``release`` and ``next_move`` from the facilitator. ``next_move`` names the
move it ends, since ``move_started`` carries no client id: a copy sent after that
move is over is refused, never a second move.
"""

from __future__ import annotations

import asyncio
import sys
import time
from dataclasses import dataclass
from typing import Callable

from drill.engine import client_ids
from drill.engine.commands import (
    AssignRoles, Choose, CommandRejected, EvaluatorNote, InjectAdHoc, Pause, Relay, Release, Respond,
)
from drill.engine.events import Event
from drill.live import LiveDrill
from drill.live.session import STORE_FAILING
from drill.seats import protocol as wire
from drill.seats.protocol import (
    CLOSE_DRILL_ENDED, CLOSE_REPLACED, CLOSE_REVOKED, CLOSE_VERSION, VERSION, Ack, Clock, Control, Draft, Hello,
    Inject, Note, Ping, Pong, Preview, ProtocolError, Rejected, Revoke, Send, Welcome,
)
from drill.serve.clock import DrillClock
from drill.serve.connections import Connections, SeatConnection, close
from drill.serve.drafts import DraftBook
from drill.serve.feeds import Feeds
from drill.serve.roster import RosterPusher, roster_frame
from drill.serve.seating import FACILITATOR, OBSERVER, ROLE, Seat
from drill.serve.tokens import Refusal, TokenBook
from drill.serve.wire import encode_frame, events_frames
from drill.textsafe import typed

STORE_FAILING_HERE = "not done: the drill store is failing; the facilitator's resume tries it again"
MIN_SPEED, MAX_SPEED = 0.0, 1000.0
SHOWN_KINDS_FOR_CLOCK = frozenset({"drill_paused", "drill_resumed", "drill_ended"})


@dataclass
class HostedDrill:
    """A live drill ready to serve, with its seats' tokens and drafts."""

    drill_id: str
    live: LiveDrill
    book: TokenBook
    drafts: DraftBook
    tokens: dict[str, str]  # seat -> token, for the seats given new tokens now
    recorder: object | None = None


class DrillHost:
    def __init__(self, hosted: HostedDrill, *, speed: float = 1.0, now: Callable[[], float] = time.monotonic,
                 audience=None) -> None:
        from drill.seats.audience import AudienceFilter
        from drill.seats.views import scenario_view

        self.drill_id, self.live, self.book, self.drafts = hosted.drill_id, hosted.live, hosted.book, hosted.drafts
        scenario = self.live.scenario
        self.scenario_view = scenario_view
        self.feeds = Feeds(audience or AudienceFilter(scenario), ["facilitator", "observer", *scenario.roles])
        self.connections = Connections()
        self.clock = DrillClock(self, speed, now)
        self.roster = RosterPusher(self._push_roster, now)
        self.names: dict[str, str] = {}  # seat -> the name its person gave last
        self.last_active: dict[str, int] = {}  # seat -> scenario time of its last frame
        self.on_end: Callable[[], None] | None = None
        self._answers: dict[tuple[str, str], bytes] = {}  # (seat, frame id) -> its final ack or rejection
        self._pending: dict[tuple[str, str], int] = {}  # acks waiting for the store: -> the event's seq
        self._new_tokens: dict[str, str] = {}
        self._store_error = self.live.store_error
        shown = self.live.shown_log
        self.feeds.admit(shown)
        for client_id, seq in client_ids(shown).items():
            seat, _, frame_id = client_id.partition("/")
            self._answers[seat, frame_id] = encode_frame(Ack(id=frame_id, seq=seq))
        self.live.subscribe(self._shown)

    # --- joining and leaving ---------------------------------------------------------

    def join(self, ws, hello: Hello) -> SeatConnection | Refusal:
        """Admit a hello: the seat's welcome and catch-up written, or why it is refused."""
        if hello.v != VERSION:
            return Refusal(CLOSE_VERSION, f"this server speaks seat protocol version {VERSION}, not {hello.v}")
        seat = self.book.seat_of(hello.token)
        if isinstance(seat, Refusal):
            return seat
        if self.live.ended:
            return Refusal(CLOSE_DRILL_ENDED, f"drill {self.drill_id} has ended")
        connection = SeatConnection(ws, seat, name=" ".join(typed(hello.name).split()))
        replaced = self.connections.add(connection)
        if replaced is not None:
            replaced.closing = True
            close(replaced.ws, CLOSE_REPLACED, "this seat joined again from elsewhere")
        self.connections.send([connection], [self._welcome(connection),
                                             *events_frames(self.feeds.after(seat.viewer, hello.after))])
        if connection.name:
            self.names[seat.seat] = connection.name
            self._record_participants(seat, connection.name)
        self.roster.soon()
        return connection

    def leave(self, connection: SeatConnection) -> None:
        if self.connections.remove(connection):
            self.roster.soon()

    def _welcome(self, connection: SeatConnection) -> bytes:
        seat, live = connection.seat, self.live
        draft, channel = self.drafts.get(seat.seat)
        return encode_frame(Welcome(
            v=VERSION, drill=self.drill_id,
            seat=wire.SeatInfo(seat=seat.seat, kind=seat.kind, role=seat.role, name=connection.name),
            scenario=self.scenario_view(live.scenario, seat.viewer, live.shown_log[0].data),
            clock=live.clock, speed=self.clock.speed, paused=live.paused, ended=live.ended,
            draft=draft, draft_channel=channel))

    def _record_participants(self, seat: Seat, name: str) -> None:
        """A role seat's person named in the log (for the report), beside the others who played the role."""
        current = self.live.state.participants
        names = [known for known in current.get(seat.role, "").split(", ") if known]
        if seat.role is None or name in names:
            return
        try:
            self.live.send(AssignRoles({**current, seat.role: ", ".join([*names, name])}))
        except CommandRejected:
            pass  # the drill ended meanwhile: nothing left to name

    # --- frames ----------------------------------------------------------------------

    def handle(self, connection: SeatConnection, frame) -> None:
        """Carry out one frame from an admitted seat. Raises ProtocolError for a frame the seat may not send."""
        seat = connection.seat
        if isinstance(frame, Ping):  # a keep-alive, not a person's activity
            self._send(connection, Pong())
            return
        if isinstance(frame, Hello):
            raise ProtocolError("hello was already sent")
        self.last_active[seat.seat] = self.live.clock
        if isinstance(frame, Draft):
            self.drafts.set(seat.seat, frame.text, frame.channel)
            self.roster.soon()
            return
        if isinstance(frame, Preview):
            self._preview(connection, frame.role)
            return
        key = (seat.seat, frame.id)
        answer = self._answers.get(key)
        if answer is not None:
            self.connections.send([connection], [answer])
            return
        if key in self._pending:
            return  # acknowledged once the store has it
        try:
            seq = self._carry_out(connection, frame, f"{seat.seat}/{frame.id}")
        except CommandRejected as error:
            reason = str(error)
            if reason == STORE_FAILING:  # not final: the same frame may be sent again once the store works
                self._send(connection, Rejected(id=frame.id, reason=STORE_FAILING_HERE))
                return
            self._answers[key] = encode_frame(Rejected(id=frame.id, reason=reason))
            self.connections.send([connection], [self._answers[key]])
            return
        if seq <= self.feeds.last_seq:
            self._answers[key] = encode_frame(Ack(id=frame.id, seq=seq))
            self.connections.send([connection], [self._answers[key]])
        else:
            self._pending[key] = seq
        if self._new_tokens:
            self.roster.now()
        else:
            self.roster.soon()

    def _carry_out(self, connection: SeatConnection, frame, client_id: str) -> int:
        """The frame's command; the seq of the event it caused (0 for none). Raises CommandRejected."""
        seat = connection.seat
        if isinstance(frame, (Send, wire.Relay)):
            if seat.kind != ROLE:
                raise CommandRejected("only a role's seat sends messages; the facilitator sends ad-hoc injects")
            if isinstance(frame, Send):
                self._check_reply_to(seat, frame.reply_to)
                command = Respond(seat.role, frame.channel, frame.text, frame.reply_to, client_id=client_id)
            else:
                command = Relay(seat.role, tuple(frame.to), frame.text, client_id=client_id)
            events = self.live.send(command)
            self.drafts.set(seat.seat, "")
            return _caused(events, client_id)
        if isinstance(frame, Note):
            if seat.kind not in (OBSERVER, FACILITATOR):
                raise CommandRejected("evaluator notes come from the observer and facilitator seats")
            author = connection.name or seat.seat
            return _caused(self.live.send(EvaluatorNote(author, frame.text, frame.objective, client_id=client_id,
                                                            rating=frame.rating)),
                           client_id)
        if isinstance(frame, wire.Choose):
            return self._choose(seat, frame, client_id)
        if seat.kind != FACILITATOR:
            raise CommandRejected("only the facilitator controls the drill")
        if isinstance(frame, Control):
            return self._control(frame)
        if isinstance(frame, Inject):
            command = InjectAdHoc(type=frame.kind, text=frame.text, to=tuple(frame.to), sender=frame.sender,
                                  expects_role=frame.expects_role, expects_channel=frame.expects_channel,
                                  within=frame.within, client_id=client_id)
            return _caused(self.live.send(command), client_id)
        if isinstance(frame, Revoke):
            return self._revoke(connection, frame)
        if isinstance(frame, wire.Release):
            return _caused(self.live.send(Release(frame.inject, client_id=client_id)), client_id)
        if isinstance(frame, wire.NextMove):
            return self._next_move(frame)
        raise CommandRejected(f"unknown frame {type(frame).__name__}")

    # --- format 2's play keys ----------------------------------------------------------

    def _role_name(self, role: str) -> str:
        found = self.live.scenario.roles.get(role)
        return found.name if found is not None else role

    def _check_reply_to(self, seat: Seat, reply_to: str | None) -> None:
        """A role answers only the questions of injects it was sent; another's is refused as the engine
        refuses a reply to nothing (the same words: whether it exists is not told)."""
        question = self.live.state.questions.get(reply_to) if reply_to is not None else None
        if question is not None and not self.feeds.audience.reached(seat.role, question.inject_id):
            raise CommandRejected(f"reply_to {reply_to!r} names nothing delivered so far")

    def _choose(self, seat: Seat, frame: wire.Choose, client_id: str) -> int:
        """A choice from the facilitator (its own, or recorded as the chooser's with ``role``) or from the
        seat of the inject's chooser role; the engine decides whose the choice is."""
        if seat.kind == OBSERVER:
            raise CommandRejected("observers watch and note; the facilitator or the inject's chooser chooses")
        role = frame.role
        if seat.kind == ROLE:
            if role not in (None, seat.role):
                raise CommandRejected(f"this seat chooses as {self._role_name(seat.role)} only")
            if not self.feeds.audience.reached(seat.role, frame.inject):
                raise CommandRejected(f"no inject {frame.inject!r} has reached this seat")
            role = seat.role
        return _caused(self.live.send(Choose(frame.inject, frame.option, role, client_id=client_id)), client_id)

    def _next_move(self, frame: wire.NextMove) -> int:
        """End the move being played and start the next (the last: the drill ends). A frame naming a move
        already over is refused, so a resent one never starts a second move."""
        live = self.live
        scenario = live.scenario
        if not scenario.in_moves:
            raise CommandRejected("this drill runs on a clock, not in moves")
        current = live.state.move
        if frame.move is not None and frame.move != current:
            raise CommandRejected(f"move {frame.move} is not being played: move {current} of {scenario.moves} is")
        self.clock.restart()
        events = live.next_move()
        self.clock.restart()
        self.clock.announce()
        started = next((event for event in events if event.kind in ("move_started", "drill_ended")), None)
        return started.seq if started is not None else (events[0].seq if events else 0)

    def _control(self, frame: Control) -> int:
        live, action = self.live, frame.action
        if action == "speed":
            if frame.value is None or not MIN_SPEED < frame.value <= MAX_SPEED:
                raise CommandRejected("speed must be above 0 and at most 1000")
            self.clock.speed = float(frame.value)
            self.clock.announce()
            return 0
        self.clock.restart()
        if action == "pause":
            events = [] if live.paused else live.send(Pause())
        elif action == "resume":
            if not live.paused and live.store_error is None:
                return 0
            events = live.toggle_pause()  # with the store failing: tried again first, resumed only if it works
            if live.store_error is not None:
                raise CommandRejected(f"still paused: the drill store is failing ({live.store_error})")
        elif action == "next":
            if live.scenario.in_moves:
                raise CommandRejected("a drill of moves has no clock to jump: start the next move instead")
            events = live.next_inject()
            if events is None:
                raise CommandRejected("no inject is left to jump to")
        else:
            events = live.end()
        self.clock.restart()
        self.clock.announce()
        return events[0].seq if events else 0

    def _revoke(self, connection: SeatConnection, frame: Revoke) -> int:
        if frame.seat not in self.book.seats:
            raise CommandRejected(f"no seat {frame.seat!r} (seats: {', '.join(self.book.seats)})")
        if frame.seat == connection.seat.seat:
            raise CommandRejected("a seat cannot revoke itself")
        from drill.store import StoreError

        try:
            token = self.book.revoke(frame.seat, frame.reissue)
        except StoreError as error:
            raise CommandRejected(f"not revoked: {error}") from None
        target = self.connections.by_seat.get(frame.seat)
        if target is not None:
            self.connections.remove(target)
            target.closing = True
            close(target.ws, CLOSE_REVOKED, "the facilitator revoked this seat's token")
        if token is not None:
            self._new_tokens[frame.seat] = token
        return 0

    def _preview(self, connection: SeatConnection, role: str | None) -> None:
        if connection.seat.kind != FACILITATOR:
            raise ProtocolError("only the facilitator previews a role's view")
        if role is not None and role not in self.live.scenario.roles:
            raise ProtocolError(f"preview: unknown role {role!r}")
        self.connections.set_preview(connection, role)
        if role is not None:
            self.connections.send([connection], events_frames(self.feeds.after(role, 0), preview=role))

    # --- what the drill shows ----------------------------------------------------------

    def _shown(self, events: list[Event]) -> None:
        """A batch the store has taken: to every seat that may see it, then the acks it releases."""
        fresh = self.feeds.admit(events)
        connections = self.connections
        for viewer, encoded in fresh.items():
            seated = connections.by_viewer.get(viewer)
            if seated:
                connections.send(seated, events_frames(encoded))
            previewing = connections.previews.get(viewer)
            if previewing:
                connections.send(previewing, events_frames(encoded, preview=viewer))
        self._release_acks()
        kinds = {event.kind for event in events}
        if kinds & SHOWN_KINDS_FOR_CLOCK:
            self.clock.announce()
        if any(kind.startswith(("ask_", "question_")) for kind in kinds):
            self.roster.soon()
        if "drill_ended" in kinds and self.on_end is not None:
            asyncio.get_running_loop().call_soon(self.on_end)  # after the frame that ended it is answered

    def _release_acks(self) -> None:
        stored = self.feeds.last_seq
        for key, seq in list(self._pending.items()):
            if seq <= stored:
                del self._pending[key]
                self._answers[key] = encode_frame(Ack(id=key[1], seq=seq))
                connection = self.connections.by_seat.get(key[0])
                if connection is not None:
                    self.connections.send([connection], [self._answers[key]])

    def push_clock(self) -> None:
        live = self.live
        frame = encode_frame(Clock(at=live.clock, speed=self.clock.speed, paused=live.paused or live.ended))
        self.connections.send(self.connections.all(), [frame])

    def _push_roster(self) -> None:
        tokens, self._new_tokens = self._new_tokens, {}
        facilitators = self.connections.facilitators()
        if facilitators:
            self.connections.send(facilitators, [encode_frame(roster_frame(self, tokens))])

    def save_progress(self) -> None:
        """The clock and the drafts into the store; a change in the store's health told to the facilitator."""
        self.live.flush(("", None, None))
        self.drafts.flush()
        if self.live.store_error != self._store_error:
            self._store_error = self.live.store_error
            self.roster.now()
            self.clock.announce()

    def _send(self, connection: SeatConnection, frame) -> None:
        self.connections.send([connection], [encode_frame(frame)])


def _caused(events: list[Event], client_id: str) -> int:
    """The seq of the event that carries ``client_id`` (the message, the relay...), else the first."""
    for event in events:
        if event.data.get("client_id") == client_id:
            return event.seq
    return events[0].seq if events else 0


def report_problem(message: str) -> None:
    print(f"drill serve: {' '.join(message.split())}", file=sys.stderr)
