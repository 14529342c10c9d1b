"""The facilitator's play keys in format 2: pick an option at a decision point (Ctrl+O), release a held
inject (Ctrl+R). Each is a small dialog over play; the scenario clock waits while it is open.

Everything listed is scenario text: shown as plain text, never read as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Select
from textual.widgets.option_list import Option

from drill.engine.commands import Choose, Release
from drill.scenario.model import FACILITATOR, Inject
from drill.tui.render import TYPE_LABELS, one_line, plain, role_name
from drill.tui.support.decisions import HeldInject, PendingChoice, held_injects, pending_choices

SUMMARY_CHARS = 64  # of an inject's text in a list


def delivered_text(state, inject_id: str) -> str:
    """The text of an inject's latest delivery, as the team read it."""
    for event in reversed(state.deliveries):
        if event.data["inject_id"] == inject_id:
            return str(event.data.get("text") or "")
    return ""


def inject_heading(inject: Inject, text: str, occurrence: int = 1) -> Text:
    """'triage (2nd time) · CHAT · EDR shows encryption…': what the inject is, on one line."""
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append_text(plain(one_line(inject.id, 40), "bold"))
    if occurrence > 1:
        line.append(f" (delivery {occurrence})", style="dim")
    line.append(f" · {TYPE_LABELS.get(inject.type, inject.type.upper())}", style="dim")
    title = inject.guide.title if inject.guide is not None and inject.guide.title else ""
    summary = title or text
    if summary:
        line.append(" · ", style="dim")
        line.append_text(plain(one_line(summary, SUMMARY_CHARS)))
    return line


def decision_options(scenario, state, decisions: list[PendingChoice], name_chooser: bool = False,
                     ) -> tuple[list[Option], dict[str, tuple[PendingChoice, str]]]:
    """The option list of a choice dialog: each decision's heading (not selectable) over its options;
    and each option's list id -> (its decision, the option's id)."""
    options: list[Option] = []
    choices: dict[str, tuple[PendingChoice, str]] = {}
    for number, pending in enumerate(decisions):
        inject = pending.inject
        heading = inject_heading(inject, delivered_text(state, inject.id), pending.occurrence)
        if name_chooser and inject.chooser:
            heading.append(plain(f" · {role_name(scenario, inject.chooser)} may choose", "dim"))
        options.append(Option(heading, id=f"head-{number}", disabled=True))
        for index, option in enumerate(pending.options):
            key = f"option-{number}-{index}"
            choices[key] = (pending, option.id)
            prompt = Text("  ◇ ", style="magenta")
            prompt.append_text(plain(option.text))
            prompt.append_text(plain(f"  ({one_line(option.id, 30)})", "dim"))
            options.append(Option(prompt, id=key))
    return options, choices


def highlight_first_option(options: OptionList, choices: dict[str, tuple[PendingChoice, str]],
                           inject_id: str | None) -> None:
    """Highlight ``inject_id``'s first option, else the first option there is."""
    enabled = [index for index in range(options.option_count) if not options.get_option_at_index(index).disabled]
    wanted = [index for index in enabled if choices[options.get_option_at_index(index).id][0].inject.id == inject_id]
    first = (wanted or enabled or [None])[0]
    if first is not None:
        options.highlighted = first


