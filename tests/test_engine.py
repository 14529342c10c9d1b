"""The bare engine, without the reacting public (tested in test_world.py)."""

import json

import pytest

from drill.engine import (Advance, CommandRejected, DrillEngine, End, InjectAdHoc, Pause, Respond, Resume,
                          events_from_jsonl, events_to_jsonl)
from drill.scenario import load_scenario
from drill.wiring import start_drill
from scenario_text import MINIMAL


@pytest.fixture
def scenario():
    return load_scenario(MINIMAL, "s.yaml")


def kinds(events):
    return [event.kind for event in events]


def delivered(engine):
    return [(e.at, e.data["inject_id"], e.data["occurrence"]) for e in engine.log if e.kind == "inject_delivered"]


def test_starts_with_drill_started_and_delivers_on_time(scenario):
    engine = DrillEngine.start(scenario, seed=1, plugins=())
    assert kinds(engine.log) == ["drill_started"]
    events = engine.handle(Advance(to=60))
    assert kinds(events) == ["inject_delivered", "ask_opened", "inject_delivered"]
    assert delivered(engine) == [(0, "alert-1", 1), (60, "chatter", 1)]
    assert engine.clock == 60


def test_answer_closes_the_ask_with_its_latency(scenario):
    engine = DrillEngine.start(scenario, seed=1, plugins=())
    engine.handle(Advance(to=240))
    events = engine.handle(Respond("comms", "status_page", "We are investigating errors.", reply_to="alert-1"))
    assert kinds(events) == ["response_recorded", "ask_answered"]
    assert events[1].data == {"ask_id": "alert-1", "response_id": 1, "latency": 240, "late": False}


def test_an_answer_without_reply_to_closes_the_earliest_ask_it_can_satisfy(scenario):
    engine = DrillEngine.start(scenario, seed=1, plugins=())
    engine.handle(Advance(to=150))
    events = engine.handle(Respond("support", "chat", "On it."))
    assert events[0].data["answers"] == "ticket-1"
    # wrong role for the remaining ask: recorded, answers nothing
    events = engine.handle(Respond("support", "status_page", "Hello"))
    assert events[0].data["answers"] is None


def test_late_and_missed_asks(scenario):
    engine = DrillEngine.start(scenario, seed=1, plugins=())
    engine.handle(Advance(to=301))
    assert "ask_overdue" in kinds(engine.log)
    events = engine.handle(Respond("comms", "status_page", "Investigating."))
    assert events[1].data["late"] is True
    events = engine.handle(Advance(to=scenario.duration))
    assert [e.data["ask_id"] for e in events if e.kind == "ask_missed"] == ["ticket-1"]
    assert events[-1].kind == "drill_ended" and events[-1].data == {"reason": "time"}


def test_answer_exactly_at_the_deadline_is_on_time(scenario):
    engine = DrillEngine.start(scenario, seed=1, plugins=())
    engine.handle(Advance(to=300))
    events = engine.handle(Respond("comms", "status_page", "Investigating."))
    assert events[1].data["late"] is False


def test_repeat_stops_and_unless_skips_once_the_team_posts(scenario):
    engine = DrillEngine.start(scenario, seed=1, plugins=())
    engine.handle(Advance(to=150))
    engine.handle(Respond("comms", "status_page", "We are investigating."))
    engine.handle(Advance(to=600))
    chatter = [d for d in delivered(engine) if d[1] == "chatter"]
    assert chatter == [(60, "chatter", 1), (120, "chatter", 2)]
    skipped = {(e.data["inject_id"], e.data["occurrence"]): e.data["reason"] for e in engine.log if e.kind == "inject_skipped"}
    assert skipped[("chatter", 3)] == "stopped once the team posted on status_page"
    assert skipped[("nudge", 1)] == "the team had already posted on status_page"
    assert (270, "thanks", 1) in delivered(engine)  # after: posted + 2m


def test_silent_team_gets_the_nudge_and_every_chatter(scenario):
    engine = DrillEngine.start(scenario, seed=1, plugins=())
    engine.handle(Advance(to=scenario.duration))
    ids = [d[1] for d in delivered(engine)]
    assert ids.count("chatter") == 5
    assert "nudge" in ids and "thanks" not in ids


def test_fact_updates_render_and_change_facts(scenario):
    engine = DrillEngine.start(scenario, seed=1, plugins=())
    engine.handle(Advance(to=300))
    follow = next(e for e in engine.log if e.kind == "inject_delivered" and e.data["inject_id"] == "follow")
    assert follow.at == 300 and follow.data["text"] == "Now 1,200 customers."
    assert engine.state.facts["customers"] == 1200


def test_paused_drill_refuses_to_advance(scenario):
    engine = DrillEngine.start(scenario, seed=1, plugins=())
    assert kinds(engine.handle(Pause())) == ["drill_paused"]
    assert engine.handle(Pause()) == []
    with pytest.raises(CommandRejected, match="paused"):
        engine.handle(Advance(by=10))
    engine.handle(Respond("comms", "chat", "Writing while paused is fine."))
    assert kinds(engine.handle(Resume())) == ["drill_resumed"]
    engine.handle(Advance(by=10))
    assert engine.clock == 10


