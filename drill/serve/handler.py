"""One seat's connection: its hello, then its frames, until it closes.

A broken rule closes that connection alone, with a close code and a reason a
person reads: no hello in time, a frame that is not the protocol's, frames too fast.
The drill and the other seats never notice.
"""

from __future__ import annotations

import asyncio
import time
from typing import Callable

from websockets.exceptions import ConnectionClosed

from drill.seats.protocol import CLOSE_BAD_FRAME, CLOSE_RATE, Hello, ProtocolError, decode_client
from drill.serve.connections import SeatConnection, close, close_reason
from drill.serve.host import DrillHost, report_problem
from drill.serve.ratelimit import FRAMES_PER_SECOND, TokenBucket
from drill.serve.tokens import Refusal

HELLO_SECONDS = 10.0
CLOSE_INTERNAL = 1011


async def close_draining(ws, code: int, reason: str) -> None:
    """Close ``ws``, reading (and dropping) what it still sends meanwhile: frames left unread would
    hold its answer to the close behind them until the close timed out."""
    closing = asyncio.ensure_future(ws.close(code, close_reason(reason)))
    try:
        async for _ in ws:
            pass
    except ConnectionClosed:
        pass
    await closing


async def serve_seat(host: DrillHost, ws, now: Callable[[], float] = time.monotonic,
                     hello_seconds: float = HELLO_SECONDS) -> None:
    try:
        raw = await asyncio.wait_for(ws.recv(), hello_seconds)
    except (TimeoutError, asyncio.TimeoutError):
        await close_draining(ws, CLOSE_BAD_FRAME, f"no hello within {hello_seconds:g} seconds")
        return
    except ConnectionClosed:
        return
    try:
        hello = decode_client(raw)
    except ProtocolError as error:
        await close_draining(ws, CLOSE_BAD_FRAME, str(error))
        return
    if not isinstance(hello, Hello):
        await close_draining(ws, CLOSE_BAD_FRAME, "the first frame must be hello")
        return
    admitted = host.join(ws, hello)
    if isinstance(admitted, Refusal):
        await close_draining(ws, admitted.code, admitted.reason)
        return
    bucket = TokenBucket(now=now)
    try:
        async for raw in ws:
            if admitted.closing:
                continue  # replaced, revoked or refused: its close is under way, what it still sends is dropped
            if not bucket.take():
                refuse(admitted, CLOSE_RATE, f"too many frames too fast (at most {FRAMES_PER_SECOND:g} a second)")
                continue
            try:
                host.handle(admitted, decode_client(raw))
            except ProtocolError as error:
                refuse(admitted, CLOSE_BAD_FRAME, str(error))
            except Exception as error:  # a fault of the server's own: this seat reconnects, the drill goes on
                report_problem(f"seat {admitted.seat.seat}: {type(error).__name__}: {error}")
                refuse(admitted, CLOSE_INTERNAL, "the server failed on that frame; reconnect")
    except ConnectionClosed:
        pass
    finally:
        host.leave(admitted)


def refuse(connection: SeatConnection, code: int, reason: str) -> None:
    """Close a seat's connection for a broken rule; the loop reading it drains what follows."""
    connection.closing = True
    close(connection.ws, code, reason)
