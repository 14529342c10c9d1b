"""Time expressions shared by the next-update and fix-time detectors.

``relative_minutes`` turns "in 30 minutes", "within the hour", "in 1h" into a
delay; ``clock_time`` reads "14:30 UTC", "3pm", "1230 UTC" into hours and
minutes in UTC. Both refuse vague words ("soon", "a few minutes").
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from ..text import at_word_start

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty-five": 45, "forty five": 45, "sixty": 60, "ninety": 90,
}
_NUMBER = r"\d{1,4}(?:\.\d{1,2})?|an?|one|two|three|four|five|six|ten|fifteen|twenty|thirty|forty[- ]five|sixty|ninety"
_UNIT = r"minutes?|mins?|m|hours?|hrs?|h"

# "in 30 minutes", "within the next 2 hours", "in half an hour", "within the hour", "in 1h"
RELATIVE_RE = at_word_start(
    rf"\b(?:in|within|after|over)\s{{1,3}}(?:the\s(?:next\s)?|another\s|about\s|approximately\s|roughly\s|~\s?)?"
    rf"(?:(?P<half>half\s(?:an\s)?hour)|(?P<thehour>hour\b)|(?P<n>{_NUMBER})\s?(?P<unit>{_UNIT})\b)",

)
# "14:30 UTC", "3pm", "3:15 p.m. ET", "1230 UTC"
CLOCK_RE = at_word_start(
    r"\b(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d))?\s?(?P<ampm>[ap]\.?m\.?(?![a-z]))?\s?"
    r"(?P<tz>UTC|GMT|Z|[ECMP][SD]T|ET|PT|CET|CEST|BST)?\b"
    r"|\b(?P<h4>[01]\d|2[0-3])(?P<m4>[0-5]\d)\s?(?P<tz4>UTC|GMT)\b",
)
_TZ_OFFSET_HOURS = {
    "UTC": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "ET": -4, "CST": -6, "CDT": -5,
    "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "PT": -7, "CET": 1, "CEST": 2, "BST": 1,
}


def relative_minutes(match: re.Match[str]) -> float:
    """Minutes meant by a RELATIVE_RE match."""
    if match.group("half"):
        return 30.0
    if match.group("thehour"):
        return 60.0  # "within the hour" is read as "within an hour"
    raw = match.group("n").lower()
    amount = float(_NUMBER_WORDS[raw]) if raw in _NUMBER_WORDS else float(raw)
    unit = match.group("unit").lower()
    return amount * 60.0 if unit.startswith("h") else amount


def is_clock_time(match: re.Match[str]) -> bool:
    """Only readings that are clearly a time of day: "14:30", "3pm", "1230 UTC"."""
    if match.group("h4"):
        return True
    return bool(match.group("m") or match.group("ampm"))


def clock_hm_utc(match: re.Match[str]) -> tuple[int, int]:
    """(hour, minute) in UTC; times without a zone are taken as UTC."""
    if match.group("h4"):
        return int(match.group("h4")), int(match.group("m4"))
    hour = int(match.group("h"))
    minute = int(match.group("m") or 0)
    ampm = (match.group("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    offset = _TZ_OFFSET_HOURS.get((match.group("tz") or "UTC").upper(), 0)
    hour = (hour - offset) % 24
    return hour, minute


def seconds_until_clock(hm: tuple[int, int], at: float, start_time: datetime) -> float:
    """Seconds since T+0 of the next occurrence of hh:mm UTC at or after ``at``."""
    start = start_time if start_time.tzinfo else start_time.replace(tzinfo=timezone.utc)
    now = start + timedelta(seconds=at)
    target = now.astimezone(timezone.utc).replace(hour=hm[0], minute=hm[1], second=0, microsecond=0)
    if target < now - timedelta(minutes=1):
        target += timedelta(days=1)
    return (target - start).total_seconds()
