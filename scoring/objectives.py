"""HSEEP objective ratings (P / S / M / U) from the asks linked to each objective.

Thresholds, applied to the objective's linked asks:

* **P** Performed without challenges: every ask answered within its window
  and passing all its ``must`` criteria.
* **U** Unable to be performed: every ask missed.
* **S** Performed with some challenges: no ask missed and the mean ask score
  is at least ``SOME_CHALLENGES_MIN`` (60), e.g. answered at 1.5x the window,
  or on time with one failed ``must`` criterion.
* **M** Performed with major challenges: anything else (an ask missed while
  others were answered, or a mean ask score below 60).

An objective whose id names a team timing item (``first-public``,
``keep-cadence``...) is also rated from that item: full points P, at least 60%
S, some points M, none U; a cadence gap longer than 1.5x the target is at
best M. With linked asks as well, the worse of the two
ratings stands, since a cadence objective is not met by one timely answer.
An objective with neither is "not rated".
"""

from __future__ import annotations

from typing import Mapping, Sequence

from scoring.drill_types import AskResult, ObjectiveRating, TimingItem
from scoring.speed import ANSWERED, MISSED
from scoring.wording import counted

PERFORMED = "P"
SOME_CHALLENGES = "S"
MAJOR_CHALLENGES = "M"
UNABLE = "U"
NOT_RATED = "not rated"

LABELS = {
    PERFORMED: "Performed without challenges",
    SOME_CHALLENGES: "Performed with some challenges",
    MAJOR_CHALLENGES: "Performed with major challenges",
    UNABLE: "Unable to be performed",
}

SOME_CHALLENGES_MIN = 60.0
# A public silence this many times the cadence target is a major challenge, whatever the average.
LONG_GAP_MULTIPLE = 1.5

TIMING_LABELS = {
    "acknowledge": "the time to acknowledge",
    "first_public_update": "the time to the first public update",
    "cadence": "the update cadence",
    "promises": "the promised updates",
    "proactivity": "proactivity",
    "coverage": "stakeholder coverage",
}

# Ratings from best to worst; "not rated" only stands when nothing else does.
SEVERITY = (NOT_RATED, PERFORMED, SOME_CHALLENGES, MAJOR_CHALLENGES, UNABLE)

# Objective ids are matched to timing items by these fragments, in this order
# ("public_update_cadence" is about cadence, not the first update).
TIMING_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("cadence", "cadence"),
    ("first_public", "first_public_update"),
    ("public_update", "first_public_update"),
    ("acknowledg", "acknowledge"),
    ("promise", "promises"),
    ("proactiv", "proactivity"),
    ("coverage", "coverage"),
    ("stakeholder", "coverage"),
)


def rate_from_asks(results: Sequence[AskResult]) -> tuple[str, str]:
    """The rating and its reason for an objective's linked ask results."""
    missed = [r for r in results if r.status == MISSED]
    clean = [r for r in results if r.status == ANSWERED and not r.must_failed]
    mean = sum(r.score for r in results) / len(results)
    summary = (
        f"{len(clean)} of {counted(len(results), 'linked ask')} answered in time with every must "
        f"criterion passed, {len(missed)} missed, mean ask score {mean:.1f}"
    )
    if len(clean) == len(results):
        return PERFORMED, f"{LABELS[PERFORMED]}: {summary}"
    if len(missed) == len(results):
        return UNABLE, f"{LABELS[UNABLE]}: {summary}"
    if not missed and mean >= SOME_CHALLENGES_MIN:
        return SOME_CHALLENGES, f"{LABELS[SOME_CHALLENGES]}: {summary} (>= {SOME_CHALLENGES_MIN:g})"
    why = "an ask was missed" if missed else f"mean below {SOME_CHALLENGES_MIN:g}"
    return MAJOR_CHALLENGES, f"{LABELS[MAJOR_CHALLENGES]}: {summary} ({why})"


