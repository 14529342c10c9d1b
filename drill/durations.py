"""Scenario times: "45s", "20m", "1h30m", "01:30:00", "90:00" or a whole number of seconds."""

from __future__ import annotations

import re

from scoring.clock import t_plus

_UNIT_SECONDS = {"h": 3600, "m": 60, "s": 1}
_UNITS = re.compile(r"(\d+)\s*([hms])")
_UNITS_WHOLE = re.compile(r"(?:\d+\s*[hms]\s*)+")
_CLOCK = re.compile(r"(?:(\d+):)?(\d+):(\d\d)")


def parse_duration(value: object) -> int:
    """Return whole seconds, or raise ValueError with a message a person can act on."""
    if isinstance(value, bool):
        raise ValueError(f"expected a time like '20m', got {value!r}")
    if isinstance(value, int):
        if value < 0:
            raise ValueError(f"time cannot be negative: {value}")
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a time like '20m', got {value!r}")
    text = value.strip().lower()
    if text.isdigit():
        return int(text)
    if _UNITS_WHOLE.fullmatch(text):
        units = [unit for _, unit in _UNITS.findall(text)]
        if len(set(units)) != len(units) or units != sorted(units, key="hms".index):
            raise ValueError(f"units out of order or repeated in {value!r}; write it like '1h30m'")
        return sum(int(n) * _UNIT_SECONDS[unit] for n, unit in _UNITS.findall(text))
    clock = _CLOCK.fullmatch(text)
    if clock:
        hours, minutes, seconds = clock.groups()
        if int(seconds) >= 60 or (hours is not None and int(minutes) >= 60):
            raise ValueError(f"{value!r} is not a valid clock time")
        if hours is None:  # "mm:ss"
            return int(minutes) * 60 + int(seconds)
        return int(hours) * 3600 + int(minutes) * 60 + int(seconds)
    raise ValueError(
        f"cannot read {value!r} as a time; use '45s', '20m', '1h30m', '01:30:00' or seconds"
    )


# T+mm:ss (or T+h:mm:ss past an hour): one formatter for the UI, the report and the scorer's reasons.
format_clock = t_plus


def format_minutes(seconds: float) -> str:
    """A latency as people say it: '4m 30s', '12m', '45s'."""
    total = int(round(seconds))
    minutes, secs = divmod(total, 60)
    if minutes and secs:
        return f"{minutes}m {secs}s"
    if minutes:
        return f"{minutes}m"
    return f"{secs}s"


def count_minutes(seconds: float) -> str:
    """'1 minute', '12 minutes': whole minutes as a phrase."""
    minutes = int(seconds) // 60
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
