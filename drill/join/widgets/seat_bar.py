"""One line under the clock: which seat this is, and whether it is connected to the drill's server."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from drill.join.connection import CONNECTED, CONNECTING, STOPPED, WAITING, Status
from drill.tui.render import plain

STATE_STYLES = {CONNECTED: "bold green", CONNECTING: "bold yellow", WAITING: "bold yellow", STOPPED: "bold red"}


def link_text(status: Status) -> Text:
    """"connected", "reconnecting in 4s: the server is restarting", "disconnected: the drill has ended"."""
    if status.state == CONNECTED:
        return Text("● connected", style=STATE_STYLES[CONNECTED])
    if status.state == WAITING:
        line = Text(f"○ reconnecting in {status.retry_in or 0:.0f}s", style=STATE_STYLES[WAITING])
    elif status.state == STOPPED:
        line = Text("✗ disconnected", style=STATE_STYLES[STOPPED])
    else:
        line = Text("○ connecting…", style=STATE_STYLES[CONNECTING])
    if status.detail:
        line.append(": ", style="dim")
        line.append_text(plain(status.detail, "dim"))
    return line


class SeatBar(Widget):
    DEFAULT_CSS = """
    SeatBar {
        height: 1;
        background: $panel-darken-1;
        padding: 0 1;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "link", self._changed, init=False)

    def _changed(self, _status: Status) -> None:
        self.refresh()

    def render(self) -> Text:
        app = self.app
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append("Seat: ", style="dim")
        line.append_text(plain(app.seat_title(), "bold"))
        line.append("  ")
        line.append_text(link_text(app.link))
        return line
