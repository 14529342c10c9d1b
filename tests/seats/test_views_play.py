"""What each seat is told of format 2's play: a delivery's options and questions as it arrives, the
facilitator's queue to the facilitator, never a held inject's text to a role before its release, and
the new events only to those who may see them."""

import json
from pathlib import Path

from drill.engine import Advance, Choose, DrillEngine, HotWashItem, NextMove, Release, Respond
from drill.join.seat_scenario import scenario_from_view
from drill.scenario import load_scenario
from drill.seats.audience import OBSERVER, AudienceFilter
from drill.seats.views import scenario_view

SCENARIOS = Path(__file__).parent.parent / "scenarios"
HELD_TEXTS = ("Someone posts a screenshot of the ransom note.", "A second leak.")


def load(name: str, edit=lambda text: text):
    path = SCENARIOS / f"{name}.yaml"
    return load_scenario(edit(path.read_text()), str(path))


def played(engine: DrillEngine, viewer: str) -> list[dict]:
    return AudienceFilter(engine.scenario).visible(viewer, engine.log)


def delivery(events: list[dict], inject_id: str) -> dict:
    return next(e for e in events if e["kind"] == "inject_delivered" and e["data"]["inject_id"] == inject_id)


def test_a_delivery_carries_its_options_and_questions_and_only_the_facilitator_gets_the_rubric():
    engine = DrillEngine.start(load("branching"))
    engine.handle(Advance(to=5 * 60))
    comms = delivery(played(engine, "comms"), "triage")["data"]["play"]
    assert comms["chooser"] == "ic"
    assert comms["options"] == [{"id": "pay", "text": "Pay the ransom"}, {"id": "restore", "text": "Restore from backups"}]
    assert [(q["id"], q["text"], q["role"]) for q in comms["questions"]] == [
        ("first", "What do you do first?", "ic"), ("feel", "Who do you call?", None)]
    assert all("expect" not in q for q in comms["questions"])
    assert all("expect" not in q for q in delivery(played(engine, OBSERVER), "triage")["data"]["play"]["questions"])
    facilitator = delivery(played(engine, "facilitator"), "triage")["data"]["play"]
    assert facilitator["questions"][0]["expect"] == ["isolate the affected hosts", "preserve the logs"]


def test_nothing_is_told_ahead_and_a_held_inject_reaches_a_role_only_as_its_delivery():
    scenario = load("branching")
    for role in scenario.roles:  # the welcome: no options, questions or held text of any inject
        text = json.dumps(scenario_view(scenario, role))
        assert "Pay the ransom" not in text and "What do you do first" not in text
        assert not any(held in text for held in HELD_TEXTS) and "queue" not in scenario_view(scenario, role)
    assert "queue" not in scenario_view(scenario, OBSERVER)
    queue = scenario_view(scenario, "facilitator")["queue"]
    assert [(item["id"], item["text"]) for item in queue] == [("leak", HELD_TEXTS[0])]  # held from the start

    engine = DrillEngine.start(scenario)
    engine.handle(Advance(to=31 * 60))  # late-leak fell due at 30m and waits
    for role in scenario.roles:
        shown = json.dumps(played(engine, role))
        assert "inject_held" not in shown and not any(held in shown for held in HELD_TEXTS)
    held = next(e for e in played(engine, "facilitator") if e["kind"] == "inject_held")
    assert (held["data"]["inject_id"], held["data"]["inject"]["type"], held["data"]["inject"]["text"]) == (
        "late-leak", "social_post", HELD_TEXTS[1])
    observed = next(e for e in played(engine, OBSERVER) if e["kind"] == "inject_held")
    assert "inject" not in observed["data"]

    engine.handle(Release("late-leak"))
    seen = played(engine, "comms")
    assert "inject_released" not in {e["kind"] for e in seen}
    assert delivery(seen, "late-leak")["data"]["text"] == HELD_TEXTS[1]
    assert "inject_released" in {e["kind"] for e in played(engine, OBSERVER)}


def test_choices_and_questions_reach_who_saw_the_inject_a_social_post_every_role():
    def edit(text):
        text = text.replace("  - id: triage\n", "  - id: triage\n    to: [ic]\n", 1)
        return text.replace("  - id: leak\n    release: manual\n",
                            "  - id: leak\n    at: 5m\n    to: [ic]\n    questions: [{id: seen, text: Did you see it?}]\n", 1)

    engine = DrillEngine.start(load("branching", edit))
    engine.handle(Advance(to=5 * 60))
    engine.handle(Respond("ic", "bridge", "We isolate the hosts.", "triage.first"))
    engine.handle(Choose("triage", "restore", role="ic"))
    about_triage = [e["kind"] for e in played(engine, "comms")
                    if "triage" in (e["data"].get("inject_id"), str(e["data"].get("question_id")).partition(".")[0])]
    assert about_triage == []  # triage went to the IC only: neither it nor its questions and choice reach comms
    assert {"question_opened", "question_answered", "option_chosen"} <= {e["kind"] for e in played(engine, "ic")}
    opened = [e["data"]["question_id"] for e in played(engine, "comms") if e["kind"] == "question_opened"]
    assert opened == ["leak.seen"]  # a social post (to the IC) is public: its question reaches comms too


def test_the_hot_wash_and_the_queue_stay_with_the_facilitator_and_observers():
    engine = DrillEngine.start(load("moves"))
    engine.handle(NextMove())
    engine.handle(NextMove())  # move 3: m3 is held
    engine.handle(HotWashItem("Comms waited for the IC too long.", priority="high"))
    for role in engine.scenario.roles:
        kinds = [e["kind"] for e in played(engine, role)]
        assert kinds.count("move_started") == 2
        assert "hot_wash_noted" not in kinds and "inject_held" not in kinds
    observed = {e["kind"] for e in played(engine, OBSERVER)}
    assert {"hot_wash_noted", "inject_held", "move_started"} <= observed


def test_a_seat_scenario_knows_the_mode_the_moves_and_the_facilitators_queue():
    seat = scenario_from_view(scenario_view(load("moves"), "ic"))
    assert seat.in_moves and seat.moves == 3 and seat.injects == ()
    facilitator = scenario_from_view(scenario_view(load("branching"), "facilitator"))
    assert not facilitator.in_moves and [(i.id, i.manual, i.text) for i in facilitator.injects] == [
        ("leak", True, HELD_TEXTS[0])]
