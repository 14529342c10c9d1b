"""What a scenario has delivered by the time a scripted team answers, without running a drill.

A responses file may name in ``reply_to`` only an inject delivered so far, or an
ask one opened (``ID``: an inject opens one ask, at its first delivery), so
checking it needs the scenario's schedule as ``drill.simulate`` plays it: the
clock moves straight to each response's time, delivering everything due by then,
and each first post on a channel starts the injects that wait for it. Only the
schedule is followed here: nothing is rendered, graded or recorded, so checking
a file costs a few milliseconds even at the format's limits.

It follows ``drill.engine`` (``DrillState`` and ``DrillEngine._fire_inject``) and
is tested against it.
"""

from __future__ import annotations

import heapq
from collections import defaultdict

from drill.scenario.model import Scenario


class Deliveries:
    """A scenario's deliveries as the clock moves and the team posts."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.clock = 0
        self.delivered: dict[str, int] = {}  # inject id -> deliveries so far
        self.asks: set[str] = set()
        self.posted: dict[str, int] = {}  # channel -> the time of the team's first post there
        self.inject_ids = frozenset(inject.id for inject in scenario.injects)
        self._heap: list[tuple[int, int, str, int]] = []
        self._order = 0
        self._after_inject: dict[str, list] = defaultdict(list)
        self._after_posted: dict[str, list] = defaultdict(list)
        for inject in scenario.injects:
            if inject.after is not None:
                index = self._after_inject if inject.after.kind == "inject" else self._after_posted
                index[inject.after.ref].append(inject)
            elif inject.at is not None:
                self._schedule(inject.id, 1, inject.at)

    def _schedule(self, inject_id: str, occurrence: int, time: int) -> None:
        if time < self.scenario.duration:
            self._order += 1
            heapq.heappush(self._heap, (time, self._order, inject_id, occurrence))

    def advance(self, to: int) -> None:
        """Deliver everything due by ``to`` (and what that starts, if it is due by then too)."""
        heap = self._heap
        while heap and heap[0][0] <= to:
            time, _, inject_id, occurrence = heapq.heappop(heap)
            inject = self.scenario.inject(inject_id)
            if inject.unless_posted is not None and inject.unless_posted in self.posted:
                continue  # skipped: no repeat and no follower comes of it
            if inject.repeat and inject.repeat.until_posted is not None and inject.repeat.until_posted in self.posted:
                continue
            self.delivered[inject_id] = occurrence
            if inject.expects is not None and occurrence == 1:  # one ask an inject, as the engine opens
                self.asks.add(inject_id)
            if inject.repeat and occurrence < inject.repeat.count:
                self._schedule(inject_id, occurrence + 1, time + inject.repeat.every)
            if occurrence == 1:
                for follower in self._after_inject.get(inject_id, ()):
                    self._schedule(follower.id, 1, time + follower.after.delay)
        self.clock = max(self.clock, min(to, self.scenario.duration))

    def post(self, channel: str) -> None:
        """The team posts on ``channel`` now."""
        if channel not in self.posted:
            self.posted[channel] = self.clock
            for follower in self._after_posted.get(channel, ()):
                self._schedule(follower.id, 1, self.clock + follower.after.delay)

    def due(self, inject_id: str) -> int | None:
        """When ``inject_id`` is next due, if it is scheduled (a scan, for an error message)."""
        return min((time for time, _, scheduled, _ in self._heap if scheduled == inject_id), default=None)

    def knows(self, reply_to: str) -> bool:
        """Whether ``reply_to`` names an inject delivered so far or an ask opened so far."""
        return reply_to in self.delivered or reply_to in self.asks
