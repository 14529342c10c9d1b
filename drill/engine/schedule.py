"""What is due when: a heap of keyed items with lazy removal.

Items are ordered by (time, insertion order), so items due in the same second
keep the order in which they were scheduled, whatever step size the clock
advances by.
"""

from __future__ import annotations

import heapq
from typing import Hashable


class Schedule:
    def __init__(self) -> None:
        self._heap: list[tuple[int, int, Hashable]] = []
        self._live: dict[Hashable, tuple[int, int]] = {}
        self._order = 0

    def add(self, key: Hashable, time: int) -> None:
        self._order += 1
        self._live[key] = (time, self._order)
        heapq.heappush(self._heap, (time, self._order, key))

    def remove(self, key: Hashable) -> None:
        self._live.pop(key, None)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._live

    def clear(self) -> None:
        self._heap.clear()
        self._live.clear()

    def earliest(self, matches) -> int | None:
        """The time of the earliest live item whose key ``matches``; a scan, for occasional use."""
        times = [time for key, (time, _) in self._live.items() if matches(key)]
        return min(times) if times else None

    def peek(self) -> tuple[int, Hashable] | None:
        """The earliest live item as (time, key), or None."""
        heap = self._heap
        while heap:
            time, order, key = heap[0]
            if self._live.get(key) == (time, order):
                return time, key
            heapq.heappop(heap)
        return None
