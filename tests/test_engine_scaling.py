"""The indexes that keep a long drill linear: each agrees with the scan it replaces, and a response's
work does not grow with the asks left open or the history behind it.

Work is counted (asks looked at, ``Ask.accepts`` calls), never timed.
"""

from __future__ import annotations

import yaml
from hypothesis import given, settings, strategies as st

from drill.engine import Advance, CommandRejected, DrillEngine, Respond, events_to_jsonl
from drill.engine.events import Event
from drill.engine.ask_ids import ask_id_for
from drill.engine.state import Ask, DrillState
from drill.scenario import load_scenario
from drill.wiring import GradeOnce, start_drill
from drill.world import default_plugins
from drill.world.plugin import PublicState, PublicWorld
from drill.world.promises import PromiseBook, PromisedUpdate
from strategies import TEXT, scenario_documents

ROLES = ("ic", "comms", "legal")
CHANNELS = ("status_page", "mirror", "chat")
INJECTS = ("a", "b", "c", "d")


def small_scenario(injects=(), duration=4 * 3600):
    document = {
        "format": 1, "id": "scaling", "duration": duration,
        "roles": {role: {"name": role} for role in ROLES},
        "channels": {"status_page": {"audience": "public", "equivalent": ["mirror"]},
                     "mirror": {"audience": "public"}, "chat": {"audience": "internal"}},
        "injects": list(injects) or [{"id": inject_id, "at": 0, "type": "alert", "text": "x"} for inject_id in INJECTS],
    }
    return load_scenario(yaml.safe_dump(document), "scaling.yaml")


def scanned_answer(state: DrillState, role: str, channel: str, reply_to: str | None) -> Ask | None:
    """The ask a response answers, found by going over every open ask (what the index replaces)."""
    candidates = [ask for ask in state.open_asks() if ask.accepts(role, channel)]
    if reply_to is not None:
        for ask in candidates:
            if reply_to in (ask.ask_id, ask.inject_id):
                return ask
    return candidates[0] if candidates else None


# --- the ask index ------------------------------------------------------------------------------------

SUBSETS_OF_ROLES = st.lists(st.sampled_from(ROLES), unique=True, max_size=2)
SUBSETS_OF_CHANNELS = st.lists(st.sampled_from(CHANNELS), unique=True, max_size=2)
ASK_STEPS = st.lists(st.one_of(
    st.tuples(st.just("open"), st.sampled_from(INJECTS), SUBSETS_OF_ROLES, SUBSETS_OF_CHANNELS),
    st.tuples(st.just("answer"), st.integers(0, 200)),
    st.tuples(st.just("miss"), st.integers(0, 200)),
    st.tuples(st.just("respond"), st.sampled_from(ROLES), st.sampled_from(CHANNELS),
              st.one_of(st.none(), st.sampled_from(INJECTS), st.sampled_from(["a#2", "b#3", "c#2", "zz"]))),
), max_size=60)


@given(ASK_STEPS)
@settings(max_examples=300)
def test_the_ask_index_finds_what_a_scan_of_the_open_asks_finds(steps):
    state = DrillState(small_scenario())
    seq, occurrences = 0, {}

    def apply(kind, data, at=0):
        nonlocal seq
        seq += 1
        state.apply(Event(seq, at, kind, data))

    for step in steps:
        if step[0] == "open":
            _, inject_id, roles, channels = step
            occurrences[inject_id] = occurrences.get(inject_id, 0) + 1
            apply("ask_opened", {"ask_id": ask_id_for(inject_id, occurrences[inject_id]), "inject_id": inject_id,
                                 "roles": roles, "channels": channels, "within": 60, "objective": None, "must": []})
        elif step[0] in ("answer", "miss"):
            open_asks = state.open_asks()
            if open_asks:
                ask = open_asks[step[1] % len(open_asks)]
                if step[0] == "answer":
                    apply("ask_answered", {"ask_id": ask.ask_id, "response_id": 1, "latency": 5, "late": False})
                else:
                    apply("ask_missed", {"ask_id": ask.ask_id})
        else:
            _, role, channel, reply_to = step
            assert state.ask_answered_by(role, channel, reply_to) is scanned_answer(state, role, channel, reply_to)


