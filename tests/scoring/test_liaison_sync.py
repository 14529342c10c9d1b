"""Liaison sync: Comms earns the item by stating in public only what Liaison or Support told it first."""

import json

import pytest

from drill_builders import MIN, drill, fake_grade, response
from scoring.drill import score_drill
from scoring.drill_types import DrillInput, RelayRecord

FACTS_TEXT = "About 3,100 customers cannot pay. We have identified the cause and expect a fix in about 30 minutes."


def relay(index, at_min, text, role="liaison", to=("comms",), after_response=0):
    return RelayRecord(index=index, role=role, to=tuple(to), at=at_min * MIN, text=text, after_response=after_response)


def liaison(drill_input):
    item = next(item for item in score_drill(drill_input, fake_grade).team if item.id == "liaison_sync")
    return item


def test_comms_that_hears_every_fact_first_earns_every_point_and_each_point_is_explained():
    item = liaison(drill(
        responses=[response(1, 12, FACTS_TEXT)],
        relays=[relay(1, 9, "Liaison here: about 3,100 customers affected, cause identified, fix in about 30 minutes.")],
    ))
    assert (item.points, item.max) == (15.0, 15.0)
    assert item.reason.startswith("3 of 3 facts Comms stated in public came from Liaison or Support first")
    facts = item.evidence["facts"]
    assert [fact["fact"] for fact in facts] == ["customers", "eta", "progress"]
    for fact in facts:
        assert fact["points"] == 5.0 and fact["learned"]["kind"] == "relay" and fact["learned"]["id"] == 1
        assert fact["posted"]["at"] == 12 * MIN and fact["posted"]["text"] == FACTS_TEXT
        assert "T+12:00" in fact["reason"] and "T+09:00" in fact["reason"] and "3.0 min after" in fact["reason"]
    assert '"About 3,100 customers"' in facts[0]["reason"] and "Customer Liaison (relay #1)" in facts[0]["reason"]
    json.dumps(item.to_dict())


def test_comms_that_posts_before_hearing_loses_the_points_and_is_told_when_it_did_hear():
    item = liaison(drill(
        responses=[response(1, 5, FACTS_TEXT)],
        relays=[relay(1, 9, "About 3,100 customers affected.", after_response=1)],
    ))
    assert (item.points, item.max) == (0.0, 15.0)
    customers = item.evidence["facts"][0]
    assert customers["learned"] is None and customers["points"] == 0
    assert "before Liaison or Support had told Comms" in customers["reason"]
    assert "Customer Liaison (relay #1) said it at T+09:00, 4.0 min later" in customers["reason"]


def test_some_facts_heard_first_some_not():
    item = liaison(drill(
        responses=[response(1, 4, "Support: roughly 40% of merchants report failed payments.", "war_room", "support"),
                   response(2, 10, "About 40% of merchants cannot take card payments. A fix is expected by 11:45.")],
        relays=[relay(1, 2, "Heads up from liaison", to=())],
    ))
    by_fact = {fact["fact"]: fact for fact in item.evidence["facts"]}
    assert set(by_fact) == {"customers", "eta", "progress"}  # a fix expected: the cause is known
    assert by_fact["customers"]["learned"] == {"kind": "response", "id": 1, "role": "support", "at": 4 * MIN,
                                               "text": "Support: roughly 40% of merchants report failed payments.",
                                               "stated": "roughly 40"}
    assert by_fact["eta"]["learned"] is None and by_fact["progress"]["learned"] is None
    assert (item.points, item.max) == (5.0, 15.0)
    assert item.reason.startswith("1 of 3 facts")


@pytest.mark.parametrize("told", [
    relay(1, 2, "About 3,100 customers affected.", to=("ic",)),  # not addressed to Comms
    relay(1, 2, "About 3,100 customers affected.", role="legal"),  # not the Liaison or Support
    relay(1, 5, "About 3,100 customers affected.", after_response=1),  # same second, but after the post
])
def test_only_liaison_or_support_telling_comms_before_the_post_counts(told):
    item = liaison(drill(responses=[response(1, 5, "About 3,100 customers cannot pay.")], relays=[told]))
    assert (item.points, item.max) == (0.0, 15.0)


def test_investigating_and_public_words_by_others_are_not_facts_comms_passed_on():
    item = liaison(drill(
        responses=[response(1, 3, "We are investigating failed payments."),
                   response(2, 4, "About 3,100 customers cannot pay.", role="support")],  # public, by Support
        relays=[relay(1, 1, "We are investigating.")],
    ))
    assert item.max == 0 and item.reason.startswith("not assessed: Comms stated no count")


def test_a_drill_without_relays_is_not_assessed_and_weighs_nothing():
    plain = drill(responses=[response(1, 5, FACTS_TEXT)])
    item = liaison(plain)
    assert (item.points, item.max, item.evidence) == (0.0, 0.0, {})
    assert item.reason == ("not assessed: the drill had no relays between roles (one seat played every role); "
                           "no points either way")
    with_it, without = score_drill(plain, fake_grade), score_drill(
        DrillInput(**{**plain.__dict__, "weights": {"liaison_sync": 0}}), fake_grade)
    assert with_it.score == without.score


def test_relays_survive_the_json_round_trip():
    original = drill(responses=[response(1, 12, FACTS_TEXT)], relays=(relay(1, 9, "3,100 customers"),))
    again = DrillInput.from_dict(json.loads(json.dumps(original.to_dict())))
    assert again.relays == original.relays
    assert liaison(again) == liaison(original)
