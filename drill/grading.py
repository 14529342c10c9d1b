"""From a drill's events to the scoring package's plain inputs.

The scoring package knows nothing of drills; this module is the one place that
translates scenario, state and events into its plain data.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping, Sequence

from drill.engine.events import DeferredJSON, Event, resolved
from drill.scenario.model import Channel, Scenario
from drill.scenario.limits import MOVE_SECONDS
from scoring.types import EARLIER_READ, ChannelInfo, MessageContext, MessageGrade, PriorMessage

if TYPE_CHECKING:
    from scoring.drill_types import DrillInput

# The graders themselves (scoring.message, scoring.drill) compile many patterns:
# they are imported when something is first graded, not when a drill starts.


def channel_info(channel: Channel) -> ChannelInfo:
    return ChannelInfo(id=channel.id, audience=channel.audience, max_chars=channel.max_chars, name=channel.name,
                       equivalent=channel.equivalent)


def started_at(started: Event) -> datetime | None:
    """The fiction's wall time at T+0 recorded in ``drill_started``, if any."""
    value = started.data.get("start_time")
    return datetime.fromisoformat(value) if value else None


def message_context(scenario: Scenario, facts: dict, org: dict, earlier: Sequence[Event], response: Event,
                    start_time: datetime | None = None) -> MessageContext:
    """``earlier`` in order, oldest first; only the latest ones the scorer reads are passed on."""
    channels = {channel_id: channel_info(channel) for channel_id, channel in scenario.channels.items()}
    return MessageContext(
        channel=channels[response.data["channel"]],
        at=float(response.at),
        facts=dict(facts),
        org=dict(org),
        earlier=tuple(PriorMessage(channels[e.data["channel"]], float(e.at), e.data["text"])
                      for e in earlier[-EARLIER_READ:]),
        role=response.data["role"],
        start_time=start_time,
    )


def answer_grading(scenario: Scenario, response: Event) -> tuple[str, tuple[str, ...]]:
    """How a response is graded: ("comms", ()), ("rubric", the points it is read for) or ("none", ()).

    A response answering a format 2 question (``reply_to: INJECT.QUESTION``) is graded as the question
    says; a discussion or internal answer is never graded as a public statement. Every other response
    is graded on the communication criteria.
    """
    question_id = response.data.get("question")
    if question_id is None:
        return "comms", ()
    question = scenario.question(question_id)
    if question is None:
        return "comms", ()
    channel = scenario.channels.get(response.data["channel"])
    mode = question.grade_on(channel is not None and channel.is_public)
    return mode, question.expect


def graded_as(scenario: Scenario, response: Event, on_comms: Callable[[], MessageGrade]) -> MessageGrade | None:
    """A response's grade as ``answer_grading`` says: ``on_comms()`` for the communication criteria,
    its rubric's grade, or None for an answer recorded without one."""
    mode, points = answer_grading(scenario, response)
    if mode == "none":
        return None
    if mode == "rubric":
        from scoring.rubric import grade_rubric

        return grade_rubric(response.data["text"], points)
    return on_comms()


def grade_response(scenario: Scenario, state, response: Event) -> MessageGrade | None:
    """Grade a response just recorded, against the facts and earlier responses of the drill so far;
    None for an answer its question records without grading."""
    from scoring.message import grade_message

    earlier = state.responses[: response.data["response_id"] - 1]
    context = message_context(scenario, state.facts, state.org, earlier, response, state.start_time)
    return graded_as(scenario, response, lambda: grade_message(response.data["text"], context))


class LoggedGrades(Mapping[int, MessageGrade]):
    """Grades by response id, read from ``response_graded`` events: each is parsed from its event's
    data the first time it is asked for, so reopening a long drill does not rebuild thousands of them."""

    def __init__(self) -> None:
        self._grades: dict[int, MessageGrade | dict[str, Any] | DeferredJSON] = {}

    def record(self, response_id: int, grade: MessageGrade | dict[str, Any] | DeferredJSON) -> None:
        self._grades[response_id] = grade

    def __getitem__(self, response_id: int) -> MessageGrade:
        grade = self._grades[response_id]
        if not isinstance(grade, MessageGrade):
            try:
                grade = MessageGrade.from_dict(resolved(grade))
            except (ValueError, KeyError, TypeError, AttributeError):  # a damaged record: as if ungraded
                del self._grades[response_id]
                raise KeyError(response_id) from None
            self._grades[response_id] = grade
        return grade

    def holds(self, response_id: int) -> bool:
        """Whether the log recorded a grade for the response (not read, so not checked: a damaged
        record reads as ungraded when it is asked for)."""
        return response_id in self._grades

    def __contains__(self, response_id: object) -> bool:
        if not isinstance(self._grades.get(response_id), (MessageGrade, type(None))):
            return self.get(response_id) is not None  # read now: a damaged one is not there
        return response_id in self._grades

    def __iter__(self) -> Iterator[int]:
        return iter(self._grades)

    def __len__(self) -> int:
        return len(self._grades)


