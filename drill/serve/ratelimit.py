"""A token bucket per connection: a steady rate of frames with room for a burst."""

from __future__ import annotations

import time
from typing import Callable

FRAMES_PER_SECOND = 20.0
BURST = 40


class TokenBucket:
    def __init__(self, rate: float = FRAMES_PER_SECOND, burst: int = BURST,
                 now: Callable[[], float] = time.monotonic) -> None:
        self.rate, self.burst, self._now = rate, burst, now
        self._tokens = float(burst)
        self._last = now()

    def take(self) -> bool:
        """Spend one token; False when the bucket is empty (the sender is too fast)."""
        now = self._now()
        self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
        self._last = now
        if self._tokens < 1:
            return False
        self._tokens -= 1
        return True
