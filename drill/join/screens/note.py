"""An evaluator's note: what they saw, against one of the drill's objectives or the drill as a whole."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select, Static, TextArea

import drill.tui.screens
from drill.engine.commands import EvaluatorNote
from drill.tui.render import one_line, plain
from drill.tui.widgets.safe_fields import SafeTextArea

WHOLE_DRILL = "*"
NO_RATING = "-"


def rating_choices(scenario, objective: str | None) -> list[tuple[Text, str]]:
    """The steps of the objective's rating scale, as an evaluator picks one ("P: performed without challenges")."""
    steps = [(plain("No rating"), NO_RATING)]
    for step in scenario.ratings_for(objective) if objective is not None else ():
        label = step.text if step.text == step.id else f"{step.id}: {step.text[:1].lower()}{step.text[1:]}"
        steps.append((plain(one_line(label, 70)), step.id))
    return steps


def criteria_text(scenario, objective: str | None) -> Text:
    """What an evaluator looks for on the objective (its criteria), one per line."""
    criteria = scenario.objective_criteria.get(objective or "", ())
    return Text("\n").join(plain(f"• {one_line(item, 200)}") for item in criteria) if criteria else Text()


class NoteScreen(ModalScreen[bool]):
    """Dismissed with True once the note was handed to the server."""

    CSS_PATH = str(Path(drill.tui.screens.__file__).with_name("modal.tcss"))  # the app's dialogs look alike
    AUTO_FOCUS = "#note-text"
    DEFAULT_CSS = """
    NoteScreen #note-text { height: 8; }
    NoteScreen #note-criteria { color: $text-muted; height: auto; }
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
            yield Static("", id="note-criteria", classes="field-label")
            yield Label("Your rating of the objective", classes="field-label")
            yield Select(rating_choices(self.app.scenario, None), value=NO_RATING,
                         allow_blank=False, compact=True, id="note-rating")
            yield Label("What you saw", classes="field-label")
            yield SafeTextArea(id="note-text", soft_wrap=True, tab_behavior="focus")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (^S)", id="save", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    @on(Select.Changed, "#note-objective")
    def _objective_chosen(self, event: Select.Changed) -> None:
        """Each objective is rated on its own scale, against its own criteria."""
        objective = None if event.value in (WHOLE_DRILL, Select.NULL) else str(event.value)
        scenario = self.app.scenario
        self.query_one("#note-criteria", Static).update(criteria_text(scenario, objective))
        self.query_one("#note-rating", Select).set_options(rating_choices(scenario, objective))
        self.query_one("#note-rating", Select).value = NO_RATING

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
