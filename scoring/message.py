"""Grade one message against the quality criteria for its channel's audience."""

from __future__ import annotations

from .checks import CHECKS, Findings
from .detectors.length import effective_length
from .detectors.phase import detect_phase
from .detectors.promises import find_promises
from .detectors.readability import readability
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
    phase, phase_evidence = detect_phase(text)
    findings = Findings(
        phase=phase,
        phase_evidence=phase_evidence,
        promises=tuple(find_promises(text, context.at, context.start_time)),
        reading=readability(text),
        length=effective_length(full_text, context.channel),
    )
    audience = PUBLIC if context.channel.is_public else "internal"
    results = []
    for criterion in criteria_for(audience):
        verdict = CHECKS[criterion](text, context, findings)
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
    return MessageGrade(score=score, criteria=tuple(results), phase=phase, promises=findings.promises)
