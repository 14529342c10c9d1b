"""The updates the team has promised in public, as the public holds the team to them.

A statement's promise (a due time the scorer found in it, recorded in
``public_reaction``) is open until the first later post on its channel or one
equivalent to it; that post keeps it if it came by the due time plus the grace
the scorer allows. An open promise past its due time and grace is broken.

``PromiseBook`` answers the two questions the public asks, which posts settle
which promises and which promise is the oldest broken one, without going over
every promise ever made: the open promises wait per channel in the order they
were made, and those not yet due wait in a heap by due time.
"""

from __future__ import annotations

import heapq
from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Iterable

from scoring.promises import GRACE_S

# The public keeps the team to the same promises the scorer does.
PROMISE_GRACE = int(GRACE_S)


@dataclass
class PromisedUpdate:
    response_id: int
    channel: str
    made_at: int
    due_at: int
    closed: bool = False  # a later post on the channel (or one equivalent to it) settled it
    kept: bool = False


class PromiseBook:
    """Every promise made so far (``made``), in the order made, and the open ones indexed."""

    def __init__(self, grace: int = PROMISE_GRACE) -> None:
        self.grace = grace
        self.made: list[PromisedUpdate] = []
        self._open: dict[str, deque[PromisedUpdate]] = defaultdict(deque)  # channel -> open promises, oldest first
        self._pending: list[tuple[int, int, PromisedUpdate]] = []  # (due_at, order, promise): not yet broken
        self._broken: list[tuple[int, PromisedUpdate]] = []  # (order, promise): past due, closed ones dropped lazily
        self._checked: int | None = None  # the latest time asked about

    def add(self, promise: PromisedUpdate) -> None:
        """A promise made now; promises are made in time order."""
        order = len(self.made)
        self.made.append(promise)
        self._open[promise.channel].append(promise)
        heapq.heappush(self._pending, (promise.due_at, order, promise))

    def settle(self, channels: Iterable[str], at: int) -> None:
        """A post at ``at`` on one of ``channels`` (a channel and its equivalents) closes the promises made
        on them before it."""
        for channel in channels:
            waiting = self._open.get(channel)
            while waiting and waiting[0].made_at < at:
                promise = waiting.popleft()
                promise.closed = True
                promise.kept = at <= promise.due_at + self.grace

    def first_broken(self, time: int) -> PromisedUpdate | None:
        """The first made of the promises still open at ``time`` and past their due time and grace."""
        if self._checked is not None and time < self._checked:  # asked about the past: look at every promise
            return next((p for p in self.made if not p.closed and time > p.due_at + self.grace), None)
        self._checked = time
        pending, broken = self._pending, self._broken
        while pending and time > pending[0][0] + self.grace:
            _, order, promise = heapq.heappop(pending)
            if not promise.closed:
                heapq.heappush(broken, (order, promise))
        while broken and broken[0][1].closed:
            heapq.heappop(broken)
        return broken[0][1] if broken else None
