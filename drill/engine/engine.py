"""The drill engine: commands in, events out.

Plug-ins (the reacting public) take part through three calls:
``apply(state, event)`` folds their own state, ``react(engine, event)`` may emit
follow-up events with ``engine.emit``, and ``fire(engine, key, time)`` handles
their scheduled items.

A grader, when given, grades each response once as it is recorded; the grade
goes into the log (``response_graded``), where the public, the live feed and
the report all read it. The caller passes plug-ins and grader in
(``drill.wiring`` builds a drill as it is played), so the engine depends on
neither.

The engine never sleeps and never reads the wall clock: the caller advances
scenario time. Everything it decides goes through ``DrillState.apply``, so
the state is always the fold of the log, and the same scenario, seed and
commands give a byte-identical log.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable, Iterable

from drill.engine.commands import (
    Advance,
    AssignRoles,
    Choose,
    Command,
    CommandRejected,
    End,
    EvaluatorNote,
    HotWashItem,
    InjectAdHoc,
    NextMove,
    Pause,
    Relay,
    Release,
    Respond,
    Resume,
)
from drill.engine.events import Event
from drill.engine.ask_ids import ask_id_for
from drill.engine.state import OPEN, Ask, DrillState
from drill.scenario.facts import fact_problem
from drill.scenario.limits import move_start, shorten
from drill.scenario.model import FACILITATOR, INJECT_TYPES, Scenario
from drill.scenario.templates import Renderer

MAX_RESPONSE_CHARS = 20_000
PRIORITIES = ("high", "medium", "low")
HOT_WASH_KINDS = ("improvement", "strength")

# (scenario, state, the response_recorded event) -> the grade as JSON-ready data
Grader = Callable[[Scenario, DrillState, Event], dict]


class DrillEngine:
    """One drill of one scenario. Create it with ``start`` or ``from_events``."""

    def __init__(self, scenario: Scenario, seed: int, renderer: Renderer, plugins: Iterable[Any] = (),
                 grader: Grader | None = None):
        self.scenario = scenario
        self.seed = seed
        self.renderer = renderer
        self.state = DrillState(scenario)
        self.log: list[Event] = []
        self.plugins = list(plugins)
        self.grader = grader
        self._batch: list[Event] = []

    # --- construction --------------------------------------------------------

    @classmethod
    def start(cls, scenario: Scenario, seed: int | None = None, plugins: Iterable[Any] = (),
              start_time: datetime | None = None, grader: Grader | None = None) -> "DrillEngine":
        """A new drill at T+0; its first event, ``drill_started``, is in ``log``.

        ``start_time`` is the fiction's wall time at T+0 (see ``drill.scenario.start``);
        the caller resolves it, because the engine never reads the wall clock.
        """
        if start_time is not None and start_time.tzinfo is None:
            raise ValueError("start_time must carry its time zone")
        seed = scenario.seed_for(seed)
        engine = cls(scenario, seed, Renderer(seed, scenario.org, scenario.personas), plugins, grader)
        engine.emit(0, "drill_started", {
            "scenario_id": scenario.id,
            "title": scenario.title,
            "summary": engine.renderer.summary(scenario),
            "seed": seed,
            "duration": scenario.duration,
            "org": engine.renderer.org,
            "personas": engine.renderer.personas,
            "start_time": start_time.astimezone(timezone.utc).isoformat() if start_time is not None else None,
        })
        engine._batch = []
        return engine

    @classmethod
    def from_events(cls, scenario: Scenario, events: Iterable[Event], plugins: Iterable[Any] = (),
                    clock: int | None = None, grader: Grader | None = None) -> "DrillEngine":
        """Rebuild a drill from its log; generated text and grades are read back, never made again."""
        events = list(events)
        if not events or events[0].kind != "drill_started":
            raise ValueError("an event log must begin with drill_started")
        started = events[0].data
        if started.get("scenario_id") != scenario.id:
            raise ValueError(f"the log is of scenario {started.get('scenario_id')!r}, not {scenario.id!r}")
        renderer = Renderer.prerendered(started["seed"], started["org"], started["personas"])
        engine = cls(scenario, started["seed"], renderer, plugins, grader)
        engine.fold(events)
        if clock is not None:
            engine.state.clock = max(engine.state.clock, min(clock, scenario.duration))
        return engine

    def fold(self, events: Iterable[Event]) -> None:
        """Apply events recorded earlier (a replay catching up); nothing reacts, nothing is decided."""
        for event in events:
            if event.seq != self.state.seq + 1:
                raise ValueError(f"event {event.seq} does not follow event {self.state.seq}")
            self._apply(event)

    # --- reading ---------------------------------------------------------------

    @property
    def clock(self) -> int:
        return self.state.clock

    @property
    def ended(self) -> bool:
        return self.state.ended

    @property
    def paused(self) -> bool:
        return self.state.paused

    def next_due(self, kind: str | None = None) -> int | None:
        """When the next scheduled item (of ``kind``, e.g. "inject") falls due; None if none is."""
        if kind is None:
            due = self.state.schedule.peek()
            return due[0] if due else None
        return self.state.schedule.earliest(lambda key: key[0] == kind)

    # --- commands ------------------------------------------------------------

    def handle(self, command: Command) -> list[Event]:
        """Carry out one command; return the events it caused, in order."""
        if self.state.ended and not isinstance(command, HotWashItem):  # the hot wash follows the end
            raise CommandRejected("the drill has ended")
        self._batch = []
        if isinstance(command, Advance):
            self._advance(command)
        elif isinstance(command, Respond):
            self._respond(command)
        elif isinstance(command, Relay):
            self._relay(command)
        elif isinstance(command, EvaluatorNote):
            self._note(command)
        elif isinstance(command, Pause):
            if not self.state.paused:
                self.emit(self.clock, "drill_paused", {})
        elif isinstance(command, Resume):
            if self.state.paused:
                self.emit(self.clock, "drill_resumed", {})
        elif isinstance(command, InjectAdHoc):
            self._inject_adhoc(command)
        elif isinstance(command, AssignRoles):
            self._assign_roles(command)
        elif isinstance(command, End):
            self._end(command.reason)
        elif isinstance(command, Choose):
            self._choose(command)
        elif isinstance(command, Release):
            self._release(command)
        elif isinstance(command, NextMove):
            self._next_move()
        elif isinstance(command, HotWashItem):
            self._hot_wash(command)
        else:
            raise CommandRejected(f"unknown command {command!r}")
        batch, self._batch = self._batch, []
        return batch

    def _advance(self, command: Advance) -> None:
        if (command.to is None) == (command.by is None):
            raise CommandRejected("advance needs exactly one of 'to' or 'by'")
        if self.state.paused:
            raise CommandRejected("the drill is paused; resume it first")
        target = command.to if command.to is not None else self.clock + command.by
        if target < self.clock:
            raise CommandRejected(f"cannot go back in time (now {self.clock}s, asked for {target}s)")
        target = min(target, self.scenario.duration)
        if self.scenario.in_moves:  # a move ends only when the facilitator starts the next
            target = min(target, move_start(self.state.move + 1) - 1)
        self._run_to(target)

    def _run_to(self, target: int) -> None:
        schedule = self.state.schedule
        while (due := schedule.peek()) is not None and due[0] <= target:
            time, key = due
            self._fire(key, time)
            if key in schedule:  # every item must be consumed by the event it causes
                raise AssertionError(f"scheduled item {key!r} was not consumed")
        self.state.clock = target
        if target >= self.scenario.duration:
            self._end("time")

    def _fire(self, key: tuple, time: int) -> None:
        kind = key[0]
        if kind == "inject":
            self._fire_inject(key[1], key[2], time)
        elif kind == "overdue":
            self.emit(time, "ask_overdue", {"ask_id": key[1]})
        else:
            for plugin in self.plugins:
                if plugin.fire(self, key, time):
                    return
            raise AssertionError(f"nothing handles scheduled item {key!r}")

    def _fire_inject(self, inject_id: str, occurrence: int, time: int) -> None:
        inject = self.scenario.inject(inject_id)
        posted = self.state.first_post
        if inject.unless_posted is not None and inject.unless_posted in posted:
            reason = f"the team had already posted on {inject.unless_posted}"
            self.emit(time, "inject_skipped", {"inject_id": inject_id, "occurrence": occurrence, "reason": reason})
            return
        if inject.repeat and inject.repeat.until_posted is not None and inject.repeat.until_posted in posted:
            reason = f"stopped once the team posted on {inject.repeat.until_posted}"
            self.emit(time, "inject_skipped", {"inject_id": inject_id, "occurrence": occurrence, "reason": reason})
            return
        if inject.manual:
            self.emit(time, "inject_held", {"inject_id": inject_id, "occurrence": occurrence})
            return
        self._deliver(inject_id, occurrence, time)

    def _deliver(self, inject_id: str, occurrence: int, time: int) -> None:
        inject = self.scenario.inject(inject_id)
        facts_after = {**self.state.facts, **inject.facts}
        labels = (inject_id, occurrence)
        self.emit(time, "inject_delivered", {
            "inject_id": inject_id,
            "occurrence": occurrence,
            "type": inject.type,
            "from": self.renderer.render(inject.sender, (*labels, "from"), facts_after),
            "to": list(inject.to),
            "text": self.renderer.render(inject.text_for(occurrence), labels, facts_after),
            "adhoc": False,
        })
        if inject.facts:
            self.emit(time, "facts_changed", {"inject_id": inject_id, "changes": dict(inject.facts), "facts": facts_after})
        if inject.expects is not None and occurrence == 1:  # one ask an inject; its repeats remind of it
            expects = inject.expects
            self._open_ask(time, ask_id_for(inject_id, occurrence), inject_id, expects.roles, expects.channels,
                           expects.within, expects.objective, expects.must)
        if occurrence == 1:  # a question is one slot, however often its inject comes back
            for question in inject.questions:
                self.emit(time, "question_opened", {
                    "question_id": f"{inject_id}.{question.id}",
                    "inject_id": inject_id,
                    "role": question.role,
                    "within": question.within,
                    "due_at": None if question.within is None else time + question.within,
                    "grade": question.grade,
                })

    def _open_ask(self, time: int, ask_id: str, inject_id: str, roles, channels, within: int,
                  objective: str | None, must) -> None:
        self.emit(time, "ask_opened", {
            "ask_id": ask_id,
            "inject_id": inject_id,
            "roles": list(roles),
            "channels": list(channels),
            "within": within,
            "due_at": time + within,
            "objective": objective,
            "must": list(must),
        })

    def _respond(self, command: Respond) -> None:
        scenario = self.scenario
        if command.role not in scenario.roles:
            raise CommandRejected(f"unknown role {command.role!r} (roles: {', '.join(scenario.roles)})")
        if command.channel not in scenario.channels:
            raise CommandRejected(f"unknown channel {command.channel!r} (channels: {', '.join(scenario.channels)})")
        _check_text(command.text, "the message")
        if command.reply_to is not None and not self._is_known_target(command.reply_to):
            raise CommandRejected(f"reply_to {command.reply_to!r} names nothing delivered so far")
        question = self.state.questions.get(command.reply_to) if command.reply_to is not None else None
        if question is not None and question.role is not None and command.role != question.role:
            asked = scenario.question(question.question_id)
            raise CommandRejected(f"question {question.question_id} ({shorten(asked.text if asked else '', 80)}) "
                                  f"is for {scenario.roles[question.role].name}, not {scenario.roles[command.role].name}")
        ask = None if question is not None else self._ask_answered_by(command)  # an answer slot is not an ask
        response_id = len(self.state.responses) + 1
        recorded = {
            "response_id": response_id,
            "role": command.role,
            "channel": command.channel,
            "text": command.text,
            "reply_to": command.reply_to,
            "answers": ask.ask_id if ask else None,
        }
        if question is not None:  # only then: logs without questions read as they always did
            recorded["question"] = question.question_id
        self.emit(self.clock, "response_recorded", _with_client_id(recorded, command.client_id))
        if question is not None and question.status == OPEN:
            latency = self.clock - question.opened_at
            self.emit(self.clock, "question_answered", {
                "question_id": question.question_id,
                "response_id": response_id,
                "latency": latency,
                "late": question.within is not None and latency > question.within,
            })
        if ask is not None:
            latency = self.clock - ask.opened_at
            self.emit(self.clock, "ask_answered", {
                "ask_id": ask.ask_id,
                "response_id": response_id,
                "latency": latency,
                "late": latency > ask.within,
            })
        if self.grader is not None:
            grade = self.grader(self.scenario, self.state, self.state.responses[response_id - 1])
            if grade is not None:  # None: an answer recorded, never scored (a question's `grade: none`)
                self.emit(self.clock, "response_graded", {"response_id": response_id, "grade": grade})

    def _relay(self, command: Relay) -> None:
        roles = self.scenario.roles
        if command.role not in roles:
            raise CommandRejected(f"unknown role {command.role!r} (roles: {', '.join(roles)})")
        unknown = [role for role in command.to if role not in roles]
        if unknown:
            raise CommandRejected(f"cannot relay to {unknown[0]!r}: not a role (roles: {', '.join(roles)})")
        _check_text(command.text, "the message")
        self.emit(self.clock, "relay_sent", _with_client_id({
            "relay_id": len(self.state.relays) + 1,
            "role": command.role,
            "to": list(dict.fromkeys(command.to)),  # each role once, in the order named
            "text": command.text,
        }, command.client_id))

    def _note(self, command: EvaluatorNote) -> None:
        objectives = self.scenario.objectives
        if command.objective is not None and command.objective not in objectives:
            named = ", ".join(objectives) or "none"
            raise CommandRejected(f"unknown objective {command.objective!r} (objectives: {named})")
        if not isinstance(command.author, str) or not command.author.strip():
            raise CommandRejected("the note needs an author")
        _check_text(command.text, "the note")
        if command.rating is not None and command.objective is None:
            raise CommandRejected("a rating is of an objective: name the objective it rates")
        if command.rating is not None:
            scale = [step.id for step in self.scenario.ratings_for(command.objective)]
            if command.rating not in scale:
                raise CommandRejected(f"objective {command.objective}'s rating is one of {', '.join(scale)}, "
                                      f"not {shorten(str(command.rating), 80)!r}")
        data = {"note_id": len(self.state.notes) + 1, "author": command.author.strip(),
                "objective": command.objective, "text": command.text}
        if command.rating is not None:  # only when given: notes without one read as they always did
            data["rating"] = command.rating
        self.emit(self.clock, "evaluator_noted", _with_client_id(data, command.client_id))

    def _is_known_target(self, reply_to: str) -> bool:
        state = self.state
        return reply_to in state.asks or reply_to in state.delivered_count or reply_to in state.questions

    def _choose(self, command: Choose) -> None:
        scenario, state = self.scenario, self.state
        inject = scenario.find_inject(command.inject)
        if inject is None:
            raise CommandRejected(f"unknown inject {command.inject!r}")
        if not inject.options:
            raise CommandRejected(f"inject {inject.id} offers no options")
        option = inject.option(command.option)
        if option is None:
            raise CommandRejected(f"inject {inject.id} has no option {command.option!r} "
                                  f"(its options: {', '.join(o.id for o in inject.options)})")
        if command.role is not None:
            if command.role not in scenario.roles:
                raise CommandRejected(f"unknown role {command.role!r}")
            if command.role != inject.chooser:
                who = scenario.roles[inject.chooser].name if inject.chooser else "the facilitator"
                raise CommandRejected(f"the choice at {inject.id} is {who}'s to make")
        occurrence = state.delivered_count.get(inject.id)
        if occurrence is None:
            raise CommandRejected(f"inject {inject.id} has not been delivered yet")
        if (inject.id, occurrence) in state.chosen:
            made = inject.option(state.chosen[inject.id, occurrence])
            raise CommandRejected(f"the choice at {inject.id} has been made: {made.text if made else '?'}")
        self.emit(self.clock, "option_chosen", _with_client_id({
            "choice_id": len(state.choices) + 1,
            "inject_id": inject.id,
            "occurrence": occurrence,
            "option_id": option.id,
            "role": command.role or FACILITATOR,
        }, command.client_id))

    def _release(self, command: Release) -> None:
        state = self.state
        if command.inject not in state.held:
            waiting = ", ".join(state.held) or "none"
            raise CommandRejected(f"inject {command.inject!r} is not waiting for release (waiting: {shorten(waiting, 200)})")
        occurrence = state.held[command.inject]
        self.emit(self.clock, "inject_released", _with_client_id(
            {"inject_id": command.inject, "occurrence": occurrence}, command.client_id))
        self._deliver(command.inject, occurrence, self.clock)

    def _next_move(self) -> None:
        if not self.scenario.in_moves:
            raise CommandRejected("this drill runs on a clock, not in moves")
        if self.state.paused:
            raise CommandRejected("the drill is paused; resume it first")
        move = self.state.move
        if move >= self.scenario.moves:  # the last move is over: so is the drill
            self._run_to(self.scenario.duration)
            return
        starts = move_start(move + 1)
        self._run_to(starts - 1)  # what falls due in this move (overdue asks) comes first
        self.emit(starts, "move_started", {"move": move + 1})
        self._run_to(starts)

    def _hot_wash(self, command: HotWashItem) -> None:
        _check_text(command.text, "the item")
        if command.kind not in HOT_WASH_KINDS:
            raise CommandRejected(f"a hot-wash item is an {' or a '.join(HOT_WASH_KINDS)}, not {command.kind!r}")
        if command.priority is not None and command.priority not in PRIORITIES:
            raise CommandRejected(f"a priority is {', '.join(PRIORITIES)}, not {command.priority!r}")
        objectives = self.scenario.objectives
        if command.objective is not None and command.objective not in objectives:
            raise CommandRejected(f"unknown objective {command.objective!r} (objectives: {', '.join(objectives) or 'none'})")
        if not isinstance(command.author, str) or not command.author.strip():
            raise CommandRejected("the item needs an author")
        self.emit(self.clock, "hot_wash_noted", _with_client_id({
            "item_id": len(self.state.hot_wash) + 1,
            "text": command.text,
            "kind": command.kind,
            "priority": command.priority,
            "author": command.author.strip(),
            "objective": command.objective,
        }, command.client_id))

    def _ask_answered_by(self, command: Respond) -> Ask | None:
        """The ask this response closes: the one it replies to, else the earliest it can satisfy."""
        return self.state.ask_answered_by(command.role, command.channel, command.reply_to)

    def _inject_adhoc(self, command: InjectAdHoc) -> None:
        scenario = self.scenario
        if command.type not in INJECT_TYPES:
            raise CommandRejected(f"unknown inject type {command.type!r} (one of: {', '.join(INJECT_TYPES)})")
        if not command.text.strip():
            raise CommandRejected("the inject has no text")
        unknown = [role for role in command.to if role not in scenario.roles and role != FACILITATOR]
        if unknown:
            raise CommandRejected(f"unknown role {unknown[0]!r}")
        if command.expects_role is not None and command.expects_role not in scenario.roles:
            raise CommandRejected(f"unknown role {command.expects_role!r}")
        if command.expects_channel is not None and command.expects_channel not in scenario.channels:
            raise CommandRejected(f"unknown channel {command.expects_channel!r}")
        if command.within is not None and command.within <= 0:
            raise CommandRejected("the time to answer must be longer than zero")
        inject_id = f"adhoc-{self.state.adhoc_count + 1}"
        for key, value in command.facts.items():
            problem = fact_problem(key, value)
            if problem is not None:
                raise CommandRejected(problem)
        facts_after = {**self.state.facts, **command.facts}
        self.emit(self.clock, "inject_delivered", _with_client_id({
            "inject_id": inject_id,
            "occurrence": 1,
            "type": command.type,
            "from": command.sender,
            "to": list(command.to) or list(scenario.roles),
            "text": command.text,
            "adhoc": True,
        }, command.client_id))
        if command.facts:
            self.emit(self.clock, "facts_changed", {"inject_id": inject_id, "changes": dict(command.facts), "facts": facts_after})
        if command.within is not None:
            roles = (command.expects_role,) if command.expects_role else ()
            channels = (command.expects_channel,) if command.expects_channel else ()
            self._open_ask(self.clock, inject_id, inject_id, roles, channels, command.within, None, ())

    def _assign_roles(self, command: AssignRoles) -> None:
        unknown = [role for role in command.participants if role not in self.scenario.roles]
        if unknown:
            raise CommandRejected(f"unknown role {unknown[0]!r}")
        participants = {role: name.strip() for role, name in command.participants.items()
                        if isinstance(name, str) and name.strip()}
        self.emit(self.clock, "participants_assigned", {"participants": participants})

    def _end(self, reason: str) -> None:
        for ask in self.state.open_asks():
            self.emit(self.clock, "ask_missed", {"ask_id": ask.ask_id})
        for question in list(self.state.questions.values()):
            if question.status == OPEN:
                self.emit(self.clock, "question_unanswered", {"question_id": question.question_id})
        self.emit(self.clock, "drill_ended", {"reason": reason})

    # --- events --------------------------------------------------------------

    def emit(self, at: int, kind: str, data: dict[str, Any]) -> Event:
        """Record a new event (plug-ins use it too): applied, logged, then reacted to."""
        event = Event(self.state.seq + 1, at, kind, data)
        self._apply(event)
        self._batch.append(event)
        for plugin in self.plugins:
            plugin.react(self, event)
        return event

    def _apply(self, event: Event) -> None:
        self.state.apply(event)
        for plugin in self.plugins:
            plugin.apply(self.state, event)
        self.log.append(event)


def _check_text(text: object, what: str) -> None:
    if not isinstance(text, str) or not text.strip():
        raise CommandRejected(f"{what} is empty")
    if len(text) > MAX_RESPONSE_CHARS:
        raise CommandRejected(f"{what} is longer than {MAX_RESPONSE_CHARS:,} characters")


def _with_client_id(data: dict[str, Any], client_id: str | None) -> dict[str, Any]:
    """``data``, with the seat's frame id only when there is one: logs without seats stay as they were."""
    if client_id is not None:
        data["client_id"] = client_id
    return data
