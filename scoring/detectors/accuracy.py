"""Accuracy: claims that contradict the scenario facts.

Checked: counts that state the total number affected ("about 2,300 merchants
are affected", "affecting 50 customers"; not parts, sub-groups, times or
percentages, see ``claims``) against ``customers_affected``, regions against
``regions``, "X is not affected" against ``services``, data-exposure claims
against ``data_exposed``, and claiming more progress than has been made
(saying "resolved" while the facts say "investigating"). A phase stated
*behind* the facts is left to the ``phase`` criterion.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from ..patterns import compile_lazily
from ..text import evidence, fold
from ..types import Evidence
from .claims import canonical_regions, extract_claims, regions_overlap
from .phase import PHASE_ORDER


class Problem:
    __slots__ = ("reason", "span")

    def __init__(self, reason: str, span: Evidence):
        self.reason = reason
        self.span = span


def find_contradictions(text: str, facts: Mapping[str, Any], phase: str | None = None,
                        phase_evidence: tuple[Evidence, ...] = ()) -> list[Problem]:
    if not facts:
        return []
    claims = extract_claims(text)
    problems: list[Problem] = []
    actual = facts.get("customers_affected")
    if isinstance(actual, (int, float)) and not isinstance(actual, bool):
        for claim in claims.counts:
            if not claim.low <= actual <= claim.high:
                problems.append(Problem(f"the facts say {actual:,} customers are affected", claim.span))
    fact_regions = canonical_regions(facts.get("regions"), facts.get("aliases"))
    if fact_regions:
        for region, span in claims.regions.items():
            if not regions_overlap(region, fact_regions) and not _is_negated(text, span):
                problems.append(Problem(f"{span.text} is not among the affected regions", span))
    problems.extend(_unaffected_claims(text, facts.get("services")))
    exposed = facts.get("data_exposed")
    if isinstance(exposed, bool) and claims.data_exposed and claims.data_exposed[0] != exposed:
        said = "exposed" if claims.data_exposed[0] else "not exposed"
        problems.append(Problem(f"it says data was {said}, the facts say otherwise", claims.data_exposed[1]))
    expected = facts.get("phase")
    if phase and expected in PHASE_ORDER and PHASE_ORDER[phase] > PHASE_ORDER[expected]:
        span = phase_evidence[0] if phase_evidence else Evidence(0, 0, "")
        problems.append(Problem(f"it claims the incident is {phase} but it is {expected}", span))
    return problems[:5]


def _is_negated(text: str, span: Evidence) -> bool:
    before = text[max(0, span.start - 30):span.start].lower()
    after = text[span.end:span.end + 30].lower()
    return bool(re.search(r"\b(?:not|outside|except|other\sthan)\b", before)) or "not affected" in after or "unaffected" in after


# "Checkout is working normally again" reports a recovery, not that it was never affected.
_RESTORED_AFTER_RE = compile_lazily(r"\s(?:again|once\smore|now)\b")


def _unaffected_claims(text: str, services: Any) -> list[Problem]:
    if not services or isinstance(services, str):
        return []
    norm = fold(text)
    problems = []
    for service in list(services)[:20]:
        name = re.escape(str(service))
        pattern = re.compile(
            rf"\b{name}\s(?:is|are|was|were|remains?)\s(?:not\s(?:been\s)?(?:affected|impacted)|unaffected|working\snormally|operating\snormally|fine)",
            re.I,
        )
        m = pattern.search(norm)
        if m and not _RESTORED_AFTER_RE.match(norm, m.end()):
            problems.append(Problem(f"{service} is affected", evidence(text, m.start(), m.end())))
    return problems
