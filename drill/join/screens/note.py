"""An evaluator's note: what they saw, against one of the drill's objectives or the drill as a whole."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select, TextArea

import drill.tui.screens
from drill.engine.commands import EvaluatorNote
from drill.tui.render import one_line, plain
from drill.tui.widgets.safe_fields import SafeTextArea

WHOLE_DRILL = "*"
NO_RATING = "-"
# HSEEP's ratings, as an evaluator chooses one for an objective.
RATING_CHOICES = (("No rating", NO_RATING), ("P: performed without challenges", "P"),
                  ("S: performed with some challenges", "S"), ("M: performed with major challenges", "M"),
                  ("U: unable to be performed", "U"))


class NoteScreen(ModalScreen[bool]):
    """Dismissed with True once the note was handed to the server."""

    CSS_PATH = str(Path(drill.tui.screens.__file__).with_name("modal.tcss"))  # the app's dialogs look alike
    AUTO_FOCUS = "#note-text"
    DEFAULT_CSS = """
    NoteScreen #note-text { height: 8; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="drill-modal")

    def compose(self) -> ComposeResult:
        objectives = [(plain("The drill as a whole"), WHOLE_DRILL)]
        objectives += [(plain(one_line(f"{key}: {text}", 70)), key)
                       for key, text in self.app.scenario.objectives.items()]
        with VerticalScroll(id="dialog"):
            yield Label("Evaluator's note", classes="dialog-title")
            yield Label("On", classes="field-label")
            yield Select(objectives, value=WHOLE_DRILL, allow_blank=False, compact=True, id="note-objective")
            yield Label("Your rating of the objective", classes="field-label")
            yield Select([(plain(label), value) for label, value in RATING_CHOICES], value=NO_RATING,
                         allow_blank=False, compact=True, id="note-rating")
            yield Label("What you saw", classes="field-label")
            yield SafeTextArea(id="note-text", soft_wrap=True, tab_behavior="focus")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (^S)", id="save", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        objective = self.query_one("#note-objective", Select).value
        rating = self.query_one("#note-rating", Select).value
        note = EvaluatorNote(author=self.app.seat_name or self.app.live.seat.name or self.app.live.seat.seat,
                             text=self.query_one("#note-text", TextArea).text,
                             objective=None if objective in (WHOLE_DRILL, Select.NULL) else objective,
                             rating=None if rating in (NO_RATING, Select.NULL) else rating)
        if self.app.send(note) is not None:
            self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
