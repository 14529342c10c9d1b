"""Screens laid out once per new terminal size, and drawn once.

When a screen is laid out at a new size, Textual sends a resize event to every widget whose
size changed, the screen among them; the screen takes that event as a new terminal size and
lays itself out, and draws itself, a second time at the size it has just been laid out at.

And as the layout hands each widget its new size, the widget's ``virtual_size`` reactive asks
for another layout and a repaint of it (the screen's too, which redraws the whole screen).
The layout has just placed every widget at that size, and the frame drawn at its end redraws
every widget it moved or resized, so those requests are dropped: a second layout would place
everything where it is and a second frame would draw it as it is. (Textual hands out sizes
asking for nothing when it lays out only what a scroll exposed.) A widget whose scroll bars came
or went keeps its request for a layout: its content's room changed after it was placed.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from textual.geometry import Size
from textual.scrollbar import ScrollBar
from textual.widget import Widget


def _room(widget: Widget) -> tuple[int, int, bool]:
    """What needs another layout of ``widget`` if it changes while the layout hands out sizes: the
    room its scroll bars take, and whether it is shown. (A scroll bar coming or going is a change in
    the room of the widget it scrolls; one that takes no room, as the footer's, changes nothing.)"""
    shown = widget.display or isinstance(widget, ScrollBar)
    return widget.scrollbar_size_vertical, widget.scrollbar_size_horizontal, shown


def _with_scroll_bars(widgets: Iterable[Widget]) -> Iterator[Widget]:
    """``widgets`` and their scroll bars, placed or not (one that takes no room is not)."""
    for widget in widgets:
        yield widget
        yield from filter(None, (widget._vertical_scrollbar, widget._horizontal_scrollbar))


class LaidOutOncePerResize:
    """Mixin for a ``Screen``: a resize to the size it is already laid out at lays nothing out, and a
    layout asks for no second layout or frame of what it placed. (Its breakpoint classes are still
    worked out; a layout or repaint asked for before it, or after, still follows on the screen's
    next update.)"""

    def _screen_resized(self, size: Size) -> None:
        if size != self._compositor.size:
            super()._screen_resized(size)

    _before_layout: tuple[dict, dict] | None = None  # while laid out: where widgets were, what they asked

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        if not self.is_current or self.app._batch_count:  # no frame drawn at its end: keep every request
            super()._refresh_layout(size, scroll)
            return
        placed = self._compositor._full_map
        asked = {widget: (widget._layout_required, widget._repaint_required, _room(widget))
                 for widget in _with_scroll_bars((self, *placed))}
        self._before_layout = (placed, asked)
        try:
            super()._refresh_layout(size, scroll)
        finally:
            self._before_layout = None

    def _compositor_refresh(self) -> None:
        if self._before_layout is not None:  # the frame at the end of a layout: drawing may ask anew
            self._drop_requests_met(*self._before_layout)
            self._before_layout = None
        super()._compositor_refresh()

    def _drop_requests_met(self, placed: dict, asked: dict) -> None:
        """Drop what the widgets asked for while being laid out that the frame about to be drawn gives them."""
        now_placed = self._compositor._full_map
        whole_frame = placed.get(self) != now_placed.get(self)  # the screen itself changed: all is drawn
        for widget, (layout_required, repaint_required, room) in asked.items():
            if widget._layout_required and not layout_required and _room(widget) == room:
                widget._layout_required = False
            if widget._repaint_required and not repaint_required and (
                    whole_frame or placed.get(widget) != now_placed.get(widget)):
                widget._repaint_required = False
