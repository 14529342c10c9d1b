"""Grade one message against the quality criteria for its channel's audience."""

from __future__ import annotations

from .checks import CHECKS, Findings
from .detectors.length import effective_length
from .detectors.promises import find_promises
from .detectors.readability import readability
from .learned.model import read
from .types import CriterionResult, MessageContext, MessageGrade, PUBLIC
from .weights import QUALITY_WEIGHTS, criteria_for

# Real updates are a few hundred characters; reading only the start of a
# pathological input keeps grading time bounded. Length is still measured
# on the whole text.
MAX_ANALYSED_CHARS = 50_000


def grade_message(text: str, context: MessageContext | None = None) -> MessageGrade:
    """Score a message 0-100 with a per-criterion breakdown, its phase and its promises.

    Pure and deterministic: the same text and context always give the same grade.
    """
    context = context or MessageContext()
    full_text = text if isinstance(text, str) else str(text)
    text = full_text[:MAX_ANALYSED_CHARS]
    audience = PUBLIC if context.channel.is_public else "internal"
    if not text.strip():
        return _empty_grade(audience)
    model = read(text)
    findings = Findings(
        phase=model.phase.phase,
        phase_evidence=model.phase.evidence,
        promises=tuple(find_promises(text, context.at, context.start_time)),
        reading=readability(text),
        length=effective_length(full_text, context.channel),
        model=model,
    )
    results = []
    for criterion in criteria_for(audience):
        verdict = CHECKS[criterion](text, context, findings)
        if verdict.passed is None:
            continue  # not due for this message
        weight = QUALITY_WEIGHTS[criterion]
        fraction = float(verdict.passed)
        results.append(CriterionResult(
            id=criterion,
            passed=verdict.passed,
            points=round(weight * fraction, 2),
            max=weight,
            reason=verdict.reason,
            evidence=verdict.evidence,
        ))
    earned = sum(r.points for r in results)
    possible = sum(r.max for r in results)
    score = round(100.0 * earned / possible, 1) if possible else 0.0
    return MessageGrade(score=score, criteria=tuple(results), phase=findings.phase, promises=findings.promises)


def _empty_grade(audience: str) -> MessageGrade:
    """Nothing was said, so nothing is earned."""
    results = tuple(
        CriterionResult(id=c, passed=False, points=0.0, max=QUALITY_WEIGHTS[c], reason="The message is empty.")
        for c in criteria_for(audience)
    )
    return MessageGrade(score=0.0, criteria=results, phase=None, promises=())
