"""Liaison sync on real drills: the log's relays reach the score, in the order they were sent."""

from drill.engine import Advance, Relay, Respond
from drill.grading import grade_drill
from drill.library import load_builtin
from drill.wiring import start_drill

POST = "About 3,100 merchants cannot take card payments. We have identified the cause; a fix is expected in about 40 minutes."
RELAY = "Liaison: about 3,100 merchants affected. Cause identified, fix in about 40 minutes."


def liaison_sync(commands):
    scenario = load_builtin("checkout-outage")
    engine = start_drill(scenario, seed=1)
    for command in commands:
        engine.handle(command)
    if not engine.ended:
        engine.handle(Advance(to=scenario.duration))
    return next(item for item in grade_drill(scenario, engine.log)["team"] if item["id"] == "liaison_sync")


def test_comms_that_waits_for_the_liaison_scores_and_one_that_does_not_loses_points():
    heard = liaison_sync([Advance(to=300), Relay("liaison", ("comms",), RELAY), Advance(to=360),
                          Respond("comms", "status_page", POST)])
    rushed = liaison_sync([Advance(to=300), Respond("comms", "status_page", POST), Relay("liaison", (), RELAY)])
    assert heard["max"] == rushed["max"] == 15
    assert heard["points"] == 15 and rushed["points"] == 0
    assert all(fact["learned"]["kind"] == "relay" for fact in heard["evidence"]["facts"])
    assert all("before Liaison or Support had told Comms" in fact["reason"] for fact in rushed["evidence"]["facts"])


def test_a_drill_without_relays_is_not_assessed():
    item = liaison_sync([Advance(to=300), Respond("comms", "status_page", POST)])
    assert item["max"] == 0 and item["reason"].startswith("not assessed")
