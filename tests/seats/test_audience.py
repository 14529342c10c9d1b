"""Who sees what: every drill, played any way, is filtered the same for each viewer, and no role
learns the hidden truth, the script's workings, the evaluators' notes or another role's grades."""

import json

import pytest
from hypothesis import given, settings, strategies as st

from drill.engine import (Advance, CommandRejected, EvaluatorNote, InjectAdHoc, Pause, Relay, Respond, Resume)
from drill.engine.events import DeferredJSON, Event
from drill.library import builtin_files, builtin_responses, load_builtin
from drill.responses import load_responses
from drill.scenario import load_scenario
from drill.seats.audience import OBSERVER, AudienceFilter
from drill.simulate import simulate
from drill.wiring import start_drill

SCENARIO = """\
format: 1
id: seats
title: Seats
duration: 40m
org: {name: Acme, product: Acme Pay, handle: "@acme"}
roles:
  comms: {name: Communications}
  support: {name: Support}
  ic: {name: Incident Commander}
channels:
  status_page: {audience: public, max_chars: 1500, name: Status page}
  social: {audience: public, max_chars: 280}
  chat: {audience: internal}
facts: {phase: investigating, customers_affected: 2000}
objectives:
  first-public: Post within 10 minutes.
  numbers: Say the same numbers everywhere.
injects:
  - id: alert
    at: 0m
    type: alert
    to: [ic]
    text: Payments failing.
    expects: {role: ic, channel: chat, within: 3m}
  - id: ticket
    at: 1m
    type: ticket
    to: [support]
    text: Is it down?
    expects: {role: support, channel: chat, within: 5m}
  - id: chatter
    at: 2m
    type: social_post
    from: "@someone"
    to: [comms]
    text: Down again?
    repeat: {every: 3m, count: 4, until: {posted: social}}
  - id: truth
    at: 4m
    type: fact_update
    to: [ic]
    text: Now 3,100 customers.
    facts: {customers_affected: 3100}
  - id: anyone
    at: 5m
    type: chat
    from: Support lead
    text: Someone please post.
    expects: {channel: status_page, within: 10m, objective: first-public}
  - id: nudge
    at: 6m
    unless: {posted: status_page}
    type: chat
    to: [comms]
    text: Please post something.
  - id: prompt
    at: 8m
    type: note
    to: [facilitator]
    text: Did anyone post the numbers?
"""

ROLES = ("comms", "support", "ic")
NEVER_FOR_ROLES = {"facts_changed", "inject_skipped", "evaluator_noted"}
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(str.strip)

commands = st.one_of(
    st.builds(lambda by: Advance(by=by), st.integers(1, 400)),
    st.builds(Respond, st.sampled_from(ROLES), st.sampled_from(("status_page", "social", "chat")), TEXT),
    st.builds(Relay, st.sampled_from(ROLES), st.lists(st.sampled_from(ROLES), max_size=2).map(tuple), TEXT),
    st.builds(EvaluatorNote, st.just("Ana"), TEXT, st.sampled_from((None, "first-public", "numbers"))),
    st.builds(InjectAdHoc, st.just("chat"), TEXT,
              st.sampled_from(((), ("facilitator",), ("comms",), ("support", "ic")))),
    st.just(Pause()), st.just(Resume()),
)


def play(scenario, script, engine=None):
    """The drill ``script`` plays, as batches of events the way a server receives them."""
    engine = engine or start_drill(scenario, seed=7)
    batches = [list(engine.log)]
    for command in script:
        try:
            batches.append(engine.handle(command))
        except CommandRejected:
            pass
        if engine.ended:
            break
    return engine, batches


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(SCENARIO, "seats.yaml")


def response_roles(log):
    return {e.data["response_id"]: e.data["role"] for e in log if e.kind == "response_recorded"}


def check_role_view(role, log, seen):
    """Everything a role must never see, and everything it must."""
    seen_seqs = {event["seq"] for event in seen}
    owners = response_roles(log)
    ask_roles = {e.data["ask_id"]: e.data["roles"] for e in log if e.kind == "ask_opened"}
    for event in log:
        visible, data = event.seq in seen_seqs, event.data
        if event.kind in NEVER_FOR_ROLES:
            assert not visible, event
        elif event.kind == "inject_delivered":
            wanted = data["to"] != ["facilitator"] and (not data["to"] or role in data["to"]
                                                         or data["type"] == "social_post")
            assert visible == wanted, event
        elif event.kind == "response_graded":
            assert visible == (owners[data["response_id"]] == role), event
        elif event.kind == "relay_sent":
            assert visible == (data["role"] == role or not data["to"] or role in data["to"]), event
        elif event.kind.startswith("ask_"):
            roles = ask_roles[data["ask_id"]]
            assert visible == (not roles or role in roles), event
        elif event.kind.startswith("public_") or event.kind in ("response_recorded", "drill_started", "drill_ended",
                                                                "drill_paused", "drill_resumed",
                                                                "participants_assigned"):
            assert visible, event
    started = next(event for event in seen if event["kind"] == "drill_started")
    assert "seed" not in started["data"] and started["data"]["scenario_id"]


def filter_live(scenario, batches, viewers):
    """What each viewer is sent when every batch is filtered as it happens."""
    audience = AudienceFilter(scenario)
    sent = {viewer: [] for viewer in viewers}
    for batch in batches:
        for event in batch:
            audience.admit(event)
            for viewer in viewers:
                if audience.sees(viewer, event):
                    sent[viewer].append(audience.view(viewer, event))
    return sent


