"""A reporter on the phone: take the call and answer, or let it ring.

Nothing is focused and no letter key is bound, so someone typing when the phone rings
does not pick up by accident. The call hangs up by itself once the ask is overdue.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from drill.engine.events import Event
from drill.engine.state import Ask
from drill.tui.render import channel_names, plain, role_names
from drill.tui.support.asks import countdown, urgency
from drill.tui.widgets.open_asks import URGENCY_STYLES

CLOSING_EVENTS = frozenset({"ask_overdue", "ask_answered", "ask_missed"})


class PressCallScreen(ModalScreen[str | None]):
    """Dismissed with the ask's id when taken, None when it rang out or was let go."""

    CSS_PATH = "modal.tcss"
    AUTO_FOCUS = None
    BINDINGS = [
        Binding("f9,ctrl+a", "take", "Answer"),
        Binding("escape", "let_ring", "Let it ring"),
    ]

    def __init__(self, delivery: Event, ask: Ask) -> None:
        super().__init__(classes="drill-modal")
        self.delivery = delivery
        self.ask = ask
        self._hang_up_when_shown = False

    def compose(self) -> ComposeResult:
        scenario = self.app.scenario
        with Vertical(id="dialog", classes="press-call"):
            yield Label("☎  PRESS CALL", classes="dialog-title")
            yield Static(plain(self.delivery.data["from"], "bold"))
            yield Static(plain(self.delivery.data["text"]), classes="dialog-body")
            who = f"For {role_names(scenario, self.ask.roles)}, on {channel_names(scenario, self.ask.channels)}."
            yield Static(plain(who, "dim"))
            yield Static(id="call-countdown")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Answer (F9)", id="take", variant="success", compact=True)
                yield Button("Let it ring (Esc)", id="let-ring", variant="error", compact=True)

    def on_mount(self) -> None:
        self.app.drill_events.subscribe(self, self.show_events)
        self.watch(self.app, "clock", self._tick)

    def _tick(self, clock: int) -> None:
        state = urgency(self.ask.due_at, self.ask.within, clock)
        style = URGENCY_STYLES.get(state, "bold green")
        self.query_one("#call-countdown", Static).update(
            Text(f"Ringing… {countdown(self.ask.due_at, clock)} to pick up", style=style))

    def show_events(self, events: list[Event]) -> None:
        for event in events:
            if event.kind == "drill_ended" or (
                    event.kind in CLOSING_EVENTS and event.data.get("ask_id") == self.ask.ask_id):
                self._close()
                return

    def _close(self) -> None:
        # A modal can only be dismissed from the top of the stack; one under another
        # call waits until it is on top again.
        if self.is_current:
            self.dismiss(None)
        else:
            self._hang_up_when_shown = True

    def on_screen_resume(self) -> None:
        if self._hang_up_when_shown:
            self.dismiss(None)

    @on(Button.Pressed, "#take")
    def action_take(self) -> None:
        self.dismiss(self.ask.ask_id)

    @on(Button.Pressed, "#let-ring")
    def action_let_ring(self) -> None:
        self.dismiss(None)
