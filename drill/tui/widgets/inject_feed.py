"""The facilitator's feed: every inject delivered, every message sent, asks that slip,
and the stories the press publishes.

Filtered by role and channel from the two selects above it. New events are appended;
the filter only re-renders what is already there. In training mode each sent message shows
its grade with the reasons for its biggest misses; F8 (or a click on the message) shows
every reason, and the feed keeps the reader's place when it does.
"""

from __future__ import annotations

from typing import Callable

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Select

from drill.durations import format_minutes
from drill.engine.events import Event
from drill.scenario.model import FACILITATOR, Scenario
from drill.tui.render import (
    TYPE_LABELS, TYPE_STYLES, channel_name, channel_names, channel_options, plain, role_name, role_names,
    role_options, stamp,
)
from drill.scenario.limits import move_of
from drill.engine.ask_ids import ask_id_for
from drill.tui.support.feed import FeedEntry, feed_entry
from drill.tui.support.reasons import (
    MISSED, PARTLY, PASSED, Reason, is_rubric, point_text, reasons, rubric_points, short_reason,
)
from drill.tui.widgets.choice import ChoiceSelect
from drill.tui.widgets.feed_log import FeedLog

ALL = "*"
SHOWN_MISSES = 3  # misses named on a collapsed grade line; the rest wait for F8
_MARKS = {MISSED: ("✗", "bold yellow"), PARTLY: ("~", "yellow"), "passed": ("✓", "green")}


def grade_lines(grade, expanded: bool = False) -> list[RenderableType]:
    """A message's grade for training mode: the score, then its costliest misses, one line each with the
    first sentence of its reason ('✗ States the impact: Does not say who is affected…'); ``expanded``,
    every criterion with its points and whole reason. Reasons can quote the message: shown as plain text."""
    found = reasons(grade.criteria)
    missed = [reason for reason in found if reason.verdict == MISSED]
    partly = [reason for reason in found if reason.verdict == PARTLY]
    head = Text()
    head.append(f"grade {grade.score:.0f}/100", style="bold green" if grade.score >= 70 else "bold yellow")
    if missed:
        head.append(f" · {len(missed)} missed", style="yellow")
    elif partly:
        head.append(f" · {len(partly)} partly met", style="yellow")
    else:
        head.append(" · every criterion met", style="green")
    if expanded:
        return [head, _reason_rows(found)]
    if not missed:
        return [head]
    rows: list[RenderableType] = [head, *(_reason_line(reason) for reason in missed[:SHOWN_MISSES])]
    if len(missed) > SHOWN_MISSES:
        rows.append(Text(f"   … and {len(missed) - SHOWN_MISSES} more: F8 shows every reason", style="dim",
                         no_wrap=True, overflow="ellipsis"))
    return rows


def rubric_lines(grade, expanded: bool = False) -> list[RenderableType]:
    """An answer graded on its question's rubric: the points it covered and those it did not, each with
    the words that covered it ('✓ Covers "isolate the affected hosts": isolated, machines'), never the
    communication criteria. ``expanded``: each point's whole reason, wrapped."""
    points = rubric_points(grade.criteria)
    covered = sum(1 for point in points if point.verdict == PASSED)
    head = Text()
    head.append(f"rubric {grade.score:.0f}/100", style="bold green" if covered == len(points) else "bold yellow")
    head.append(f" · {covered} of {len(points)} point{'s' if len(points) != 1 else ''} covered",
                style="green" if covered == len(points) else "yellow")
    rows: list[RenderableType] = [head]
    if expanded:
        grid = Table.grid(padding=(0, 1, 0, 0))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        for point in points:
            mark, style = _MARKS.get(point.verdict, _MARKS[MISSED])
            grid.add_row(Text(f" {mark}", style=style), plain(point_text(point)))
        rows.append(grid)
        return rows
    for point in points:
        mark, style = _MARKS.get(point.verdict, _MARKS[MISSED])
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(f" {mark} ", style=style)
        line.append_text(plain(" ".join(point_text(point).split())))
        rows.append(line)
    return rows


