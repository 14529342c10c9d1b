"""Format 2's evaluation layer in the report: each objective's criteria and scale, the step an
evaluator chose on it, the findings the exercise was written to reveal, and the scenario's tags and meta.

All of it comes from ``evaluation_data``, which adds a key only when the scenario gives it: a
format 1 report shows none of it and reads as it always did.
"""

from __future__ import annotations

import json
from typing import Any

from drill.report.document import Inline, Paragraph, Section, Span, Table, inline
from drill.report.findings import RATING_LABELS
from drill.report.fmt import plural
from drill.report.hot_wash import priority_span
from drill.report.play import at_when, joined
from drill.scenario.model import HSEEP_SCALE

_HSEEP = {(step.id, step.text) for step in HSEEP_SCALE}


def objective_text(objective: dict[str, Any]) -> Inline:
    """An objective's text, with what an evaluator looks for and the scale they rate it on beneath it."""
    parts: list[Any] = [objective["text"]]
    criteria = [str(criterion) for criterion in objective.get("criteria") or []]
    if criteria:
        parts += ["\n", Span("Evaluator criteria:", "muted"), *[part for item in criteria for part in ("\n• ", item)]]
    scale = objective.get("scale")
    if scale:
        parts += ["\n", Span("Evaluators' scale: " + " · ".join(_step_label(step) for step in scale), "muted")]
    return inline(*parts)


def rated_step(objective: dict[str, Any] | None, rating: Any) -> Inline:
    """The step of the objective's scale an evaluator chose, with its text: ``G Good``, ``Partial / inconsistent``.

    On HSEEP's scale (the one an objective has without a ``scale``) it is the letter as it always was;
    a custom step is styled neutrally, whatever its id says.
    """
    rating = str(rating)
    scale = (objective or {}).get("scale")
    if not scale:
        return inline(Span(rating, "rating" if rating in RATING_LABELS else "rating-step"))
    step = next((step for step in scale if step.get("id") == rating), None)
    if step is None:  # not a step of the scale as the report has it
        return inline(Span(rating, "rating-step"))
    style = "rating" if (step["id"], step.get("text")) in _HSEEP else "rating-step"
    text = str(step.get("text") or "")
    return inline(Span(rating, style), f" {text}" if text and text != rating else "")


def _step_label(step: dict[str, Any]) -> str:
    step_id, text = str(step.get("id")), str(step.get("text") or "")
    return step_id if not text or text == step_id else f"{step_id} {text}"


def has_scales(report: dict[str, Any]) -> bool:
    return any(objective.get("scale") for objective in report.get("objectives") or [])


# ------------------------------------------------------------------ the author's findings


def findings_section(report: dict[str, Any]) -> Section | None:
    """The findings the exercise's author wrote in advance, apart from what this drill found."""
    written = report.get("findings")
    if not written:
        return None
    named = [finding for finding in written if finding.get("injects")]
    reached = [finding for finding in named
               if any(inject.get("delivered_at") is not None for inject in finding["injects"])]
    intro = ("Written in advance by the exercise's author: what the scenario was built to expose, not what was "
             "observed in this drill. They are not in the improvement plan; set them against the areas for "
             "improvement the drill showed.")
    if named:
        intro += (f" Of the {plural(len(named), 'finding')} that name the injects exposing them, {len(reached)} "
                  f"had one of those injects delivered in this drill.")
    rows = tuple((_finding(finding), inline(priority_span(finding.get("priority"))),
                  _exposed_by(report, finding), _actions(finding))
                 for finding in written)
    table = Table(("Finding (the author's)", "Priority", "Exposed by", "Corrective actions the author recommends"),
                  rows, nowrap=frozenset({1}))
    return Section("Findings the exercise was written to reveal", (Paragraph(inline(intro), tone="muted"), table))


def _finding(finding: dict[str, Any]) -> Inline:
    text = str(finding.get("text") or "").strip()
    return inline(Span(str(finding["title"]), "strong"), "\n" if text else "", text)


def _exposed_by(report: dict[str, Any], finding: dict[str, Any]) -> Inline:
    injects = finding.get("injects") or []
    if not injects:
        return inline(Span("no inject named", "muted"))
    lines = []
    for inject in injects:
        at = inject.get("delivered_at")
        said = f"(delivered {at_when(report, at)})" if at is not None \
            else Span("(never delivered in this drill)", "warn")
        lines.append(inline(Span(str(inject["id"]), "code"), " ", said))
    return inline(*joined(lines, "\n"))


def _actions(finding: dict[str, Any]) -> Inline:
    actions = [str(action) for action in finding.get("actions") or []]
    if not actions:
        return inline(Span("none given", "muted"))
    if len(actions) == 1:
        return inline(actions[0])
    return inline(*joined([inline("• ", action) for action in actions], "\n"))


# ------------------------------------------------------------------ the scenario's tags and meta


def overview_facts(report: dict[str, Any]) -> list[tuple[str, Inline]]:
    """The scenario's own tags and attributes for the overview, as written."""
    scenario = report.get("scenario") or {}
    facts: list[tuple[str, Inline]] = []
    tags = scenario.get("tags")
    if tags:
        facts.append(("Tags", inline(" · ".join(str(tag) for tag in tags))))
    meta = scenario.get("meta")
    if isinstance(meta, dict) and meta:
        pairs = [inline(Span(f"{key}:", "em"), " ", as_written(value)) for key, value in meta.items()]
        facts.append(("Meta", inline(*joined(pairs, " · "))))
    return facts


def as_written(value: Any) -> str:
    """A ``meta`` value as the scenario wrote it: text as it is, anything else as compact JSON."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
