"""While the seat waits for the server's welcome: where it is joining, and how the connection is going."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from drill.join.widgets.seat_bar import link_text
from drill.tui.render import plain


class ConnectingScreen(Screen):
    DEFAULT_CSS = """
    ConnectingScreen { align: center middle; }
    ConnectingScreen > #joining { width: 72; max-width: 95%; height: auto; border: thick $primary; padding: 1 2; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(id="joining"):
            yield Label("Joining the drill", classes="panel-title")
            yield Static(plain(f"Server: {self.app.url}"))
            yield Static(id="joining-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "link", self._changed)

    def _changed(self, status) -> None:
        self.query_one("#joining-status", Static).update(link_text(status))
