"""A drill as it is played: the engine with the reacting public and the grader plugged in.

The engine knows neither (they are passed in), the public knows nothing of
scoring (it reads the grade from the log), and this module is where the three
meet. Every command that plays or rebuilds a drill gets its engine here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Iterable

from drill.engine.engine import DrillEngine
from drill.engine.events import Event
from drill.grading import grade_response
from drill.scenario.model import Scenario
from drill.world import default_plugins


def grade_once(scenario: Scenario, state, response: Event) -> dict:
    """The engine's grader: the response's grade as the log keeps it."""
    return grade_response(scenario, state, response).to_dict()


def start_drill(scenario: Scenario, seed: int | None = None, start_time: datetime | None = None) -> DrillEngine:
    """A new drill at T+0 with the public reacting and every response graded once."""
    return DrillEngine.start(scenario, seed, default_plugins(scenario), start_time, grade_once)


def rebuild_drill(scenario: Scenario, events: Iterable[Event], clock: int | None = None) -> DrillEngine:
    """A drill rebuilt from its log, ready to go on exactly as it would have."""
    return DrillEngine.from_events(scenario, events, default_plugins(scenario), clock, grade_once)
