"""Screens made with their breakpoint classes already set for the terminal's size.

Textual gives a screen its breakpoint classes (``-short``, ``-tall``) when the screen first
takes the terminal's size. If its widgets were mounted and styled before that, the new
class restyles every one of them: on the play screen of a resumed drill, a third of the
styling before its first frame. Set as the screen is made, the class is there before any
widget is styled, and the first resize finds nothing to change.
"""

from __future__ import annotations

from textual.geometry import Size


class BreakpointsFromTheStart:
    """Mixin for a ``Screen`` made inside a running app."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.update_classes(self._breakpoint_classes(self.app.size), update=False)  # nothing is styled yet

    def _breakpoint_classes(self, size: Size) -> dict[str, bool]:
        """Each breakpoint class, and whether ``size`` has it (as ``Screen._on_resize`` decides)."""
        app = self.app
        horizontal = (app.HORIZONTAL_BREAKPOINTS if self.HORIZONTAL_BREAKPOINTS is None
                      else self.HORIZONTAL_BREAKPOINTS) or []
        vertical = (app.VERTICAL_BREAKPOINTS if self.VERTICAL_BREAKPOINTS is None else self.VERTICAL_BREAKPOINTS) or []
        classes = {name: False for _, name in horizontal + vertical}
        for dimension, breakpoints in ((size.width, horizontal), (size.height, vertical)):
            classes.update(dict.fromkeys(self._get_breakpoint_classes(dimension, breakpoints), True))
        return classes
