"""The feed's row index agrees with adding the heights up one by one."""

from __future__ import annotations

from hypothesis import given, strategies as st

from drill.tui.support.row_heights import RowHeights

heights = st.lists(st.integers(min_value=-2, max_value=12), max_size=80)
changes = st.lists(st.tuples(st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=12)),
                   max_size=30)


def brute_row_at(rows: list[int], line: int) -> int | None:
    start = 0
    for row, height in enumerate(rows):
        if start <= line < start + height:
            return row
        start += height
    return None


@given(heights, heights, changes)
def test_built_appended_and_changed_rows_agree_with_a_plain_list(built, appended, changed):
    index = RowHeights(built)
    rows = [max(1, height) for height in built]
    for height in appended:
        index.append(height)
        rows.append(max(1, height))
    _change_and_compare(index, rows, changed)
    assert all(index.height(row) == height for row, height in enumerate(rows))


def _change_and_compare(index: RowHeights, rows: list[int], changed) -> None:
    """Set the ``changed`` heights in both, then check the index answers as the plain list does."""
    for row, height in changed:
        if rows:
            index.set(row % len(rows), height)
            rows[row % len(rows)] = max(1, height)
    assert len(index) == len(rows) and index.total == sum(rows)
    for row in range(len(rows) + 1):
        assert index.start(row) == sum(rows[:row])
    for line in range(-1, sum(rows) + 2):
        assert index.row_at(line) == brute_row_at(rows, line)


def test_an_empty_index_has_no_rows():
    index = RowHeights()
    assert index.total == 0 and index.row_at(0) is None and index.start(0) == 0


@given(heights, heights, heights, changes)
def test_rows_extended_a_few_or_many_at_once_agree_with_a_plain_list(built, few, many, changed):
    index = RowHeights(built)
    rows = [max(1, height) for height in built]
    for batch in (few[: len(rows)], many * 3, few):  # fewer than there are (appended), then more (rebuilt)
        index.extend(batch)
        rows.extend(max(1, height) for height in batch)
    _change_and_compare(index, rows, changed)
