"""The fiction's wall time at T+0: "14:00 UTC" on the drill's day, or a full ISO 8601 time.

A scenario (``start:``) or the command line (``--start-time``) names it; the
shell resolves a bare time of day against the day the drill is run, and the
engine records the result in ``drill_started`` so a replay never asks the
wall clock again.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from functools import cache

EXAMPLES = "'14:00 UTC', '2:30pm UTC' or '2024-05-03T14:00:00Z'"


def parse_start(text: str) -> time | datetime:
    """A UTC time of day, or an aware datetime; ValueError says what would be accepted."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"a start time must be text like {EXAMPLES}")
    spec = text.strip()
    match = _time_of_day().fullmatch(spec)
    if match:
        hour, minute, second = int(match["h"]), int(match["m"]), int(match["s"] or 0)
        if match["ampm"]:
            if not 1 <= hour <= 12:
                raise ValueError(f"{spec!r}: with am/pm the hour must be 1 to 12")
            hour = hour % 12 + (12 if match["ampm"].lower().startswith("p") else 0)
        if hour > 23 or minute > 59 or second > 59:
            raise ValueError(f"{spec!r} is not a time of day")
        return time(hour, minute, second, tzinfo=timezone.utc)
    try:
        moment = datetime.fromisoformat(spec.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ValueError(f"cannot read {spec!r} as a start time; write it like {EXAMPLES}") from None
    if moment.tzinfo is None:  # a scenario's fiction is in UTC unless it says otherwise
        moment = moment.replace(tzinfo=timezone.utc)
    return moment


@cache  # compiled on first use: a drill or a grade without a start time never reads one
def _time_of_day() -> re.Pattern[str]:
    return re.compile(r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?\s*(?P<zone>utc|gmt|z)?",
                      re.IGNORECASE)


def start_datetime(spec: str, day: date) -> datetime:
    """The start as an aware UTC datetime; a bare time of day falls on ``day``."""
    parsed = parse_start(spec)
    if isinstance(parsed, datetime):
        return parsed.astimezone(timezone.utc)
    return datetime.combine(day, parsed.replace(tzinfo=None), tzinfo=timezone.utc)


def wall_time(start: datetime | None, seconds: float) -> str | None:
    """'14:12 UTC' for T+``seconds``; None when the drill has no start time."""
    if start is None:
        return None
    moment = start + timedelta(seconds=int(seconds))
    return moment.astimezone(timezone.utc).strftime("%H:%M UTC")


def drill_start_time(scenario_start: str | None, override: str | None, day: date) -> datetime | None:
    """T+0 of a drill run on ``day``: ``override`` (``--start-time``) before the scenario's ``start:``."""
    spec = override if override is not None else scenario_start
    return start_datetime(spec, day) if spec else None
