"""How numbers, times and names read in the report (both formats)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from scoring.clock import t_plus

__all__ = ["TYPE_LABELS", "an", "channel_name", "drill_date", "end_reason", "excerpt", "is_public", "mins",
           "out_of_100", "plural", "points", "role_name", "role_names", "score", "t_plus"]

FACILITATOR = "facilitator"  # the pseudo-role of facilitator-only injects (drill.scenario.model.FACILITATOR)
END_REASONS = {"time": "time ran out", "facilitator": "ended by the facilitator", "quit": "ended by the facilitator"}


def __getattr__(name: str) -> Any:
    # TYPE_LABELS comes with the scenario model, loaded when a report first needs it (not by `drill history`).
    if name == "TYPE_LABELS":
        from drill.scenario.model import INJECT_TYPE_LABELS

        return INJECT_TYPE_LABELS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def mins(seconds: float | None) -> str:
    """A duration for people: ``4 min``, ``4.5 min``, ``1 h 05 min``."""
    if seconds is None:
        return "—"
    minutes = seconds / 60
    if minutes >= 90:
        hours, rest = divmod(round(minutes), 60)
        return f"{hours} h {rest:02d} min"
    return f"{minutes:.1f}".removesuffix(".0") + " min"


def score(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def out_of_100(value: float | None) -> str:
    """A score with its scale: ``72/100`` (``—`` when there is none)."""
    return "—" if value is None else f"{value:.0f}/100"


def points(earned: float | None, maximum: float | None) -> str:
    """``7/9 points``; ``1/1 point``."""
    earned, maximum = earned or 0, maximum or 0
    return f"{earned:g}/{maximum:g} point{'' if maximum == 1 else 's'}"


def role_name(report: dict[str, Any], role: str) -> str:
    """A role's display name; older report.json files have names only in ``roles`` before scoring."""
    if role == FACILITATOR:
        return "Facilitator"
    names = report.get("role_names") or {}
    if role in names:
        return names[role]
    named = (report.get("roles") or {}).get(role)
    return named if isinstance(named, str) else role


def role_names(report: dict[str, Any], roles: list[str]) -> str:
    return ", ".join(role_name(report, role) for role in roles)


def channel_name(report: dict[str, Any], channel: str) -> str:
    return ((report.get("channels") or {}).get(channel) or {}).get("name") or channel


def is_public(report: dict[str, Any], channel: str) -> bool:
    return ((report.get("channels") or {}).get(channel) or {}).get("audience") == "public"


def excerpt(text: str, limit: int = 160) -> str:
    """The start of a text on one line, cut at a word boundary."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] if not flat[limit].isspace() else flat[:limit]
    return cut.rstrip(" ,;:.—-") + "…"


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 promise', '2 promises' ('1 reply', '2 replies' with ``nouns``)."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


def an(phrase: str) -> str:
    """``phrase`` with its indefinite article: 'an ask', 'a press call', 'an SMS', 'a user'."""
    word = phrase.split(" ", 1)[0]
    first = word[:1]
    vowel_sound = first.lower() in "aeiou"
    if word.isupper() and len(word) > 1:  # an acronym is read letter by letter: 'an SMS', 'a UK team'
        vowel_sound = first in "AEFHILMNORSX"
    elif word.lower().startswith(("uni", "use", "usu", "eu", "one", "once")):
        vowel_sound = False
    elif word.lower().startswith(("hour", "honest", "honour")):
        vowel_sound = True
    return f"{'an' if vowel_sound else 'a'} {phrase}"


def end_reason(reason: str | None) -> str:
    """Why a drill ended, in words: 'time ran out'."""
    return END_REASONS.get(reason or "", (reason or "").replace("_", " "))


def drill_date(start_time: str | datetime | None = None, created_at: str | datetime | None = None,
               local: bool = False) -> str | None:
    """A drill's one date, the same in its report, `drill history` and a comparison.

    Its recorded start time (the fiction's T+0) when it has one, else when it was created (the
    store's ``created_at``, or the time it was run); as ``2025-03-14 14:05 UTC``. ``local`` adds the
    local time beside it where that differs (``2025-03-14 14:05 UTC (15:05 local)``), for a
    terminal; a file keeps UTC alone. Text that is not a time (a bare date) is shown as it is.
    """
    for value in (start_time, created_at):
        if not value:
            continue
        moment = _moment(value)
        if moment is None:
            return str(value)
        utc = moment.astimezone(timezone.utc)
        text = utc.strftime("%Y-%m-%d %H:%M UTC")
        if local:
            here = utc.astimezone()
            if here.utcoffset() != utc.utcoffset():
                same_day = here.date() == utc.date()
                text += f" ({here.strftime('%H:%M' if same_day else '%Y-%m-%d %H:%M')} local)"
        return text
    return None


def _moment(value: str | datetime) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    text = str(value).strip()
    if len(text) <= 10:  # a date alone, or not a time at all
        return None
    if text.endswith(" UTC"):
        text = text[:-4]
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
