"""Turning real time into scenario time: whole seconds out, the fraction kept for the next tick."""

from __future__ import annotations


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
