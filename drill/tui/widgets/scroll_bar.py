"""A scroll bar that draws each look once.

On a resize, the screen lays out two or three times and draws after each; a log's scroll bar
was drawn afresh every time, line by line through Textual's style machinery, though nothing
about it had changed, and it was the costliest widget of a resize. This one keeps its last
drawing and reuses it while everything that goes into it is the same.
"""

from __future__ import annotations

from textual.geometry import Region
from textual.scrollbar import ScrollBar
from textual.strip import Strip


class DrawnOnceScrollBar(ScrollBar):
    _drawn: tuple[tuple, list[Strip]] | None = None

    def _look(self, crop: Region) -> tuple:
        """Everything the drawing depends on: the bar's place and size, its colours, the app's filters."""
        bar = self.render()
        return (crop, self.size, getattr(bar, "virtual_size", None), getattr(bar, "window_size", None),
                getattr(bar, "position", None), bar.thickness, bar.vertical, bar.style,
                self.background_colors, self.opacity, tuple(self.get_line_filters()), self.app.ansi_theme)

    def render_lines(self, crop: Region) -> list[Strip]:
        look = self._look(crop)
        if self._drawn is not None and self._drawn[0] == look:
            return self._drawn[1]
        strips = super().render_lines(crop)
        self._drawn = (look, strips)
        return strips
