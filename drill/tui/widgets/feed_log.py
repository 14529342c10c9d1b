"""A scrolling log of items that draws only what is on screen, so it costs the same at any length.

Each shown item is a row. A row is rendered (wrapped to the log's width) the first time
it comes into view, around the view, or when it is appended while the reader follows
the newest; rows never seen are counted at an estimated height, and an index of row
heights (``RowHeights``) finds the row under any line in logarithmic time. Resuming a
drill of ten thousand events, changing the filter or resizing the window therefore
renders a few screens of rows, not the whole log. When a row's true height replaces its
estimate, the row at the top of the view stays where it is, so the reader keeps their
place; a click names its item.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Callable, Generic, Iterable, TypeVar

from rich.console import RenderableType
from rich.segment import Segment
from textual.events import Click, Resize
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from drill.tui.support.row_heights import RowHeights
from drill.tui.widgets.scroll_bar import DrawnOnceScrollBar

Item = TypeVar("Item")

CACHED_ROWS = 2_000  # rendered rows kept; others are rendered again if they come back into view
MARGIN_SCREENS = 0.5  # rows measured above and below the view, so a line's scroll rarely meets an estimate


class FeedLog(ScrollView, Generic[Item], can_focus=True):
    class Clicked(Message):
        """An item was clicked."""

        def __init__(self, item: object) -> None:
            super().__init__()
            self.item = item

    DEFAULT_CSS = """
    FeedLog {
        background: $surface;
        color: $foreground;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
        overflow-y: scroll;
        &:focus {
            background-tint: $foreground 5%;
        }
    }
    """

    def __init__(self, render_item: Callable[[Item], RenderableType], *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._render_item = render_item
        self._items: list[Item] = []
        self._shown: Callable[[Item], bool] = lambda item: True
        self._rows: list[Item] = []  # the shown items, in order
        self._row_of: dict[int, int] = {}  # id(item) -> its row
        self._heights = RowHeights()
        self._known_height: dict[int, int] = {}  # id(item) -> lines it took when last rendered, at any width
        self._known_lines = 0  # their sum
        self._rendered: OrderedDict[int, list[Strip]] = OrderedDict()  # row -> its lines at _width (LRU)
        self._width = 0  # the width rows are rendered at; 0 until the log has a size
        self._height = 0
        self._following = True  # at the bottom: new items scroll into view
        self._settling = False
        self._settle_queued = False
        self._line_style = None  # while drawing: the log's style (see render_lines)

    # --- items --------------------------------------------------------------------

    @property
    def items(self) -> list[Item]:
        return self._items

    def append(self, item: Item) -> None:
        self.extend((item,))

    def extend(self, items: Iterable[Item]) -> None:
        """Append items: a batch, or a reopened drill's whole log, whose rows are indexed together."""
        items = list(items)
        self._items.extend(items)
        shown = [item for item in items if self._shown(item)]
        if not shown:
            return
        self._add_rows(shown)
        if not self._settle_queued and self.is_attached:
            # Once per batch, however long: the size grows and the newest rows are drawn, not every row appended.
            self._settle_queued = True
            self.call_next(self._queued_settle)

    def _queued_settle(self) -> None:
        self._settle_queued = False
        self._update_size()
        if self._following:
            self._settle()

    def set_filter(self, shown: Callable[[Item], bool]) -> None:
        self._shown = shown
        self._rebuild_rows()
        self._following = True
        self._settle()

    def rerender(self, keep_place: bool = False, anchor: Item | None = None) -> None:
        """Draw every row again (an item's look changed). ``anchor`` stays on the row of the view it is
        on now; ``keep_place`` keeps the line at the top of the view there unless the reader is following
        the newest; otherwise the view goes to the end."""
        place: tuple[int, int] | None = None
        if anchor is not None and id(anchor) in self._row_of:
            row = self._row_of[id(anchor)]
            place = (row, round(self.scroll_y) - self._heights.start(row))
        elif keep_place and not self._following and self._rows:
            place = self._place()
        self._rendered.clear()
        self._following = place is None
        self._settle(place)
        self.refresh()

    # --- where things are -----------------------------------------------------------

    def item_at(self, line: int) -> Item | None:
        """The item drawn on line ``line`` of the log (0 is the first), if any."""
        row = self._heights.row_at(line)
        return None if row is None else self._rows[row]

    def start_of(self, item: Item) -> int:
        """The line the item's first line is drawn on (0 if it is not shown)."""
        row = self._row_of.get(id(item))
        return 0 if row is None else self._heights.start(row)

    def shown_text(self) -> list[str]:
        """Every shown row's lines as plain text, rendering those not drawn yet (for tests and copying)."""
        if not self._width:
            return []
        place = self._place()
        lines = []
        for row in range(len(self._rows)):
            self._measure(row)
            lines.extend(strip.text for strip in self._lines_of(row))
        self._settle(None if self._following else place)  # every row at its true height now
        return lines

    # --- rows and their heights -----------------------------------------------------

    def _add_rows(self, items: list[Item]) -> None:
        typical = self._typical_height()  # the same for each: no row is drawn meanwhile
        self._row_of.update((id(item), row) for row, item in enumerate(items, len(self._rows)))
        self._rows.extend(items)
        self._heights.extend(self._known_height.get(id(item)) or typical for item in items)

    def _typical_height(self) -> int:
        """An estimate for a row never rendered: the mean height of those that were."""
        if not self._known_height:
            return 1
        return max(1, round(self._known_lines / len(self._known_height)))

    def _rebuild_rows(self) -> None:
        self._rows, self._row_of, self._rendered = [], {}, OrderedDict()
        self._heights = RowHeights()
        self.refresh()
        self._add_rows([item for item in self._items if self._shown(item)])
        self._update_size()

    def _lines_of(self, row: int) -> list[Strip]:
        lines = self._rendered.get(row)
        if lines is None:
            lines = self._render_row(row)
            self._rendered[row] = lines
            if len(self._rendered) > CACHED_ROWS:
                self._rendered.popitem(last=False)
        else:
            self._rendered.move_to_end(row)
        return lines

    def _render_row(self, row: int) -> list[Strip]:
        console = self.app.console
        options = console.options.update(highlight=False, markup=False).update_width(self._width)
        lines = Segment.split_lines(console.render(self._render_item(self._rows[row]), options))
        strips = [Strip(line).adjust_cell_length(self._width) for line in lines] or [Strip.blank(self._width)]
        key = id(self._rows[row])
        self._known_lines += len(strips) - self._known_height.get(key, 0)
        self._known_height[key] = len(strips)
        return strips

    def _measure(self, row: int) -> None:
        """Render ``row`` if it is not, and count it at its true height."""
        self._heights.set(row, len(self._lines_of(row)))

    def _update_size(self) -> None:
        size = Size(self._width, self._heights.total)
        if size == self.virtual_size:
            return
        height = self.styles.height
        if height is None or height.is_auto:
            self.virtual_size = size  # the log's own height follows its lines: the screen lays out again
            return
        # A log of fixed or flexible height takes the same room whatever its length, so new lines
        # need only its scroll bar redrawn, not the whole screen laid out again (as the reactive does).
        self.set_reactive(FeedLog.virtual_size, size)
        self._scroll_update(size)
        self.refresh()

    def _settle(self, place: tuple[int, int] | None = None) -> None:
        """Measure the rows in and around the view and scroll so the reader keeps their place:
        the newest at the bottom while following, else ``place`` (row, offset) at the top of the view."""
        if not self._width or not self._rows or self._settling:
            return
        self._settling = True
        try:
            view = max(self._height, 1)
            margin = int(view * MARGIN_SCREENS) + 1
            if self._following:
                row, filled = len(self._rows) - 1, 0
                while row >= 0 and filled < view + margin:
                    self._measure(row)
                    filled += self._heights.height(row)
                    row -= 1
                self._update_size()
                self._scroll_quietly(self._heights.total - view)
                return
            row, offset = place or self._place()
            row = min(max(row, 0), len(self._rows) - 1)
            above, filled = row - 1, 0
            # Rows above it (in view when ``offset`` is negative, and a margin) move its start: measured first.
            while above >= 0 and filled < margin + max(-offset, 0):
                self._measure(above)
                filled += self._heights.height(above)
                above -= 1
            self._measure(row)
            offset = min(offset, self._heights.height(row) - 1)
            below, filled = row, -offset
            while below < len(self._rows) and filled < view + margin:
                self._measure(below)
                filled += self._heights.height(below)
                below += 1
            self._update_size()
            self._scroll_quietly(self._heights.start(row) + offset)
        finally:
            self._settling = False

    def _place(self) -> tuple[int, int]:
        """Where the reader is: the row at the top of the view, and how many of its lines are above it."""
        top = min(round(self.scroll_y), max(self._heights.total - 1, 0))
        row = self._heights.row_at(top) or 0
        return row, top - self._heights.start(row)

    def _scroll_quietly(self, y: int) -> None:
        """Put line ``y`` at the top of the view, unless a scroll the reader started is under way
        (it goes where they sent it; rows measured on its way may move the view by their difference)."""
        y = max(y, 0)
        if y != round(self.scroll_y) and not self.app.animator.is_being_animated(self, "scroll_y"):
            self.scroll_to(y=y, animate=False, immediate=True)

    # --- drawing ----------------------------------------------------------------------

    @property
    def vertical_scrollbar(self) -> DrawnOnceScrollBar:
        # As Textual's own property, with a bar that reuses its drawing while its look is unchanged.
        if self._vertical_scrollbar is None:
            self._vertical_scrollbar = DrawnOnceScrollBar(vertical=True, name="vertical",
                                                          thickness=self.scrollbar_size_vertical)
            self._vertical_scrollbar.display = False
            self.app._start_widget(self, self._vertical_scrollbar)
        return self._vertical_scrollbar

    def render_lines(self, crop):
        # The log's style, worked out once for all the lines drawn now (each time it walks every
        # ancestor's styles), not twice a line.
        self._line_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._line_style = None

    def render_line(self, y: int) -> Strip:
        style = getattr(self, "_line_style", None) or self.rich_style
        line = round(self.scroll_y) + y
        row = self._heights.row_at(line)
        width = self.scrollable_content_region.width
        if row is None or not self._width:
            return Strip.blank(width, style)
        lines = self._lines_of(row)
        offset = line - self._heights.start(row)
        strip = lines[offset] if offset < len(lines) else Strip.blank(self._width)
        return strip.crop_extend(0, width, style).apply_style(style)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rendered.clear()

    # --- the reader -------------------------------------------------------------------

    def on_click(self, event: Click) -> None:
        item = self.item_at(round(self.scroll_y) + event.y)
        if item is not None:
            self.post_message(self.Clicked(item))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._settling:
            return
        # Only scrolling moves the reader; new lines below them, or a shorter panel, do not.
        self._following = round(new_value) >= self.max_scroll_y - 1
        if round(old_value) != round(new_value):
            self._settle()

    def scroll_end(self, *args, **kwargs) -> None:  # type: ignore[override]
        """To the newest, at once: the end of rows never drawn is only known once they are."""
        self._following = True
        self._settle()

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # The layout that gives the log a new size has it taken at once, not when its resize event comes
        # after the frame: the rows at that width are in the frame drawn at its end, not in the next one.
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        if resized or not self._width:
            self._take_size()
        return resized

    def on_resize(self, event: Resize) -> None:
        self._take_size()

    def _take_size(self) -> None:
        region = self.scrollable_content_region
        if not region.width or (region.width, region.height) == (self._width, self._height):
            return  # taken already, as it was laid out
        place = self._place() if self._width else None
        if region.width != self._width:
            self._rendered.clear()  # rows wrap differently: their known heights become estimates
        self._width, self._height = region.width, region.height
        self._settle(None if self._following else place)
        self.refresh()
