"""How numbers, times and names read in the report (both formats)."""

from __future__ import annotations

from typing import Any

from scoring.clock import t_plus

__all__ = ["TYPE_LABELS", "channel_name", "excerpt", "is_public", "mins", "role_name", "role_names", "score", "t_plus"]

TYPE_LABELS = {
    "alert": "Alert", "chat": "Chat", "email": "Email", "ticket": "Ticket", "press_call": "Press call",
    "social_post": "Social post", "exec_request": "Executive request", "fact_update": "Fact update", "note": "Note",
}


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


def role_name(report: dict[str, Any], role: str) -> str:
    """A role's display name; older report.json files have names only in ``roles`` before scoring."""
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
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 promise', '2 promises' ('1 reply', '2 replies' with ``nouns``)."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"
