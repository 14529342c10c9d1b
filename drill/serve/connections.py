"""The seats connected now: by seat, by viewer, and the roles a facilitator previews.

Every frame is written with ``websockets``' ``broadcast``: synchronously, in call
order, so an event batch, the ack after it and a close that follows reach a seat in
that order. Nothing waits on a slow seat; one that falls too far behind (its unsent
bytes over ``MAX_BACKLOG``) is closed, and catches up when it reconnects.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Iterable

from websockets.asyncio.connection import broadcast

from drill.serve.seating import Seat

MAX_BACKLOG = 8 * 1024 * 1024
CLOSE_TOO_SLOW = 1013  # "try again later": the seat reconnects and catches up
MAX_REASON_BYTES = 123  # what a WebSocket close frame has room for


@dataclass(eq=False)
class SeatConnection:
    """One connection, once its hello was accepted."""

    ws: object  # a websockets ServerConnection
    seat: Seat
    name: str = ""
    preview: str | None = None  # the role a facilitator is previewing
    closing: bool = field(default=False)


def close_reason(text: str) -> str:
    """``text`` cut to what a close frame carries, never inside a character."""
    data = text.encode("utf-8")
    if len(data) <= MAX_REASON_BYTES:
        return text
    return data[: MAX_REASON_BYTES - 3].decode("utf-8", "ignore") + "..."


def close(ws, code: int, reason: str) -> None:
    """Start closing ``ws`` with ``code`` (after everything already written to it)."""
    asyncio.ensure_future(ws.close(code, close_reason(reason)))


class Connections:
    def __init__(self) -> None:
        self.by_seat: dict[str, SeatConnection] = {}
        self.by_viewer: dict[str, set[SeatConnection]] = {}
        self.previews: dict[str, set[SeatConnection]] = {}

    def add(self, connection: SeatConnection) -> SeatConnection | None:
        """Register a connection; the one it replaces (the same seat joined from elsewhere), if any."""
        replaced = self.by_seat.get(connection.seat.seat)
        if replaced is not None:
            self.remove(replaced)
        self.by_seat[connection.seat.seat] = connection
        self.by_viewer.setdefault(connection.seat.viewer, set()).add(connection)
        return replaced

    def remove(self, connection: SeatConnection) -> bool:
        """Forget a connection; False if it was not (or no longer) registered."""
        if self.by_seat.get(connection.seat.seat) is not connection:
            return False
        del self.by_seat[connection.seat.seat]
        self.by_viewer.get(connection.seat.viewer, set()).discard(connection)
        self.set_preview(connection, None)
        return True

    def set_preview(self, connection: SeatConnection, role: str | None) -> None:
        if connection.preview is not None:
            self.previews.get(connection.preview, set()).discard(connection)
        connection.preview = role
        if role is not None:
            self.previews.setdefault(role, set()).add(connection)

    def all(self) -> list[SeatConnection]:
        return list(self.by_seat.values())

    def facilitators(self) -> list[SeatConnection]:
        return [c for c in self.by_seat.values() if c.seat.kind == "facilitator"]

    def send(self, connections: Iterable[SeatConnection], frames: list[bytes]) -> None:
        """Write each frame to each connection, in order; close those too far behind."""
        ready = []
        for connection in connections:
            if connection.closing:
                continue
            transport = getattr(connection.ws, "transport", None)
            if transport is not None and transport.get_write_buffer_size() > MAX_BACKLOG:
                connection.closing = True
                close(connection.ws, CLOSE_TOO_SLOW, "too far behind; reconnect to catch up")
                continue
            ready.append(connection.ws)
        if ready:
            for frame in frames:
                broadcast(ready, frame, text=True)
