"""A whole drill at full speed, with scripted responses: no terminal, no waiting."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Iterable

from drill.engine import Advance, CommandRejected, DrillEngine, Respond
from drill.responses import ScriptedResponse
from drill.scenario.model import Scenario
from drill.scenario.problems import ScenarioError


def simulate(scenario: Scenario, responses: Iterable[ScriptedResponse] = (), seed: int | None = None,
             plugins=None, start_time: datetime | None = None) -> DrillEngine:
    """Play ``responses`` (sorted by time) into a new drill and run it to its end.

    ``start_time`` is the fiction's wall time at T+0 (``drill.scenario.start.drill_start_time``).
    """
    engine = DrillEngine.start(scenario, seed, plugins, start_time)
    problems = []
    for response in responses:
        if response.at > engine.clock:
            engine.handle(Advance(to=response.at))
        try:
            engine.handle(Respond(response.role, response.channel, response.text, response.reply_to))
        except CommandRejected as error:
            problems.append(replace(response.where, message=str(error)))
    if problems:
        raise ScenarioError(problems)
    if not engine.ended:
        engine.handle(Advance(to=scenario.duration))
    return engine
