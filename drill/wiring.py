"""A drill as it is played: the engine with the reacting public and the grader plugged in.

The engine knows neither (they are passed in), the public knows nothing of
scoring (it reads the grade from the log), and this module is where the three
meet. Every command that plays or rebuilds a drill gets its engine here.
"""

from __future__ import annotations

from collections import deque
from dataclasses import replace
from datetime import datetime
from typing import Iterable

from drill.engine.engine import DrillEngine
from drill.engine.events import Event
from drill.grading import channel_info, graded_as, message_context
from drill.scenario.model import Scenario
from drill.world import default_plugins
from scoring.types import EARLIER_READ, PriorMessage


class GradeOnce:
    """The engine's grader for one drill: each response graded once, as it is sent, into the log.

    It grades as ``drill.grading.grade_response`` does. The scorer reads only the latest
    ``EARLIER_READ`` earlier responses: they are kept as it reads them, each added once, after
    it is graded, so a response late in a long drill costs what one early on does. When the
    responses are not the ones it kept (its first, or after the drill was rebuilt), they are
    read from the state again.
    """

    def __init__(self) -> None:
        self._earlier: deque[PriorMessage] = deque(maxlen=EARLIER_READ)
        self._upto = -1  # how many responses ``_earlier`` has seen

    def __call__(self, scenario: Scenario, state, response: Event) -> dict | None:
        from scoring.message import grade_message

        index = response.data["response_id"] - 1
        if self._upto != index:
            earlier = state.responses[max(0, index - EARLIER_READ):index]
            self._earlier = deque((_prior_message(scenario, event) for event in earlier), maxlen=EARLIER_READ)
        context = message_context(scenario, state.facts, state.org, (), response, state.start_time)
        grade = graded_as(scenario, response,
                          lambda: grade_message(response.data["text"], replace(context, earlier=tuple(self._earlier))))
        self._earlier.append(_prior_message(scenario, response))
        self._upto = index + 1
        return grade.to_dict() if grade is not None else None  # None: an answer recorded, never scored


def _prior_message(scenario: Scenario, response: Event) -> PriorMessage:
    """A response as the scorer reads it when it grades a later one (as ``message_context`` makes it)."""
    return PriorMessage(channel_info(scenario.channels[response.data["channel"]]), float(response.at),
                        response.data["text"])


def start_drill(scenario: Scenario, seed: int | None = None, start_time: datetime | None = None) -> DrillEngine:
    """A new drill at T+0 with the public reacting and every response graded once."""
    return DrillEngine.start(scenario, seed, default_plugins(scenario), start_time, GradeOnce())


def rebuild_drill(scenario: Scenario, events: Iterable[Event], clock: int | None = None) -> DrillEngine:
    """A drill rebuilt from its log, ready to go on exactly as it would have."""
    return DrillEngine.from_events(scenario, events, default_plugins(scenario), clock, GradeOnce())
