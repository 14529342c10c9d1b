"""Grade one message against the quality criteria for its channel's audience."""

from __future__ import annotations

from .checks import CHECKS, Findings
from .detectors.blame import find_blame
from .detectors.empathy import find_empathy
from .detectors.respect import find_minimising_language
from .text import sentence_spans
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


# Sentences that shift blame or play the harm down earn nothing for what else
# they say (a cause, a phase): everything but the verdict on them is graded on
# the message without them. An apology for the harm likewise never costs the
# rest of the message anything. So adding either kind of sentence moves the
# grade only the way it should.
_EARNS_NOTHING = ("no_blame", "no_minimising")
_COSTS_NOTHING = ("empathy",)


def grade_message(text: str, context: MessageContext | None = None) -> MessageGrade:
    """Score a message 0-100 with a per-criterion breakdown, its phase and its promises.

    Pure and deterministic: the same text and context always give the same grade.
    """
    context = context or MessageContext()
    grade = _grade(text, context)
    failed = [c for c in grade.criteria if c.id in _EARNS_NOTHING and c.passed is False and c.evidence]
    if failed:
        spans = [e for c in failed for e in c.evidence]
        rest = _without_sentences(text, lambda start, end, sentence: any(start <= e.start < end for e in spans)
                                  or bool(find_blame(sentence) or find_minimising_language(sentence)))
        if rest.strip():
            return _combine(_grade(rest, context), keep=grade, ids=set(_EARNS_NOTHING) | {"responsibility"},
                            prefer_lower=True)
        return grade
    apology = [c for c in grade.criteria if c.id in _COSTS_NOTHING and c.passed is True and c.evidence]
    if apology:
        rest = _without_sentences(text, lambda start, end, sentence: bool(find_empathy(sentence)[0]))
        if rest.strip():
            return _combine(_grade(rest, context), keep=grade, ids=set(_COSTS_NOTHING), prefer_lower=False)
    return grade


def _readable_part(text: str, model) -> str:
    """What readability is measured on: an apology to the people affected is never what makes a message hard."""
    if "rule:apology" not in model.features.rules:
        return text
    rest = _without_sentences(text, lambda start, end, sentence: bool(find_empathy(sentence)[0]))
    return rest if rest.strip() else text


def _without_sentences(text: str, drop) -> str:
    """``text`` less every sentence for which ``drop(start, end, sentence)`` is true."""
    kept = []
    for start, end in sentence_spans(text):
        if not drop(start, end, text[start:end]):
            kept.append(text[start:end])
    return " ".join(kept)


def _combine(rest: MessageGrade, keep: MessageGrade, ids: set[str], prefer_lower: bool) -> MessageGrade:
    """``rest``'s criteria with ``keep``'s verdicts for ``ids``; the whole grade if that is the better bound."""
    kept = {c.id: c for c in keep.criteria if c.id in ids}
    criteria = tuple(kept.pop(c.id, c) for c in rest.criteria) + tuple(kept.values())
    order = {c.id: i for i, c in enumerate(keep.criteria)}
    criteria = tuple(sorted(criteria, key=lambda c: order.get(c.id, len(order))))
    possible = sum(c.max for c in criteria)
    score = round(100.0 * sum(c.points for c in criteria) / possible, 1) if possible else 0.0
    mixed = MessageGrade(score=score, criteria=criteria, phase=keep.phase, promises=keep.promises)
    if prefer_lower:
        return mixed if mixed.score < keep.score else keep
    return mixed if mixed.score > keep.score else keep


def _grade(text: str, context: MessageContext) -> MessageGrade:
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
        reading=readability(_readable_part(text, model)),
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