class ScanningEngine(DrillEngine):
    """The engine as it chose asks before the index: a scan of every open ask."""

    def _ask_answered_by(self, command):
        return scanned_answer(self.state, command.role, command.channel, command.reply_to)


@st.composite
def drills_with_replies(draw):
    document = draw(scenario_documents(max_injects=10))
    roles, channels = sorted(document["roles"]), sorted(document["channels"])
    targets = [inject["id"] for inject in document["injects"]] + [f"{document['injects'][0]['id']}#2", None]
    responses = sorted(draw(st.lists(st.tuples(
        st.integers(0, document["duration"] - 1), st.sampled_from(roles), st.sampled_from(channels), TEXT,
        st.sampled_from(targets)), max_size=12)), key=lambda response: response[0])
    return document, responses


@given(drills_with_replies(), st.integers(0, 1000))
@settings(max_examples=60, deadline=None)
def test_a_drill_answers_the_same_asks_as_when_every_response_scanned_them(case, seed):
    document, responses = case
    scenario = load_scenario(yaml.safe_dump(document, allow_unicode=True), "gen.yaml")
    indexed = start_drill(scenario, seed)
    scanning = ScanningEngine.start(scenario, seed, default_plugins(scenario), None, GradeOnce())
    for at, role, channel, text, reply_to in responses:
        for engine in (indexed, scanning):
            if at > engine.clock:
                engine.handle(Advance(to=at))
        outcomes = []
        for engine in (indexed, scanning):
            try:
                outcomes.append(engine.handle(Respond(role, channel, text, reply_to)))
            except CommandRejected as error:
                outcomes.append(str(error))
        assert outcomes[0] == outcomes[1]
    for engine in (indexed, scanning):
        engine.handle(Advance(to=scenario.duration))
    assert events_to_jsonl(indexed.log) == events_to_jsonl(scanning.log)


def overdue_drill(count: int) -> DrillEngine:
    """``count`` asks for the IC on chat, all overdue by T+1h, and none answered."""
    injects = [{"id": f"q{i}", "at": i, "type": "chat", "text": "Status?",
                "expects": {"role": "ic", "channel": "chat", "within": "1m"}} for i in range(count)]
    engine = DrillEngine.start(small_scenario(injects), seed=1, plugins=())
    engine.handle(Advance(to=3600))
    assert len(engine.state.open_asks()) == count and all(ask.overdue for ask in engine.state.open_asks())
    return engine


def counting(monkeypatch):
    """Count the asks looked at (``is_open``) and the ``Ask.accepts`` calls from here on."""
    counts = {"looked_at": 0, "accepts": 0}
    is_open, accepts = Ask.is_open.fget, Ask.accepts

    def counted_is_open(ask):
        counts["looked_at"] += 1
        return is_open(ask)

    def counted_accepts(ask, role, channel):
        counts["accepts"] += 1
        return accepts(ask, role, channel)

    monkeypatch.setattr(Ask, "is_open", property(counted_is_open))
    monkeypatch.setattr(Ask, "accepts", counted_accepts)
    return counts


def test_a_response_no_open_ask_accepts_looks_at_none_of_them(monkeypatch):
    work = []
    for count in (20, 400):
        engine = overdue_drill(count)
        counts = counting(monkeypatch)
        for _ in range(10):
            engine.handle(Respond("comms", "status_page", "We are investigating."))
        work.append(dict(counts))
        monkeypatch.undo()
    assert work[0] == work[1] == {"looked_at": 0, "accepts": 0}


def test_answering_overdue_asks_one_by_one_costs_the_same_per_answer_however_many_are_open(monkeypatch):
    for count in (20, 400):
        engine = overdue_drill(count)
        counts = counting(monkeypatch)
        events = [engine.handle(Respond("ic", "chat", "On it.")) for _ in range(count)]
        monkeypatch.undo()
        assert [batch[1].data["ask_id"] for batch in events] == [f"q{i}" for i in range(count)]
        assert all(batch[1].data["late"] for batch in events)  # an overdue ask is still answered, late
        # The open one it answers, and once closed it is dropped the next time: two looks per answer.
        assert counts["looked_at"] <= 2 * count and counts["accepts"] == 0


