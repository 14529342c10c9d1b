"""What the hot wash raised: its strengths and its improvements, with their priority.

The items join the report's own findings: strengths the strengths list, improvements the areas
for improvement and the improvement plan (``ranked``), and the "Hot-wash findings" section lists
them all with who raised them. A drill without a hot wash has none of it.
"""

from __future__ import annotations

from typing import Any, Union

from drill.report.document import Inline, Section, Span, Table, inline
from drill.report.findings import RISK_WEIGHT, Issue

PRIORITIES = ("high", "medium", "low")
_TONE = {"high": "bad", "medium": "warn", "low": "muted"}

Item = dict[str, Any]  # a report.json ``hot_wash`` entry


def strengths(report: dict[str, Any]) -> list[Inline]:
    return [inline(item["text"], " ", Span(f"(hot wash, {item['author']})", "muted"))
            for item in report.get("hot_wash") or [] if item["kind"] == "strength"]


def improvements(report: dict[str, Any]) -> list[Item]:
    """The hot wash's improvements, high priority first (as recorded within a priority)."""
    found = [item for item in report.get("hot_wash") or [] if item["kind"] == "improvement"]
    return sorted(found, key=lambda item: _rank(item.get("priority")))


def ranked(issues: list[Issue], report: dict[str, Any]) -> list[Union[Issue, Item]]:
    """The computed issues (biggest risk first) and the hot wash's improvements, as one list.

    The team's own items are placed by their priority: a high one comes before every computed
    issue (the room saw what the scores cannot, and the team owns the plan); a medium one after
    the computed risks (the issues the executive summary may name) and before the lesser ones; a
    low one, or one given no priority, after every computed issue.
    """
    items = improvements(report)
    risks = [issue for issue in issues if issue.weight >= RISK_WEIGHT]
    lesser = [issue for issue in issues if issue.weight < RISK_WEIGHT]
    return [*_of(items, "high"), *risks, *_of(items, "medium"), *lesser, *_of(items, "low"), *_of(items, None)]


def issue_line(entry: Union[Issue, Item]) -> Inline:
    """One line of the areas for improvement."""
    if isinstance(entry, Issue):
        return inline(entry.text, " ", Span(f"({entry.element})", "muted"))
    return inline(entry["text"], " ", Span(f"({_source(entry)})", "muted"))


def plan_row(number: int, entry: Union[Issue, Item], report: dict[str, Any]) -> tuple[Inline, ...]:
    """One row of the improvement plan; a hot-wash item's corrective action and element are the team's to fill in."""
    if isinstance(entry, Issue):
        return inline(str(number)), inline(entry.text), inline(entry.action), inline(entry.element), (), ()
    objective = _objective(report, entry.get("objective"))
    issue = inline(entry["text"], "\n", priority_span(entry.get("priority"), " priority"),
                   Span(f" · {_raised(entry)}", "muted"),
                   Span(f" · objective: {objective}", "muted") if objective else "")
    return inline(str(number)), issue, (), (), (), ()


def hot_wash_section(report: dict[str, Any]) -> Section | None:
    items = report.get("hot_wash")
    if not items:
        return None
    ordered = [*improvements(report), *(item for item in items if item["kind"] == "strength")]
    rows = tuple((inline(Span("Strength", "good") if item["kind"] == "strength" else "Improvement"),
                  inline(priority_span(item.get("priority")) if item.get("priority") else ""),
                  inline(item["text"]), inline(item["author"]),
                  inline(_objective(report, item.get("objective")) or ""))
                 for item in ordered)
    return Section("Hot-wash findings", (Table(("Kind", "Priority", "Item", "Raised by", "Objective"), rows,
                                               nowrap=frozenset({0, 1})),))


def _of(items: list[Item], priority: str | None) -> list[Item]:
    return [item for item in items if item.get("priority") == priority]


def _rank(priority: str | None) -> int:
    return PRIORITIES.index(priority) if priority in PRIORITIES else len(PRIORITIES)


def priority_span(priority: str | None, suffix: str = "") -> Span:
    """A priority, coloured by how high it is ("no priority" when none was given)."""
    return Span(priority + suffix, _TONE.get(priority, "")) if priority else Span("no priority", "muted")


def _source(item: Item) -> str:
    priority = f", {item['priority']} priority" if item.get("priority") else ""
    return f"hot wash{priority}, {item['author']}"


def _raised(item: Item) -> str:
    return f"raised in the hot wash by {item['author']}"


def _objective(report: dict[str, Any], objective_id: str | None) -> str:
    if not objective_id:
        return ""
    texts = {objective["id"]: objective["text"] for objective in report.get("objectives") or []}
    return texts.get(objective_id, objective_id)
