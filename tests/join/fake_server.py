"""A tiny in-test drill server that speaks the seat protocol, scripted by each test."""

from __future__ import annotations

import asyncio
import contextlib
import functools
from typing import Awaitable, Callable

from websockets.asyncio.server import serve

from drill.seats import protocol as wire

SCENARIO = {
    "id": "tiny", "title": "Tiny drill", "summary": "", "duration": 3600,
    "roles": {"comms": {"name": "Comms", "brief": ""}, "ic": {"name": "Incident commander", "brief": ""}},
    "channels": {"status_page": {"name": "Status page", "audience": "public", "max_chars": None},
                 "slack": {"name": "Internal chat", "audience": "internal", "max_chars": None}},
    "org": {}, "personas": {},
}


def welcome(seat: str = "comms", kind: str = "role", role: str | None = "comms", **fields) -> wire.Welcome:
    return wire.Welcome(v=wire.VERSION, drill="d1", seat=wire.SeatInfo(seat, kind, role, "Sam"),
                        scenario=fields.pop("scenario", SCENARIO), clock=fields.pop("clock", 0),
                        speed=fields.pop("speed", 1.0), paused=fields.pop("paused", False),
                        ended=fields.pop("ended", False), **fields)


class Session:
    """One connection as the test sees it: the frames received, and ways to answer."""

    def __init__(self, socket) -> None:
        self.socket = socket
        self.received: list[wire.ClientFrame] = []
        self.hello: wire.Hello | None = None

    async def send(self, frame: wire.Frame) -> None:
        await self.socket.send(wire.encode(frame))

    async def next_frame(self, timeout: float = 10.0) -> wire.ClientFrame:
        frame = wire.decode_client(await asyncio.wait_for(self.socket.recv(), timeout))
        self.received.append(frame)
        return frame

    async def close(self, code: int = 1000, reason: str = "") -> None:
        await self.socket.close(code, reason)


Script = Callable[[Session, int], Awaitable[None]]


class FakeServer:
    """Runs ``script(session, number)`` for each connection (number counts from 1)."""

    def __init__(self, script: Script) -> None:
        self.script = script
        self.sessions: list[Session] = []
        self.url = ""

    async def _handle(self, socket) -> None:
        session = Session(socket)
        self.sessions.append(session)
        with contextlib.suppress(Exception):
            session.hello = wire.decode_client(await socket.recv())
            await self.script(session, len(self.sessions))

    @contextlib.asynccontextmanager
    async def running(self, tls=None):
        async with serve(self._handle, "127.0.0.1", 0, max_size=wire.MAX_FRAME_BYTES, ssl=tls) as server:
            port = next(iter(server.sockets)).getsockname()[1]
            self.url = f"{'wss' if tls else 'ws'}://127.0.0.1:{port}"
            yield self


def async_test(test):
    """Run an ``async def`` test with asyncio, without an async pytest plugin."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        asyncio.run(asyncio.wait_for(test(*args, **kwargs), 60))

    return run


async def until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait for ``condition`` by yielding to the loop (the sockets are real), never for a fixed time."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("the condition never held")
        await asyncio.sleep(0.01)