def grade_log(scenario: Scenario, events: Sequence[Event]) -> LoggedGrades:
    """Every response's grade, read from the log (``response_graded``); a response the log holds no
    grade for (a log written before grades were recorded) is graded as it was when sent."""
    recorded = LoggedGrades()
    responses = 0
    for event in events:
        if event.kind == "response_graded":
            recorded.record(event.data["response_id"], event.data["grade"])
        elif event.kind == "response_recorded" and answer_grading(scenario, event)[0] != "none":
            responses += 1
    if len(recorded) < responses:
        _grade_missing(scenario, events, recorded)
    return recorded


def _grade_missing(scenario: Scenario, events: Sequence[Event], recorded: LoggedGrades) -> None:
    from scoring.message import grade_message

    facts, org = dict(scenario.facts), {}
    start_time = None
    responses: list[Event] = []
    for event in events:
        if event.kind == "drill_started":
            org = dict(event.data.get("org", {}))
            start_time = started_at(event)
        elif event.kind == "facts_changed":
            facts = dict(event.data["facts"])
        elif event.kind == "response_recorded":
            if not recorded.holds(event.data["response_id"]):  # not parsing the thousands recorded
                context = message_context(scenario, facts, org, responses, event, start_time)
                grade = graded_as(scenario, event, lambda: grade_message(event.data["text"], context))
                if grade is not None:
                    recorded.record(event.data["response_id"], grade)
            responses.append(event)


def drill_input(scenario: Scenario, events: Iterable[Event]) -> "DrillInput":
    """The scoring package's view of a finished (or stopped) drill."""
    from scoring.drill_types import AskRecord, DrillInput, RelayRecord, ResponseRecord, Targets

    facts = dict(scenario.facts)
    org: dict[str, Any] = {}
    deliveries: dict[str, Event] = {}
    responses: list[ResponseRecord] = []
    relays: list[RelayRecord] = []
    asks: dict[str, dict[str, Any]] = {}
    first_press_call_at = resolved_at = ended_at = start_time = None
    peak = (0.0, None)
    for event in events:
        data = event.data
        if event.kind == "drill_started":
            org = dict(data.get("org", {}))
            start_time = started_at(event)
        elif event.kind == "inject_delivered":
            deliveries.setdefault(data["inject_id"], event)
            if data["type"] == "press_call" and first_press_call_at is None:
                first_press_call_at = float(event.at)
        elif event.kind == "facts_changed":
            facts = dict(data["facts"])
            if facts.get("phase") == "resolved" and resolved_at is None:
                resolved_at = float(event.at)
        elif event.kind == "ask_opened":
            asks[data["ask_id"]] = {"event": event, "answered_at": None, "response": None}
        elif event.kind == "ask_answered":
            asks[data["ask_id"]].update(answered_at=float(event.at), response=data["response_id"])
        elif event.kind == "response_recorded":
            mode = answer_grading(scenario, event)[0]
            if mode == "none":  # an answer recorded for the debrief, never scored
                continue
            responses.append(ResponseRecord(
                index=data["response_id"], role=data["role"], channel_id=data["channel"], at=float(event.at),
                text=data["text"], reply_to=data.get("reply_to"), facts=dict(facts), answered_ask=data.get("answers"),
                discussion=mode == "rubric",
            ))
        elif event.kind == "relay_sent":
            relays.append(RelayRecord(index=data["relay_id"], role=data["role"], to=tuple(data["to"]),
                                      at=float(event.at), text=data["text"], after_response=len(responses)))
        elif event.kind == "public_tick" and data["volume"] > peak[0]:
            peak = (data["volume"], float(event.at))
        elif event.kind == "drill_ended":
            ended_at = float(event.at)
    ask_records = []
    for ask_id, ask in asks.items():
        opened = ask["event"]
        delivered = deliveries.get(opened.data["inject_id"])
        ask_records.append(AskRecord(
            inject_id=ask_id,
            inject_type=delivered.data["type"] if delivered else "note",
            opened_at=float(opened.at),
            within=float(opened.data["within"]),
            roles=tuple(opened.data["roles"]),
            channels=tuple(opened.data["channels"]),
            answered_at=ask["answered_at"],
            response_index=ask["response"],
            objective=opened.data.get("objective"),
            must=tuple(opened.data.get("must") or ()),
        ))
    return DrillInput(
        duration=ended_at if ended_at is not None else float(scenario.duration),
        targets=Targets.from_mapping(scenario.targets),
        channels={channel.id: channel_info(channel) for channel in scenario.channels.values()},
        responses=tuple(responses),
        asks=tuple(ask_records),
        objectives=dict(scenario.objectives),
        first_press_call_at=first_press_call_at,
        social_peak_at=peak[1],
        resolved_at=resolved_at,
        org=org,
        weights=dict(scenario.weights) or None,
        roles={role.id: role.name for role in scenario.roles.values()},
        start_time=start_time,
        objective_channels={key: list(value) for key, value in scenario.objective_channels.items()},
        relays=tuple(relays),
        move_seconds=float(MOVE_SECONDS) if scenario.in_moves else None,
    )


def grade_drill(scenario: Scenario, events: Iterable[Event]) -> dict[str, Any]:
    """Every score of a drill, as report data: totals, roles, objectives, asks, responses, promises.
    Each message keeps the grade it was given when sent."""
    from scoring.drill import score_drill

    events = list(events)
    return score_drill(drill_input(scenario, events), grades=grade_log(scenario, events)).to_dict()
