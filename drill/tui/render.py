"""Participant and scenario text as Rich ``Text``: never markup, never control characters.

Everything a person typed or a scenario wrote reaches the screen through ``plain``,
so a typed "[@click=app.quit]" stays text and an ESC sequence shows as "␛".
"""

from __future__ import annotations

from typing import Iterable

from rich.table import Table
from rich.text import Text

from drill.durations import format_clock
from drill.scenario.model import FACILITATOR, INJECT_TYPE_LABELS, Scenario
from drill.textsafe import printable

TYPE_LABELS = {kind: label.upper() for kind, label in INJECT_TYPE_LABELS.items()}  # the feed's badges

TYPE_STYLES = {
    "alert": "bold red",
    "press_call": "bold magenta",
    "social_post": "bold cyan",
    "exec_request": "bold yellow",
    "fact_update": "bold blue",
    "ticket": "bold yellow",
}


def plain(text: object, style: str = "") -> Text:
    """``text`` as literal, printable Rich Text."""
    return Text(printable(str(text)), style=style)


def one_line(text: object, limit: int) -> str:
    """Printable text on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(printable(str(text)).split())
    return flat if len(flat) <= limit else flat[: max(limit - 1, 0)] + "…"


def role_name(scenario: Scenario, role_id: str) -> str:
    if role_id == FACILITATOR:
        return "Facilitator"
    role = scenario.roles.get(role_id)
    return printable(role.name) if role else printable(role_id)


def role_names(scenario: Scenario, role_ids: Iterable[str]) -> str:
    role_ids = list(role_ids)
    if not role_ids:
        return "any role"
    if set(role_ids) == set(scenario.roles):
        return "everyone"
    return ", ".join(role_name(scenario, role_id) for role_id in role_ids)


def role_options(scenario: Scenario) -> list[tuple[Text, str]]:
    """The scenario's roles as (label, id) choices for a Select."""
    return [(plain(role.name), role.id) for role in scenario.roles.values()]


def channel_options(scenario: Scenario) -> list[tuple[Text, str]]:
    """The scenario's channels as (label, id) choices for a Select."""
    return [(plain(channel.name), channel.id) for channel in scenario.channels.values()]


def channel_name(scenario: Scenario, channel_id: str) -> str:
    channel = scenario.channels.get(channel_id)
    return printable(channel.name) if channel else printable(channel_id)


def channel_names(scenario: Scenario, channel_ids: Iterable[str]) -> str:
    channel_ids = list(channel_ids)
    if not channel_ids:
        return "any channel"
    return " or ".join(channel_name(scenario, channel_id) for channel_id in channel_ids)


def stamp(seconds: int) -> Text:
    return Text(format_clock(seconds), style="dim")


def bullet(text: object, marker: str = "•") -> Table:
    """A list item whose wrapped lines hang under its first word, not under the marker."""
    row = Table.grid(padding=(0, 1, 0, 0))
    row.add_column(no_wrap=True)
    row.add_column(ratio=1)
    row.add_row(marker, plain(text))
    return row
