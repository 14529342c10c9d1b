"""Are you sure? Ending a drill cannot be undone."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static


class ConfirmEndScreen(ModalScreen[bool]):
    CSS_PATH = "modal.tcss"
    AUTO_FOCUS = "#confirm"
    HOLDS_CLOCK = True  # the scenario clock waits while the facilitator fills this in
    BINDINGS = [
        Binding("y", "confirm", "End"),
        Binding("n,escape", "cancel", "Keep going"),
    ]

    def __init__(self, question: str, detail: str) -> None:
        super().__init__(classes="drill-modal")
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.question, classes="dialog-title", markup=False)
            yield Static(self.detail, markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("End (y / Enter)", id="confirm", variant="error", compact=True)
                yield Button("Keep going (n / Esc)", id="cancel", compact=True)

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
