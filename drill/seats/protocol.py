"""The seat protocol: versioned JSON frames between a drill server and the seats that join it.

One WebSocket per seat. The client's first frame is ``hello``; the server answers
``welcome`` (then the events the seat missed) or closes with one of the close
codes below and a reason a person can read. Every frame is one JSON object with
a ``type``; anything else, or a frame over ``MAX_FRAME_BYTES``, closes that one
connection and never reaches the drill.

Client frames that change the drill carry ``id``, a client-made id (any string
up to 64 characters, unique per seat): the server answers ``ack`` with the same
id only once the event it caused is committed to the store, and answers a
repeated id with the first ``ack`` again, so a client may resend anything it
has not seen acknowledged. ``rejected`` says a command was refused (with the
reason) and is final for that id.

Format 2's play keys are frames of their own: ``choose`` (a decision, from the
facilitator or the inject's chooser role), ``release`` and ``next_move`` (the
facilitator's). A question is answered by a ``send`` whose ``reply_to`` is
``INJECT.QUESTION``. Each carries ``id`` like every frame that changes the drill.
"""

from __future__ import annotations

from typing import Literal, Union

import msgspec

VERSION = 1
# A client's frame: room for the longest message (20,000 characters, up to 6 bytes each in JSON).
MAX_FRAME_BYTES = 256 * 1024
# A server's frame: one event (a message and its grade), a chunk of catch-up or the roster of many seats.
MAX_SERVER_FRAME_BYTES = 4 * 1024 * 1024
MAX_ID_CHARS = 64
MAX_NAME_CHARS = 80

# Close codes (4000-4999 are the application's own). The reason says the same for a person.
CLOSE_BAD_TOKEN = 4001  # unknown, revoked or expired token, or one for another drill
CLOSE_DRILL_ENDED = 4002
CLOSE_VERSION = 4003  # the client speaks another protocol version
CLOSE_BAD_FRAME = 4004  # not JSON, not a known frame, or a field of the wrong type
CLOSE_RATE = 4008  # too many frames too fast
CLOSE_REPLACED = 4009  # the same seat joined again from elsewhere
CLOSE_REVOKED = 4010  # the facilitator revoked this seat's token while it was connected
CLOSE_SERVER_STOPPING = 1001  # "going away": the client should reconnect and catch up

SEAT_FACILITATOR = "facilitator"
SEAT_OBSERVER = "observer"


class Frame(msgspec.Struct, tag_field="type", forbid_unknown_fields=True):
    """A frame on the wire; the tag (``type``) is the class's own ``tag``."""


# --- client to server ------------------------------------------------------------------------


class Hello(Frame, tag="hello"):
    v: int
    token: str
    name: str = ""
    after: int = 0  # the last event seq this client has: the server sends only later ones


class Send(Frame, tag="send"):
    """A message from the seat's role on a channel (a status page post, a reply to a reporter...)."""

    id: str
    channel: str
    text: str
    reply_to: str | None = None


class Relay(Frame, tag="relay"):
    """A message from the seat's role to other roles only (``to`` empty: every role)."""

    id: str
    to: list[str]
    text: str


class Draft(Frame, tag="draft"):
    """The composer's unsent text, so a client restarted elsewhere finds it; not acknowledged."""

    text: str
    channel: str | None = None


class Control(Frame, tag="control"):
    """Facilitator only: ``pause``, ``resume``, ``next`` (jump to the next inject), ``end``,
    ``speed`` (``value``: scenario seconds per real second)."""

    id: str
    action: Literal["pause", "resume", "next", "end", "speed"]
    value: float | None = None


class Inject(Frame, tag="inject"):
    """Facilitator only: an ad-hoc inject."""

    id: str
    kind: str
    text: str
    to: list[str] = []
    sender: str = "Facilitator"
    within: int | None = None
    expects_role: str | None = None  # with ``within``: who must answer (None: any role), as InjectAdHoc
    expects_channel: str | None = None


class Note(Frame, tag="note"):
    """Observer (or facilitator) only: an evaluator's note against an objective (None: the drill)."""

    id: str
    text: str
    objective: str | None = None
    rating: str | None = None  # a step of the objective's rating scale (HSEEP's P, S, M, U unless it names one)


class Choose(Frame, tag="choose"):
    """A choice at a decision point: one of ``inject``'s options (its latest delivery takes one choice).

    From a role's seat the choice is that role's (the inject's ``chooser`` only; ``role`` is left out or
    the seat's own); from the facilitator's seat it is the facilitator's, or, with ``role``, recorded as
    the chooser's (the room decided)."""

    id: str
    inject: str
    option: str
    role: str | None = None


class Release(Frame, tag="release"):
    """Facilitator only: deliver an inject held for release (``release: manual``) now."""

    id: str
    inject: str


