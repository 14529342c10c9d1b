"""The report's data of format 2 play: moves, decisions, questions, held injects, the facilitator
layer of each delivered inject and what the hot wash raised.

``PlayLog`` reads the events ``data.build_report`` hands it, then adds its keys to ``report.json``;
a key is added only when the drill has something for it, so a format 1 drill's report reads as it
always did. The scenario supplies what the events only name: question and option texts, the
facilitator layer, the decision points and manual injects that never came up.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

from drill.engine.events import Event
from drill.scenario.model import Scenario

# The kinds PlayLog reads; data.build_report hands it these and no others.
PLAY_KINDS = frozenset({
    "inject_delivered", "response_recorded", "question_opened", "question_answered", "question_unanswered",
    "option_chosen", "inject_held", "inject_released", "move_started", "hot_wash_noted",
})


class PlayLog:
    """Format 2's play, gathered from the events of one drill."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.deliveries: dict[str, dict[int, int]] = {}  # inject -> occurrence -> delivered at
        self.first_delivery: dict[str, int] = {}
        self.questions: dict[str, dict[str, Any]] = {}
        self.choices: dict[tuple[str, int], dict[str, Any]] = {}
        self.held: dict[str, dict[str, Any]] = {}
        self.moves: list[dict[str, Any]] = [{"move": 1, "at": 0, "injects": []}] if scenario.in_moves else []
        self.hot_wash: list[dict[str, Any]] = []

    def add(self, event: Event) -> None:
        getattr(self, "_" + event.kind)(event, event.data)

    def _inject_delivered(self, event: Event, data: dict[str, Any]) -> None:
        if data.get("adhoc"):
            return
        inject_id = data["inject_id"]
        self.deliveries.setdefault(inject_id, {})[data["occurrence"]] = event.at
        self.first_delivery.setdefault(inject_id, event.at)
        if self.moves:
            self.moves[-1]["injects"].append(inject_id)

    def _response_recorded(self, event: Event, data: dict[str, Any]) -> None:
        question = self.questions.get(data.get("question") or "")
        if question is None:
            return
        channel = self.scenario.channels.get(data["channel"])
        asked = self.scenario.question(question["question_id"])
        grade = asked.grade_on(channel is not None and channel.is_public) if asked is not None else "none"
        question["answers"].append({"response_id": data["response_id"], "role": data["role"],
                                    "channel": data["channel"], "at": event.at, "text": data["text"],
                                    "grade": grade})

    def _question_opened(self, event: Event, data: dict[str, Any]) -> None:
        asked = self.scenario.question(data["question_id"])
        self.questions[data["question_id"]] = {
            "question_id": data["question_id"], "inject_id": data["inject_id"],
            "text": asked.text if asked is not None else data["question_id"],
            "role": data.get("role"), "opened_at": event.at, "within": data.get("within"),
            "due_at": data.get("due_at"), "grade": data.get("grade"),
            "expect": list(asked.expect) if asked is not None else [],
            "status": "open", "latency": None, "response_id": None, "answers": [],
        }

    def _question_answered(self, event: Event, data: dict[str, Any]) -> None:
        self.questions[data["question_id"]].update(
            status="late" if data.get("late") else "answered", latency=data.get("latency"),
            response_id=data["response_id"])

    def _question_unanswered(self, event: Event, data: dict[str, Any]) -> None:
        self.questions[data["question_id"]]["status"] = "unanswered"

    def _option_chosen(self, event: Event, data: dict[str, Any]) -> None:
        inject = self.scenario.find_inject(data["inject_id"])
        option = inject.option(data["option_id"]) if inject is not None else None
        self.choices[data["inject_id"], data["occurrence"]] = {
            "choice_id": data["choice_id"], "option_id": data["option_id"],
            "option_text": option.text if option is not None else data["option_id"],
            "role": data["role"], "at": event.at,
        }

    def _inject_held(self, event: Event, data: dict[str, Any]) -> None:
        self.held[data["inject_id"]] = {"occurrence": data["occurrence"], "held_at": event.at, "released_at": None}

    def _inject_released(self, event: Event, data: dict[str, Any]) -> None:
        # An inject with neither `at` nor `after` waits from the start, without an inject_held event.
        entry = self.held.setdefault(data["inject_id"], {"occurrence": data["occurrence"], "held_at": 0})
        entry["released_at"] = event.at

    def _move_started(self, event: Event, data: dict[str, Any]) -> None:
        self.moves.append({"move": data["move"], "at": event.at, "injects": []})

    def _hot_wash_noted(self, event: Event, data: dict[str, Any]) -> None:
        self.hot_wash.append({"item_id": data["item_id"], "at": event.at, "kind": data["kind"],
                              "priority": data.get("priority"), "text": data["text"], "author": data["author"],
                              "objective": data.get("objective")})

    def into(self, report: dict[str, Any]) -> None:
        """Add the play's keys to ``report`` (each only when the drill has something for it)."""
        found = {
            "moves": self.moves,
            "decisions": self._decisions(),
            "questions": list(self.questions.values()),
            "held": self._held(),
            "facilitator_layer": self._facilitator_layer(),
            "hot_wash": self.hot_wash,
        }
        report.update((key, value) for key, value in found.items() if value)

    def _decisions(self) -> list[dict[str, Any]]:
        """One entry for each delivery of a decision point (its choice, or None), and one for each
        decision point never delivered (``occurrence`` None)."""
        found = []
        for inject in self.scenario.injects:
            if not inject.options:
                continue
            offered = {"inject_id": inject.id, "title": _title(inject),
                       "options": [{"id": option.id, "text": option.text} for option in inject.options],
                       "chooser": inject.chooser}
            delivered = self.deliveries.get(inject.id, {})
            for occurrence in sorted(delivered):
                found.append({**offered, "occurrence": occurrence, "delivered_at": delivered[occurrence],
                              "choice": self.choices.get((inject.id, occurrence))})
            if not delivered:
                found.append({**offered, "occurrence": None, "delivered_at": None, "choice": None})
        return found

    def _held(self) -> list[dict[str, Any]]:
        """Every manual inject: when it was held and released (None: never released; both None: it never
        fell due)."""
        found = []
        for inject in self.scenario.injects:
            if not inject.manual:
                continue
            entry = self.held.get(inject.id) or {"occurrence": None, "held_at": None, "released_at": None}
            if entry["held_at"] is None and inject.at is None and inject.after is None:
                entry = {**entry, "held_at": 0}  # waiting from the start
            found.append({"inject_id": inject.id, "title": _title(inject), "type": inject.type, **entry})
        return found

    def _facilitator_layer(self) -> list[dict[str, Any]]:
        """The facilitator layer of each inject delivered, in the order first delivered."""
        found = []
        for inject_id, at in self.first_delivery.items():
            inject = self.scenario.find_inject(inject_id)
            guide = inject.guide if inject is not None else None
            if guide is None:
                continue
            layer = {name: value for name, value in _plain(guide).items() if value}
            if layer:
                found.append({"inject_id": inject_id, "type": inject.type, "delivered_at": at, **layer})
        return found

    def merge_scores(self, report: dict[str, Any]) -> None:
        """Each answer's grade beside it: its score and, on a rubric, the points it covered."""
        responses = {response["id"]: response for response in report.get("responses", [])}
        for question in report.get("questions", []):
            for answer in question["answers"]:
                quality = (responses.get(answer["response_id"]) or {}).get("quality") or {}
                answer["score"] = quality.get("score")
                if answer["grade"] == "rubric" and quality.get("criteria"):
                    covered = [criterion.get("passed") is True for criterion in quality.get("criteria", [])]
                    answer["covered"] = [point for point, hit in zip(question["expect"], covered) if hit]
                    answer["not_covered"] = [point for point, hit in zip(question["expect"], covered) if not hit]


def _title(inject: Any) -> str:
    return inject.guide.title if inject.guide is not None else ""


def _plain(value: Any) -> Any:
    """A guide's dataclasses and tuples as plain JSON values (``meta`` is kept as written)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {field.name: _plain(getattr(value, field.name)) for field in fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    return value
