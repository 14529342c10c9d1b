"""A scrolling log of items that appends one item at a time and can be filtered.

Built on RichLog so thousands of items cost a few strips each, not a widget each.
Appending renders only the new item; the whole log is rendered again only when
the filter, the width or an item's look changes (long text is wrapped to the width).
It knows which lines each item drew, so a click names its item and a re-render can
keep the reader's place.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import deque
from typing import Callable, Generic, TypeVar

from rich.console import RenderableType
from textual.events import Click, Resize
from textual.message import Message
from textual.widgets import RichLog

Item = TypeVar("Item")


class FeedLog(RichLog, Generic[Item]):
    class Clicked(Message):
        """An item was clicked."""

        def __init__(self, item: object) -> None:
            super().__init__()
            self.item = item

    DEFAULT_CSS = """
    FeedLog {
        background: $surface;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
    }
    """

    def __init__(self, render_item: Callable[[Item], RenderableType], *, id: str | None = None,
                 classes: str | None = None) -> None:
        # min_width=1: never wider than the panel, so text wraps instead of scrolling sideways.
        super().__init__(wrap=True, markup=False, highlight=False, min_width=1, auto_scroll=False,
                         id=id, classes=classes)
        self._render_item = render_item
        self._items: list[Item] = []
        self._shown: Callable[[Item], bool] = lambda item: True
        self._rendered_width = 0
        self._rendered_height = 0
        self._following = True  # at the bottom: new items scroll into view
        self._starts: list[int] = []  # the first line of each item drawn, in order
        self._drawn: list[Item] = []
        self._pending: deque[Item] = deque()  # written but not drawn yet

    @property
    def items(self) -> list[Item]:
        return self._items

    def append(self, item: Item) -> None:
        self._items.append(item)
        if self._shown(item):
            self._write(item)

    def set_filter(self, shown: Callable[[Item], bool]) -> None:
        self._shown = shown
        self.rerender()

    def rerender(self, keep_place: bool = False, anchor: Item | None = None) -> None:
        """Draw every shown item again. ``anchor`` stays on the row of the view it is on now;
        ``keep_place`` keeps the item at the top of the view there unless the reader is following
        the newest; otherwise the view goes to the end."""
        if anchor is None and keep_place and not self._following:
            anchor = self.item_at(round(self.scroll_y))
        row = self._start_of(anchor) - round(self.scroll_y) if anchor is not None else 0
        self.clear()
        self._following = anchor is None
        for item in self._items:
            if self._shown(item):
                self._write(item)
        if anchor is None:
            self.scroll_end(animate=False, immediate=False)
        else:
            self.scroll_to(y=max(self._start_of(anchor) - row, 0), animate=False, immediate=True)

    def _write(self, item: Item) -> None:
        # Follow new items only when the reader is at the bottom, not while they read back.
        self._pending.append(item)
        self.write(self._render_item(item), scroll_end=self._following)

    def write(self, content, *args, **kwargs):  # type: ignore[override]
        # Each item's first line, once it is drawn: now, or (before the first size is known)
        # when RichLog draws what it deferred, in order, through this same method.
        before, known = len(self.lines), self._size_known
        result = super().write(content, *args, **kwargs)
        if known and self._pending:
            self._starts.append(before)
            self._drawn.append(self._pending.popleft())
        return result

    def clear(self):  # type: ignore[override]
        self._starts, self._drawn, self._pending = [], [], deque()
        return super().clear()

    def item_at(self, line: int) -> Item | None:
        """The item drawn on line ``line`` of the log (0 is the first), if any."""
        index = bisect_right(self._starts, line) - 1
        if index < 0 or line >= len(self.lines):
            return None
        return self._drawn[index]

    def _start_of(self, item: Item) -> int:
        for index, drawn in enumerate(self._drawn):
            if drawn is item:
                return self._starts[index]
        return 0

    def on_click(self, event: Click) -> None:
        item = self.item_at(round(self.scroll_y) + event.y)
        if item is not None:
            self.post_message(self.Clicked(item))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        # Only scrolling moves the reader; new lines below them, or a shorter panel, do not.
        self._following = round(new_value) >= self.max_scroll_y - 1

    def on_resize(self, event: Resize) -> None:
        # RichLog's own on_resize also runs (Textual calls each class's handler): it writes
        # what was deferred until the first size was known.
        region = self.scrollable_content_region
        if self._rendered_width and region.width != self._rendered_width:
            self.rerender()
        elif self._following and region.height != self._rendered_height:
            self.scroll_end(animate=False, immediate=False)  # a panel above grew: keep the newest in view
        self._rendered_width, self._rendered_height = region.width, region.height
