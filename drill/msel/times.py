"""Times as MSEL spreadsheets write them, read to whole seconds.

Two kinds of time: exercise time, counted from the start (``T+01:30`` or ``T=1:30`` is an hour and
a half in, ``T+90`` ninety minutes, ``D+0 H+1 M+30``, ``90 min``), and clock time (``09:30``, a time
cell, a date and time), which a sheet gives as the fiction's wall clock and the importer counts from
the first row's. A response time is a length (``15``, ``15 min``, ``0:15``); a bare number there is
minutes.

Pure functions: a cell's value in, seconds out, or ``TimeError`` with a message a person can act on.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

ELAPSED = "elapsed"  # exercise time: seconds since the start
CLOCK = "clock"  # a wall-clock time: seconds since midnight (or since the epoch, with a date)

_UNIT_SECONDS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_UNIT_WORDS = {
    "d": "d|day|days", "h": "h|hr|hrs|hour|hours", "m": "m|min|mins|minute|minutes", "s": "s|sec|secs|second|seconds",
}
_UNIT_OF = {word: unit for unit, words in _UNIT_WORDS.items() for word in words.split("|")}
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(" + "|".join(sorted(_UNIT_OF, key=len, reverse=True)) + r")(?![a-z])")
_AMOUNTS = re.compile(r"(?:\d+(?:\.\d+)?\s*[a-z]+[\s,]*)+")
_T_PLUS = re.compile(r"t\s*[+=]\s*(.+)")  # T+01:30, and T=1:30 as some sheets write it
_DHM = re.compile(r"([dhms])\s*\+?\s*(\d+)")
_DHM_WHOLE = re.compile(r"(?:[dhms]\s*\+?\s*\d+[\s,]*)+")
_HOURS_MINUTES = re.compile(r"(\d{1,3}):(\d{2})(?::(\d{2}))?")
_CLOCK_TEXT = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?:\s*(?:utc|z|gmt))?")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_MAX_DIGITS = 9  # no time a drill can use needs more; longer numbers are refused before they are read


class TimeError(ValueError):
    """A value that is not a time; the message says what would be."""


@dataclass(frozen=True)
class Reading:
    seconds: int
    kind: str  # ELAPSED or CLOCK


def read_time(value: object) -> Reading:
    """When a row falls due: exercise time (``T+HH:MM``, ``D+0 H+1 M+30``, ``90 min``, a bare number
    of minutes, a duration cell) or clock time (``HH:MM``, a time or date-time cell, a fraction of a day)."""
    if isinstance(value, bool) or value is None:
        raise TimeError(f"expected a time like T+00:15, 09:15 or 15 min, got {value!r}")
    if isinstance(value, dt.datetime):
        return Reading(int(round(value.replace(tzinfo=None).timestamp())), CLOCK)
    if isinstance(value, dt.time):
        return Reading(value.hour * 3600 + value.minute * 60 + value.second + round(value.microsecond / 1e6), CLOCK)
    if isinstance(value, dt.timedelta):
        return Reading(_whole(value.total_seconds()), ELAPSED)
    if isinstance(value, float) and not value.is_integer():
        if not 0 <= value < 1:
            raise TimeError(f"{value!r} is not a time of day (a fraction of a day from 0 to 1)")
        return Reading(round(value * 86400) % 86400, CLOCK)
    if isinstance(value, (int, float)):
        return Reading(_minutes(value), ELAPSED)
    if isinstance(value, dt.date):
        raise TimeError(f"{value.isoformat()} is a date without a time")
    text = _plain(str(value))
    if not text:
        raise TimeError("no time given")
    t_plus = _T_PLUS.fullmatch(text)
    if t_plus:
        return Reading(_exercise_time(t_plus.group(1), str(value)), ELAPSED)
    if _DHM_WHOLE.fullmatch(text):
        return Reading(_day_hour_minute(text, str(value)), ELAPSED)
    if _NUMBER.fullmatch(text):
        return Reading(_minutes(float(text)), ELAPSED)
    if _AMOUNTS.fullmatch(text):
        return Reading(_amounts(text, str(value)), ELAPSED)
    clock = _clock(text)
    if clock is not None:
        return Reading(clock, CLOCK)
    moment = _date_time(text)
    if moment is not None:
        return Reading(int(moment.timestamp()), CLOCK)
    raise TimeError(f"cannot read {_shown(value)!r} as a time; write it like T+00:15, 09:15, "
                    "D+0 H+0 M+15 or 15 min")


def read_length(value: object) -> int:
    """How long something lasts (a response time): ``15`` (minutes), ``15 min``, ``1h30m``, ``0:15``
    (hours and minutes), ``T+00:15``, or a time or duration cell."""
    if isinstance(value, bool) or value is None:
        raise TimeError(f"expected a length of time like 15 min, got {value!r}")
    if isinstance(value, dt.datetime):
        raise TimeError(f"{value.isoformat(' ')} is a date and time, not a length of time")
    if isinstance(value, dt.time):
        return value.hour * 3600 + value.minute * 60 + value.second
    if isinstance(value, dt.timedelta):
        return _whole(value.total_seconds())
    if isinstance(value, (int, float)):
        return _minutes(value)
    text = _plain(str(value))
    if not text:
        raise TimeError("no length of time given")
    t_plus = _T_PLUS.fullmatch(text)
    if t_plus:
        return _exercise_time(t_plus.group(1), str(value))
    if _NUMBER.fullmatch(text):
        return _minutes(float(text))
    if _AMOUNTS.fullmatch(text):
        return _amounts(text, str(value))
    if _DHM_WHOLE.fullmatch(text):
        return _day_hour_minute(text, str(value))
    hours_minutes = _HOURS_MINUTES.fullmatch(text)
    if hours_minutes:
        return _hms(hours_minutes, str(value))
    raise TimeError(f"cannot read {_shown(value)!r} as a length of time; write it like 15, 15 min or 1h30m")


def relative_times(readings: list[Reading]) -> tuple[list[int], int | None]:
    """Each reading as seconds of exercise time, and the first clock time (None if the sheet has none).

    Clock times count from the first row's: a sheet from 09:00 to 10:30 runs from T+0 to T+1h30m, and
    a clock time earlier than the first is read as the next day (an exercise that runs past midnight).
    """
    first = next((reading.seconds for reading in readings if reading.kind == CLOCK), None)
    times = []
    for reading in readings:
        if reading.kind == ELAPSED or first is None:
            times.append(reading.seconds)
            continue
        since = reading.seconds - first
        times.append(since if since >= 0 or first > 86400 else since + 86400)
    return times, first


def format_exercise_time(seconds: int) -> str:
    """``T+HH:MM`` (with ``:SS`` when there are seconds): how the exporter writes a time."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"T+{hours:02d}:{minutes:02d}" + (f":{secs:02d}" if secs else "")