class ChoiceScreen(ModalScreen[bool]):
    """Ctrl+O: the options of every inject waiting for a choice; Enter records one. Dismissed with True once
    the engine took the choice."""

    CSS_PATH = "modal.tcss"
    AUTO_FOCUS = "#choice-options"
    HOLDS_CLOCK = True  # the scenario clock waits while the facilitator decides
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, inject_id: str | None = None) -> None:
        super().__init__(classes="drill-modal")
        self._first = inject_id  # highlight this inject's first option
        self._choices: dict[str, tuple[PendingChoice, str]] = {}  # option id in the list -> (decision, option id)
        self._by: list[tuple[Text, str]] = []  # the "Decided by" choices shown

    def compose(self) -> ComposeResult:
        state, scenario = self.app.engine.state, self.app.scenario
        options, self._choices = decision_options(scenario, state, pending_choices(scenario, state), name_chooser=True)
        with Vertical(id="dialog"):
            yield Label("Choose an option", classes="dialog-title")
            yield OptionList(*options, id="choice-options", classes="dialog-list")
            with Horizontal(classes="form-row", id="choice-by-row"):
                yield Label("Decided by", classes="row-label")
                yield Select([(plain("Facilitator"), FACILITATOR)], value=FACILITATOR, allow_blank=False,
                             compact=True, id="choice-by")
            yield Label("↑/↓ to an option, Enter records the choice, Esc cancels.", classes="field-label")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Choose (Enter)", id="choose", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        highlight_first_option(self.query_one("#choice-options", OptionList), self._choices, self._first)
        self._show_chooser()

    @property
    def highlighted(self) -> tuple[PendingChoice, str] | None:
        option = self.query_one("#choice-options", OptionList).highlighted_option
        return self._choices.get(option.id) if option is not None and option.id else None

    @on(OptionList.OptionHighlighted, "#choice-options")
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_chooser()

    def _show_chooser(self) -> None:
        """Who made the choice: the facilitator, or the inject's chooser (the default: the room decided)."""
        chosen = self.highlighted
        chooser = chosen[0].inject.chooser if chosen is not None else None
        select = self.query_one("#choice-by", Select)
        wanted = [FACILITATOR] + ([chooser] if chooser else [])
        if [value for _, value in self._by] != wanted:
            self._by = [(plain(role_name(self.app.scenario, role)), role) for role in wanted]
            with select.prevent(Select.Changed):
                select.set_options(self._by)
                select.value = chooser or FACILITATOR
        self.query_one("#choice-by-row").display = chooser is not None

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
        by = self.query_one("#choice-by", Select).value
        role = None if by in (FACILITATOR, Select.NULL) or by != pending.inject.chooser else by
        if self.app.send(Choose(pending.inject.id, option_id, role)) is not None:
            self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


class ReleaseScreen(ModalScreen[bool]):
    """Ctrl+R: the facilitator's queue of held injects; Enter releases one, delivered now. Dismissed with
    True once the engine delivered it."""

    CSS_PATH = "modal.tcss"
    AUTO_FOCUS = "#release-injects"
    HOLDS_CLOCK = True
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, inject_id: str | None = None) -> None:
        super().__init__(classes="drill-modal")
        self._first = inject_id  # highlighted first
        self._held: dict[str, HeldInject] = {}

    def compose(self) -> ComposeResult:
        options = []
        for index, held in enumerate(held_injects(self.app.scenario, self.app.engine.state)):
            key = f"held-{index}"
            self._held[key] = held
            options.append(Option(inject_heading(held.inject, held.inject.text_for(held.occurrence),
                                                 held.occurrence), id=key))
        with Vertical(id="dialog"):
            yield Label("Release a held inject", classes="dialog-title")
            yield OptionList(*options, id="release-injects", classes="dialog-list")
            yield Label("Enter delivers the highlighted inject now; Esc cancels.", classes="field-label")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Release (Enter)", id="release", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        options = self.query_one("#release-injects", OptionList)
        keys = [key for key, held in self._held.items() if held.inject.id == self._first]
        if keys:
            options.highlighted = options.get_option_index(keys[0])
        elif options.option_count:
            options.highlighted = 0

    @on(OptionList.OptionSelected, "#release-injects")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_release()

    @on(Button.Pressed, "#release")
    def action_release(self) -> None:
        option = self.query_one("#release-injects", OptionList).highlighted_option
        held = self._held.get(option.id) if option is not None and option.id else None
        if held is not None and self.app.send(Release(held.inject.id)) is not None:
            self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
