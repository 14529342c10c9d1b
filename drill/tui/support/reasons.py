"""What a message's grade says, in words a facilitator can read out: each criterion's label and reason.

The feed's grade line names the biggest misses with the first sentence of each reason; expanded,
it lists every criterion with its whole reason. Labels come from the report's table
(``drill.report.remedies``), so the feed and the report call a criterion the same thing.
Reasons may quote what a participant typed: whoever shows them must show them as plain text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from drill.report.remedies import label

MISSED, PARTLY, PASSED = "missed", "partly", "passed"
SHORT_REASON = 60  # characters of a reason on the collapsed grade line
_CLOSING_QUOTES = {'"': '"', "“": "”", "(": ")"}


@dataclass(frozen=True)
class Reason:
    """One criterion of a grade, for people: ``verdict`` is "missed", "partly" or "passed"."""

    label: str
    reason: str
    points: float
    max: float
    verdict: str

    @property
    def lost(self) -> float:
        return max(self.max - self.points, 0.0)

    @property
    def points_text(self) -> str:
        return f"{self.points:g}/{self.max:g} points"


def verdict(passed: Any) -> str:
    """As the report rates a criterion: missed when false or under half earned, partly below full marks."""
    if passed is True or (not isinstance(passed, bool) and isinstance(passed, (int, float)) and passed >= 1):
        return PASSED
    if passed is False or passed is None or not isinstance(passed, (int, float)) or passed < 0.5:
        return MISSED
    return PARTLY


def reasons(criteria: Iterable[Any]) -> list[Reason]:
    """Every criterion of a grade: misses first (most points lost first), then partial credit, then passes.

    ``criteria`` are the grade's results (``scoring.CriterionResult`` or their dicts).
    """
    found = [_reason(criterion) for criterion in criteria]
    rank = {MISSED: 0, PARTLY: 1, PASSED: 2}
    order = sorted(range(len(found)), key=lambda i: (rank[found[i].verdict],
                                                     -found[i].lost if found[i].verdict != PASSED else 0, i))
    return [found[i] for i in order]


def misses(criteria: Iterable[Any]) -> list[Reason]:
    """The criteria the message missed, the costliest first."""
    return [reason for reason in reasons(criteria) if reason.verdict == MISSED]


def _reason(criterion: Any) -> Reason:
    get = criterion.get if isinstance(criterion, dict) else lambda key, default=None: getattr(criterion, key, default)
    return Reason(label=label(str(get("id", ""))), reason=" ".join(str(get("reason", "") or "").split()),
                  points=float(get("points", 0) or 0), max=float(get("max", 0) or 0), verdict=verdict(get("passed")))


def first_sentence(text: str) -> str:
    """The first sentence of ``text``; a full stop inside quotes or brackets does not end it."""
    closing: list[str] = []
    for index, char in enumerate(text):
        if closing and char == closing[-1]:
            closing.pop()
        elif char in _CLOSING_QUOTES:
            closing.append(_CLOSING_QUOTES[char])
        elif not closing and char in ".!?" and (index + 1 == len(text) or text[index + 1].isspace()):
            return text[: index + 1]
    return text


def short_reason(text: str, limit: int = SHORT_REASON) -> str:
    """The first sentence of a reason, on one line, cut at a word boundary to ``limit`` characters."""
    sentence = first_sentence(" ".join(text.split()))
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1]
    if " " in cut and not sentence[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-—") + "…"


def is_rubric(grade) -> bool:
    """Whether ``grade`` is a rubric's (``scoring.rubric``): an answer to a format 2 question with
    ``grade: rubric``, scored only on the points it covers, not on the communication criteria. The grade
    says so itself, so a seat that never saw the rubric tells it too."""
    from scoring.rubric import is_rubric_grade

    return is_rubric_grade(grade)


def rubric_points(criteria: Iterable[Any]) -> list[Reason]:
    """A rubric grade's points in the order the scenario lists them, each with the reason that says
    which words covered it (or that nothing did)."""
    return [_reason(criterion) for criterion in criteria]


def point_text(point: Reason) -> str:
    """What a rubric point's line says: its reason (which names the point and the words that covered it)."""
    return point.reason or point.label
