"""Grade one message against the quality criteria for its channel's audience."""

from __future__ import annotations

from .checks import CHECKS, Findings
from .detectors.blame import find_blame
from .detectors.length import effective_length
from .detectors.promises import find_promises
from .detectors.readability import readability
from .detectors.respect import find_minimising_language, impact_is_large, minimiser_words
from .learned.features import sentences_besides_apologies
from .learned.model import read
from .text import sentences
from .types import CriterionResult, MessageContext, MessageGrade, PUBLIC
from .weights import QUALITY_WEIGHTS, criteria_for

# Real updates are a few hundred characters; reading only the start of a
# pathological input keeps grading time bounded. Length is still measured
# on the whole text.
MAX_ANALYSED_CHARS = 50_000


def grade_message(text: str, context: MessageContext | None = None) -> MessageGrade:
    """Score a message 0-100 with a per-criterion breakdown, its phase and its promises.

    Pure and deterministic: the same text and context always give the same grade.

    Sentences that shift blame or play the harm down earn nothing for what else
    they say (a cause, a phase): the message is also graded without them, and the
    lower grade stands. (An apology cannot move any other verdict: the detectors
    read everything but the apology from the message less its apologies.)
    """
    context = context or MessageContext()
    grade = _grade(text, context)
    # in criteria order, which puts no_blame before no_minimising
    faults = [c for c in grade.criteria if c.passed is False and c.id in _FAULTS]
    if not faults:
        return grade
    quoted = [e.start for c in faults for e in c.evidence]
    rest = _without_sentences(text, lambda start, end, sentence: any(start <= q < end for q in quoted)
                              or _faulty(sentence, context.facts))
    if not rest.strip() or rest == text:
        return grade
    mixed = _with_verdicts(_grade(rest, context), grade, {"no_blame", "no_minimising", "responsibility"})
    return mixed if mixed.score < grade.score else grade


_FAULTS = frozenset({"no_blame", "no_minimising"})


def _faulty(sentence: str, facts) -> bool:
    """Does the sentence blame, or play the harm down (size words too, when the facts say the impact is large)?"""
    return bool(find_blame(sentence) or find_minimising_language(sentence)
                or (impact_is_large(facts) and minimiser_words(sentence)))


def _readable_part(text: str) -> str:
    """What readability is measured on: an apology to the people affected is never what makes a message hard."""
    kept = sentences_besides_apologies(text)
    return text if kept is None else " ".join(text[s:e] for s, e in kept)


def _without_sentences(text: str, drop) -> str:
    """``text`` less every sentence for which ``drop(start, end, sentence)`` is true."""
    return " ".join(text[start:end] for start, end in sentences(text) if not drop(start, end, text[start:end]))


def _with_verdicts(rest: MessageGrade, whole: MessageGrade, ids: set[str]) -> MessageGrade:
    """``rest``'s criteria, but ``whole``'s verdicts for ``ids``, in ``whole``'s order."""
    chosen = {c.id: c for c in rest.criteria}
    chosen.update({c.id: c for c in whole.criteria if c.id in ids})
    order = {c.id: i for i, c in enumerate(whole.criteria)}
    criteria = tuple(sorted(chosen.values(), key=lambda c: order.get(c.id, len(order))))
    return MessageGrade(score=_score(criteria), criteria=criteria, phase=whole.phase, promises=whole.promises)


def _score(criteria) -> float:
    possible = sum(c.max for c in criteria)
    return round(100.0 * sum(c.points for c in criteria) / possible, 1) if possible else 0.0


_WHOLE_POINTS: dict[tuple[float, bool], float] = {}  # (weight, passed) -> points, for a plain pass or fail


def _grade(text: str, context: MessageContext) -> MessageGrade:
    full_text = text if isinstance(text, str) else str(text)
    text = full_text[:MAX_ANALYSED_CHARS]
    audience = PUBLIC if context.channel.is_public else "internal"
    if not text or text.isspace():  # nothing but whitespace, as str.strip() sees it
        return _empty_grade(audience)
    model = read(text)
    findings = Findings(
        phase=model.phase.phase,
        phase_evidence=model.phase.evidence,
        # The features found any timed promise already; only then is it worth resolving when it falls due.
        promises=tuple(find_promises(text, context.at, context.start_time))
        if "rule:timed_promise" in model.features.rules else (),
        reading=readability(_readable_part(text)),
        length=effective_length(full_text, context.channel),
        model=model,
    )
    results = []
    checks = CHECKS
    for criterion in criteria_for(audience):
        verdict = checks[criterion](text, context, findings)
        passed = verdict.passed
        if passed is None:
            continue  # not due for this message
        weight = QUALITY_WEIGHTS[criterion]
        if passed is True or passed is False:
            points = _WHOLE_POINTS.get((weight, passed))
            if points is None:
                points = _WHOLE_POINTS[(weight, passed)] = round(weight * float(passed), 2)
        else:
            points = round(weight * float(passed), 2)
        results.append(CriterionResult(criterion, passed, points, weight, verdict.reason, verdict.evidence))
    return MessageGrade(score=_score(results), criteria=tuple(results), phase=findings.phase,
                        promises=findings.promises)


def _empty_grade(audience: str) -> MessageGrade:
    """Nothing was said, so nothing is earned."""
    results = tuple(
        CriterionResult(id=c, passed=False, points=0.0, max=QUALITY_WEIGHTS[c], reason="The message is empty.")
        for c in criteria_for(audience)
    )
    return MessageGrade(score=0.0, criteria=results, phase=None, promises=())
