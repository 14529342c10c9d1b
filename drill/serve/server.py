"""The drill server: a WebSocket listener for the seats, the drill's clock, and a clean stop.

It runs until the drill ends, or until ``stop`` (seats are closed with "going
away": they reconnect to a resumed server). When the drill ends every seat is
closed with CLOSE_DRILL_ENDED, and for ``linger`` seconds more a seat that
reconnects is told the same, rather than finding nobody there.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from typing import Callable

from websockets.asyncio.server import serve

from drill.seats.protocol import CLOSE_DRILL_ENDED, CLOSE_SERVER_STOPPING, MAX_FRAME_BYTES
from drill.serve.connections import close
from drill.serve.handler import serve_seat
from drill.serve.host import DrillHost, report_problem

LINGER_SECONDS = 30.0


class DrillServer:
    def __init__(self, host: DrillHost, *, now: Callable[[], float] = time.monotonic,
                 hello_seconds: float | None = None, linger: float = LINGER_SECONDS,
                 on_end: Callable[[], None] | None = None) -> None:
        """``on_end`` is called once the drill has ended and its seats were told."""
        self.host, self.now, self.linger, self._on_end = host, now, linger, on_end
        self._hello_seconds = hello_seconds
        self._server = None
        self._clock_task: asyncio.Task | None = None
        self._done: asyncio.Event | None = None
        self._shutting = False
        self.port: int | None = None

    async def start(self, address: str = "127.0.0.1", port: int = 0, tls: ssl.SSLContext | None = None) -> int:
        """Listen; the port listened on. Raises OSError (the port is in use...)."""
        self._done = asyncio.Event()
        self.host.on_end = self._ended
        options = {} if self._hello_seconds is None else {"hello_seconds": self._hello_seconds}
        async def seat(ws) -> None:
            try:
                await serve_seat(self.host, ws, **options)
            except Exception as error:  # one line, never a traceback; this seat reconnects, the drill goes on
                report_problem(f"a seat's connection failed: {type(error).__name__}: {error}")

        self._server = await serve(seat, address, port, ssl=tls,
                                   max_size=MAX_FRAME_BYTES, max_queue=64, compression=None,
                                   server_header=None)
        self.port = self._server.sockets[0].getsockname()[1]
        self.host.clock.restart()
        self._clock_task = asyncio.create_task(self.host.clock.run())
        if self.host.live.ended:
            self._ended()
        return self.port

    async def wait(self) -> None:
        """Until the drill has ended and every seat was told, or ``stop`` was called."""
        await self._done.wait()

    def _ended(self) -> None:
        for connection in self.host.connections.all():
            connection.closing = True
            close(connection.ws, CLOSE_DRILL_ENDED, f"drill {self.host.drill_id} has ended")
        if self._on_end is not None:
            self._on_end()
        asyncio.get_running_loop().call_later(self.linger, lambda: asyncio.ensure_future(self._shut()))

    async def stop(self) -> None:
        """Stop serving: every seat told the server is going away, the clock and drafts saved."""
        for connection in self.host.connections.all():
            connection.closing = True
            close(connection.ws, CLOSE_SERVER_STOPPING, "the drill server is stopping; it can be resumed")
        await self._shut()

    async def _shut(self) -> None:
        if self._shutting:
            return
        self._shutting = True
        if self._clock_task is not None:
            self._clock_task.cancel()
            self._clock_task = None
        self.host.roster.cancel()
        if self._server is not None:
            self._server.close(close_connections=False)  # the seats' own closes are under way
            try:
                await asyncio.wait_for(self._server.wait_closed(), 5)
            except (TimeoutError, asyncio.TimeoutError):
                pass
            self._server = None
        self.host.save_progress()
        self._done.set()
