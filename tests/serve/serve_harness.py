"""A real drill server on 127.0.0.1 in the test's own event loop, and seats that talk to it over WebSockets.

Nothing waits on real time passing: the server's clock reads ``FakeTime``, which a
test moves, and every wait is for a frame, with a generous timeout for a loaded machine.
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
from dataclasses import dataclass, field

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from drill.seats.protocol import Hello, VERSION, decode_server, encode
from served_drill import FakeTime, Served, hosted_drill, served  # noqa: F401 (the tests import them from here)

WAIT = 20.0  # seconds: a frame that has not come by then is not coming


def run(coroutine, timeout: float = 120.0):
    """Run a test's coroutine in a fresh event loop, failing rather than hanging."""
    return asyncio.run(asyncio.wait_for(coroutine, timeout))


@dataclass
class Seat:
    """One client: every frame it received, by type, and waits for the next that matches."""

    ws: object
    frames: list = field(default_factory=list)
    _cursor: int = 0
    closed: object = None  # the ConnectionClosed that ended it

    @property
    def events(self) -> list[dict]:
        return [event for frame in self.frames if tag(frame) == "events" and frame.preview is None
                for event in frame.events]

    @property
    def seqs(self) -> list[int]:
        return [event["seq"] for event in self.events]

    async def send(self, frame) -> None:
        await self.ws.send(encode(frame))

    async def send_raw(self, text) -> None:
        await self.ws.send(text)

    async def next(self, type_name: str | None = None, where=lambda frame: True, timeout: float = WAIT):
        """The next frame not yet looked at of ``type_name`` that ``where`` accepts."""
        async def find():
            while True:
                while self._cursor < len(self.frames):
                    frame = self.frames[self._cursor]
                    self._cursor += 1
                    if (type_name is None or tag(frame) == type_name) and where(frame):
                        return frame
                await self._receive()
        return await asyncio.wait_for(find(), timeout)

    async def event(self, kind: str, where=lambda event: True, timeout: float = WAIT) -> dict:
        """The first event received (now or later) of ``kind`` that ``where`` accepts."""
        async def find():
            while True:
                for event in self.events:
                    if event["kind"] == kind and where(event):
                        return event
                await self._receive()
        return await asyncio.wait_for(find(), timeout)

    async def ack(self, frame_id: str, timeout: float = WAIT):
        return await self.next(None, lambda f: tag(f) in ("ack", "rejected") and f.id == frame_id, timeout)

    async def closed_with(self, timeout: float = WAIT) -> tuple[int, str]:
        """Read until the server closes; its close code and reason."""
        async def wait():
            while self.closed is None:
                await self._receive()
            received = self.closed.rcvd
            return (received.code, received.reason) if received else (None, "")
        return await asyncio.wait_for(wait(), timeout)

    async def settled(self, timeout: float = WAIT) -> None:
        """Until everything the server wrote to this seat before now has arrived (a ping answered after it)."""
        from drill.seats.protocol import Ping

        await self.send(Ping())
        await self.next("pong", timeout=timeout)

    async def _receive(self) -> None:
        if self.closed is not None:
            raise AssertionError(f"the connection was closed: {self.closed}")
        try:
            raw = await self.ws.recv()
        except ConnectionClosed as closed:
            self.closed = closed
            return
        self.frames.append(decode_server(raw))

    async def close(self) -> None:
        await self.ws.close()


def tag(frame) -> str:
    """A frame's ``type`` on the wire."""
    return type(frame).__struct_config__.tag


async def join(url: str, token: str, *, name: str = "", after: int = 0, welcome: bool = True) -> Seat:
    """Connect and say hello; with ``welcome``, wait for the welcome frame."""
    ws = await connect(url, max_size=None, open_timeout=WAIT)
    seat = Seat(ws)
    await seat.send(Hello(v=VERSION, token=token, name=name, after=after))
    if welcome:
        await seat.next("welcome")
    return seat


SERVING = re.compile(r"serving drill (\w+) .* on (wss?://\S+),")


async def start_server(*args: str, lines: list | None = None):
    """`drill serve ARGS` in a process of its own; (process, drill id, url) once it listens.
    ``lines`` gets what it printed up to then."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "drill.cli.main", "serve", *args,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    while True:
        line = (await asyncio.wait_for(process.stdout.readline(), WAIT * 3)).decode()
        if not line:
            raise AssertionError(f"drill serve exited: {(await process.stderr.read()).decode()}")
        if lines is not None:
            lines.append(line)
        found = SERVING.search(line)
        if found:
            return process, found[1], found[2]
