"""What a scenario has delivered by the time a scripted team answers, without running a drill.

A responses file may name in ``reply_to`` only an inject delivered so far, an
ask one opened (``ID``: an inject opens one ask, at its first delivery) or one of
its questions (``ID.QUESTION``); a choice needs its inject delivered, a release its
inject waiting. So
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

from drill.scenario.model import Scenario


class Deliveries:
    """A scenario's deliveries as the clock moves, the team posts and the facilitator chooses and releases."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.clock = 0
        self.delivered: dict[str, int] = {}  # inject id -> deliveries so far
        self.asks: set[str] = set()
        self.questions: set[str] = set()  # INJECT.QUESTION, opened at the inject's first delivery
        self.posted: dict[str, int] = {}  # channel -> the time of the team's first post there
        self.held: dict[str, int] = {}  # manual injects waiting for release -> their occurrence
        self.chosen: set[tuple[str, int]] = set()
        self.inject_ids = frozenset(inject.id for inject in scenario.injects)
        self._heap: list[tuple[int, int, str, int]] = []
        self._order = 0
        self._fired: dict[str, int] = {}
        for inject in scenario.injects:
            if inject.after is not None:
                continue  # started by what it waits for (``Scenario.followers``)
            if inject.at is not None:
                self._schedule(inject.id, 1, inject.at)
            elif inject.manual:
                self.held[inject.id] = 1

    def _schedule(self, inject_id: str, occurrence: int, time: int) -> None:
        if time < self.scenario.duration:
            self._order += 1
            heapq.heappush(self._heap, (time, self._order, inject_id, occurrence))

    def _start_followers(self, kind: str, ref: str, time: int) -> None:
        for follower, delay in self.scenario.followers(kind, ref):
            fired = self._fired.get(follower.id, 0)
            if fired < follower.max_fires:
                self._fired[follower.id] = fired + 1
                self._schedule(follower.id, fired + 1, time + delay)

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
            if inject.manual:
                self.held[inject_id] = occurrence
                continue
            self._deliver(inject_id, occurrence, time)
        self.clock = max(self.clock, min(to, self.scenario.duration))

    def _deliver(self, inject_id: str, occurrence: int, time: int) -> None:
        inject = self.scenario.inject(inject_id)
        self.delivered[inject_id] = occurrence
        if occurrence == 1:  # one ask an inject, and its questions, as the engine opens them
            if inject.expects is not None:
                self.asks.add(inject_id)
            self.questions.update(f"{inject_id}.{question.id}" for question in inject.questions)
        if inject.repeat and occurrence < inject.repeat.count:
            self._schedule(inject_id, occurrence + 1, time + inject.repeat.every)
        self._start_followers("inject", inject_id, time)

    def post(self, channel: str) -> None:
        """The team posts on ``channel`` now."""
        if channel not in self.posted:
            self.posted[channel] = self.clock
            self._start_followers("posted", channel, self.clock)

    def choose(self, inject_id: str, option_id: str) -> str | None:
        """The choice is made now; what is wrong with it (as the engine would refuse it), or None."""
        occurrence = self.delivered.get(inject_id)
        if occurrence is None:
            return f"choose {inject_id}.{option_id}: inject {inject_id} has not been delivered"
        if (inject_id, occurrence) in self.chosen:
            return f"choose {inject_id}.{option_id}: the choice at {inject_id} has already been made"
        self.chosen.add((inject_id, occurrence))
        self._start_followers("chose", f"{inject_id}.{option_id}", self.clock)
        return None

    def release(self, inject_id: str) -> str | None:
        """The facilitator releases ``inject_id`` now; what is wrong with that, or None."""
        if inject_id not in self.held:
            return f"release {inject_id}: it is not waiting for release"
        self._deliver(inject_id, self.held.pop(inject_id), self.clock)
        return None

    def due(self, inject_id: str) -> int | None:
        """When ``inject_id`` is next due, if it is scheduled (a scan, for an error message)."""
        return min((time for time, _, scheduled, _ in self._heap if scheduled == inject_id), default=None)

    def knows(self, reply_to: str) -> bool:
        """Whether ``reply_to`` names an inject delivered so far, an ask or a question opened so far."""
        return reply_to in self.delivered or reply_to in self.asks or reply_to in self.questions
