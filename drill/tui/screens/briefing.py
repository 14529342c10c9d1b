"""Briefing: what happened, what the team should achieve, and who plays which role."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Static

from drill.durations import format_clock, format_minutes
from drill.scenario.start import wall_time
from drill.scenario.templates import Renderer
from drill.tui.render import bullet, plain
from drill.tui.support.first_resume import StyledOnMount
from drill.tui.widgets.footer import SteadyFooter
from drill.tui.widgets.safe_fields import SafeInput


class BriefingScreen(StyledOnMount, Screen):
    # Styled here rather than in a .tcss file: as a new drill's first screen it is the app's
    # base screen, and Textual reads no CSS_PATH for that one.
    DEFAULT_CSS = """
    #briefing {
        padding: 1 2;
    }

    .briefing-title {
        text-style: bold;
        color: $accent;
    }

    .briefing-text {
        margin: 1 0;
    }

    .section-title {
        text-style: bold;
        margin-top: 1;
        color: $accent;
    }

    .briefing-item {
        padding-left: 1;
    }

    .role-brief {
        margin-top: 1;
    }

    .role-input {
        width: 1fr;
        max-width: 60;
    }

    #start {
        margin: 2 0 1 0;
    }

    .briefing-hint {
        color: $text-muted;
        margin-top: 1;
    }
    """
    # The briefing is read to the room first: focus the page, not the first name field.
    AUTO_FOCUS = "#briefing"
    BINDINGS = [Binding("ctrl+s,f5", "start", "Start the drill", priority=True)]

    def compose(self) -> ComposeResult:
        # Drawn from the scenario alone: the briefing is painted before the drill starts.
        scenario = self.app.scenario
        seed = scenario.seed_for(self.app.seed)
        summary = Renderer(seed, scenario.org, scenario.personas).summary(scenario)
        with VerticalScroll(id="briefing"):
            yield Static(plain(scenario.title, "bold"), classes="briefing-title")
            if scenario.in_moves:  # no running clock: the facilitator starts each move (Ctrl+N)
                meta = f"{scenario.moves} moves, each started by the facilitator (Ctrl+N) · seed {seed}"
            else:
                meta = f"{format_minutes(scenario.duration)} of scenario time · seed {seed}"
            fictional = None if scenario.in_moves else wall_time(self.app.start_time, self.app.clock)
            if fictional:  # the fiction's clock when the drill starts: "T+00:00 · 14:00 UTC"
                meta = f"{format_clock(self.app.clock)} · {fictional} · {meta}"
            yield Static(Text(meta, style="dim"))
            start = "the first move" if scenario.in_moves else "the clock"
            yield Static(Text(f"Tab to the roles below to type who plays which; Ctrl+S starts {start}.",
                              style="italic"), classes="briefing-hint")
            yield Static(plain(" ".join(summary.split())), classes="briefing-text")
            if scenario.objectives:
                yield Label("Objectives", classes="section-title")
                for objective in scenario.objectives.values():
                    yield Static(bullet(objective), classes="briefing-item")
            yield Label("Roles: who plays which?", classes="section-title")
            for role in scenario.roles.values():
                line = Text()
                line.append(plain(role.name, "bold"))
                if role.brief:
                    line.append(" — ")
                    line.append(plain(role.brief, "dim"))
                yield Static(line, classes="role-brief")
                yield SafeInput(placeholder="who plays it, e.g. Sam, Priya",
                            compact=True, id=f"role-{role.id}", classes="role-input")
            with Center():
                yield Button("Start the drill (Ctrl+S)", id="start", variant="success")
        yield SteadyFooter()

    def participants(self) -> dict[str, str]:
        names = {}
        for role_id in self.app.scenario.roles:
            value = self.query_one(f"#role-{role_id}", Input).value.strip()
            if value:
                names[role_id] = value
        return names

    @on(Input.Submitted, ".role-input")
    def _next_field(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        self.app.start_play(self.participants())
