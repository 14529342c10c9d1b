"""Ctrl+G: the facilitator's guide to the whole exercise, never shown to the room.

The scenario's ``guide`` briefing, its tags and attributes, the checks to make before the
session, each objective's evaluator criteria and rating scale, and the findings the exercise
was written to reveal. All of it is scenario text: shown as plain text, never read as markup.
"""

from __future__ import annotations

import json
import re

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from drill.scenario.model import Scenario
from drill.tui.render import bullet, one_line, plain
from drill.tui.support.guide_contents import preflight_checks


def reflowed(text: str) -> list[str]:
    """The guide's paragraphs with the file's hard line breaks undone (the screen wraps them to its own
    width); a paragraph of list items (``-``, ``*``, ``1.``) keeps one item a line."""
    found = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if any(_LIST_ITEM.match(line) for line in lines):
            found.append("\n".join(lines))
        else:
            found.append(" ".join(lines))
    return found


_LIST_ITEM = re.compile(r"(?:[-*•]|\d{1,2}[.)])\s")


def scale_line(scenario: Scenario, objective: str) -> Text:
    steps = scenario.ratings_for(objective)
    line = Text("rated ", style="dim")
    line.append_text(plain(" · ".join(step.id if step.id == step.text else f"{step.id} {step.text}" for step in steps),
                           "dim"))
    return line


class GuideScreen(ModalScreen[None]):
    CSS_PATH = "modal.tcss"
    AUTO_FOCUS = "#guide-body"
    HOLDS_CLOCK = True  # the scenario clock waits while the facilitator reads
    DEFAULT_CSS = """
    GuideScreen #guide-body { height: auto; max-height: 30; }
    GuideScreen .guide-heading { text-style: bold; color: $accent; margin-top: 1; }
    GuideScreen .guide-paragraph { margin-bottom: 1; }
    """
    BINDINGS = [Binding("escape,ctrl+g", "close", "Close")]

    def __init__(self) -> None:
        super().__init__(classes="drill-modal")

    def compose(self) -> ComposeResult:
        scenario = self.app.scenario
        with Vertical(id="dialog"):
            yield Label("Facilitator's guide (not for the room)", classes="dialog-title")
            with VerticalScroll(id="guide-body"):
                yield from self._sections(scenario)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close (Esc)", id="close", compact=True)

    def _sections(self, scenario: Scenario) -> ComposeResult:
        if scenario.tags or scenario.meta:
            about = Text()
            if scenario.tags:
                about.append_text(plain("tags: " + ", ".join(scenario.tags), "dim"))
            for key, value in scenario.meta.items():
                shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                about.append("\n" if about else "")
                about.append_text(plain(f"{key}: {one_line(shown, 200)}", "dim"))
            yield Static(about)
        for paragraph in reflowed(scenario.guide):
            yield Static(plain(paragraph), classes="guide-paragraph")
        checks = preflight_checks(scenario)
        if checks:
            yield Label("Before the session", classes="guide-heading")
            for inject_id, check in checks:
                yield Static(bullet(f"{check} ({inject_id})", "☐"))
        if scenario.objectives:
            yield Label("Objectives: what evaluators look for", classes="guide-heading")
            for objective, text in scenario.objectives.items():
                yield Static(plain(f"{objective}: {text}", "bold"))
                for criterion in scenario.objective_criteria.get(objective, ()):
                    yield Static(bullet(criterion))
                yield Static(scale_line(scenario, objective))
        if scenario.findings:
            yield Label("Findings the exercise is written to reveal", classes="guide-heading")
            for finding in scenario.findings:
                heading = plain(finding.title, "bold")
                if finding.priority:
                    heading.append_text(plain(f"  {finding.priority} priority", "dim"))
                if finding.injects:
                    heading.append_text(plain(f"  · {', '.join(finding.injects)}", "dim"))
                yield Static(heading)
                if finding.text:
                    yield Static(plain(finding.text))
                for action in finding.actions:
                    yield Static(bullet(action, "→"))

    def on_button_pressed(self, _event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
