"""Time expressions shared by the next-update and fix-time detectors.

``RELATIVE_RE`` and ``CLOCK_RE`` find "in 30 minutes", "within the hour",
"14:30 UTC", "3pm" for the fix-time detector, which only needs where they are.

``find_times`` reads every time a next-update promise can name, and
``due_seconds`` turns one into seconds since T+0:

* a delay: "in 30 minutes", "within the next hour", "in half an hour",
  "in an hour and a half", "in 1h30", "every 30 minutes", "hourly". A range
  ("in 30-60 minutes", "every 2 - 3 hours") is held to its outer bound: the
  update is late only once the longest delay it allows has passed. Words of
  approximation ("about", "roughly", "or so") do not move the time;
* a time of day: "by 14:45 UTC", "at 3:30 pm", "1430Z", "17h30", "noon",
  "half past 3", optionally with a day ("tomorrow", "on Monday", "on 25 April");
* the next quarter past, half past, quarter to or top of the hour after the
  message was sent.

Vague words ("soon", "shortly", "a few minutes", "end of day") are not times.

Time zones are read with fixed offsets from the table below; no time-zone
database is used. Abbreviations that name a standard or a summer offset mean
that offset whatever the date ("EST" is UTC-5 even in July). The US names that
do not say which ("PT", "ET", "CT", "MT", "Pacific", "Eastern", ...) take
daylight time between the second Sunday of March and the first Sunday of
November, the US rule since 2007. Where an abbreviation has several meanings
the common one in English-language status pages is taken: "CST" is US Central
(not China), "IST" is India (not Irish or Israel), "BST" is British Summer Time.
A time without a zone is read in the zone of ``start_time``.

A time of day names the occurrence nearest to the moment the message was sent.
When that one is more than a minute in the past, and passed more than six hours
earlier, the writer can only mean the next day ("by 00:30" sent at 23:50, "at
08:00" sent at 20:00); when it passed within the last six hours it is a stale
or mistaken time ("at 14:00" sent at 14:07) and ``due_seconds`` gives None
rather than a guess. A time given in UTC ("5:10 UTC",
"1430Z") is on the 24-hour clock. Otherwise "4:30" or "10:00" with no am/pm and
no leading zero may be either half of the clock, and the nearest reading is
meant, or none if that one has just passed; so is a spoken "half past 3".
With a day named, the time is read as written, on the 24-hour clock, on the
coming such day (a weekday today counts; a date half a year back is next year's).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone, tzinfo

from ..patterns import compile_lazily
from ..text import at_word_start

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "forty-five": 45, "forty five": 45, "fifty": 50, "sixty": 60, "ninety": 90,
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


# ---- zones ------------------------------------------------------------------------------------

# Fixed offsets in hours east of UTC.
ZONE_OFFSETS: dict[str, float] = {
    "utc": 0, "gmt": 0, "z": 0, "bst": 1, "cet": 1, "cest": 2, "eet": 2, "eest": 3,
    "msk": 3, "ist": 5.5, "sgt": 8, "hkt": 8, "awst": 8, "jst": 9, "kst": 9, "acst": 9.5, "aest": 10,
    "aedt": 11, "nzst": 12, "nzdt": 13, "brt": -3, "est": -5, "edt": -4, "cst": -6, "cdt": -5,
    "mst": -7, "mdt": -6, "pst": -8, "pdt": -7, "akst": -9, "akdt": -8, "hst": -10,
}
# US zones named without saying standard or daylight: their standard offset.
US_ZONES: dict[str, int] = {"et": -5, "eastern": -5, "ct": -6, "central": -6, "mt": -7, "mountain": -7,
                            "pt": -8, "pacific": -8}

_ABBREVIATIONS = "|".join(sorted((z for z in ZONE_OFFSETS if z != "z"), key=len, reverse=True))
_REGION = r"(?!\s(?:us|europe|asia|india|canada|africa|america)\b)"
_ZONE_NAMED = (
    r"(?:utc|gmt)\s?(?P<sign>[+-])\s?(?P<oh>1[0-4]|0?\d)(?::?(?P<om>[0-5]\d))?(?!\d)"
    rf"|(?P<abbr>{_ABBREVIATIONS})(?![a-z])"
    rf"|(?P<us>eastern|central|mountain|pacific)(?:\s(?:standard\s|daylight\s)?time)?(?![a-z]){_REGION}"
    r"|(?P<usabbr>et|ct|mt|pt)(?![a-z])"
)
_ZONE_RE = compile_lazily(_ZONE_NAMED)
_UTC_TEXT_RE = compile_lazily(r"\(?(?:utc|gmt|z)")  # times given in UTC are on the 24-hour clock
_ZONE = re.sub(r"\(\?P<\w+>", "(?:", _ZONE_NAMED)  # the same, without groups, to embed

# ---- the expressions a promise can name -------------------------------------------------------

_QTY = (r"\d{1,4}(?:\.\d{1,2})?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
        r"|fifteen|twenty|thirty|forty[- ]five|forty|fifty|sixty|ninety")
_HOURS = r"hours?|hrs?|hr|h"
_MINS = r"minutes?|mins?|m"
_ANY_UNIT = rf"(?:{_HOURS}|{_MINS})"
_HOUR_OF_DAY = r"1[0-2]|0?[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?"
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_DATE = rf"{_MONTH}\s\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s(?:of\s)?{_MONTH}"

# Each branch starts at a word; the first that matches at a place wins, so
# durations come before clock times ("in 1.5 hours" is not 1:05).
_TIME_RE = at_word_start(
    # a delay, after a preposition or "every"; a range keeps both ends
    r"(?P<lead>in|within|after|over|every)\s{1,3}(?:the\s)?(?:next\s)?(?:another\s)?"
    r"(?:(?:about|approximately|approx\.?|roughly|around|an\sestimated|less\sthan|no\smore\sthan|under)\s)?(?:~\s?)?"
    r"(?:"
    rf"(?P<r1>{_QTY})\s?(?:(?P<ru1>{_ANY_UNIT})\s?(?:-|to|or)\s?(?P<r2>{_QTY})(?:\s?(?P<ru2>{_ANY_UNIT}))?"
    rf"|(?:-|to|or)\s?(?P<r3>{_QTY})\s?(?P<ru3>{_ANY_UNIT}))(?![a-z\d])"
    rf"|(?P<ch>{_QTY})\s?(?:{_HOURS})\s?(?:and\s)?"
    rf"(?:(?P<chalf>a\shalf)(?![a-z])|(?P<cm>[0-5]?\d)\s?(?:{_MINS})(?![a-z])|(?<=h)(?P<cm2>[0-5]\d)(?![a-z:\d]))"
    rf"|(?P<ah>{_QTY})\sand\sa\shalf\s(?:{_HOURS})(?![a-z])"
    r"|(?P<halfhour>(?:a\s)?half[\s-](?:an\s)?hour)(?![a-z])"
    rf"|(?P<n>{_QTY})\s?(?P<unit>{_ANY_UNIT})(?![a-z\d])"
    r"|(?P<hour>hour)(?![a-z])"
    r")"
    r"|(?P<hourly>hourly)(?![a-z])"
    # the next quarter past, half past, quarter to or top of the hour; or "half past 3"
    rf"|(?P<past>quarter|half)\spast(?:\s(?P<pasth>{_HOUR_OF_DAY})(?![a-z\d:]))?(?:\sthe\s(?:next\s)?hour)?"
    rf"(?:\s?(?P<pz>{_ZONE}))?"
    rf"|(?P<to>quarter)\sto(?:\s(?P<toh>{_HOUR_OF_DAY})(?![a-z\d:])(?:\s?(?P<tz2>{_ZONE}))?"
    r"|\sthe\s(?:next\s)?hour|(?=[.,;!?)]|\s*$))"
    r"|(?:the\s)?(?P<top>top|bottom)\sof\sthe\s(?:next\s|coming\s)?hour"
    # a time of day
    rf"|(?P<word>noon|midday|midnight)(?![a-z])(?:\s?(?P<wz>{_ZONE}))?"
    r"|(?P<h4>[01]\d|2[0-3])(?P<m4>[0-5]\d)\s?(?:utc|gmt|z)(?![a-z])"
    r"|(?P<h>[01]?\d|2[0-3])(?:(?P<sep>[:.h])(?P<m>[0-5]\d)(?::[0-5]\d)?)?(?![\d:])(?:\s?(?P<oclock>o'clock))?"
    r"(?:\s?(?P<ampm>[ap]\.?m\b\.?))?"
    rf"(?:\s?(?P<z>z(?![a-z])|{_ZONE}|\({_ZONE}\)))?"
)
# Every expression above holds one of these.
_MAYBE_TIME_RE = compile_lazily(r"\d|hour|hr|min|half|quarter|noon|midnight|midday")
_DAY_BEFORE_RE = compile_lazily(
    rf"(?:\b(?P<day>tomorrow|today|tonight)|\b(?P<wd>{_WEEKDAY})\b(?:,?\s(?:the\s)?(?P<md>{_DATE}))?"
    rf"|\b(?P<md2>{_DATE}))"
    r"(?:,?\s\d{4})?(?:\s(?:morning|afternoon|evening|night))?,?\s(?:at|by|around|before|no\slater\sthan)?\s?$"
)
_DAY_AFTER_RE = compile_lazily(
    rf",?\s(?:(?P<day>tomorrow|today|tonight)\b|(?:on\s)?(?P<wd>{_WEEKDAY})\b|(?:on\s)?(?:the\s)?(?P<md>{_DATE})\b)"
)
_DAY_NUMBER_RE = compile_lazily(r"\d{1,2}")

# US summer time, in force from the second Sunday of March to the first Sunday of November.
_US_DST_START = (3, 8)   # (month, first day the Sunday can fall on)
_US_DST_END = (11, 1)


class TimeMention:
    """One time a message names: a delay, or a time of day to resolve against the clock."""

    __slots__ = ("start", "end", "minutes", "readings", "minute_of_hour", "zone", "day", "unreadable")

    def __init__(self, start: int, end: int, minutes: float | None = None,
                 readings: tuple[tuple[int, int], ...] = (), minute_of_hour: int | None = None,
                 zone: float | str | None = None, day: str | int | date | None = None, unreadable: bool = False):
        self.start = start
        self.end = end
        self.minutes = minutes  # a delay in minutes
        self.readings = readings  # (hour, minute) readings of a time of day, as written first
        self.minute_of_hour = minute_of_hour  # the next :15, :30, :45 or :00
        self.zone = zone  # hours east of UTC, a US zone name, or None for start_time's zone
        self.day = day  # "today", "tomorrow", a weekday 0-6, or a month and day
        self.unreadable = unreadable  # a day is named but cannot be read

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"TimeMention({fields})"


def find_times(sentence: str, limit: int = 8) -> list[TimeMention]:
    """Times named in ``sentence`` (folded text), in order, at most ``limit``."""
    if not _MAYBE_TIME_RE.search(sentence):
        return []  # most sentences name no time: one cheap scan instead of the full pattern
    found: list[TimeMention] = []
    for m in _TIME_RE.finditer_sentence(sentence):
        mention = _mention(sentence, m)
        if mention is not None:
            found.append(mention)
            if len(found) >= limit:
                break
    return found


def _number(raw: str) -> float:
    raw = raw.replace(" ", "-")
    return float(_NUMBER_WORDS[raw]) if raw in _NUMBER_WORDS else float(raw)


def _in_minutes(amount: float, unit: str | None) -> float:
    return amount * 60.0 if unit and unit.startswith("h") else amount


def _hour_of_day(raw: str) -> int:
    return int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]


def _mention(sentence: str, m: re.Match[str]) -> TimeMention | None:
    g = m.group
    start = m.start()
    end = start + len(m.group().rstrip())
    if g("lead"):
        minutes = _delay_minutes(m)
        return TimeMention(start, end, minutes=minutes) if minutes is not None else None
    if g("hourly"):
        return TimeMention(start, end, minutes=60.0)
    if g("pasth"):
        minute = 30 if g("past") == "half" else 15
        readings = _twelve_hour(_hour_of_day(g("pasth")), minute)
        return _with_day(sentence, TimeMention(start, end, readings=readings, zone=_zone(g("pz"))))
    if g("toh"):
        readings = _twelve_hour((_hour_of_day(g("toh")) - 1) % 12 or 12, 45)
        return _with_day(sentence, TimeMention(start, end, readings=readings, zone=_zone(g("tz2"))))
    if g("past") or g("to") or g("top"):
        minute = {"quarter": 15, "half": 30}[g("past")] if g("past") else 45 if g("to") else 0
        return TimeMention(start, end, minute_of_hour=30 if g("top") == "bottom" else minute, zone=_zone(g("pz")))
    if g("word"):
        hm = (0, 0) if g("word") == "midnight" else (12, 0)
        return _with_day(sentence, TimeMention(start, end, readings=(hm,), zone=_zone(g("wz"))))
    if g("h4"):
        return _with_day(sentence, TimeMention(start, end, readings=((int(g("h4")), int(g("m4"))),), zone=0.0))
    return _clock(sentence, m, start, end)


def _delay_minutes(m: re.Match[str]) -> float | None:
    g = m.group
    if g("r1"):
        if g("r3"):  # "2 - 3 hours": both ends in the unit given last
            return _in_minutes(max(_number(g("r1")), _number(g("r3"))), g("ru3"))
        low = _in_minutes(_number(g("r1")), g("ru1"))
        return max(low, _in_minutes(_number(g("r2")), g("ru2") or g("ru1")))
    if g("ch"):
        extra = 30.0 if g("chalf") else float(g("cm") or g("cm2"))
        return _number(g("ch")) * 60.0 + extra
    if g("ah"):
        return (_number(g("ah")) + 0.5) * 60.0
    if g("halfhour"):
        return 30.0
    if g("n"):
        return _in_minutes(_number(g("n")), g("unit"))
    if g("hour"):
        return 60.0  # "within the hour" is read as "within an hour"
    return None


def _clock(sentence: str, m: re.Match[str], start: int, end: int) -> TimeMention | None:
    g = m.group
    raw_hour, sep, zone_text = g("h"), g("sep"), g("z")
    ampm = (g("ampm") or "").replace(".", "")
    if sep == "." and not (ampm or zone_text):
        return None  # "1.15" is a number, not a time
    if sep == "h" and not zone_text:
        return None  # "1h30" without a zone is a duration
    if not (g("m") or ampm or g("oclock") or zone_text):
        return None  # a bare "3" is not a time
    hour, minute = int(raw_hour), int(g("m") or 0)
    if ampm:
        if hour == 0 or hour > 12:
            return None
        readings: tuple[tuple[int, int], ...] = ((hour % 12 + (12 if ampm == "pm" else 0), minute),)
    elif 1 <= hour <= 12 and not raw_hour.startswith("0") and not _UTC_TEXT_RE.match(zone_text or ""):
        readings = _twelve_hour(hour, minute)  # "4:30", "9:45 PT": either half of the clock
    else:
        readings = ((hour, minute),)
    zone = 0.0 if zone_text == "z" else _zone(zone_text)
    return _with_day(sentence, TimeMention(start, end, readings=readings, zone=zone))


def _twelve_hour(hour: int, minute: int) -> tuple[tuple[int, int], ...]:
    """Both readings of an hour on a twelve-hour clock without am or pm, as written first."""
    return ((hour, minute), ((hour + 12) % 24, minute))


def _zone(text: str | None) -> float | str | None:
    """Hours east of UTC, a US zone name, or None when no zone is given."""
    if not text:
        return None
    zm = _ZONE_RE.match(text.strip("() "))
    if zm is None:
        return None
    if zm.group("sign"):
        hours = int(zm.group("oh")) + int(zm.group("om") or 0) / 60.0
        return hours if zm.group("sign") == "+" else -hours
    if zm.group("abbr"):
        return float(ZONE_OFFSETS[zm.group("abbr")])
    return zm.group("us") or zm.group("usabbr")


def _with_day(sentence: str, mention: TimeMention) -> TimeMention:
    """The time with a day named next to it ("tomorrow at 09:00", "09:00 UTC on Monday").

    With a day named, a time without am or pm is read as written, on the 24-hour clock.
    """
    hit = (_DAY_BEFORE_RE.search(sentence, max(0, mention.start - 40), mention.start)
           or _DAY_AFTER_RE.match(sentence, mention.end, mention.end + 40))
    if hit is None:
        return mention
    found = hit.groupdict()
    day: str | int | date | None
    if found.get("day"):
        day = "today" if found["day"] == "tonight" else found["day"]
    elif found.get("md") or found.get("md2"):
        day = _month_day(found.get("md") or found.get("md2") or "")
    elif found.get("wd"):
        day = _WEEKDAYS.index(next(name for name in _WEEKDAYS if name.startswith(found["wd"][:3])))
    else:
        return mention
    return TimeMention(mention.start, mention.end, readings=mention.readings[:1], zone=mention.zone,
                       day=day, unreadable=day is None)


def _month_day(text: str) -> date | None:
    number = _DAY_NUMBER_RE.search(text)
    month = next((i for i, name in enumerate(_MONTHS, 1) if name in text), None)
    if number is None or month is None:
        return None
    try:
        return date(2000, month, int(number.group()))  # a leap year, so 29 February is a day
    except ValueError:
        return None


# ---- resolving ---------------------------------------------------------------------------------

_GRACE = timedelta(minutes=1)
_STALE = timedelta(hours=6)


def due_seconds(mention: TimeMention, at: float, start_time: datetime | None) -> float | None:
    """Seconds since T+0 at which ``mention`` falls due, for a message sent at ``at``; None when unknown."""
    if mention.minutes is not None:
        return at + mention.minutes * 60.0
    if start_time is None or mention.unreadable:
        return None
    try:
        start = start_time if start_time.tzinfo else start_time.replace(tzinfo=timezone.utc)
        now = (start + timedelta(seconds=at)).astimezone(timezone.utc)
        due = _due_instant(mention, now, _tz(mention.zone, now, start))
    except (OverflowError, ValueError):
        return None
    if due is None:
        return None
    return max(at, (due - start.astimezone(timezone.utc)).total_seconds())


def _tz(zone: float | str | None, now: datetime, start: datetime) -> tzinfo:
    """The zone a time is read in; US names take summer time by the date the message was sent."""
    if zone is None:
        return start.tzinfo  # type: ignore[return-value]
    if isinstance(zone, str):
        standard = US_ZONES[zone]
        zone = standard + (1 if _us_summer_time(now, standard) else 0)
    return timezone(timedelta(hours=zone))


def _us_summer_time(now: datetime, standard: int) -> bool:
    begins = _nth_sunday(now.year, *_US_DST_START) + timedelta(hours=2 - standard)
    ends = _nth_sunday(now.year, *_US_DST_END) + timedelta(hours=2 - standard - 1)
    return begins <= now < ends


def _nth_sunday(year: int, month: int, first_day: int) -> datetime:
    day = datetime(year, month, first_day, tzinfo=timezone.utc)
    return day + timedelta(days=(6 - day.weekday()) % 7)


def _due_instant(mention: TimeMention, now: datetime, zone: tzinfo) -> datetime | None:
    local = now.astimezone(zone)
    if mention.minute_of_hour is not None:
        due = local.replace(minute=mention.minute_of_hour, second=0, microsecond=0)
        if due <= local:
            due += timedelta(hours=1)
        return due.astimezone(timezone.utc)
    if mention.day is not None:
        return _on_day(mention, now, local, zone)
    today = local.date()
    candidates = [_at_utc(today + timedelta(days=shift), hour, minute, zone)
                  for hour, minute in mention.readings for shift in (-1, 0, 1)]
    nearest = min(candidates, key=lambda c: abs(c - now))
    if nearest >= now - _GRACE:
        return nearest
    if now - nearest <= _STALE:
        return None  # just passed: a stale or mistaken time, not tomorrow's
    return min(c for c in candidates if c > now)


def _on_day(mention: TimeMention, now: datetime, local: datetime, zone: tzinfo) -> datetime | None:
    today = local.date()
    day = mention.day
    if day == "today":
        target = today
    elif day == "tomorrow":
        target = today + timedelta(days=1)
    elif isinstance(day, int):
        target = today + timedelta(days=(day - today.weekday()) % 7)
    elif isinstance(day, date):  # the coming one: a date half a year back means next year's
        target = date(today.year, day.month, day.day)  # 29 February of a common year: ValueError, None
        if target < today - timedelta(days=182):
            target = date(today.year + 1, day.month, day.day)
    else:
        return None
    hour, minute = mention.readings[0]
    due = _at_utc(target, hour, minute, zone)
    return due if due >= now - _GRACE else None


def _at_utc(day: date, hour: int, minute: int, zone: tzinfo) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone).astimezone(timezone.utc)