@pytest.mark.parametrize("command, message", [
    (Respond("ceo", "chat", "hi"), "unknown role 'ceo'"),
    (Respond("comms", "fax", "hi"), "unknown channel 'fax'"),
    (Respond("comms", "chat", "   "), "empty"),
    (Respond("comms", "chat", "hi", reply_to="nope"), "names nothing delivered"),
    (Advance(), "exactly one"),
    (InjectAdHoc("telegram", "hi"), "unknown inject type"),
])
def test_bad_commands_are_rejected_clearly(scenario, command, message):
    engine = DrillEngine.start(scenario, seed=1, plugins=())
    with pytest.raises(CommandRejected, match=message):
        engine.handle(command)


def test_cannot_go_back_in_time_or_act_after_the_end(scenario):
    engine = DrillEngine.start(scenario, seed=1, plugins=())
    engine.handle(Advance(to=100))
    with pytest.raises(CommandRejected, match="back in time"):
        engine.handle(Advance(to=50))
    engine.handle(End())
    assert engine.ended
    with pytest.raises(CommandRejected, match="ended"):
        engine.handle(Respond("comms", "chat", "hi"))


def test_adhoc_inject_with_an_ask(scenario):
    engine = DrillEngine.start(scenario, seed=1, plugins=())
    engine.handle(Advance(to=120))
    events = engine.handle(InjectAdHoc("press_call", "Reporter on line 2", to=("comms",), expects_role="comms", within=120))
    assert kinds(events) == ["inject_delivered", "ask_opened"]
    assert events[0].data["inject_id"] == "adhoc-1" and events[0].data["adhoc"] is True
    engine.handle(Advance(to=scenario.duration))
    assert engine.state.asks["adhoc-1"].status == "missed"


def test_advance_past_the_end_stops_at_the_end(scenario):
    engine = DrillEngine.start(scenario, seed=1, plugins=())
    engine.handle(Advance(by=10_000))
    assert engine.clock == scenario.duration and engine.ended


def test_events_are_json_and_round_trip(scenario):
    engine = DrillEngine.start(scenario, seed=1, plugins=())
    engine.handle(Advance(to=200))
    engine.handle(Respond("comms", "status_page", "Ünïcode ✓ <b>"))
    engine.handle(Advance(to=scenario.duration))
    text = events_to_jsonl(engine.log)
    assert events_from_jsonl(text) == engine.log
    for line in text.splitlines():
        json.loads(line)


def test_rebuilt_drill_continues_exactly_like_the_original(scenario):
    original = DrillEngine.start(scenario, seed=3, plugins=())
    original.handle(Advance(to=90))
    rebuilt = DrillEngine.from_events(scenario, original.log, plugins=(), clock=original.clock)
    for engine in (original, rebuilt):
        engine.handle(Respond("comms", "status_page", "Investigating."))
        engine.handle(Advance(to=scenario.duration))
    assert events_to_jsonl(rebuilt.log) == events_to_jsonl(original.log)


def test_placeholders_are_stable_per_inject():
    text = MINIMAL.replace("from: A customer", "from: \"{fake.name}\"")
    first = load_scenario(text, "s.yaml")
    edited = load_scenario(text.replace("text: Errors are up.", "text: Errors are way up."), "s.yaml")

    def sender(scenario, seed):
        engine = DrillEngine.start(scenario, seed=seed, plugins=())
        engine.handle(Advance(to=200))
        return next(e.data["from"] for e in engine.log if e.data.get("inject_id") == "ticket-1")

    assert sender(first, 5) == sender(edited, 5)  # editing one inject never changes another's text
    assert sender(first, 5) != sender(first, 6)


def test_org_and_persona_values_are_drawn_once_whatever_the_order():
    from drill.scenario.templates import Renderer

    org = {"name": "Acme", "support": "help@{org.name}.example"}
    personas = {"ceo": {"name": "{fake.name}", "signature": "{persona.ceo.name}, CEO of {org.name}",
                        "loop": "{persona.ceo.loop}!"}}
    eager = Renderer(7, org, personas)
    eager_personas = eager.personas
    lazy = Renderer(7, org, personas)
    assert lazy.render("{persona.ceo.signature}", ("x",), {}) == eager_personas["ceo"]["signature"]
    assert lazy.personas == eager_personas
    assert eager_personas["ceo"]["signature"] == f"{eager_personas['ceo']['name']}, CEO of Acme"
    assert eager_personas["ceo"]["loop"] == "{persona.ceo.loop}!"  # a value naming itself stays as written
    assert eager.org["support"] == "help@Acme.example"


def test_a_summary_of_fixed_values_needs_no_faker(monkeypatch):
    """The briefing renders the summary before the drill starts, without waiting for Faker."""
    from drill.scenario import templates

    def refuse():
        raise AssertionError("Faker was loaded")

    monkeypatch.setattr(templates, "shared_faker", refuse)
    scenario = load_scenario(MINIMAL.replace("title: Tiny drill", "title: Tiny drill\norg: {name: Acme}\n"
                                             "personas: {ceo: {name: '{fake.name}'}}\nsummary: '{org.name} is down.'"),
                             "s.yaml")
    assert templates.Renderer(1, scenario.org, scenario.personas).summary(scenario) == "Acme is down."


def test_next_due_can_ask_for_injects_only(scenario):
    engine = start_drill(scenario, seed=1)  # with the public, which ticks every minute
    engine.handle(Advance(to=361))
    assert engine.next_due() == 420  # the public's next tick
    assert engine.next_due("inject") is None
    engine.handle(Respond("comms", "status_page", "We are investigating."))
    assert engine.next_due("inject") == 361 + 120  # "thanks", two minutes after the first post
    assert engine.next_due("nothing") is None
