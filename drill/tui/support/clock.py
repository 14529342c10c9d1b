"""The facilitator's speed presets (the clock itself is ``drill.live.clock``)."""

from __future__ import annotations

SPEEDS = (1.0, 2.0, 5.0, 10.0)


def next_speed(speed: float) -> float:
    """The next preset above ``speed``, wrapping round to 1x after the fastest."""
    for preset in SPEEDS:
        if preset > speed:
            return preset
    return SPEEDS[0]


def format_speed(speed: float) -> str:
    return f"{speed:g}x"
