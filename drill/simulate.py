"""A whole drill at full speed, with scripted responses: no terminal, no waiting.

It drives the same live drill the terminal UI does (``drill.live``), with the
clock moved straight to each response instead of by real time.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Iterable

from drill.engine import Advance, CommandRejected, DrillEngine, Respond
from drill.responses import ScriptedResponse
from drill.scenario.model import Scenario
from drill.scenario.problems import ScenarioError
from drill.live import LiveDrill


def simulate(scenario: Scenario, responses: Iterable[ScriptedResponse] = (), seed: int | None = None,
             plugins=None, start_time: datetime | None = None) -> DrillEngine:
    """Play ``responses`` (sorted by time) into a new drill and run it to its end.

    ``start_time`` is the fiction's wall time at T+0 (``drill.scenario.start.drill_start_time``).
    ``plugins`` None plays it as every drill is played (the public reacting, each response graded
    once, see ``drill.wiring``); ``()`` plays a bare engine.
    """
    if plugins is None:
        drill = LiveDrill.new(scenario, seed, start_time)
        drill.begin()
        send = drill.send
    else:
        drill = DrillEngine.start(scenario, seed, plugins, start_time)
        send = drill.handle
    problems = []
    for response in responses:
        if response.at > drill.clock:
            send(Advance(to=response.at))
        try:
            send(Respond(response.role, response.channel, response.text, response.reply_to))
        except CommandRejected as error:
            problems.append(replace(response.where, message=str(error)))
    if problems:
        raise ScenarioError(problems)
    if not drill.ended:
        send(Advance(to=scenario.duration))
    return drill.engine if plugins is None else drill