def _reason_line(reason: Reason) -> Text:
    """One miss on one line, cut to the panel's width: a message's grade never takes more than five."""
    mark, style = _MARKS.get(reason.verdict, _MARKS[MISSED])
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(f" {mark} ", style=style)
    line.append_text(plain(reason.label, "bold"))
    line.append(": ")
    line.append_text(plain(short_reason(reason.reason)))
    return line


def _reason_rows(found: list[Reason]) -> Table:
    # A grid, so a long reason's wrapped lines hang under its text, not under the mark.
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for reason in found:
        mark, style = _MARKS.get(reason.verdict, _MARKS[MISSED])
        line = Text()
        line.append_text(plain(reason.label, "bold" if reason.verdict != "passed" else ""))
        line.append(f" ({reason.points_text}): ", style="dim")
        line.append_text(plain(reason.reason))
        grid.add_row(Text(f" {mark}", style=style), line)
    return grid


def fact_value(value: object) -> str:
    """Facts as people write them: lists joined, not Python's repr."""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    return str(value)


class EntryRenderer:
    """Renders feed entries for one drill; reads grades from the app in training mode.

    ``expanded`` says whether an entry shows every reason of its grade.
    """

    def __init__(self, app, expanded: Callable[[FeedEntry], bool] = lambda entry: False) -> None:
        self.app = app
        self.expanded = expanded

    @property
    def scenario(self) -> Scenario:
        return self.app.scenario

    def __call__(self, entry: FeedEntry) -> RenderableType:
        event = entry.event
        parts = getattr(self, "_" + event.kind)(event, event.data)
        if event.kind == "response_recorded":
            parts.extend(self._grade(entry))
        # Time in its own column, so wrapped lines hang clear of it.
        row = Table.grid(padding=(0, 1, 0, 0), expand=True)
        row.add_column(no_wrap=True, style="dim")
        row.add_column(ratio=1)
        row.add_row(self._stamp(event.at), Group(*parts))
        return Padding(row, (0, 0, 1, 0)) if len(parts) > 1 else row

    def _stamp(self, at: int) -> Text:
        """When: T+mm:ss, or in a drill of moves (whose clock stands still within a move) the move."""
        if self.scenario.in_moves:
            return Text(f"move {move_of(at)}", style="dim")
        return stamp(at)

    def _facilitator_line(self, label: str, text: str) -> Text:
        """A ◆ line of the facilitator layer: 'label: text' in the facilitator's colour."""
        row = Text("◆ ", style="magenta")
        row.append(f"{label}: ", style="bold magenta")
        row.append_text(plain(text, "magenta"))
        return row

    def _inject_delivered(self, event: Event, data: dict) -> list[RenderableType]:
        head = Text()
        kind = data["type"]
        head.append(f" {TYPE_LABELS.get(kind, kind.upper())} ", style=f"reverse {TYPE_STYLES.get(kind, 'bold')}")
        head.append(" ")
        head.append(plain(data["from"], "bold"))
        if data["to"] == [FACILITATOR]:
            head.append("  ◆ FACILITATOR ONLY", style="bold magenta")
        else:
            head.append(plain(f" → {role_names(self.scenario, data['to'])}", "dim"))
        if data.get("adhoc"):
            head.append("  (ad hoc)", style="italic dim")
        ask = self.app.engine.state.asks.get(ask_id_for(data["inject_id"], data["occurrence"]))
        parts: list[RenderableType] = [head, plain(data["text"])]
        if ask is not None:
            expects = Text()
            # In a drill of moves time stands still within a move: the answer is due before the next one.
            when = "this move" if self.scenario.in_moves else f"within {format_minutes(ask.within)}"
            expects.append(
                f"↳ answer: {role_names(self.scenario, ask.roles)} on {channel_names(self.scenario, ask.channels)}"
                f" {when}", style="italic cyan")
            parts.append(expects)
        if not data.get("adhoc"):
            parts.extend(self._play_lines(data["inject_id"], data["occurrence"]))
        if not data.get("adhoc") and data["occurrence"] == 1:
            parts.extend(self._guide_lines(data["inject_id"]))
        return parts

    def _play_lines(self, inject_id: str, occurrence: int) -> list[RenderableType]:
        """Format 2's questions (at the first delivery, with their ids to reply to) and the options of a
        decision point (at every delivery: each takes its own choice)."""
        try:
            inject = self.scenario.inject(inject_id)
        except KeyError:  # a seat's scenario holds no injects
            return []
        lines: list[RenderableType] = []
        if occurrence == 1:
            for question in inject.questions:
                line = Text(style="italic cyan")
                line.append_text(plain(f"? {inject_id}.{question.id} — ", "bold"))
                line.append_text(plain(question.text))
                who = role_name(self.scenario, question.role) if question.role else "any role"
                line.append_text(plain(f" ({who}"))
                if question.within is not None:
                    line.append_text(plain(", this move" if self.scenario.in_moves
                                           else f", within {format_minutes(question.within)}"))
                line.append(")")
                lines.append(line)
                if question.expect:
                    lines.append(self._facilitator_line(f"rubric for {inject_id}.{question.id}",
                                                        " · ".join(question.expect)))
        if inject.options:
            options = " · ".join(option.text for option in inject.options)
            if inject.chooser:
                options += f" ({role_name(self.scenario, inject.chooser)} may choose)"
            lines.append(self._facilitator_line("decision (Ctrl+O)", options))
        return lines

    def _guide_lines(self, inject_id: str) -> list[RenderableType]:
        """Format 2's facilitator layer of an inject, for the facilitator's eyes: what to watch for."""
        try:
            guide = self.scenario.inject(inject_id).guide
        except KeyError:  # a seat's scenario holds no injects
            return []
        if guide is None:
            return []
        lines: list[RenderableType] = []

        def line(label: str, text: str) -> None:
            lines.append(self._facilitator_line(label, text))

        if guide.title or guide.severity:
            line("inject", " · ".join(part for part in (guide.title, guide.severity) if part))
        if guide.read_aloud:
            line("read aloud", guide.read_aloud)
        if guide.notes:
            line("notes", guide.notes)
        for label, items in (("expected", guide.expected), ("red flags", guide.red_flags),
                             ("success", guide.success)):
            if items:
                line(label, " · ".join(items))
        for hint in guide.hints:
            line("hint" if hint.after is None else f"hint after {format_minutes(hint.after)}", hint.text)
        for answer in guide.if_asked:
            line("if asked", f"{answer.question} → {answer.answer}")
        if guide.attachments:
            line("attached", ", ".join(guide.attachments))
        return lines

    def _response_recorded(self, event: Event, data: dict) -> list[RenderableType]:
        head = Text()
        head.append(" SENT ", style="reverse bold green")
        head.append(" ")
        head.append(plain(role_name(self.scenario, data["role"]), "bold green"))
        head.append(plain(f" on {channel_name(self.scenario, data['channel'])}", "green"))
        if data.get("reply_to"):
            head.append(plain(f"  ↩ {data['reply_to']}", "dim"))
        return [head, plain(data["text"])]

    def _grade(self, entry: FeedEntry) -> list[RenderableType]:
        grade = self.app.grades.get(entry.event.data["response_id"]) if self.app.training else None
        if grade is None:
            return []
        if is_rubric(grade):
            return rubric_lines(grade, self.expanded(entry))
        return grade_lines(grade, self.expanded(entry))

    def _note(self, event: Event, text: str, style: str) -> list[RenderableType]:
        return [plain(text, style)]

    def _facts_changed(self, event: Event, data: dict) -> list[RenderableType]:
        changes = ", ".join(f"{key} → {fact_value(value)}" for key, value in data["changes"].items())
        return self._note(event, f"facts: {changes}", "blue")

    def _ask_overdue(self, event: Event, data: dict) -> list[RenderableType]:
        return self._note(event, f"⚠ {data['ask_id']} is overdue", "bold red")

    def _ask_answered(self, event: Event, data: dict) -> list[RenderableType]:
        return self._note(event, f"✓ {data['ask_id']} answered{self._took(data)}", "yellow" if data["late"] else "green")

    def _took(self, data: dict) -> str:
        """' in 4m (late)'; in a drill of moves, where time within a move stands still, ' (late: a later move)'."""
        late = data["late"]
        if self.scenario.in_moves:
            return " (late: a later move)" if late else ""
        return f" in {format_minutes(data['latency'])}" + (" (late)" if late else "")

    def _question_answered(self, event: Event, data: dict) -> list[RenderableType]:
        return self._note(event, f"✓ question {data['question_id']} answered{self._took(data)}",
                          "yellow" if data["late"] else "green")

    def _question_unanswered(self, event: Event, data: dict) -> list[RenderableType]:
        return self._note(event, f"✗ question {data['question_id']} was never answered", "yellow")

    def _option_chosen(self, event: Event, data: dict) -> list[RenderableType]:
        """'◆ Choice at triage: Restore from backups (Incident commander)'."""
        inject_id = data["inject_id"]
        try:
            option = self.scenario.inject(inject_id).option(data["option_id"])
        except KeyError:  # a seat's scenario holds no injects
            option = None
        line = Text("◆ ", style="bold magenta")
        line.append_text(plain(f"Choice at {inject_id}", "bold magenta"))
        if data.get("occurrence", 1) > 1:
            line.append(f" (delivery {data['occurrence']})", style="magenta")
        line.append(": ", style="bold magenta")
        line.append_text(plain(option.text if option is not None else data["option_id"], "bold"))
        line.append_text(plain(f" ({role_name(self.scenario, data.get('role') or FACILITATOR)})", "magenta"))
        return [line]

    def _inject_held(self, event: Event, data: dict) -> list[RenderableType]:
        return self._note(event, f"◆ {data['inject_id']} is waiting for release (Ctrl+R)", "bold magenta")

    def _move_started(self, event: Event, data: dict) -> list[RenderableType]:
        moves = self.scenario.moves
        return self._note(event, f"■ Move {data['move']} of {moves} begins" if moves else f"■ Move {data['move']} begins",
                          "bold")

    def _ask_missed(self, event: Event, data: dict) -> list[RenderableType]:
        return self._note(event, f"✗ {data['ask_id']} missed", "bold red")

    def _public_story(self, event: Event, data: dict) -> list[RenderableType]:
        head = Text()
        head.append(" PRESS ", style="reverse bold magenta")
        head.append(" ")
        head.append_text(plain(data.get("outlet", ""), "bold"))
        head.append(" published", style="dim")
        parts: list[RenderableType] = [head, plain(data.get("headline", ""), "bold"), plain(data.get("text", ""))]
        if data.get("cause"):
            parts.append(plain(f"↳ {data['cause']}", "dim italic"))
        return parts

    def _relay_sent(self, event: Event, data: dict) -> list[RenderableType]:
        head = Text()
        head.append(" TEAM ", style="reverse bold blue")
        head.append(" ")
        head.append(plain(role_name(self.scenario, data["role"]), "bold blue"))
        to = data.get("to") or ()
        head.append(plain(f" → {role_names(self.scenario, to) if to else 'every role'}", "blue"))
        return [head, plain(data["text"])]

    def _evaluator_noted(self, event: Event, data: dict) -> list[RenderableType]:
        head = Text()
        head.append(" NOTE ", style="reverse bold magenta")
        head.append(" ")
        head.append(plain(data.get("author") or "evaluator", "bold"))
        objective = data.get("objective")
        head.append(plain(f" on {objective}" if objective else " on the drill", "dim"))
        return [head, plain(data["text"])]

    def _drill_ended(self, event: Event, data: dict) -> list[RenderableType]:
        if data["reason"] == "time":
            reason = "the last move is over" if self.scenario.in_moves else "time is up"
        else:
            reason = "ended by the facilitator"
        return self._note(event, f"■ drill over: {reason}", "bold")


