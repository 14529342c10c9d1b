"""The facilitator's roster: every seat, who is connected, when each was last active, open asks and
open questions.

Pushed on join, leave and activity, at most once a ``THROTTLE`` (the first
change at once, the rest together after it), so a room joining at once, or a
busy one, does not flood the facilitator with a roster per seat.
"""

from __future__ import annotations

import asyncio
from typing import Callable

from drill.engine.state import OPEN
from drill.seats.protocol import Roster, RosterSeat

THROTTLE = 1.0


def roster_frame(host, tokens: dict[str, str] | None = None) -> Roster:
    live, connections = host.live, host.connections
    open_asks = live.state.open_asks() if live.state is not None else []
    questions = [slot for slot in live.state.questions.values() if slot.status == OPEN] if live.state is not None else []
    seats = []
    for seat in host.book.seats.values():
        connection = connections.by_seat.get(seat.seat)
        asks = waiting = 0
        if seat.role is not None:
            asks = sum(1 for ask in open_asks if not ask.roles or seat.role in ask.roles)
            # Only questions whose inject reached this seat: one still to come stays unseen.
            waiting = sum(1 for slot in questions if slot.role in (None, seat.role)
                          and host.feeds.audience.reached(seat.role, slot.inject_id))
        seats.append(RosterSeat(seat=seat.seat, kind=seat.kind, role=seat.role,
                                name=connection.name if connection else host.names.get(seat.seat, ""),
                                connected=connection is not None, last_active=host.last_active.get(seat.seat),
                                open_asks=asks, open_questions=waiting))
    return Roster(seats=seats, tokens=tokens or {}, store_error=live.store_error)


class RosterPusher:
    """Sends the roster to the facilitator seats: now, or after the throttle when asked again soon."""

    def __init__(self, push: Callable[[], None], now: Callable[[], float]) -> None:
        self._push, self._now = push, now
        self._last = float("-inf")
        self._waiting: asyncio.TimerHandle | None = None

    def now(self) -> None:
        if self._waiting is not None:
            self._waiting.cancel()
            self._waiting = None
        self._last = self._now()
        self._push()

    def soon(self) -> None:
        if self._waiting is not None:
            return
        wait = self._last + THROTTLE - self._now()
        if wait <= 0:
            self.now()
        else:
            self._waiting = asyncio.get_running_loop().call_later(wait, self._fire)

    def _fire(self) -> None:
        self._waiting = None
        self.now()

    def cancel(self) -> None:
        if self._waiting is not None:
            self._waiting.cancel()
            self._waiting = None
