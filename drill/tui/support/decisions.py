"""Format 2's play keys, read from a drill's state for the facilitator: the decisions waiting for a
choice, the injects waiting for release, the questions still open and which move is being played.

Plain helpers over the engine's state, or a seat's copy of it (``drill join``), which keeps what its
seat was shown: a helper finds only that, and a key with nothing to act on stays hidden.
"""

from __future__ import annotations

from dataclasses import dataclass

from drill.scenario.model import Inject, Option, Scenario


@dataclass(frozen=True)
class PendingChoice:
    """An inject's latest delivery, which offers options and has no choice yet."""

    inject: Inject
    occurrence: int

    @property
    def options(self) -> tuple[Option, ...]:
        return self.inject.options


@dataclass(frozen=True)
class HeldInject:
    """A ``release: manual`` inject waiting in the facilitator's queue."""

    inject: Inject
    occurrence: int


def pending_choices(scenario: Scenario, state) -> list[PendingChoice]:
    """The decision points waiting for a choice, in the order their injects were last delivered:
    each delivery of an inject with options (a loop's too) takes one choice, and only its latest."""
    delivered = getattr(state, "delivered_count", None)
    chosen = getattr(state, "chosen", None)
    if not delivered or chosen is None:
        return []
    waiting: list[PendingChoice] = []
    for inject in scenario.injects:
        occurrence = delivered.get(inject.id) if inject.options else None
        if occurrence is not None and (inject.id, occurrence) not in chosen:
            waiting.append(PendingChoice(inject, occurrence))
    if len(waiting) > 1:  # the latest delivery of each, found from the end of the log
        order: dict[str, int] = {}
        wanted = {choice.inject.id for choice in waiting}
        for index in range(len(state.deliveries) - 1, -1, -1):
            inject_id = state.deliveries[index].data["inject_id"]
            if inject_id in wanted and inject_id not in order:
                order[inject_id] = index
                if len(order) == len(wanted):
                    break
        waiting.sort(key=lambda choice: order.get(choice.inject.id, 0))
    return waiting


def held_injects(scenario: Scenario, state) -> list[HeldInject]:
    """The injects waiting for the facilitator to release them, in the order they were held."""
    held = getattr(state, "held", None) or {}
    found = [(scenario.find_inject(inject_id), occurrence) for inject_id, occurrence in held.items()]
    return [HeldInject(inject, occurrence) for inject, occurrence in found if inject is not None]


def open_questions(state, shown: dict[str, None] | None = None) -> list:
    """The questions still open (``QuestionSlot``), those due soonest first, then the rest as opened.
    ``shown``: only these ids (the ones the screen has shown)."""
    from drill.engine.state import OPEN

    questions = getattr(state, "questions", None) or {}
    ids = questions if shown is None else [question_id for question_id in shown if question_id in questions]
    slots = [questions[question_id] for question_id in ids if questions[question_id].status == OPEN]
    order = {slot.question_id: index for index, slot in enumerate(slots)}
    return sorted(slots, key=lambda slot: (slot.due_at is None, slot.due_at or 0, order[slot.question_id]))


def answerable_questions(state, role: str) -> list:
    """The open questions a message from ``role`` can answer (a question without a role takes any)."""
    return [slot for slot in open_questions(state) if slot.role is None or slot.role == role]


def is_last_move(scenario: Scenario, state) -> bool:
    return getattr(state, "move", 0) >= scenario.moves