class InjectFeed(Vertical):
    DEFAULT_CSS = """
    InjectFeed { height: 1fr; }
    InjectFeed > #feed-filters { height: 1; }
    InjectFeed > #feed-filters > Label { width: auto; padding: 0 1; }
    InjectFeed > #feed-filters > Select { width: 1fr; max-width: 30; margin-right: 1; }
    InjectFeed > FeedLog { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._last_seq = 0
        self.all_reasons = False  # F8: every grade shows every reason
        self._toggled: set[int] = set()  # messages clicked open (or, with all_reasons, shut)
        self._filter: tuple[str | None, str | None] = (None, None)  # (role, channel) shown; None: all

    def compose(self) -> ComposeResult:
        scenario: Scenario = self.app.scenario
        roles = [(plain("All roles"), ALL), *role_options(scenario), (plain("Facilitator only"), FACILITATOR)]
        channels = [(plain("All channels"), ALL), *channel_options(scenario)]
        with Horizontal(id="feed-filters"):
            yield Label("Feed", classes="panel-title")
            yield ChoiceSelect(roles, value=ALL, allow_blank=False, compact=True, id="filter-role")
            yield ChoiceSelect(channels, value=ALL, allow_blank=False, compact=True, id="filter-channel")
        yield FeedLog(EntryRenderer(self.app, self.expanded), id="feed-log")

    def expanded(self, entry: FeedEntry) -> bool:
        """Whether a sent message shows every reason of its grade."""
        return self.all_reasons != (entry.event.seq in self._toggled)

    def toggle_reasons(self) -> None:
        """Every grade shows every reason, or again only its biggest misses (F8)."""
        self.all_reasons = not self.all_reasons
        self._toggled.clear()
        self.log_view.rerender(keep_place=True)

    @on(FeedLog.Clicked)
    def _clicked(self, message: FeedLog.Clicked) -> None:
        """A click on a graded message opens (or closes) its reasons."""
        message.stop()
        entry = message.item
        if entry.event.kind != "response_recorded" or entry.event.data["response_id"] not in self.app.grades:
            return
        self._toggled.symmetric_difference_update({entry.event.seq})
        self.log_view.rerender(anchor=entry)  # the clicked message stays where the reader clicked it

    @property
    def log_view(self) -> FeedLog[FeedEntry]:
        return self.query_one("#feed-log", FeedLog)

    def on_mount(self) -> None:
        self.show_events(self.app.shown_log)
        self.app.drill_events.subscribe(self, self.show_events)

    def show_events(self, events: list[Event]) -> None:
        if not events:
            return
        state = self.app.engine.state
        entries = []
        for event in events:
            if event.seq <= self._last_seq:
                continue
            self._last_seq = event.seq
            entry = feed_entry(event, state)
            if entry is not None:
                entries.append(entry)
        self.log_view.extend(entries)

    @on(Select.Changed, "#filter-role, #filter-channel")
    def _filter_changed(self, event: Select.Changed) -> None:
        event.stop()
        role = self.query_one("#filter-role", Select).value
        channel = self.query_one("#filter-channel", Select).value
        role = None if role in (ALL, Select.NULL) else role
        channel = None if channel in (ALL, Select.NULL) else channel
        if (role, channel) == self._filter:  # the selects announce their first value too
            return
        self._filter = (role, channel)
        if role == FACILITATOR:
            self.log_view.set_filter(lambda entry: entry.facilitator_only)
        else:
            self.log_view.set_filter(lambda entry: entry.matches(role, channel))
