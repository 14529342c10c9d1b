"""The weights a whole drill's score is made with, and the check a scenario's overrides get when it loads.

Kept apart from ``scoring.drill`` so that loading a scenario does not load the scorer.
"""

from __future__ import annotations

import math
from typing import Mapping

DEFAULT_WEIGHTS: Mapping[str, float] = {
    "speed": 0.4,
    "quality": 0.6,
    "asks": 0.5,
    "team": 0.5,
    "public_message": 2.0,
    "internal_message": 1.0,
    "must_penalty": 25.0,  # points off an ask's score per failed must criterion
    "acknowledge": 10.0,
    "first_public_update": 20.0,
    "cadence": 20.0,
    "promises": 15.0,
    "proactivity": 15.0,
    "coverage": 20.0,
    "liaison_sync": 15.0,  # weighs only in drills played from several seats (see scoring.liaison)
}


def check_weights(weights: Mapping[str, object] | None) -> list[str]:
    """Problems with a scenario's weight overrides (empty when fine).

    Call this when a scenario is loaded, so a typo fails there rather than
    when the drill is scored.
    """
    problems = []
    for key, value in (weights or {}).items():
        if key not in DEFAULT_WEIGHTS:
            problems.append(f"unknown scoring weight '{key}' (known: {', '.join(DEFAULT_WEIGHTS)})")
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.append(f"scoring weight '{key}' must be a number, not {value!r}")
        elif not (value >= 0 and math.isfinite(value)):  # also catches NaN and infinity
            problems.append(f"scoring weight '{key}' must be a finite number, not negative")
    if not problems:
        merged = {**DEFAULT_WEIGHTS, **(weights or {})}
        if merged["speed"] + merged["quality"] <= 0:
            problems.append("scoring weights 'speed' and 'quality' cannot both be 0")
    return problems


def resolve_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    problems = check_weights(weights)
    if problems:
        raise ValueError("; ".join(problems))
    return {**DEFAULT_WEIGHTS, **{k: float(v) for k, v in (weights or {}).items()}}
