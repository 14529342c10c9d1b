"""The scenario as a seat knows it: built from ``Welcome.scenario``, with no injects, facts or targets.

The server sends only what the seat may know (``drill.seats`` decides): the title,
the roles and channels, the org and, for the facilitator and observers, the
objectives. The widgets read a ``Scenario``, so the view becomes one; anything
malformed is refused with a reason rather than failing later in a widget.
"""

from __future__ import annotations

from typing import Any

from drill.scenario.model import Channel, Role, Scenario


class BadScenarioView(ValueError):
    """The server's scenario view is not one this client can show; the message says what."""


def scenario_from_view(view: dict[str, Any]) -> Scenario:
    try:
        roles = {str(role_id): Role(str(role_id), _text(raw.get("name")) or str(role_id), _text(raw.get("brief")))
                 for role_id, raw in _mapping(view.get("roles")).items()}
        channels = {str(channel_id): Channel(str(channel_id), _text(raw.get("audience")) or "internal",
                                             _text(raw.get("name")) or str(channel_id), _limit(raw.get("max_chars")))
                    for channel_id, raw in _mapping(view.get("channels")).items()}
        duration = view.get("duration")
        if isinstance(duration, bool) or not isinstance(duration, int) or duration <= 0:
            raise BadScenarioView(f"the scenario's duration is not a number of seconds: {duration!r}")
        if not roles or not channels:
            raise BadScenarioView("the scenario has no roles or no channels")
        return Scenario(
            id=_text(view.get("id")) or "scenario", title=_text(view.get("title")), summary=_text(view.get("summary")),
            duration=duration, roles=roles, channels=channels, injects=(),
            org={str(key): _text(value) for key, value in _mapping(view.get("org")).items()},
            personas={str(key): {str(k): _text(v) for k, v in _mapping(value).items()}
                      for key, value in _mapping(view.get("personas")).items()},
            objectives={str(key): _text(value) for key, value in _mapping(view.get("objectives")).items()},
            start=view.get("start") if isinstance(view.get("start"), str) else None,
            source="<server>",
        )
    except (AttributeError, TypeError) as error:
        raise BadScenarioView(f"the scenario from the server is malformed: {error}") from None


def _mapping(value: Any) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, got {type(value).__name__}")
    return value


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _limit(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None
