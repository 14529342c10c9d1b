"""Rounding of scores and points for reports."""

from __future__ import annotations


def round_score(value: float) -> float:
    """Scores are reported to one decimal so JSON output stays stable."""
    return round(value + 0.0, 1)  # + 0.0 turns -0.0 into 0.0


def points_of(max_points: float, fraction: float) -> float:
    """``fraction`` of ``max_points``, rounded, never above the maximum
    (rounding 1.75 up to 1.8 would otherwise give more than full marks)."""
    return min(round_score(max_points * fraction), max_points)
