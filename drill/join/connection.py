"""One seat's WebSocket to the drill server, kept up for as long as the drill runs.

The connection says hello with the last event seq it has, so after a drop the server
sends only what was missed; then it sends again, in order and with the same ids, every
frame the outbox holds unacknowledged. A lost connection is retried with exponential
backoff and jitter (so a hundred seats dropped together do not knock together); a close
that retrying cannot mend (a bad or revoked token, a drill that ended, another protocol
version, the seat joined from elsewhere) stops it and says why. Sleep and randomness
are parameters, so tests drive the retries without waiting.
"""

from __future__ import annotations

import asyncio
import random as _random
import ssl
from collections import deque
from dataclasses import dataclass
from typing import Awaitable, Callable

from drill.join.outbox import Outbox
from drill.seats.protocol import (
    CLOSE_BAD_FRAME, CLOSE_BAD_TOKEN, CLOSE_DRILL_ENDED, CLOSE_REPLACED, CLOSE_REVOKED, CLOSE_VERSION,
    MAX_SERVER_FRAME_BYTES, VERSION, Ack, ClientFrame, Draft, Events, Hello, ProtocolError, Rejected, ServerFrame,
    Welcome, decode_server, encode,
)

# Closes that another try would only repeat: what each means for the person at the seat.
FINAL_CLOSES = {
    CLOSE_BAD_TOKEN: "the server does not know this token (wrong, revoked, expired or for another drill)",
    CLOSE_DRILL_ENDED: "the drill has ended",
    CLOSE_VERSION: "the server speaks another version of the seat protocol: update drill",
    CLOSE_REVOKED: "the facilitator revoked this seat's token",
    CLOSE_REPLACED: "this seat joined again from somewhere else",
    CLOSE_BAD_FRAME: "the server refused a frame from this client",
}

CONNECTING, CONNECTED, WAITING, STOPPED = "connecting", "connected", "waiting", "stopped"
# Frames sent and not yet answered, at most: a long outbox sent again after a drop must not trip the
# server's rate limit (which closes the connection, and the resend would start over).
MAX_IN_FLIGHT = 8


@dataclass(frozen=True)
class Status:
    """Where the connection is, for the seat's status line."""

    state: str  # CONNECTING, CONNECTED, WAITING (to retry) or STOPPED (for good)
    detail: str = ""  # why it is waiting or stopped
    retry_in: float | None = None


class Backoff:
    """Delays between tries: doubling from ``base`` up to ``cap``, each one somewhere in its upper half."""

    def __init__(self, base: float = 0.5, cap: float = 30.0, random: Callable[[], float] = _random.random) -> None:
        self.base, self.cap, self.random = base, cap, random
        self.attempt = 0

    def next(self) -> float:
        ceiling = min(self.cap, self.base * 2 ** self.attempt)
        self.attempt += 1
        return ceiling * (0.5 + self.random() / 2)

    def reset(self) -> None:
        self.attempt = 0


class FinalClose(Exception):
    """The connection must not be tried again; the message says why."""