@settings(max_examples=40, deadline=None)
@given(script=st.lists(commands, max_size=25), after=st.integers(0, 60))
def test_each_viewer_sees_its_share_the_same_live_or_caught_up(scenario, script, after):
    engine, batches = play(scenario, [*script, Resume(), Advance(by=3000)])
    log = engine.log
    viewers = ("facilitator", OBSERVER, *ROLES)
    sent = filter_live(scenario, batches, viewers)

    assert [event["seq"] for event in sent["facilitator"]] == [event.seq for event in log]
    assert [e["seq"] for e in sent[OBSERVER]] == [
        e.seq for e in log if e.kind != "inject_skipped" and not (
            e.kind == "inject_delivered" and e.data["to"] == ["facilitator"])]
    for role in ROLES:
        check_role_view(role, log, sent[role])

    for viewer in viewers:
        # json round trip: plain JSON, nothing left to the encoder
        assert json.loads(json.dumps(sent[viewer])) == sent[viewer]
        # a seat joining late, or catching up after ``after``, is shown the same events
        caught_up = AudienceFilter(scenario).visible(viewer, log, after=after)
        assert caught_up == [event for event in sent[viewer] if event["seq"] > after]
        # seqs in the log's order, each once
        seqs = [event["seq"] for event in sent[viewer]]
        assert seqs == sorted(set(seqs))


def test_the_built_in_drills_keep_each_role_to_its_share():
    """Each built-in scenario played with its example responses, plus relays and notes at the end of the script."""
    kinds = set()
    for entry in builtin_files():
        scenario = load_builtin(entry.id)
        text, name = builtin_responses(scenario.id)
        log = simulate(scenario, load_responses(text, scenario, name), seed=1).log
        kinds |= {e.kind for e in log} | {"facilitator-only" for e in log
                                          if e.kind == "inject_delivered" and e.data["to"] == ["facilitator"]}
        for role in scenario.roles:
            check_role_view(role, log, AudienceFilter(scenario).visible(role, log))
        assert len(AudienceFilter(scenario).visible("facilitator", log)) == len(log)
    assert {"facts_changed", "response_graded", "facilitator-only", "inject_skipped"} <= kinds  # all were tried


def test_relays_notes_and_grades_on_a_real_drill(scenario):
    engine, _ = play(scenario, [
        Advance(to=60),
        Respond("support", "chat", "One customer says checkout fails."),
        Relay("support", ("comms",), "About 2,000 customers can't pay."),
        Relay("ic", (), "Phase: identified. Fix in about 30 minutes."),
        EvaluatorNote("Ana", "Support relayed numbers quickly.", "numbers"),
        Respond("comms", "status_page", "About 2,000 customers cannot pay. We have found the cause."),
        Advance(to=600),
    ])
    log = engine.log
    audience = AudienceFilter(scenario)
    audience.admit_all(log)
    kinds_for = {viewer: [e.kind for e in log if audience.sees(viewer, e)]
                 for viewer in ("facilitator", OBSERVER, *ROLES)}
    assert kinds_for["comms"].count("relay_sent") == 2
    assert kinds_for["support"].count("relay_sent") == 2  # its own and the one to everyone
    assert kinds_for["ic"].count("relay_sent") == 1
    assert kinds_for["comms"].count("response_graded") == 1 and kinds_for["support"].count("response_graded") == 1
    assert "response_graded" not in kinds_for["ic"]
    assert "evaluator_noted" in kinds_for[OBSERVER] and "facts_changed" in kinds_for[OBSERVER]
    assert "inject_skipped" in kinds_for["facilitator"] and "inject_skipped" not in kinds_for[OBSERVER]
    assert "ask_opened" in kinds_for["comms"]  # the ask any role may answer
    assert kinds_for["comms"].count("ask_opened") == 1 and kinds_for["ic"].count("ask_opened") == 2


def test_a_stored_grade_is_sent_as_plain_json(scenario):
    engine, _ = play(scenario, [Respond("comms", "chat", "Looking.")])
    graded = next(e for e in engine.log if e.kind == "response_graded")
    stored = Event(graded.seq, graded.at, graded.kind,
                   {"response_id": 1, "grade": DeferredJSON(json.dumps({"grade": graded.data["grade"]}), "grade")})
    audience = AudienceFilter(scenario)
    audience.admit_all(engine.log[:graded.seq - 1])
    view = audience.view("comms", stored)
    assert view["data"]["grade"] == graded.data["grade"]
    json.dumps(view)


def test_the_facilitator_and_observer_keep_the_seed_a_role_does_not(scenario):
    audience = AudienceFilter(scenario)
    started = start_drill(scenario, seed=7).log[0]
    assert audience.view("facilitator", started)["data"]["seed"] == 7
    assert audience.view(OBSERVER, started)["data"]["seed"] == 7
    assert "seed" not in audience.view("comms", started)["data"]
    assert "seed" in started.data  # the event itself is untouched


def test_unknown_viewers_and_kinds(scenario):
    audience = AudienceFilter(scenario)
    event = Event(5, 0, "something_new", {})
    assert audience.sees("facilitator", event) and audience.sees(OBSERVER, event)
    assert not audience.sees("comms", event)  # a new kind reaches roles only once let through on purpose
    with pytest.raises(ValueError, match="unknown viewer 'ghost'"):
        audience.sees("ghost", event)


def test_a_role_named_observer_is_refused():
    text = SCENARIO.replace("  ic: {name: Incident Commander}", "  observer: {name: Watcher}").replace("[ic]", "[comms]")
    text = text.replace("role: ic", "role: comms")
    with pytest.raises(ValueError, match="cannot be told apart"):
        AudienceFilter(load_scenario(text, "s.yaml"))
