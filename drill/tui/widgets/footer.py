"""Textual's footer, composed again only when the keys it would show change.

The footer rebuilds its keys (a widget each) whenever the screen's bindings may have changed:
focus moving, a batch of events refreshing which keys apply. Most of those change nothing it
shows, yet each rebuild mounted and restyled every key again: as a drill starts, the play
screen's footer was rebuilt five times over with the same keys.
"""

from __future__ import annotations

from textual.widgets import Footer


class SteadyFooter(Footer):
    _scheduled: tuple | None = None  # the keys the last rebuild asked for showed

    def _keys(self, screen) -> tuple:
        app = screen.app
        return tuple((binding.key, app.get_key_display(binding), binding.action, binding.description, binding.show,
                      binding.group, enabled, tooltip)
                     for _node, binding, enabled, tooltip in screen.active_bindings.values())

    def bindings_changed(self, screen) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            keys = self._keys(screen)
            if keys == self._scheduled:
                return
            self._scheduled = keys
        super().bindings_changed(screen)
