"""The scenario as a seat knows it: built from ``Welcome.scenario``, with no script, facts or targets.

The server sends only what the seat may know (``drill.seats`` decides): the title,
the roles and channels, the org, whether the drill runs in moves and how many, for
the facilitator and observers the objectives, and for the facilitator the injects
held for release from the start. The widgets read a ``Scenario``, so the view
becomes one; anything malformed is refused with a reason rather than failing later
in a widget.

Format 2's decision points and questions come with the deliveries that carry them
(``play``), and a held inject with its ``inject_held`` (the facilitator's); each
becomes an ``Inject`` of the seat's scenario (``learnt_inject``, ``with_inject``),
holding only that: no timing, no facts, no facilitator layer.
"""

from __future__ import annotations

from typing import Any

from dataclasses import replace

from drill.scenario.model import Channel, Inject, Option, Question, Role, Scenario

MODES = ("clock", "moves")


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
        mode = view.get("mode", "clock")
        moves = view.get("moves", 0)
        if mode not in MODES:
            raise BadScenarioView(f"the scenario's mode is neither clock nor moves: {mode!r}")
        if isinstance(moves, bool) or not isinstance(moves, int) or moves < (1 if mode == "moves" else 0):
            raise BadScenarioView(f"the scenario's number of moves is not a count: {moves!r}")
        queue = tuple(learnt_inject(_text(raw.get("id")), raw, manual=True) for raw in _list(view.get("queue")))
        return Scenario(
            id=_text(view.get("id")) or "scenario", title=_text(view.get("title")), summary=_text(view.get("summary")),
            duration=duration, roles=roles, channels=channels, injects=queue, moves=moves if mode == "moves" else 0,
            org={str(key): _text(value) for key, value in _mapping(view.get("org")).items()},
            personas={str(key): {str(k): _text(v) for k, v in _mapping(value).items()}
                      for key, value in _mapping(view.get("personas")).items()},
            objectives={str(key): _text(value) for key, value in _mapping(view.get("objectives")).items()},
            start=view.get("start") if isinstance(view.get("start"), str) else None,
            source="<server>",
        )
    except (AttributeError, TypeError, ValueError) as error:
        if isinstance(error, BadScenarioView):
            raise
        raise BadScenarioView(f"the scenario from the server is malformed: {error}") from None


def learnt_inject(inject_id: str, data: dict[str, Any], *, play: dict[str, Any] | None = None,
                  manual: bool = False) -> Inject:
    """An inject as a seat learns it: from a delivery's data (or a held inject's, with ``manual``) and the
    ``play`` it carried (options, chooser, questions). Raises TypeError or ValueError for a malformed one."""
    if not inject_id:
        raise ValueError("an inject from the server has no id")
    play = _mapping(play)
    options = tuple(Option(_text(raw.get("id")), _text(raw.get("text"))) for raw in _list(play.get("options")))
    questions = tuple(
        Question(_text(raw.get("id")), _text(raw.get("text")), _optional_text(raw.get("role")),
                 _limit(raw.get("within")), _optional_text(raw.get("grade")),
                 tuple(_text(point) for point in _list(raw.get("expect"))))
        for raw in _list(play.get("questions")))
    return Inject(id=inject_id, type=_text(data.get("type")) or "note", sender=_text(data.get("from")),
                  to=tuple(_text(role) for role in _list(data.get("to"))), text=_text(data.get("text")),
                  questions=questions, options=options, chooser=_optional_text(play.get("chooser")), manual=manual)


def with_inject(scenario: Scenario, inject: Inject) -> Scenario:
    """``scenario`` holding ``inject`` too (in place of one of the same id, which it then replaces)."""
    kept = tuple(known for known in scenario.injects if known.id != inject.id)
    return replace(scenario, injects=(*kept, inject))


def _mapping(value: Any) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, got {type(value).__name__}")
    return value


def _list(value: Any) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return value


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _limit(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None