class NextMove(Frame, tag="next_move"):
    """Facilitator only, in a drill of moves: end move ``move`` (the one being played) and start the next
    (after the last, the drill ends). Naming the move makes a resent frame harmless: once the next move
    has started, the same frame is refused rather than starting another."""

    id: str
    move: int | None = None  # None: whichever move is being played


class Preview(Frame, tag="preview"):
    """Facilitator only: see what ``role`` sees (its events, from the start); None stops previewing."""

    role: str | None


class Revoke(Frame, tag="revoke"):
    """Facilitator only: revoke a seat's token (closing its connection); ``reissue`` makes a new one."""

    id: str
    seat: str
    reissue: bool = True


class Ping(Frame, tag="ping"):
    pass


ClientFrame = Union[Hello, Send, Relay, Draft, Control, Inject, Note, Choose, Release, NextMove, Preview, Revoke,
                    Ping]


# --- server to client ------------------------------------------------------------------------


class SeatInfo(msgspec.Struct, forbid_unknown_fields=True):
    seat: str  # the seat's id ("comms", "comms-2", "facilitator", "observer")
    kind: Literal["facilitator", "role", "observer"]
    role: str | None  # the role the seat plays, None for the facilitator and observers
    name: str


class Welcome(Frame, tag="welcome"):
    v: int
    drill: str
    seat: SeatInfo
    scenario: dict  # what the seat may know of the scenario (drill.seats.views.scenario_view)
    clock: int
    speed: float
    paused: bool
    ended: bool
    draft: str = ""  # the seat's saved draft, if any
    draft_channel: str | None = None


class Events(Frame, tag="events"):
    """Events for this seat, in seq order (each ``Event.to_dict()``, as the seat may see it)."""

    events: list[dict]
    preview: str | None = None  # set when these are another role's view, shown to a facilitator


class Clock(Frame, tag="clock"):
    at: int
    speed: float
    paused: bool


class Ack(Frame, tag="ack"):
    id: str
    seq: int  # the seq of the event the frame caused (0 when it caused none, such as a speed change)


class Rejected(Frame, tag="rejected"):
    id: str
    reason: str


class RosterSeat(msgspec.Struct, forbid_unknown_fields=True):
    seat: str
    kind: str
    role: str | None
    name: str
    connected: bool
    last_active: int | None  # scenario time of its last frame
    open_asks: int  # asks its role has not answered
    open_questions: int = 0  # format 2: questions its role was sent (or any role may answer) still open


class Roster(Frame, tag="roster"):
    """Facilitator only: every seat, and new tokens after a reissue."""

    seats: list[RosterSeat]
    tokens: dict[str, str] = {}
    store_error: str | None = None  # why the drill store fails (the drill waits, paused), else None


class Pong(Frame, tag="pong"):
    pass


ServerFrame = Union[Welcome, Events, Clock, Ack, Rejected, Roster, Pong]


class ProtocolError(ValueError):
    """A frame that breaks the protocol; the message says what, for the close reason."""


# Fields that name an id (the frame's own, a scenario's inject, option or role): no real one is longer.
_ID_FIELDS = {Choose: ("id", "inject", "option", "role"), Release: ("id", "inject")}

_client_decoder = msgspec.json.Decoder(ClientFrame)
_server_decoder = msgspec.json.Decoder(ServerFrame)
_encoder = msgspec.json.Encoder()


def decode_client(raw: str | bytes) -> ClientFrame:
    """A client's frame, checked; ProtocolError says what is wrong with it."""
    frame = _decode(_client_decoder, raw)
    for field in _ID_FIELDS.get(type(frame), ("id",)):
        value = getattr(frame, field, None)
        if value is not None and not 0 < len(value) <= MAX_ID_CHARS:
            raise ProtocolError(f"{field} must be 1 to {MAX_ID_CHARS} characters")
    if isinstance(frame, Hello) and len(frame.name) > MAX_NAME_CHARS:
        raise ProtocolError(f"name must be at most {MAX_NAME_CHARS} characters")
    return frame


def decode_server(raw: str | bytes) -> ServerFrame:
    return _decode(_server_decoder, raw, MAX_SERVER_FRAME_BYTES)


def _decode(decoder: msgspec.json.Decoder, raw: str | bytes, limit: int = MAX_FRAME_BYTES):
    if len(raw) > limit:
        raise ProtocolError(f"frame over {limit:,} bytes")
    try:
        return decoder.decode(raw)
    except msgspec.ValidationError as error:
        raise ProtocolError(f"bad frame: {error}") from None
    except msgspec.DecodeError as error:
        raise ProtocolError(f"not JSON: {error}") from None


def encode(frame: Frame) -> str:
    return _encoder.encode(frame).decode()
