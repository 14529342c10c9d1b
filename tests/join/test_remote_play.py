"""RemoteDrill and format 2: the seat's scenario learns each inject's options and questions as they
arrive, and the play keys become the protocol's frames, refused here when the seat may not."""

from __future__ import annotations

from pathlib import Path

import pytest

from drill.engine import Advance, Choose, CommandRejected, DrillEngine, NextMove, Release, Respond
from drill.engine.events import Event
from drill.join.remote import RemoteDrill
from drill.scenario import load_scenario
from drill.seats import protocol as wire
from drill.seats.audience import AudienceFilter
from drill.seats.views import scenario_view
from drill.tui.support.decisions import held_injects, pending_choices

SCENARIOS = Path(__file__).parent.parent / "scenarios"


def load(name: str):
    path = SCENARIOS / f"{name}.yaml"
    return load_scenario(path.read_text(), str(path))


def seat(kind: str, role: str | None, scenario) -> tuple[RemoteDrill, list]:
    sent: list = []
    welcome = wire.Welcome(v=wire.VERSION, drill="d1", seat=wire.SeatInfo(role or kind, kind, role, "Sam"),
                           scenario=scenario_view(scenario, role or kind), clock=0, speed=1.0, paused=False,
                           ended=False)
    return RemoteDrill(welcome, sent.append), sent


def fed(remote: RemoteDrill, engine: DrillEngine, viewer: str) -> None:
    remote.receive(wire.Events(events=AudienceFilter(engine.scenario).visible(viewer, engine.log, remote.state.seq)))


def test_a_role_learns_a_decision_and_its_questions_with_the_delivery_and_chooses_as_itself():
    scenario = load("branching")
    engine = DrillEngine.start(scenario)
    ic, sent = seat("role", "ic", scenario)
    fed(ic, engine, "ic")
    assert ic.scenario.injects == () and ic.choices_for_me() == []
    engine.handle(Advance(to=5 * 60))
    fed(ic, engine, "ic")
    triage = ic.scenario.inject("triage")
    assert [o.id for o in triage.options] == ["pay", "restore"] and triage.chooser == "ic"
    assert ic.scenario.question("triage.first").text == "What do you do first?"
    assert ic.scenario.question("triage.first").expect == ()  # the rubric stays with the facilitator
    assert triage.guide is None and triage.text == "EDR shows encryption on 40 hosts."
    assert [p.inject.id for p in ic.choices_for_me()] == ["triage"]
    assert set(ic.state.questions) == {"triage.first", "triage.feel"}
    ic.send(Choose("triage", "restore"))
    assert sent[-1] == wire.Choose(id=sent[-1].id, inject="triage", option="restore")  # the server adds the role
    with pytest.raises(CommandRejected, match="chooses as Incident commander only"):
        ic.send(Choose("triage", "pay", role="comms"))
    with pytest.raises(CommandRejected, match="facilitator"):
        ic.send(Release("leak"))
    with pytest.raises(CommandRejected, match="facilitator"):
        ic.next_move()

    engine.handle(Choose("triage", "restore", role="ic"))
    fed(ic, engine, "ic")
    assert ic.choices_for_me() == [] and ic.state.chosen == {("triage", 1): "restore"}


def test_another_role_sees_the_options_but_the_choice_is_not_its_own():
    scenario = load("branching")
    engine = DrillEngine.start(scenario)
    engine.handle(Advance(to=5 * 60))
    comms, sent = seat("role", "comms", scenario)
    fed(comms, engine, "comms")
    assert comms.scenario.inject("triage").options and comms.choices_for_me() == []
    assert pending_choices(comms.scenario, comms.state)  # shown in its feed, but not its to make
    with pytest.raises(CommandRejected, match="Incident commander's to make"):
        comms.send(Choose("triage", "pay"))
    assert sent == []


def test_the_facilitator_learns_its_queue_and_releases_chooses_and_moves():
    scenario = load("branching")
    engine = DrillEngine.start(scenario)
    facilitator, sent = seat("facilitator", None, scenario)
    fed(facilitator, engine, "facilitator")
    assert [h.inject.id for h in held_injects(facilitator.scenario, facilitator.state)] == ["leak"]
    engine.handle(Advance(to=31 * 60))
    fed(facilitator, engine, "facilitator")
    held = {h.inject.id: h.inject.text_for(h.occurrence) for h in held_injects(facilitator.scenario, facilitator.state)}
    assert held == {"leak": "Someone posts a screenshot of the ransom note.", "late-leak": "A second leak."}
    facilitator.send(Release("late-leak"))
    facilitator.send(Choose("triage", "pay", role="ic"))
    assert sent[-2:] == [wire.Release(id=sent[-2].id, inject="late-leak"),
                         wire.Choose(id=sent[-1].id, inject="triage", option="pay", role="ic")]
    with pytest.raises(CommandRejected, match="on a clock"):
        facilitator.next_move()
    engine.handle(Release("late-leak"))
    fed(facilitator, engine, "facilitator")
    assert [h.inject.id for h in held_injects(facilitator.scenario, facilitator.state)] == ["leak"]


def test_a_drill_of_moves_names_the_move_it_ends_and_its_clock_stands_still():
    scenario = load("moves")
    engine = DrillEngine.start(scenario)
    facilitator, sent = seat("facilitator", None, scenario)
    fed(facilitator, engine, "facilitator")
    assert facilitator.scenario.in_moves and facilitator.state.move == 1
    facilitator.tick(500)
    assert facilitator.clock == 0
    facilitator.send(NextMove())
    assert sent[-1] == wire.NextMove(id=sent[-1].id, move=1)
    engine.handle(NextMove())
    fed(facilitator, engine, "facilitator")
    assert facilitator.state.move == 2
    facilitator.next_move()
    assert sent[-1].move == 2


def test_a_malformed_play_is_a_notice_and_the_rest_goes_on():
    scenario = load("branching")
    engine = DrillEngine.start(scenario)
    engine.handle(Advance(to=5 * 60))
    engine.handle(Respond("ic", "bridge", "We isolate the hosts.", "triage.first"))
    ic, _ = seat("role", "ic", scenario)
    notices: list[str] = []
    ic.on_notice = notices.append
    events = AudienceFilter(scenario).visible("ic", engine.log)
    for event in events:
        if event["kind"] == "inject_delivered":
            event["data"]["play"] = {"options": "not a list"}
    ic.receive(wire.Events(events=events))
    assert notices and "inject_delivered" in notices[0]
    assert ic.scenario.injects == () and not ic.state.deliveries  # the unreadable delivery is left out
    assert set(ic.state.questions) == {"triage.first", "triage.feel"}  # the rest is folded
    assert ic.state.questions["triage.first"].status == "answered" and ic.state.responses
    assert ic.scenario.question("triage.first") is None and isinstance(ic.log[-1], Event)
