"""The arithmetic of public pressure: pure functions, no state of their own.

Pressure ``P`` (0 and up) is what the public has built up against the team;
goodwill ``G`` is what good statements have earned. Both only move at these
points:

- every minute while public-facing and the team has said nothing publicly:
  ``P += growth`` (silence);
- every minute once the last post on the status channel is older than the
  cadence target: ``P += STALE * growth``; and while a promised update is
  overdue: ``P += BROKEN_PROMISE * growth``;
- a public statement: a good one multiplies ``P`` by ``1 - calm`` (``calm`` at
  most ``MAX_CALM``) and adds to ``G``, up to ``GOODWILL_CAP``; one that
  blames, speculates, minimises, says "no comment" or contradicts adds a
  penalty to ``P`` per fault and earns nothing;
- a published story adds ``STORY * sensitivity`` to ``P``.

Volume and sentiment are functions of (P, G) alone: volume grows with P,
sentiment falls with P and rises with G. Why the constants are what they are:
posting the same first statement earlier must never leave more negative volume.
Moving it earlier by ``d`` minutes saves at least ``(1 - MAX_CALM) * growth * d``
of pressure, and can cost at most ``d`` extra minutes of staleness and of an
overdue promise; keeping ``STALE + BROKEN_PROMISE <= (1 - MAX_CALM) / 2`` means
the saving covers the cost. (Minute by minute it can fall short: a story
published between the two statements is calmed by the later one only, so for a
while after it the earlier drill can be slightly behind. The property is stated
over the whole drill, as negative volume, and tests/test_world.py checks it.) Before
the incident is public there is no silence to save, so the cadence and promise
clocks only start once the public is watching.

Goodwill is capped so that a run of good statements cannot hold sentiment up
through a long silence: once the status channel goes stale and a promise falls
due, the pressure it builds shows as falling sentiment within minutes. The cap
depends only on the statements made, which the property above compares alike.
"""

from __future__ import annotations

import math
from typing import Iterable, Mapping

MAX_CALM = 0.5
STALE = 0.15
BROKEN_PROMISE = 0.1
FAULT_PENALTY = 3.0
STORY = 2.0
GOODWILL_PER_STATEMENT = 0.6
GOODWILL_CAP = 2.4  # four fully calming statements; sentiment tops out near +0.83
CALM_FROM_SCORE = 40.0  # a statement graded at or below this calms nobody

assert STALE + BROKEN_PROMISE <= (1 - MAX_CALM) / 2


def calm_for(score: float, sensitivity: float) -> float:
    """The share of pressure a fault-free statement with this grade takes away."""
    share = max(0.0, (score - CALM_FROM_SCORE) / (100.0 - CALM_FROM_SCORE))
    return min(MAX_CALM, MAX_CALM * share * min(sensitivity, 1.0))


def earn_goodwill(goodwill: float, calm: float) -> float:
    """Goodwill after a fault-free statement that took away ``calm`` of the pressure."""
    return min(GOODWILL_CAP, goodwill + GOODWILL_PER_STATEMENT * (calm / MAX_CALM))


def volume(baseline: float, pressure: float) -> float:
    """Posts per minute about the incident."""
    return round(baseline * (1.0 + pressure / 4.0), 2)


def sentiment(pressure: float, goodwill: float) -> float:
    """-1 (furious) to 1 (reassured)."""
    return round(math.tanh((goodwill - pressure / 3.0) / 2.0), 3)


def negative_share(sentiment_value: float) -> float:
    """The share of posts that are negative at this sentiment."""
    return (1.0 - sentiment_value) / 2.0


def negative_volume(series: Iterable[Mapping[str, float]]) -> float:
    """Negative posts over a drill: each minute's volume times its negative share, summed.

    ``series`` is the per-minute ``public_tick`` data (or the report's ``public.series``);
    this is the measure the earlier-is-never-worse property is stated in.
    """
    return round(sum(tick["volume"] * negative_share(tick["sentiment"]) for tick in series), 1)
