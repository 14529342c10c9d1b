"""A chooser role's seat picks an option at a decision point its role owns (Ctrl+O).

Only the decisions whose ``chooser`` is this seat's role are listed (the facilitator's seat uses the
drill app's own dialog, which lists every decision). The choice goes to the server, which records it
once; until then nothing changes here, and a refusal comes back as a notice.

Everything listed is scenario text: shown as plain text, never read as markup.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList

import drill.tui.screens
from drill.engine.commands import Choose
from drill.tui.render import role_name
from drill.tui.screens.decide import decision_options, highlight_first_option


class SeatChoiceScreen(ModalScreen[bool]):
    """Dismissed with True once the choice was handed to the server."""

    CSS_PATH = str(Path(drill.tui.screens.__file__).with_name("modal.tcss"))  # the app's dialogs look alike
    AUTO_FOCUS = "#choice-options"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, inject_id: str | None = None) -> None:
        super().__init__(classes="drill-modal")
        self._first = inject_id  # highlight this inject's first option
        self._choices: dict = {}  # option id in the list -> (the decision, the option's id)

    def compose(self) -> ComposeResult:
        live = self.app.live
        options, self._choices = decision_options(live.scenario, live.state, live.choices_for_me())
        with Vertical(id="dialog"):
            yield Label(f"Choose, as {role_name(live.scenario, live.role)}", classes="dialog-title")
            yield OptionList(*options, id="choice-options", classes="dialog-list")
            yield Label("↑/↓ to an option, Enter sends your choice (it decides what happens next), Esc cancels.",
                        classes="field-label")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Choose (Enter)", id="choose", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        highlight_first_option(self.query_one("#choice-options", OptionList), self._choices, self._first)

    @property
    def highlighted(self):
        option = self.query_one("#choice-options", OptionList).highlighted_option
        return self._choices.get(option.id) if option is not None and option.id else None

    @on(OptionList.OptionSelected, "#choice-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose()

    @on(Button.Pressed, "#choose")
    def action_choose(self) -> None:
        chosen = self.highlighted
        if chosen is None:
            return
        pending, option_id = chosen
        if self.app.send(Choose(pending.inject.id, option_id, self.app.live.role)) is not None:
            self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
