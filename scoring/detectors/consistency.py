"""Consistency with what the team already said (``context.earlier``).

Flags a total customer count that differs from the last total given without saying
it was revised, a phase that goes backwards without saying the problem came
back, and a data-exposure statement that flips.
"""

from __future__ import annotations

import re
from typing import Sequence

from ..patterns import compile_lazily
from ..text import fold
from ..types import EARLIER_READ, Evidence, PriorMessage
from .accuracy import Problem
from .claims import REVISION_RE, extract_claims
from ..learned.model import read
from .phase import PHASE_ORDER

RECURRENCE_RE = compile_lazily(
    r"\b(?:again|recurr\w{1,4}|returned|re-?emerged|re-?opened|new\sissue|another\sissue|regress\w{1,4}|came\sback)\b")


def find_inconsistencies(text: str, phase: str | None, phase_evidence: tuple[Evidence, ...],
                         earlier: Sequence[PriorMessage]) -> list[Problem]:
    if not earlier:
        return []
    claims = extract_claims(text)
    norm = fold(text)
    problems: list[Problem] = []
    history = sorted(earlier, key=lambda m: m.at)[-EARLIER_READ:]
    last_count = None
    last_data = None
    furthest_phase: tuple[str, PriorMessage] | None = None
    for prior in history:
        prior_claims = extract_claims(prior.text)
        if prior_claims.counts:
            last_count = (prior_claims.counts[-1], prior)
        if prior_claims.data_exposed:
            last_data = (prior_claims.data_exposed[0], prior)
        prior_phase = read(prior.text).phase.phase
        if prior_phase and (furthest_phase is None or PHASE_ORDER[prior_phase] > PHASE_ORDER[furthest_phase[0]]):
            furthest_phase = (prior_phase, prior)
    if last_count and claims.counts and not REVISION_RE.find(norm):
        before, prior = last_count
        for claim in claims.counts:
            if claim.high < before.low or claim.low > before.high:
                problems.append(Problem(
                    f'"{claim.span.text}" differs from "{before.span.text}" on {_where(prior)} with no word of a revision',
                    claim.span,
                ))
    if last_data and claims.data_exposed and claims.data_exposed[0] != last_data[0]:
        problems.append(Problem(f"data exposure contradicts what was said on {_where(last_data[1])}",
                                claims.data_exposed[1]))
    if phase and furthest_phase and PHASE_ORDER[phase] < PHASE_ORDER[furthest_phase[0]] and not RECURRENCE_RE.find(norm):
        span = phase_evidence[0] if phase_evidence else Evidence(0, 0, "")
        problems.append(Problem(
            f"says {phase} after {_where(furthest_phase[1])} already said {furthest_phase[0]}", span))
    return problems[:5]


def _where(prior: PriorMessage) -> str:
    return prior.channel.name or prior.channel.id
