"""The heights of a long list's rows, and the line each row starts on, in O(log n).

A feed of tens of thousands of items draws only the rows on screen, so it needs to
find the row under any line and the line any row starts on without adding up every
height before it. A Fenwick tree does both in logarithmic time, and changes one
row's height (when it is drawn at its true size) without touching the others.
"""

from __future__ import annotations

from typing import Iterable


class RowHeights:
    """Row heights (at least one line each) with prefix sums; rows are appended or resized, never removed."""

    def __init__(self, heights: Iterable[int] = ()) -> None:
        self._build([max(1, int(height)) for height in heights])

    def _build(self, heights: list[int]) -> None:
        """The tree over ``heights`` (each at least 1), built in O(n)."""
        self._heights = heights
        size = len(heights)
        self._tree = [0] * (size + 1)  # _tree[i] holds the sum of the heights in (i - lowbit(i), i]
        for index, height in enumerate(heights, 1):
            self._tree[index] += height
            parent = index + (index & -index)
            if parent <= size:
                self._tree[parent] += self._tree[index]
        self._total = sum(heights)

    def __len__(self) -> int:
        return len(self._heights)

    @property
    def total(self) -> int:
        """Lines in every row together."""
        return self._total

    def height(self, row: int) -> int:
        return self._heights[row]

    def append(self, height: int) -> None:
        height = max(1, int(height))
        self._heights.append(height)
        index = len(self._heights)
        # The new node covers (index - lowbit, index]: its own height and the nodes below it in that span.
        covered, child = height, index - 1
        low = index - (index & -index)
        while child > low:
            covered += self._tree[child]
            child -= child & -child
        self._tree.append(covered)
        self._total += height

    def extend(self, heights: Iterable[int]) -> None:
        """Append rows: one by one, or, when they outnumber the rows there are, the tree built again in O(n)."""
        heights = list(heights)
        if len(heights) <= len(self._heights):
            for height in heights:
                self.append(height)
        else:
            self._build(self._heights + [max(1, int(height)) for height in heights])

    def set(self, row: int, height: int) -> None:
        height = max(1, int(height))
        change = height - self._heights[row]
        if not change:
            return
        self._heights[row] = height
        self._total += change
        index = row + 1
        while index < len(self._tree):
            self._tree[index] += change
            index += index & -index

    def start(self, row: int) -> int:
        """The line ``row`` starts on: the sum of the heights before it (``len`` gives the total)."""
        line, index = 0, row
        while index > 0:
            line += self._tree[index]
            index -= index & -index
        return line

    def row_at(self, line: int) -> int | None:
        """The row drawn on ``line``, or None past the last line (or before the first)."""
        if line < 0 or line >= self._total:
            return None
        row, remaining = 0, line
        step = 1 << (len(self._tree) - 1).bit_length()
        while step:
            candidate = row + step
            if candidate < len(self._tree) and self._tree[candidate] <= remaining:
                row = candidate
                remaining -= self._tree[candidate]
            step >>= 1
        return row  # the number of whole rows before the line is the row it falls in
