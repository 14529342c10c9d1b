"""A drill's state as one seat sees it: the engine's fold over the events the server sent.

A seat's scenario has no injects (the script is the facilitator's secret), and a role
sees only some events: no ``facts_changed``, no seed, only the asks it may answer. The
fold is the engine's, made to tolerate what it cannot know: an inject it has no
script for, an ask or a question it never saw opened.
"""

from __future__ import annotations

from drill.engine.events import Event
from drill.engine.state import DrillState


class SeatState(DrillState):
    """``DrillState`` without the schedule: a seat never decides what comes next, the server does."""

    def _on_drill_started(self, event: Event, data: dict) -> None:
        from datetime import datetime

        self.started = True
        self.seed = data.get("seed") or 0  # a role's copy has no seed: it would tell what is coming
        self.org = dict(data.get("org") or {})
        self.personas = dict(data.get("personas") or {})
        start_time = data.get("start_time")
        self.start_time = datetime.fromisoformat(start_time) if start_time else None
        if self.scenario.in_moves:
            self.move = 1
        for inject in self.scenario.injects:  # the facilitator's: held for release from the start
            if inject.manual:
                self.held[inject.id] = 1

    def _on_inject_delivered(self, event: Event, data: dict) -> None:
        inject_id = data["inject_id"]
        self.deliveries.append(event)
        self.first_delivery.setdefault(inject_id, event)
        self.delivered_count[inject_id] = data.get("occurrence", 1)
        if data.get("adhoc"):
            self.adhoc_count += 1

    def _on_inject_skipped(self, event: Event, data: dict) -> None:
        pass  # nothing is scheduled here

    def _schedule(self, key: tuple, time: int) -> None:
        pass  # the server says when an ask is overdue and what is delivered next

    def _on_response_recorded(self, event: Event, data: dict) -> None:
        self.responses.append(event)
        self.first_post.setdefault(data["channel"], event.at)

    def _on_ask_overdue(self, event: Event, data: dict) -> None:
        if data["ask_id"] in self.asks:
            super()._on_ask_overdue(event, data)

    def _on_ask_answered(self, event: Event, data: dict) -> None:
        if data["ask_id"] in self.asks:
            super()._on_ask_answered(event, data)

    def _on_ask_missed(self, event: Event, data: dict) -> None:
        if data["ask_id"] in self.asks:
            super()._on_ask_missed(event, data)

    def _on_question_answered(self, event: Event, data: dict) -> None:
        if data["question_id"] in self.questions:
            super()._on_question_answered(event, data)

    def _on_question_unanswered(self, event: Event, data: dict) -> None:
        if data["question_id"] in self.questions:
            super()._on_question_unanswered(event, data)