def format_length(seconds: int) -> str:
    """``15 min``, or ``4m30s`` for a length that is not whole minutes."""
    minutes, secs = divmod(int(seconds), 60)
    if not secs:
        return f"{minutes} min"
    return (f"{minutes}m" if minutes else "") + f"{secs}s"


def format_clock_start(seconds: int) -> str:
    """The first clock time as a scenario's ``start`` (``09:30``, ``09:30:15``, or an ISO date and time)."""
    if seconds >= 86400:
        return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}" + (f":{secs:02d}" if secs else "")


def _plain(text: str) -> str:
    return " ".join(text.strip().lower().split())


def _exercise_time(rest: str, original: str) -> int:
    """What follows ``T+``: ``HH:MM`` (hours and minutes), ``H:MM:SS``, a number of minutes or ``1h30m``."""
    rest = rest.strip()
    hours_minutes = _HOURS_MINUTES.fullmatch(rest)
    if hours_minutes:
        return _hms(hours_minutes, original)
    if _NUMBER.fullmatch(rest):
        return _minutes(float(rest))
    if _AMOUNTS.fullmatch(rest):
        return _amounts(rest, original)
    if _DHM_WHOLE.fullmatch(rest):
        return _day_hour_minute(rest, original)
    raise TimeError(f"cannot read {_shown(original)!r} as exercise time; write T+HH:MM (hours and minutes)")


