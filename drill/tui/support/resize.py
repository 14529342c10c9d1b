"""Screens laid out once per new terminal size, not twice.

When a screen is laid out at a new size, Textual sends a resize event to every widget whose
size changed, the screen among them; the screen takes that event as a new terminal size and
lays itself out, and draws itself, a second time at the size it has just been laid out at.
"""

from __future__ import annotations

from textual.geometry import Size


class LaidOutOncePerResize:
    """Mixin for a ``Screen``: a resize to the size it is already laid out at lays nothing out.
    (Its breakpoint classes are still worked out; a layout asked for meanwhile, a widget's content
    changing size, still follows on the screen's next update.)"""

    def _screen_resized(self, size: Size) -> None:
        if size != self._compositor.size:
            super()._screen_resized(size)
