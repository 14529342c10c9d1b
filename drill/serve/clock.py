"""The served drill's clock: real time times the speed, from a time source tests can drive.

Each step reads the time source and ticks the live drill by the time since the
last step times the speed (the live drill keeps the fraction of a second, and does
not move while paused). About once a second of that source it also saves the
clock and the seats' drafts, and tells the seats the time.
"""

from __future__ import annotations

import asyncio
import time
from typing import Callable

STEP_SECONDS = 0.1
ANNOUNCE_SECONDS = 1.0


class DrillClock:
    def __init__(self, host, speed: float = 1.0, now: Callable[[], float] = time.monotonic,
                 step_seconds: float = STEP_SECONDS) -> None:
        self.host, self.speed, self.now, self.step_seconds = host, speed, now, step_seconds
        self._last = now()
        self._announced_at = float("-inf")
        self._announced: tuple | None = None

    def step(self) -> None:
        now = self.now()
        elapsed, self._last = max(0.0, now - self._last), now
        live = self.host.live
        if not live.ended:
            live.tick(elapsed * self.speed)
        if now - self._announced_at >= ANNOUNCE_SECONDS:
            self._announced_at = now
            self.host.save_progress()
            self.announce()

    def restart(self) -> None:
        """Forget the time since the last step (after a pause or a jump)."""
        self._last = self.now()
        self.host.live.hold()

    def announce(self) -> None:
        """Tell every seat the time, if it changed since they were last told."""
        live = self.host.live
        shown = (live.clock, self.speed, live.paused or live.ended)
        if shown != self._announced:
            self._announced = shown
            self.host.push_clock()

    async def run(self) -> None:
        from drill.serve.host import report_problem

        said = None
        while not self.host.live.ended:
            await asyncio.sleep(self.step_seconds)
            try:
                self.step()
            except Exception as error:  # the drill's time must not stop for good; said once, not every step
                problem = f"the clock: {type(error).__name__}: {error}"
                if problem != said:
                    report_problem(problem)
                said = problem