def test_a_reply_to_an_inject_looks_at_its_own_asks_only(monkeypatch):
    engine = overdue_drill(400)
    counts = counting(monkeypatch)
    events = engine.handle(Respond("ic", "chat", "On it.", reply_to="q399"))
    assert events[1].data["ask_id"] == "q399"
    assert counts["accepts"] <= 2 and counts["looked_at"] <= 6


# --- the public's promises and follow-ups -------------------------------------------------------------

PROMISE_STEPS = st.lists(st.one_of(
    st.tuples(st.just("promise"), st.integers(0, 120), st.sampled_from(CHANNELS), st.integers(0, 900)),
    st.tuples(st.just("post"), st.integers(0, 120), st.sampled_from(CHANNELS)),
    st.tuples(st.just("minute"), st.integers(0, 300)),
), max_size=50)


@given(PROMISE_STEPS)
@settings(max_examples=300)
def test_the_promise_book_settles_and_breaks_what_a_scan_of_every_promise_does(steps):
    scenario = small_scenario()
    book, every = PromiseBook(), []
    clock = 0
    for step in steps:
        clock += step[1]  # time only goes forward
        if step[0] == "promise":
            book.add(PromisedUpdate(len(every) + 1, step[2], clock, clock + step[3]))
            every.append(PromisedUpdate(len(every) + 1, step[2], clock, clock + step[3]))
        elif step[0] == "post":
            group = scenario.channel_group(step[2])
            book.settle(group, clock)
            for promise in every:
                if promise.channel in group and not promise.closed and clock > promise.made_at:
                    promise.closed = True
                    promise.kept = clock <= promise.due_at + book.grace
        else:
            broken = [p for p in every if not p.closed and clock > p.due_at + book.grace]
            assert book.first_broken(clock) == (broken[0] if broken else None)
        assert book.made == every


@given(st.lists(st.sampled_from(CHANNELS), max_size=40), st.data())
def test_a_follow_up_quotes_the_statement_a_scan_of_the_responses_finds(channels, data):
    scenario = small_scenario()
    world = PublicWorld(scenario)
    state = DrillState(scenario)
    for response_id, channel in enumerate(channels, start=1):
        event = Event(response_id, response_id, "response_recorded",
                      {"response_id": response_id, "role": "ic", "channel": channel, "text": "x", "reply_to": None,
                       "answers": None})
        state.apply(event)
        world.apply(state, event)
    if not channels:
        return
    response_id = data.draw(st.integers(1, len(channels)))
    group = scenario.channel_group(channels[response_id - 1])
    earlier = [r for r in state.responses if r.data["response_id"] < response_id
               and scenario.channels[r.data["channel"]].is_public and r.data["channel"] not in group]
    assert world._previous_elsewhere(state, response_id, group) is (earlier[-1] if earlier else None)
    assert isinstance(PublicWorld.of(state), PublicState)


# --- the grader -----------------------------------------------------------------------------------------

def test_the_drills_grader_grades_every_response_as_grade_response_does():
    from drill.grading import grade_response
    from drill.library import load_builtin
    from drill.wiring import rebuild_drill

    scenario = load_builtin("checkout-outage")
    engine = start_drill(scenario, 3)
    texts = ["We are investigating failed card payments.", "Next update in 10 minutes.", "No comment.",
             "Payments are recovering; the cause was a database failover."]
    for index in range(70):  # more than the scorer reads back
        engine.handle(Advance(by=60))
        if index == 40:
            engine = rebuild_drill(scenario, engine.log, engine.clock)  # a fresh grader, part way through
        events = engine.handle(Respond("comms", ("status_page", "social")[index % 2], texts[index % len(texts)]))
        recorded, graded = events[0], next(event for event in events if event.kind == "response_graded")
        assert graded.data["grade"] == grade_response(scenario, engine.state, recorded).to_dict()
