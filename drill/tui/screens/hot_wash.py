"""The debrief's form for one hot-wash item: a strength, or an improvement with its priority, and the
objective it bears on. The drill has ended; the engine still takes hot-wash items.

What was typed is never lost to a key: the debrief's keys (h, q, Enter) are text here, Esc hands
the draft back to the debrief, which opens the form with it again, Ctrl+Q asks first, and a
refused item keeps the form open with its text and the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select, Static, TextArea

from drill.engine.commands import CommandRejected, HotWashItem
from drill.tui.render import one_line, plain
from drill.tui.widgets.safe_fields import SafeTextArea

KINDS = (("Improvement", "improvement"), ("Strength", "strength"))
PRIORITIES = (("High priority", "high"), ("Medium priority", "medium"), ("Low priority", "low"))
OBJECTIVE_CHARS = 60  # of an objective's text in its list
EMPTY = "Write the item first: what went well, or what to improve."


@dataclass(frozen=True)
class HotWashDraft:
    """What the form holds: kept by the debrief when the form is closed without recording it."""

    text: str = ""
    kind: str = "improvement"
    priority: str | None = None
    objective: str | None = None


class HotWashScreen(ModalScreen[HotWashDraft | None]):
    """Dismissed with None once the drill took the item, else (Esc) with the draft as it was left."""

    CSS_PATH = ["modal.tcss", "debrief.tcss"]
    AUTO_FOCUS = "#hot-wash-text"
    BINDINGS = [
        Binding("ctrl+s", "record", "Record", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, draft: HotWashDraft | None = None) -> None:
        super().__init__(classes="drill-modal")
        self.draft = draft or HotWashDraft()

    def compose(self) -> ComposeResult:
        draft = self.draft
        objectives = [(plain(one_line(text, OBJECTIVE_CHARS)), objective_id)
                      for objective_id, text in self.app.scenario.objectives.items()]
        with VerticalScroll(id="dialog"):
            yield Label("Hot-wash item", classes="dialog-title")
            yield Label("What the hot wash raised", classes="field-label")
            yield SafeTextArea(draft.text, id="hot-wash-text", soft_wrap=True, tab_behavior="focus")
            with Horizontal(classes="form-row"):
                yield Select(KINDS, value=draft.kind, allow_blank=False, compact=True, id="hot-wash-kind")
                yield Select(PRIORITIES, value=draft.priority or Select.NULL, prompt="no priority", compact=True,
                             id="hot-wash-priority")
            if objectives:
                yield Label("Objective (optional)", classes="field-label")
                yield Select(objectives, value=draft.objective if draft.objective in self.app.scenario.objectives
                             else Select.NULL, prompt="no objective", compact=True, id="hot-wash-objective")
            yield Static("", id="hot-wash-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Record (^S)", id="record", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self._show_priority()

    @on(Select.Changed, "#hot-wash-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        event.stop()
        self._show_priority()

    @on(TextArea.Changed, "#hot-wash-text")
    def _typed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.query_one("#hot-wash-error", Static).remove_class("-shown")  # the error was about the text before

    def _show_priority(self) -> None:
        """A priority ranks improvements: a strength has none (the choice is kept if the kind changes back)."""
        kind = self.query_one("#hot-wash-kind", Select).value
        self.query_one("#hot-wash-priority", Select).disabled = kind != "improvement"

    @property
    def unsent(self) -> str:
        """The text typed and not yet recorded (the app asks before Ctrl+Q throws it away)."""
        return self.query_one("#hot-wash-text", TextArea).text

    def current(self) -> HotWashDraft:
        def chosen(selector: str) -> str | None:
            found = self.query(selector)
            value = found.first(Select).value if found else Select.NULL
            return None if value is Select.NULL else value

        return HotWashDraft(self.unsent, chosen("#hot-wash-kind") or "improvement", chosen("#hot-wash-priority"),
                            chosen("#hot-wash-objective"))

    def show_error(self, message: str) -> None:
        error = self.query_one("#hot-wash-error", Static)
        error.update(plain(message, "bold red"))
        error.add_class("-shown")

    @on(Button.Pressed, "#record")
    def action_record(self) -> None:
        draft = self.current()
        if not draft.text.strip():
            self.show_error(EMPTY)
            self.query_one("#hot-wash-text").focus()
            return
        command = HotWashItem(draft.text.strip(), kind=draft.kind,  # no blank lines around it in the report
                              priority=draft.priority if draft.kind == "improvement" else None,
                              objective=draft.objective)
        try:
            self.app.live.send(command)
        except CommandRejected as error:  # the form stays open, with what was typed, and says why
            self.show_error(f"Not recorded: {error}")
            return
        self.dismiss(None)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(self.current())
