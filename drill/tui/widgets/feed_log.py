"""A scrolling log of items that appends one item at a time and can be filtered.

Built on RichLog so thousands of items cost a few strips each, not a widget each.
Appending renders only the new item; the whole log is rendered again only when
the filter or the width changes (long text is wrapped to the width).
"""

from __future__ import annotations

from typing import Callable, Generic, TypeVar

from rich.console import RenderableType
from textual.events import Resize
from textual.widgets import RichLog

Item = TypeVar("Item")


class FeedLog(RichLog, Generic[Item]):
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

    def rerender(self) -> None:
        self.clear()
        self._following = True
        for item in self._items:
            if self._shown(item):
                self._write(item)
        self.scroll_end(animate=False, immediate=False)

    def _write(self, item: Item) -> None:
        # Follow new items only when the reader is at the bottom, not while they read back.
        self.write(self._render_item(item), scroll_end=self._following)

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