def rate_from_timing(item: TimingItem) -> tuple[str, str]:
    fraction = item.fraction
    label = TIMING_LABELS.get(item.id, item.id)
    if fraction is None:
        return NOT_RATED, f"{label} did not apply: {item.reason}"
    if fraction >= 1.0:
        rating = PERFORMED
    elif fraction * 100 >= SOME_CHALLENGES_MIN:
        rating = SOME_CHALLENGES
    elif fraction > 0:
        rating = MAJOR_CHALLENGES
    else:
        rating = UNABLE
    capped = ""
    longest = _longest_gap(item)
    if longest is not None and longest > LONG_GAP_MULTIPLE * item.evidence["target_s"]:
        if SEVERITY.index(rating) < SEVERITY.index(MAJOR_CHALLENGES):
            rating = MAJOR_CHALLENGES
            capped = (f" (at best {MAJOR_CHALLENGES}: a {longest / 60:g} min gap is more than "
                      f"{LONG_GAP_MULTIPLE:g}x the {item.evidence['target_s'] / 60:g} min cadence)")
    return rating, f"{LABELS[rating]}{capped}, from {label}: {item.reason}"


def _longest_gap(item: TimingItem) -> float | None:
    if item.id != "cadence" or not item.evidence.get("target_s"):
        return None
    gaps = [gap["to"] - gap["from"] for gap in item.evidence.get("gaps") or ()]
    return max(gaps) if gaps else None


def timing_item_id(objective_id: str) -> str | None:
    """The team timing item an objective id names, if any."""
    key = objective_id.lower().replace("-", "_").replace(" ", "_")
    for fragment, item_id in TIMING_KEYWORDS:
        if fragment in key:
            return item_id
    return None


def timing_item_for(objective_id: str, team: Sequence[TimingItem]) -> TimingItem | None:
    item_id = timing_item_id(objective_id)
    return next((item for item in team if item.id == item_id), None)


def _ask_evidence(result: AskResult) -> dict:
    return {
        "inject_id": result.inject_id,
        "status": result.status,
        "latency_s": result.latency_s,
        "score": result.score,
        "must_failed": list(result.must_failed),
        "response": result.response,
    }


def rate_objectives(
    objectives: Mapping[str, str],
    ask_results: Sequence[AskResult],
    team: Sequence[TimingItem],
    own_timing: Mapping[str, Sequence[TimingItem]] | None = None,
) -> list[ObjectiveRating]:
    """One rating per objective, in the scenario's order; objectives named by an
    ask but missing from ``objectives`` are rated too, after the others.
    ``own_timing`` holds the timing items of objectives measured on channels of
    their own; the others are rated from ``team``."""
    own_timing = own_timing or {}
    ids = list(objectives)
    for result in ask_results:
        if result.objective is not None and result.objective not in ids:
            ids.append(result.objective)

    ratings = []
    for objective_id in ids:
        linked = [r for r in ask_results if r.objective == objective_id]
        item = timing_item_for(objective_id, own_timing.get(objective_id, team))
        text = objectives.get(objective_id, "")
        candidates = []  # (rating, reason, evidence)
        if linked:
            rating, reason = rate_from_asks(linked)
            candidates.append((rating, reason, [_ask_evidence(r) for r in linked]))
        if item is not None:
            rating, reason = rate_from_timing(item)
            timing_evidence = {"timing": item.id, "points": item.points, "max": item.max, **item.evidence}
            if rating != NOT_RATED or not linked:
                candidates.append((rating, reason, [timing_evidence]))
        if not candidates:
            rating = NOT_RATED
            reason = "no asks are linked to this objective and it names no team timing target"
            evidence: tuple = ()
        else:
            rating = max((c[0] for c in candidates), key=SEVERITY.index)
            reason = "; ".join(c[1] for c in candidates)
            if len(candidates) > 1:
                reason = f"{rating} (the worse of the ask and timing ratings): {reason}"
            evidence = tuple(e for c in candidates for e in c[2])
        if objective_id not in objectives:
            reason += " (objective id not declared by the scenario)"
        ratings.append(ObjectiveRating(objective_id, text, rating, reason, evidence))
    return ratings
