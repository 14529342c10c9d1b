"""The state of a drill: a fold over its events.

``DrillState.apply`` is the only place state changes, so a drill rebuilt from
its log is the drill that wrote it, schedule included.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from drill.engine.events import Event
from drill.engine.schedule import Schedule
from drill.scenario.facts import fact_problem
from drill.scenario.model import Scenario

OPEN, ANSWERED, LATE, MISSED = "open", "answered", "late", "missed"


@dataclass
class Ask:
    ask_id: str
    inject_id: str
    roles: tuple[str, ...]
    channels: tuple[str, ...]
    within: int
    opened_at: int
    objective: str | None
    must: tuple[str, ...]
    status: str = OPEN
    overdue: bool = False
    answered_at: int | None = None
    response_id: int | None = None

    @property
    def due_at(self) -> int:
        return self.opened_at + self.within

    @property
    def is_open(self) -> bool:
        return self.status == OPEN

    def accepts(self, role: str, channel: str) -> bool:
        return (not self.roles or role in self.roles) and (not self.channels or channel in self.channels)


class AskIndex:
    """The open asks by what answers them, so a response finds its ask without a scan.

    A response from ``role`` on ``channel`` may answer the open asks that accept it
    (``Ask.accepts``): those naming the role (or no role) and the channel (or no
    channel). Each ask is filed under every (role, channel) pair it names, None
    standing for "any", so the asks a response can answer are in four buckets;
    each bucket keeps its asks oldest first. An ask that closes stays in its
    buckets until it reaches the front of one, where the next look drops it, so
    each ask costs a bounded amount of work however long it stays open.

    The asks an inject opened (one per delivery) are also kept by inject id and by
    what they accept, for a response that names the inject it replies to.
    """

    def __init__(self) -> None:
        self._buckets: dict[tuple[str | None, str | None], deque[Ask]] = defaultdict(deque)
        self._by_inject: dict[str, dict[tuple, deque[Ask]]] = defaultdict(dict)
        self._order: dict[str, int] = {}  # ask id -> its place in the order the asks were opened

    def add(self, ask: Ask) -> None:
        self._order[ask.ask_id] = len(self._order)
        for role in ask.roles or (None,):
            for channel in ask.channels or (None,):
                self._buckets[role, channel].append(ask)
        self._by_inject[ask.inject_id].setdefault((ask.roles, ask.channels), deque()).append(ask)

    def earliest(self, role: str, channel: str) -> Ask | None:
        """The oldest open ask a response from ``role`` on ``channel`` can answer."""
        best = None
        for key in ((role, channel), (role, None), (None, channel), (None, None)):
            bucket = self._buckets.get(key)
            if bucket:
                ask = _first_open(bucket)
                if ask is not None and (best is None or self._order[ask.ask_id] < self._order[best.ask_id]):
                    best = ask
        return best

    def earliest_replying(self, role: str, channel: str, reply_to: str, asks: dict[str, Ask]) -> Ask | None:
        """The oldest open ask it can answer among those ``reply_to`` names: by its ask id or its inject's id."""
        found = []
        for group in self._by_inject.get(reply_to, {}).values():
            ask = _first_open(group)
            if ask is not None and ask.accepts(role, channel):  # the asks of a group accept alike
                found.append(ask)
        named = asks.get(reply_to)
        if named is not None and named.is_open and named.accepts(role, channel):
            found.append(named)
        return min(found, key=lambda ask: self._order[ask.ask_id], default=None)


def _first_open(asks: deque[Ask]) -> Ask | None:
    """The first open ask of ``asks``, dropping the closed ones before it."""
    while asks:
        if asks[0].is_open:
            return asks[0]
        asks.popleft()
    return None


@dataclass
class QuestionSlot:
    """An inject's question (format 2), opened at its first delivery; the first reply to it answers it."""

    question_id: str  # INJECT.QUESTION
    inject_id: str
    role: str | None
    within: int | None
    opened_at: int
    grade: str | None
    status: str = OPEN
    answered_at: int | None = None
    response_id: int | None = None

    @property
    def due_at(self) -> int | None:
        return None if self.within is None else self.opened_at + self.within


def inject_key(inject_id: str, occurrence: int) -> tuple:
    return ("inject", inject_id, occurrence)


def overdue_key(ask_id: str) -> tuple:
    return ("overdue", ask_id)


