"""How much each criterion is worth and which audiences it applies to.

This is the one place the weights live. A message's score is
``100 * sum(points) / sum(max)`` over the criteria that apply to its channel's
audience; criteria that do not apply are left out of the grade entirely
(they are not listed with max 0).

Public weights sum to 100. Criteria a message is not yet due for (owning the cause in a first
"investigating" update, a make-good before the end) are left out of that
message's grade rather than failed. The heaviest criteria are the ones every guide
agrees on first: say what is wrong and who is affected, be accurate, say
where things stand and when you will be back (PagerDuty external comms,
Statuspage templates, CDC CERC "be first, be right, be credible").
"""

from __future__ import annotations

from .criteria import QUALITY_CRITERIA

QUALITY_WEIGHTS: dict[str, float] = {
    "acknowledge": 7,
    "impact": 9,
    "phase": 7,
    "next_update": 7,
    "action": 5,
    "known_unknowns": 3,
    "empathy": 5,
    "no_blame": 6,
    "no_speculation": 5,
    "no_eta": 5,
    "accuracy": 9,
    "respect": 3,
    "no_minimising": 6,
    "responsibility": 5,
    "make_good": 4,
    "plain_language": 4,
    "readability": 3,
    "length": 2,
    "consistency": 5,
}

# Internal updates and executive briefs: state, impact, what is being done or
# needed, when the next update comes, brevity, and the factual guards.
INTERNAL_CRITERIA: tuple[str, ...] = (
    "acknowledge",
    "phase",
    "impact",
    "action",
    "next_update",
    "length",
    "readability",
    "accuracy",
    "no_blame",
    "consistency",
)

# Flesch-Kincaid grade at or below which readability earns full points, and
# the grade at which it earns none (linear in between).
READING_GRADE = {"public": (8.0, 16.0), "internal": (12.0, 20.0)}


def criteria_for(audience: str) -> tuple[str, ...]:
    """Criteria that apply to an audience, in the order of QUALITY_CRITERIA."""
    if audience == "public":
        return QUALITY_CRITERIA
    return _INTERNAL_ORDERED


_INTERNAL_ORDERED = tuple(c for c in QUALITY_CRITERIA if c in INTERNAL_CRITERIA)

