"""Choose a scenario: a built-in one from the list, or a file by its path."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, OptionList
from textual.widgets.option_list import Option

from drill.durations import format_minutes
from drill.library import builtin_files, load_builtin, resolve_scenario
from drill.scenario.problems import ScenarioError
from drill.scenario.model import Scenario
from drill.tui.render import plain
from drill.tui.widgets.safe_fields import SafeInput


def describe(scenario: Scenario) -> Text:
    line = Text()
    line.append(plain(scenario.title, "bold"))
    line.append(plain(f"\n{scenario.id} · {format_minutes(scenario.duration)} · {len(scenario.injects)} injects", "dim"))
    return line


class PickerScreen(Screen[Scenario]):
    """Dismissed with the chosen scenario."""

    CSS_PATH = "picker.tcss"
    AUTO_FOCUS = "#builtins"

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Label("Choose a scenario", classes="section-title")
            options = []
            for entry in builtin_files():
                try:
                    options.append(Option(describe(load_builtin(entry.id)), id=entry.id))
                except ScenarioError:
                    options.append(Option(plain(f"{entry.id} (cannot be read)"), id=entry.id, disabled=True))
            yield OptionList(*options, id="builtins")
            yield Label("…or type the path to a scenario file and press Enter", classes="field-label")
            yield SafeInput(placeholder="path/to/scenario.yaml", id="path")
        yield Footer()

    @on(OptionList.OptionSelected, "#builtins")
    def _builtin_chosen(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option.id)

    @on(Input.Submitted, "#path")
    def _path_entered(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self._open(event.value.strip())

    def _open(self, name_or_path: str) -> None:
        try:
            scenario = resolve_scenario(name_or_path)
        except ScenarioError as error:
            problems = "\n".join(str(problem) for problem in error.problems[:5])
            self.notify(problems, title="Cannot open that scenario", severity="error", markup=False, timeout=8)
            return
        self.dismiss(scenario)
