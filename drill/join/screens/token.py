"""Ask for the seat's token on screen: a browser seat (textual-serve) has no command line to pass it on."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

from drill.tui.render import plain
from drill.tui.widgets.safe_fields import SafeInput


class TokenScreen(Screen[tuple[str, str]]):
    """Dismissed with the token typed (or pasted) and the name to show in the roster."""

    AUTO_FOCUS = "#token"
    DEFAULT_CSS = """
    TokenScreen { align: center middle; }
    TokenScreen > #token-form { width: 72; max-width: 95%; height: auto; border: thick $primary; padding: 1 2; }
    TokenScreen #token-problem { color: $error; margin-top: 1; }
    """

    def __init__(self, url: str, problem: str = "", name: str = "") -> None:
        super().__init__()
        self.url, self.problem, self.person = url, problem, name

    def compose(self) -> ComposeResult:
        with Vertical(id="token-form"):
            yield Label("Join a drill", classes="panel-title")
            yield Static(plain(f"Server: {self.url}"))
            yield Static("Paste the token the facilitator gave you, then press Enter.", markup=False)
            yield SafeInput(placeholder="token", password=True, id="token")
            yield SafeInput(self.person, placeholder="your name (for the facilitator's list of seats)", id="name")
            yield Static(plain(self.problem), id="token-problem")
        yield Footer()

    @on(Input.Submitted)
    def _entered(self, event: Input.Submitted) -> None:
        token = "".join(self.query_one("#token", Input).value.split())
        if token:
            self.dismiss((token, " ".join(self.query_one("#name", Input).value.split())))
        else:
            self.query_one("#token", Input).focus()
