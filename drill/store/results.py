"""A finished drill's headline figures, kept beside its log so progress across drills is plain SQL.

Taken from the drill's report when it ends (``drill simulate``, ``run``, ``serve``), or, for a
drill stored before the store kept them, by grading its log again (``drill trends`` does that
once and keeps the figures).
"""

from __future__ import annotations

from collections import Counter
from typing import Any, NamedTuple


class DrillResults(NamedTuple):
    overall: float | None
    speed: float | None
    quality: float | None
    first_public_s: float | None  # seconds from the incident (or its going public) to the first public update
    promises_kept: int
    promises_made: int
    misses: dict[str, int]  # message-quality criterion id -> graded messages that failed it


def results_of(report: dict[str, Any]) -> DrillResults:
    score = report.get("score") or {}
    first = next((item for item in report.get("team") or [] if item.get("id") == "first_public_update"), None)
    evidence = (first or {}).get("evidence") or {}
    promises = report.get("promises") or []
    misses: Counter[str] = Counter()
    for response in report.get("responses") or []:
        for criterion in ((response.get("quality") or {}).get("criteria")) or []:
            if criterion.get("passed") is False:
                misses[criterion["id"]] += 1
    return DrillResults(
        overall=score.get("overall"), speed=score.get("speed"), quality=score.get("quality"),
        first_public_s=evidence.get("latency_s"),
        promises_kept=sum(1 for promise in promises if promise.get("kept") is True),
        promises_made=len(promises),
        misses=dict(sorted(misses.items())),
    )
