"""The facilitator makes up an inject on the spot, optionally asking for an answer."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, SelectionList, TextArea

from drill.durations import parse_duration
from drill.engine import InjectAdHoc
from drill.scenario.model import FACILITATOR, INJECT_TYPES
from drill.tui.widgets.safe_fields import SafeInput, SafeTextArea
from drill.tui.render import TYPE_LABELS, channel_options, plain, role_options


class AdHocInjectScreen(ModalScreen[bool]):
    """Dismissed with True once the engine accepted the inject."""

    CSS_PATH = "modal.tcss"
    AUTO_FOCUS = "#adhoc-text"
    HOLDS_CLOCK = True  # the scenario clock waits while the facilitator fills this in
    BINDINGS = [
        Binding("ctrl+s", "inject", "Inject", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="drill-modal")

    def compose(self) -> ComposeResult:
        scenario = self.app.scenario
        types = [(plain(TYPE_LABELS[kind].title()), kind) for kind in INJECT_TYPES]
        roles, channels = role_options(scenario), channel_options(scenario)
        recipients = [*role_options(scenario), (plain("Facilitator only"), FACILITATOR)]  # own labels: one widget each
        with VerticalScroll(id="dialog"):
            yield Label("Ad-hoc inject", classes="dialog-title")
            with Horizontal(classes="form-row"):
                yield Select(types, value="chat", allow_blank=False, compact=True, id="adhoc-type")
                yield SafeInput(value="Facilitator", placeholder="from", compact=True, id="adhoc-from")
            yield Label("To (none ticked: every role)", classes="field-label")
            yield SelectionList(*recipients, id="adhoc-to", compact=True)
            yield Label("Text", classes="field-label")
            yield SafeTextArea(id="adhoc-text", soft_wrap=True, tab_behavior="focus")
            yield Label("Expect an answer (optional): from, on, within", classes="field-label")
            with Horizontal(classes="form-row"):
                yield Select(roles, prompt="any role", compact=True, id="adhoc-role")
                yield Select(channels, prompt="any channel", compact=True, id="adhoc-channel")
                yield SafeInput(placeholder="e.g. 5m", compact=True, id="adhoc-within")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Inject (^S)", id="inject", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def _optional(self, selector: str) -> str | None:
        value = self.query_one(selector, Select).value
        return None if value is Select.NULL else value

    @on(Button.Pressed, "#inject")
    def action_inject(self) -> None:
        within_text = self.query_one("#adhoc-within", Input).value.strip()
        expects_role, expects_channel = self._optional("#adhoc-role"), self._optional("#adhoc-channel")
        within = None
        if within_text:
            try:
                within = parse_duration(within_text)
            except ValueError as error:
                self.notify(str(error), severity="warning", markup=False)
                return
        elif expects_role or expects_channel:
            self.notify("Say within how long the answer is due, e.g. 5m.", severity="warning", markup=False)
            return
        command = InjectAdHoc(
            type=self.query_one("#adhoc-type", Select).value,
            text=self.query_one("#adhoc-text", TextArea).text,
            to=tuple(self.query_one("#adhoc-to", SelectionList).selected),
            sender=self.query_one("#adhoc-from", Input).value.strip() or "Facilitator",
            expects_role=expects_role,
            expects_channel=expects_channel,
            within=within,
        )
        if self.app.send(command) is not None:
            self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
