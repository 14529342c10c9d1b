"""A chooser role's seat picks an option at a decision point its role owns (Ctrl+O).

Only the decisions whose ``chooser`` is this seat's role are listed (the facilitator's seat uses the
drill app's own dialog, which lists every decision). The choice goes to the server, which records it
once; until then nothing changes here, and a refusal comes back as a notice.

Everything listed is scenario text: shown as plain text, never read as markup.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList
from textual.widgets.option_list import Option

import drill.tui.screens
from drill.engine.commands import Choose
from drill.tui.render import one_line, plain, role_name
from drill.tui.screens.decide import delivered_text, inject_heading


class SeatChoiceScreen(ModalScreen[bool]):
    """Dismissed with True once the choice was handed to the server."""

    CSS_PATH = str(Path(drill.tui.screens.__file__).with_name("modal.tcss"))  # the app's dialogs look alike
    AUTO_FOCUS = "#choice-options"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, inject_id: str | None = None) -> None:
        super().__init__(classes="drill-modal")
        self._first = inject_id  # highlight this inject's first option
        self._choices: dict[str, tuple[str, str]] = {}  # option id in the list -> (inject id, option id)

    def compose(self) -> ComposeResult:
        live = self.app.live
        options: list[Option] = []
        for number, pending in enumerate(live.choices_for_me()):
            inject = pending.inject
            options.append(Option(inject_heading(inject, delivered_text(live.state, inject.id), pending.occurrence),
                                  id=f"head-{number}", disabled=True))
            for index, option in enumerate(pending.options):
                key = f"option-{number}-{index}"
                self._choices[key] = (inject.id, option.id)
                prompt = Text("  ◇ ", style="magenta")
                prompt.append_text(plain(option.text))
                prompt.append_text(plain(f"  ({one_line(option.id, 30)})", "dim"))
                options.append(Option(prompt, id=key))
        with Vertical(id="dialog"):
            yield Label(f"Choose, as {role_name(live.scenario, live.role)}", classes="dialog-title")
            yield OptionList(*options, id="choice-options", classes="dialog-list")
            yield Label("↑/↓ to an option, Enter sends your choice (it decides what happens next), Esc cancels.",
                        classes="field-label")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Choose (Enter)", id="choose", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        options = self.query_one("#choice-options", OptionList)
        enabled = [index for index in range(options.option_count) if not options.get_option_at_index(index).disabled]
        wanted = [index for index in enabled
                  if self._choices[options.get_option_at_index(index).id][0] == self._first]
        first = (wanted or enabled or [None])[0]
        if first is not None:
            options.highlighted = first

    @property
    def highlighted(self) -> tuple[str, str] | None:
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
        inject_id, option_id = chosen
        if self.app.send(Choose(inject_id, option_id, self.app.live.role)) is not None:
            self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
