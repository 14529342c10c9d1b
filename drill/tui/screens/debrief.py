"""Debrief (the hot wash): how the team did, the questions to discuss, where the report is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from drill.durations import format_clock
from drill.tui.render import bullet, channel_name, one_line, plain, role_name
from drill.tui.support.reasons import misses
from drill.tui.widgets.drill_header import DrillHeader
from drill.tui.widgets.store_error import StoreErrorBanner


def _number(value: Any) -> Text:
    return Text("—", style="dim") if value is None else Text(f"{value:.0f}")


def asks_line(report: dict[str, Any]) -> Text:
    counts = {status: 0 for status in ("answered", "late", "missed", "open")}
    for ask in report.get("asks", []):
        counts[ask["status"]] = counts.get(ask["status"], 0) + 1
    injects, messages = len(report.get("timeline", [])), len(report.get("responses", []))
    line = Text(f"{injects} inject{'s' * (injects != 1)}, {messages} message{'s' * (messages != 1)} sent; asks: ")
    line.append(f"{counts['answered']} answered", style="green")
    line.append(", ")
    line.append(f"{counts['late']} late", style="yellow")
    line.append(", ")
    line.append(f"{counts['missed']} missed", style="red")
    return line


def role_table(report: dict[str, Any], scenario) -> Table | None:
    scored = {role: value for role, value in (report.get("roles") or {}).items() if isinstance(value, dict)}
    if not scored:
        return None
    table = Table(expand=False, box=None, header_style="bold", pad_edge=False)
    for column in ("role", "overall /100", "speed /100", "quality /100"):
        table.add_column(column, justify="left" if column == "role" else "right")
    for role_id, score in scored.items():
        table.add_row(plain(role_name(scenario, role_id)), _number(score.get("overall")),
                      _number(score.get("speed")), _number(score.get("quality")))
    return table


def objectives_table(report: dict[str, Any]) -> Table:
    table = Table(expand=True, box=None, show_header=False, pad_edge=False)
    table.add_column("rating", no_wrap=True)
    table.add_column("objective", ratio=1)
    for objective in report.get("objectives") or []:
        rating = objective.get("rating")
        text = plain(objective.get("text", objective.get("id", "")))
        if objective.get("reason"):
            text.append(plain(f"\n{objective['reason']}", "dim"))
        shown = rating if rating in ("P", "S", "M", "U") else "–"  # HSEEP ratings; "not rated" otherwise
        table.add_row(Text(shown, style="bold"), text)
    return table


def grades_table(app) -> Table | None:
    engine = app.engine
    rows = [(event, app.grades.get(event.data["response_id"])) for event in engine.state.responses]
    if not any(grade for _, grade in rows):
        return None
    table = Table(expand=True, box=None, header_style="bold", pad_edge=False)
    table.add_column("time", no_wrap=True)
    table.add_column("from / on", ratio=1)
    table.add_column("grade /100", justify="right", no_wrap=True)
    table.add_column("missed", ratio=1)
    for event, grade in rows:
        where = f"{role_name(engine.scenario, event.data['role'])} / {channel_name(engine.scenario, event.data['channel'])}"
        missed = ", ".join(reason.label for reason in misses(grade.criteria)) if grade else ""
        table.add_row(format_clock(event.at), plain(one_line(where, 60)),
                      _number(grade.score if grade else None), plain(missed, "yellow"))
    return table


class DebriefScreen(Screen):
    CSS_PATH = "debrief.tcss"
    BINDINGS = [Binding("q,enter", "app.quit_drill", "Quit", show=False)]

    def __init__(self, report: dict[str, Any] | None, written: list[Path], error: str | None = None) -> None:
        super().__init__()
        self.report = report or {}
        self.written = written
        self.error = error

    def compose(self) -> ComposeResult:
        app = self.app
        scenario = app.scenario
        report = self.report
        yield DrillHeader()
        yield StoreErrorBanner(id="store-error")
        with VerticalScroll(id="debrief"):
            yield Static(plain(f"Debrief: {scenario.title}", "bold"), classes="debrief-title")
            yield Static(asks_line(report))
            yield Label("Score", classes="section-title")
            score = report.get("score")
            if isinstance(score, dict):
                line = Text(f"{score.get('overall', 0):.0f}/100", style="bold")
                line.append(f"   speed {score.get('speed', 0):.0f}/100 · quality {score.get('quality', 0):.0f}/100",
                            style="dim")
                yield Static(line)
                if score.get("reason"):
                    yield Static(plain(score["reason"], "dim"))
            else:
                yield Static(Text("not scored", style="dim italic"))
            table = role_table(report, scenario)
            if table is not None:
                yield Label("By role", classes="section-title")
                yield Static(table)
            if report.get("objectives"):
                yield Label("Objectives", classes="section-title")
                yield Static(objectives_table(report))
            grades = grades_table(app)
            if grades is not None:
                yield Label("Message grades", classes="section-title")
                yield Static(grades)
            if report.get("debrief"):
                yield Label("Questions for the hot wash", classes="section-title")
                for number, question in enumerate(report["debrief"], 1):
                    yield Static(bullet(question, f"{number}."), classes="debrief-item")
            yield Label("Report", classes="section-title")
            if self.error:
                yield Static(plain(f"The report could not be written: {self.error}", "bold red"))
            elif self.written:
                for path in self.written:
                    yield Static(plain(f"Written to {path}"))
            else:
                yield Static(Text("Not written (replay).", style="dim"))
        yield Footer()
