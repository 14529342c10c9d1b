"""How drill times are written in reasons: minutes for durations, T+ for instants.

Reasons are read by facilitators during a debrief, so times use the same
``T+mm:ss`` clock the drill screen shows.
"""

from __future__ import annotations


def minutes(seconds: float) -> str:
    """A duration in minutes, e.g. ``4.5 min``."""
    return f"{seconds / 60:.1f} min"


def t_plus(seconds: float) -> str:
    """An instant on the drill clock, e.g. ``T+04:30`` or ``T+1:02:05``."""
    sign = "-" if seconds < 0 else "+"
    total = int(round(abs(seconds)))
    hours, rest = divmod(total, 3600)
    mins, secs = divmod(rest, 60)
    if hours:
        return f"T{sign}{hours}:{mins:02d}:{secs:02d}"
    return f"T{sign}{mins:02d}:{secs:02d}"