class Connection:
    """Keeps a seat connected; hands every server frame to ``on_frame`` and every change of state to
    ``on_status``, both on the event loop."""

    def __init__(self, url: str, token: str, outbox: Outbox, *, name: str = "",
                 on_frame: Callable[[ServerFrame], None] = lambda frame: None,
                 on_status: Callable[[Status], None] = lambda status: None,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
                 random: Callable[[], float] = _random.random, open_timeout: float = 10.0) -> None:
        self.url, self.token, self.name = url, token, name
        self.outbox = outbox
        self.on_frame, self.on_status = on_frame, on_status
        self.sleep = sleep
        self.backoff = Backoff(random=random)
        self.open_timeout = open_timeout
        self.last_seq = 0  # the newest event this seat has (not counting a preview of another role)
        self.status = Status(CONNECTING)
        self.connects = 0  # welcomes received, for tests and the status line
        self._socket = None
        self._wake = asyncio.Event()
        self._passing: deque[ClientFrame] = deque()  # frames not kept in the outbox (a preview choice)
        self._draft_due = False
        self._closing = False

    # --- what the seat sends -----------------------------------------------------

    def submit(self, frame: ClientFrame) -> None:
        """Send ``frame`` as soon as connected: kept in the outbox until acknowledged if it has an id,
        else sent only on this connection."""
        if getattr(frame, "id", None):
            self.outbox.add(frame)
        else:
            self._passing.append(frame)
        self._wake.set()

    def set_draft(self, text: str, channel: str | None) -> None:
        if self.outbox.set_draft(text, channel):
            self._draft_due = True
            self._wake.set()

    @property
    def connected(self) -> bool:
        return self.status.state == CONNECTED

    # --- the loop ------------------------------------------------------------------

    async def run(self) -> None:
        """Connect, and connect again after every drop, until a final close or ``close``."""
        from websockets.asyncio.client import connect
        from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

        while not self._closing:
            self._set_status(Status(CONNECTING))
            problem = "the connection was lost"
            try:
                async with connect(self.url, max_size=MAX_SERVER_FRAME_BYTES, open_timeout=self.open_timeout,
                                   proxy=None) as socket:
                    await self._session(socket)
                    problem = closed_problem(socket.close_code, socket.close_reason)
            except FinalClose as final:
                return self._stop(str(final))
            except InvalidURI as error:
                return self._stop(f"not a drill server address: {error}")
            except ssl.SSLCertVerificationError as error:  # trying again would meet the same certificate
                return self._stop(f"the server's certificate is not trusted ({error.verify_message}); "
                                  "point SSL_CERT_FILE at the certificate that signed it")
            except ConnectionClosed as closed:
                received = closed.rcvd
                final = FINAL_CLOSES.get(received.code) if received is not None else None
                if final is not None:
                    return self._stop(_with_reason(final, received.reason))
                problem = closed_problem(received.code if received else None, received.reason if received else "")
            except (OSError, InvalidHandshake, asyncio.TimeoutError) as error:
                problem = f"cannot reach the server: {error}" if str(error) else "cannot reach the server"
            finally:
                self._socket = None
            if self._closing:
                break
            delay = self.backoff.next()
            self._set_status(Status(WAITING, problem, delay))
            await self.sleep(delay)
        self._set_status(Status(STOPPED, "left the drill"))

    async def close(self) -> None:
        """Leave: close the socket and stop trying."""
        self._closing = True
        if self._socket is not None:
            await self._socket.close()

    async def _session(self, socket) -> None:
        from websockets.exceptions import ConnectionClosed

        self._socket = socket
        await socket.send(encode(Hello(v=VERSION, token=self.token, name=self.name, after=self.last_seq)))
        welcome = self._decode(await socket.recv())
        if not isinstance(welcome, Welcome):
            raise FinalClose(f"the server answered hello with {type(welcome).__name__.lower()}, not welcome")
        self.connects += 1
        self.backoff.reset()
        self.on_frame(welcome)
        # The server's saved draft is older than this client's, unless this client has none.
        if not self.outbox.draft and welcome.draft:
            self.outbox.set_draft(welcome.draft, welcome.draft_channel)
        self._draft_due = (self.outbox.draft, self.outbox.draft_channel) != (welcome.draft, welcome.draft_channel)
        self._set_status(Status(CONNECTED))
        writer = asyncio.create_task(self._write(socket))
        try:
            async for raw in socket:
                self._receive(self._decode(raw))
        except ConnectionClosed:
            pass  # read below from the socket's close code
        finally:
            writer.cancel()
            await asyncio.gather(writer, return_exceptions=True)
        if socket.close_code in FINAL_CLOSES:
            raise FinalClose(_with_reason(FINAL_CLOSES[socket.close_code], socket.close_reason))

    def _decode(self, raw) -> ServerFrame:
        try:
            return decode_server(raw)
        except ProtocolError as error:  # a server this client cannot read: trying again would not help
            raise FinalClose(f"the server sent a frame this client cannot read ({error})") from None

    def _receive(self, frame: ServerFrame) -> None:
        if isinstance(frame, Events) and frame.preview is None and frame.events:
            self.last_seq = max(self.last_seq, *(int(event.get("seq", 0)) for event in frame.events))
        elif isinstance(frame, (Ack, Rejected)):
            self.outbox.settle(frame.id)
            self._wake.set()  # room for another frame in flight
        self.on_frame(frame)

    async def _write(self, socket) -> None:
        """Send what is waiting, in order: the unacknowledged frames (each once on this connection, no
        more than ``MAX_IN_FLIGHT`` unanswered at a time), the draft if it changed, then passing frames;
        then wait for more."""
        sent: set[str] = set()
        while True:
            self._wake.clear()
            pending = self.outbox.pending()
            in_flight = sum(frame.id in sent for frame in pending)
            for frame in pending:
                if in_flight >= MAX_IN_FLIGHT:
                    break  # an answer wakes this loop again
                if frame.id not in sent:
                    sent.add(frame.id)
                    in_flight += 1
                    await socket.send(encode(frame))
            if self._draft_due:
                self._draft_due = False
                await socket.send(encode(Draft(text=self.outbox.draft, channel=self.outbox.draft_channel)))
            while self._passing:
                await socket.send(encode(self._passing.popleft()))
            await self._wake.wait()

    # --- status ----------------------------------------------------------------------

    def _stop(self, why: str) -> None:
        self._closing = True
        self._set_status(Status(STOPPED, why))

    def _set_status(self, status: Status) -> None:
        self.status = status
        self.on_status(status)


def closed_problem(code: int | None, reason: str) -> str:
    """Why a connection that may be tried again was closed, for the status line."""
    if code in FINAL_CLOSES:
        return _with_reason(FINAL_CLOSES[code], reason)
    if code == 1001:
        return "the server is restarting"
    return _with_reason("the connection was lost", reason)


def _with_reason(what: str, reason: str) -> str:
    from drill.textsafe import printable  # the server's words are shown as text, whatever they hold

    reason = " ".join(printable(reason or "").split())[:200]
    return f"{what}: {reason}" if reason and reason.lower() not in what.lower() else what
