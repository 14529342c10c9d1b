"""The report's data of format 2's evaluation layer: each objective's criteria and scale, the
findings the exercise was written to reveal, and the scenario's own tags and meta.

``into`` adds them to ``report.json`` after the scores are merged (the scores replace the
objectives); a key is added only when the scenario has something for it, so a format 1 report
reads as it always did.
"""

from __future__ import annotations

import json
from typing import Any

from drill.scenario.model import HSEEP_SCALE, Scenario


def into(report: dict[str, Any], scenario: Scenario) -> None:
    """Add the evaluation layer's keys to ``report`` (each only when the scenario gives it)."""
    _objectives(report, scenario)
    if scenario.findings:
        report["findings"] = _findings(report, scenario)
    if scenario.tags:
        report["scenario"]["tags"] = list(scenario.tags)
    if scenario.meta:
        report["scenario"]["meta"] = _plain(scenario.meta)


def _objectives(report: dict[str, Any], scenario: Scenario) -> None:
    """Each objective's evaluator criteria, and the scale evaluators rate it on unless it is HSEEP's."""
    if not (scenario.objective_criteria or scenario.objective_scales or scenario.rating_scale != HSEEP_SCALE):
        return
    objectives = []
    for objective in report.get("objectives") or []:
        objective = dict(objective)  # the scores' own objectives stay as they were
        criteria = scenario.objective_criteria.get(objective["id"])
        if criteria:
            objective["criteria"] = list(criteria)
        scale = scenario.ratings_for(objective["id"])
        if tuple(scale) != HSEEP_SCALE:
            objective["scale"] = [{"id": step.id, "text": step.text} for step in scale]
        objectives.append(objective)
    report["objectives"] = objectives


def _findings(report: dict[str, Any], scenario: Scenario) -> list[dict[str, Any]]:
    """The author's findings, each inject that exposes it with when it was first delivered (None: never)."""
    delivered: dict[str, float] = {}
    for entry in report.get("timeline") or []:
        if not entry.get("adhoc"):
            delivered.setdefault(entry["id"], entry["at"])
    return [{"title": finding.title, "text": finding.text, "priority": finding.priority,
             "injects": [{"id": inject_id, "delivered_at": delivered.get(inject_id)} for inject_id in finding.injects],
             "actions": list(finding.actions)}
            for finding in scenario.findings]


def _plain(value: Any) -> Any:
    """``meta`` as JSON values, kept as written (a copy: the report may be changed, the scenario not)."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))