@dataclass
class DrillState:
    scenario: Scenario
    clock: int = 0
    seq: int = 0
    started: bool = False
    paused: bool = False
    ended: bool = False
    seed: int = 0
    facts: dict[str, Any] = field(default_factory=dict)
    org: dict[str, str] = field(default_factory=dict)
    personas: dict[str, dict[str, str]] = field(default_factory=dict)
    start_time: datetime | None = None  # the fiction's wall time at T+0, when the drill has one
    deliveries: list[Event] = field(default_factory=list)
    first_delivery: dict[str, Event] = field(default_factory=dict)  # inject id -> its first delivery
    delivered_count: dict[str, int] = field(default_factory=dict)
    first_post: dict[str, int] = field(default_factory=dict)  # channel -> time of the team's first post
    responses: list[Event] = field(default_factory=list)
    relays: list[Event] = field(default_factory=list)  # relay_sent events, in order
    notes: list[Event] = field(default_factory=list)  # evaluator_noted events, in order
    asks: dict[str, Ask] = field(default_factory=dict)
    open_ask_ids: dict[str, None] = field(default_factory=dict)  # insertion-ordered: oldest first
    ask_index: AskIndex = field(default_factory=AskIndex)  # the open asks by the role and channel they accept
    schedule: Schedule = field(default_factory=Schedule)
    adhoc_count: int = 0
    participants: dict[str, str] = field(default_factory=dict)
    questions: dict[str, QuestionSlot] = field(default_factory=dict)  # INJECT.QUESTION -> its slot, in order opened
    choices: list[Event] = field(default_factory=list)  # option_chosen events, in order
    chosen: dict[tuple[str, int], str] = field(default_factory=dict)  # (inject id, occurrence) -> option id
    held: dict[str, int] = field(default_factory=dict)  # manual injects waiting for release -> their occurrence
    fired: dict[str, int] = field(default_factory=dict)  # inject id -> times its `after` conditions fired it
    hot_wash: list[Event] = field(default_factory=list)  # hot_wash_noted events, in order
    move: int = 0  # `mode: moves`: the move being played (0 before the first)
    extra: dict[str, Any] = field(default_factory=dict)  # state owned by plug-ins such as the public

    def __post_init__(self) -> None:
        self.facts = dict(self.scenario.facts)

    def open_asks(self) -> list[Ask]:
        """Open asks, oldest first."""
        return [self.asks[ask_id] for ask_id in self.open_ask_ids]

    def ask_answered_by(self, role: str, channel: str, reply_to: str | None = None) -> Ask | None:
        """The open ask a response from ``role`` on ``channel`` answers: among those it can answer
        (``Ask.accepts``), the oldest that ``reply_to`` names (by ask or inject id), else the oldest."""
        if reply_to is not None:
            named = self.ask_index.earliest_replying(role, channel, reply_to, self.asks)
            if named is not None:
                return named
        return self.ask_index.earliest(role, channel)

    # --- the fold ---------------------------------------------------------------

    def apply(self, event: Event) -> None:
        self.seq = event.seq
        self.clock = max(self.clock, event.at)
        handler = getattr(self, "_on_" + event.kind, None)
        if handler is not None:
            handler(event, event.data)

    def _schedule(self, key: tuple, time: int) -> None:
        if time < self.scenario.duration:
            self.schedule.add(key, time)

    def _on_drill_started(self, event: Event, data: dict) -> None:
        self.started = True
        self.seed = data["seed"]
        self.org = data["org"]
        self.personas = data["personas"]
        start_time = data.get("start_time")
        self.start_time = datetime.fromisoformat(start_time) if start_time else None
        if self.scenario.in_moves:
            self.move = 1
        for inject in self.scenario.injects:
            if inject.at is not None:
                self._schedule(inject_key(inject.id, 1), inject.at)
            elif inject.manual and inject.after is None:  # waits in the facilitator's queue from the start
                self.held[inject.id] = 1

    def _start_followers(self, kind: str, ref: str, time: int) -> None:
        """A condition is met: schedule each inject waiting for it that may fire again."""
        for follower, delay in self.scenario.followers(kind, ref):
            fired = self.fired.get(follower.id, 0)
            if fired < follower.max_fires:
                self.fired[follower.id] = fired + 1
                self._schedule(inject_key(follower.id, fired + 1), time + delay)

    def _on_inject_delivered(self, event: Event, data: dict) -> None:
        inject_id, occurrence = data["inject_id"], data["occurrence"]
        self.schedule.remove(inject_key(inject_id, occurrence))
        self.deliveries.append(event)
        self.first_delivery.setdefault(inject_id, event)
        self.delivered_count[inject_id] = occurrence
        if data.get("adhoc"):
            self.adhoc_count += 1
            return
        inject = self.scenario.inject(inject_id)
        if inject.repeat and occurrence < inject.repeat.count:
            self._schedule(inject_key(inject_id, occurrence + 1), event.at + inject.repeat.every)
        self._start_followers("inject", inject_id, event.at)

    def _on_inject_skipped(self, event: Event, data: dict) -> None:
        self.schedule.remove(inject_key(data["inject_id"], data["occurrence"]))

    def _on_inject_held(self, event: Event, data: dict) -> None:
        self.schedule.remove(inject_key(data["inject_id"], data["occurrence"]))
        self.held[data["inject_id"]] = data["occurrence"]

    def _on_inject_released(self, event: Event, data: dict) -> None:
        self.held.pop(data["inject_id"], None)

    def _on_option_chosen(self, event: Event, data: dict) -> None:
        self.choices.append(event)
        self.chosen[data["inject_id"], data["occurrence"]] = data["option_id"]
        self._start_followers("chose", f"{data['inject_id']}.{data['option_id']}", event.at)

    def _on_question_opened(self, event: Event, data: dict) -> None:
        slot = QuestionSlot(data["question_id"], data["inject_id"], data.get("role"), data.get("within"),
                            event.at, data.get("grade"))
        self.questions[slot.question_id] = slot

    def _on_question_answered(self, event: Event, data: dict) -> None:
        slot = self.questions[data["question_id"]]
        slot.status = LATE if data["late"] else ANSWERED
        slot.answered_at = event.at
        slot.response_id = data["response_id"]

    def _on_question_unanswered(self, event: Event, data: dict) -> None:
        self.questions[data["question_id"]].status = MISSED

    def _on_hot_wash_noted(self, event: Event, data: dict) -> None:
        self.hot_wash.append(event)

    def _on_move_started(self, event: Event, data: dict) -> None:
        self.move = data["move"]

    def _on_facts_changed(self, event: Event, data: dict) -> None:
        facts = data["facts"]
        for key, value in facts.items():  # a log from a file or a store may have been edited by hand
            problem = fact_problem(key, value)
            if problem is not None:
                raise ValueError(f"event {event.seq}: {problem}")
        self.facts = dict(facts)

    def _on_ask_opened(self, event: Event, data: dict) -> None:
        ask = Ask(
            ask_id=data["ask_id"],
            inject_id=data["inject_id"],
            roles=tuple(data["roles"]),
            channels=tuple(data["channels"]),
            within=data["within"],
            opened_at=event.at,
            objective=data.get("objective"),
            must=tuple(data.get("must") or ()),
        )
        self.asks[ask.ask_id] = ask
        self.open_ask_ids[ask.ask_id] = None
        self.ask_index.add(ask)
        self._schedule(overdue_key(ask.ask_id), ask.due_at + 1)

    def _on_ask_overdue(self, event: Event, data: dict) -> None:
        self.schedule.remove(overdue_key(data["ask_id"]))
        self.asks[data["ask_id"]].overdue = True

    def _on_response_recorded(self, event: Event, data: dict) -> None:
        self.responses.append(event)
        channel = data["channel"]
        if channel not in self.first_post:
            self.first_post[channel] = event.at
            self._start_followers("posted", channel, event.at)

    def _on_relay_sent(self, event: Event, data: dict) -> None:
        self.relays.append(event)

    def _on_evaluator_noted(self, event: Event, data: dict) -> None:
        self.notes.append(event)

    def _on_ask_answered(self, event: Event, data: dict) -> None:
        ask = self.asks[data["ask_id"]]
        ask.status = LATE if data["late"] else ANSWERED
        ask.answered_at = event.at
        ask.response_id = data["response_id"]
        self.open_ask_ids.pop(ask.ask_id, None)
        self.schedule.remove(overdue_key(ask.ask_id))

    def _on_ask_missed(self, event: Event, data: dict) -> None:
        self.asks[data["ask_id"]].status = MISSED
        self.open_ask_ids.pop(data["ask_id"], None)

    def _on_participants_assigned(self, event: Event, data: dict) -> None:
        self.participants = dict(data["participants"])

    def _on_drill_paused(self, event: Event, data: dict) -> None:
        self.paused = True

    def _on_drill_resumed(self, event: Event, data: dict) -> None:
        self.paused = False

    def _on_drill_ended(self, event: Event, data: dict) -> None:
        self.ended = True
        self.paused = False
        self.schedule.clear()
