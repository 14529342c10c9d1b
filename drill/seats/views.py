"""What a seat may know of the scenario before any event: the ``scenario`` of its Welcome frame.

Enough to lay out the screen (roles, channels and their limits, the org and its
people) and, for the facilitator and observers, the objectives they judge the
team by. Never the script: no injects, facts, targets, weights or the public's
parameters, which would tell a player what is coming and how it is scored.
"""

from __future__ import annotations

from typing import Any, Mapping

from drill.scenario.model import FACILITATOR, Scenario
from drill.seats.audience import OBSERVER


def scenario_view(scenario: Scenario, viewer: str, started: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The scenario as JSON for ``viewer`` ("facilitator", "observer" or a role id).

    ``started``: the drill's ``drill_started`` data, whose summary, org and personas
    are the ones this drill drew (templates such as ``{fake.name}`` filled in);
    without it they are the scenario's as written.
    """
    if viewer not in (FACILITATOR, OBSERVER) and viewer not in scenario.roles:
        raise ValueError(f"unknown viewer {viewer!r}: the facilitator, the observer or a role")
    drawn = started or {}
    view: dict[str, Any] = {
        "id": scenario.id,
        "title": scenario.title,
        "summary": drawn.get("summary", scenario.summary),
        "duration": scenario.duration,
        "roles": {role.id: {"name": role.name, "brief": role.brief} for role in scenario.roles.values()},
        "channels": {channel.id: {"name": channel.name, "audience": channel.audience, "max_chars": channel.max_chars}
                     for channel in scenario.channels.values()},
        "org": dict(drawn.get("org", scenario.org)),
        "personas": {name: dict(fields) for name, fields in drawn.get("personas", scenario.personas).items()},
    }
    if viewer in (FACILITATOR, OBSERVER):
        view["objectives"] = dict(scenario.objectives)
    return view
