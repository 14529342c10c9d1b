"""A red banner while the drill store cannot save: why, what it means, and what to do.

It stays until the store works again (F2 retries), so nobody plays on believing
the drill is being kept when it is not.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from drill.tui.render import plain


def store_error_text(reason: str, ended: bool) -> Text:
    text = Text()
    text.append("Could not save to the drill store: ", style="bold")
    text.append_text(plain(reason))
    if ended:
        text.append(". The report was written; the events not saved are tried once more when drill exits.")
    else:
        text.append(". The drill is paused; nothing is lost yet — fix the problem and press ")
        text.append("F2", style="bold")
        text.append(" to retry, or end the drill (")
        text.append("F10", style="bold")
        text.append(") to write the report.")
    return text


class StoreErrorBanner(Static):
    DEFAULT_CSS = """
    StoreErrorBanner {
        display: none;
        height: auto;
        background: $error;
        color: $text;
        padding: 0 1;
    }
    StoreErrorBanner.-failing { display: block; }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "store_error", self._changed)

    def _changed(self, reason: str | None) -> None:
        self.set_class(reason is not None, "-failing")
        if reason is not None:
            self.update(store_error_text(reason, self.app.ended))