def _hms(match: re.Match, original: str) -> int:
    hours, minutes, seconds = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    if minutes >= 60 or seconds >= 60:
        raise TimeError(f"{_shown(original)!r} has {minutes if minutes >= 60 else seconds} where at most 59 can be")
    return hours * 3600 + minutes * 60 + seconds


def _day_hour_minute(text: str, original: str) -> int:
    """``D+0 H+1 M+30``: each of days, hours, minutes and seconds at most once."""
    parts = _DHM.findall(text)
    units = [unit for unit, _ in parts]
    if len(set(units)) != len(units):
        raise TimeError(f"{_shown(original)!r} names a unit twice")
    _check_digits(amount for _, amount in parts)
    return sum(int(amount) * _UNIT_SECONDS[unit] for unit, amount in parts)


def _amounts(text: str, original: str) -> int:
    """``90 min``, ``1 hr 30 min``, ``1h30m``, ``2 hours``: every word a unit, each unit once."""
    parts = _AMOUNT.findall(text)
    leftover = _AMOUNT.sub("", text).replace(",", " ").strip()
    if not parts or leftover:
        raise TimeError(f"cannot read {_shown(original)!r} as a time; units are d, h, min and s")
    units = [_UNIT_OF[word] for _, word in parts]
    if len(set(units)) != len(units):
        raise TimeError(f"{_shown(original)!r} names a unit twice")
    _check_digits(amount for amount, _ in parts)
    return _whole(sum(float(amount) * _UNIT_SECONDS[unit] for amount, unit in zip((a for a, _ in parts), units)))


def _clock(text: str) -> int | None:
    """``09:30``, ``9:30:15``, ``9:30 pm``, ``21:30 UTC``: seconds since midnight."""
    match = _CLOCK_TEXT.fullmatch(text)
    if not match:
        return None
    hours, minutes, seconds, half = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0), match.group(4)
    if half:
        if not 1 <= hours <= 12:
            raise TimeError(f"{hours} is not an hour on a 12-hour clock")
        hours = hours % 12 + (12 if half.startswith("p") else 0)
    if hours >= 24 or minutes >= 60 or seconds >= 60:
        raise TimeError(f"{text!r} is not a time of day")
    return hours * 3600 + minutes * 60 + seconds


def _date_time(text: str) -> dt.datetime | None:
    """``2025-03-01 09:30`` (ISO 8601, read as UTC)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}[ t]\d{1,2}:\d{2}(?::\d{2})?z?", text):
        return None
    try:
        moment = dt.datetime.fromisoformat(text.upper().replace("Z", "").replace("T", " "))
    except ValueError:
        raise TimeError(f"{text!r} is not a date and time") from None
    return moment.replace(tzinfo=dt.timezone.utc)


def _minutes(number: float) -> int:
    if number < 0:
        raise TimeError(f"a time cannot be negative: {number:g}")
    if number > 10 ** _MAX_DIGITS:
        raise TimeError(f"{number:g} is too long to be a time")
    return _whole(number * 60)


def _whole(seconds: float) -> int:
    if seconds < 0:
        raise TimeError("a time cannot be negative")
    return int(round(seconds))


def _check_digits(amounts) -> None:
    for amount in amounts:
        if len(amount) > _MAX_DIGITS:
            raise TimeError(f"{amount[:12]}... is too long to be a time")


def _shown(value: object) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:29] + "…" + text[-29:]
