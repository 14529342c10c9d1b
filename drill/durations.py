"""Scenario times: "45s", "20m", "1h30m", "01:30:00", "90:00" or a whole number of seconds."""

from __future__ import annotations

import re
from functools import cache

from scoring.clock import t_plus

_UNIT_SECONDS = {"h": 3600, "m": 60, "s": 1}
_DIGITS = re.compile(r"\d+", re.ASCII)
# No time a drill can use has more digits than this; longer numbers are refused before they are read.
_MAX_DIGITS = 12


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
    if any(len(number) > _MAX_DIGITS for number in _DIGITS.findall(text)):
        raise ValueError(f"{_shown(value)!r} is too long to be a time")
    if _DIGITS.fullmatch(text):
        return int(text)
    units_pattern, units_whole, clock_pattern = _time_patterns()
    if units_whole.fullmatch(text):
        units = [unit for _, unit in units_pattern.findall(text)]
        if len(set(units)) != len(units) or units != sorted(units, key="hms".index):
            raise ValueError(f"units out of order or repeated in {value!r}; write it like '1h30m'")
        return sum(int(n) * _UNIT_SECONDS[unit] for n, unit in units_pattern.findall(text))
    clock = clock_pattern.fullmatch(text)
    if clock:
        hours, minutes, seconds = clock.groups()
        if int(seconds) >= 60 or (hours is not None and int(minutes) >= 60):
            raise ValueError(f"{value!r} is not a valid clock time")
        if hours is None:  # "mm:ss"
            return int(minutes) * 60 + int(seconds)
        return int(hours) * 3600 + int(minutes) * 60 + int(seconds)
    raise ValueError(
        f"cannot read {_shown(value)!r} as a time; use '45s', '20m', '1h30m', '01:30:00' or seconds"
    )


@cache  # compiled on first use: a time given in seconds ("--at 0") needs none of them
def _time_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The units of "1h30m" one by one, a whole run of them, and "01:30:00" or "90:00"."""
    return (re.compile(r"(\d+)\s*([hms])", re.ASCII), re.compile(r"(?:\d+\s*[hms]\s*)+", re.ASCII),
            re.compile(r"(?:(\d+):)?(\d+):(\d\d)", re.ASCII))


def _shown(value: str) -> str:
    return value if len(value) <= 60 else value[:29] + "…" + value[-29:]


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


def format_duration(seconds: int) -> str:
    """A length of time as a scenario writes it: '24h', '1h30m', '45s'."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    text = (f"{hours:,}h" if hours else "") + (f"{minutes}m" if minutes else "") + (f"{secs}s" if secs else "")
    return text or "0s"


def count_minutes(seconds: float) -> str:
    """'1 minute', '12 minutes': whole minutes as a phrase."""
    minutes = int(seconds) // 60
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
