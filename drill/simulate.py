"""A whole drill at full speed, with scripted responses: no terminal, no waiting.

It drives the same live drill the terminal UI does (``drill.live``), with the
clock moved straight to each response instead of by real time.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Iterable

from drill.engine import Advance, Choose, CommandRejected, DrillEngine, NextMove, Release, Respond
from drill.responses import ScriptedAction, ScriptedChoice, ScriptedRelease
from drill.scenario.limits import move_of
from drill.scenario.model import Scenario
from drill.scenario.problems import ScenarioError
from drill.live import LiveDrill


def simulate(scenario: Scenario, responses: Iterable[ScriptedAction] = (), seed: int | None = None,
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
        while scenario.in_moves and drill.state.move < move_of(response.at):
            send(NextMove())
        if response.at > drill.clock or scenario.in_moves:  # a move's injects come before its answers
            send(Advance(to=response.at))
        try:
            send(_command(response))
        except CommandRejected as error:
            problems.append(replace(response.where, message=str(error)))
    if problems:
        raise ScenarioError(problems)
    while scenario.in_moves and not drill.ended:
        send(NextMove())
    if not drill.ended:
        send(Advance(to=scenario.duration))
    return drill.engine if plugins is None else drill


def _command(entry: ScriptedAction):
    if isinstance(entry, ScriptedChoice):
        return Choose(entry.inject, entry.option, entry.role)
    if isinstance(entry, ScriptedRelease):
        return Release(entry.inject)
    return Respond(entry.role, entry.channel, entry.text, entry.reply_to)
