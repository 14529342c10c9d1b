"""Turning real time into scenario time at the facilitator's chosen speed."""

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


class ScenarioClock:
    """Accumulates scenario seconds and hands them out whole.

    The engine only moves in whole seconds; a timer ticking every 0.2 s at 1x would
    otherwise never move it. The fraction left over waits for the next tick.
    """

    def __init__(self) -> None:
        self._fraction = 0.0

    def take(self, scenario_seconds: float) -> int:
        """Add ``scenario_seconds`` and return the whole seconds now due."""
        if scenario_seconds <= 0:
            return 0
        self._fraction += scenario_seconds
        whole = int(self._fraction)
        self._fraction -= whole
        return whole

    def reset(self) -> None:
        """Forget the fraction, e.g. after a pause or a jump, so no half second carries over."""
        self._fraction = 0.0
