"""Screens styled once, as they are mounted: not a second time as they first show.

Textual restyles every widget of a screen each time it becomes the current screen (a
theme may have changed while it was covered). On a screen's first showing, moments after
its widgets were mounted and styled, that second pass changes nothing, yet on the play
screen it was a fifth of the work before its first frame. A screen with its own CSS file
is left alone: that file is read as the screen is pushed, after the screen was styled.
"""

from __future__ import annotations

from textual.events import ScreenResume


class StyledOnMount:
    """Mixin for a ``Screen`` whose styles come from DEFAULT_CSS and the app's CSS alone."""

    _shown_before = False

    def on_screen_resume(self, event: ScreenResume) -> None:
        if not self._shown_before:
            self._shown_before = True
            if not getattr(self, "CSS_PATH", None):
                event.refresh_styles = False  # later showings (after a dialog, say) restyle as usual
