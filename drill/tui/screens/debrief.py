"""Debrief (the hot wash): how the team did, the questions to discuss, the items the hot wash raised
(h records one), where the report is.

An item is listed once the drill shows its ``hot_wash_noted`` event (once the store has it), and
by then the app has written the report again with it.
"""

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
from drill.engine.events import Event
from drill.tui.render import bullet, channel_name, one_line, plain, role_name
from drill.tui.screens.hot_wash import HotWashDraft, HotWashScreen
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


def hot_wash_items(events: list[Event], scenario) -> Table | Text:
    """The ``hot_wash_noted`` events as a numbered list: kind and priority, the text, its objective and
    author (unless the facilitator)."""
    items = [event.data for event in events if event.kind == "hot_wash_noted"]
    if not items:
        return Text("None yet: press h to record a strength or an improvement.", style="dim italic")
    table = Table.grid(padding=(0, 1, 0, 0), expand=True)
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for number, item in enumerate(items, 1):
        strength = item.get("kind") == "strength"
        line = Text()
        line.append("Strength" if strength else "Improvement", style="bold green" if strength else "bold yellow")
        if not strength and item.get("priority"):
            line.append_text(plain(f" ({item['priority']} priority)", "yellow"))
        line.append(": ")
        line.append_text(plain(item.get("text", "")))
        details = []
        objective = item.get("objective")
        if objective:
            details.append(f"objective: {scenario.objectives.get(objective, objective)}")
        if item.get("author") and item["author"] != "Facilitator":  # an observer's, in a drill with seats
            details.append(f"by {one_line(item['author'], 40)}")
        if details:
            line.append_text(plain(f"\n{' · '.join(details)}", "dim"))
        table.add_row(f"{number}.", line)
    return table


def report_lines(written, error: str | None) -> Text:
    if error:
        return plain(f"The report could not be written: {error}", "bold red")
    if written:
        return plain("\n".join(f"Written to {path}" for path in written))
    return Text("Not written (replay).", style="dim")


class DebriefScreen(Screen):
    CSS_PATH = "debrief.tcss"
    BINDINGS = [
        Binding("q,enter", "app.quit_drill", "Quit", show=False),
        Binding("h", "hot_wash", "Hot-wash item"),
    ]

    def __init__(self, report: dict[str, Any] | None, written: list[Path], error: str | None = None) -> None:
        super().__init__()
        self.report = report or {}
        self.written = written
        self.error = error
        self.draft: HotWashDraft | None = None  # an item typed and not recorded (the form closed with Esc)

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
            yield Label("Hot-wash items", classes="section-title")
            yield Static(hot_wash_items(app.shown_log, scenario), id="hot-wash-items", classes="debrief-item")
            yield Label("Report", classes="section-title")
            yield Static(report_lines(self.written, self.error), id="report-files")
        yield Footer()

    def on_mount(self) -> None:
        self.app.drill_events.subscribe(self, self.show_events)

    def show_events(self, events: list[Event]) -> None:
        """A hot-wash item recorded: list it, and say where the report (written again with it) is."""
        if not any(event.kind == "hot_wash_noted" for event in events):
            return
        app = self.app
        self.report, self.written, self.error = app.report or self.report, list(app.written), app.write_error
        self.query_one("#hot-wash-items", Static).update(hot_wash_items(app.shown_log, app.scenario))
        self.query_one("#debrief", VerticalScroll).scroll_end(animate=False)  # the newest item, and the report
        self.query_one("#report-files", Static).update(report_lines(self.written, self.error))

    def action_hot_wash(self) -> None:
        """h: the form for one hot-wash item, holding what was typed last time if it was not recorded."""
        def closed(draft: HotWashDraft | None) -> None:
            self.draft = draft if draft is not None and draft.text.strip() else None

        self.app.push_screen(HotWashScreen(self.draft), closed)
