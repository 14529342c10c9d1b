"""HSEEP ratings: thresholds from linked asks, and from team timing."""

import pytest

from drill_builders import ask, drill, fake_grade, response
from scoring.drill import score_drill
from scoring.drill_types import AskResult, TimingItem
from scoring.objectives import NOT_RATED, rate_from_asks, rate_from_timing, rate_objectives


def result(status, score, must_failed=(), objective="o"):
    latency = None if status == "missed" else 60.0
    return AskResult("a", status, latency, score, "", tuple(must_failed), objective=objective)


@pytest.mark.parametrize(
    "results, rating",
    [
        ([result("answered", 100), result("answered", 100)], "P"),
        ([result("answered", 100), result("late", 75)], "S"),  # late, mean 87.5
        ([result("answered", 75, ["impact"])], "S"),  # on time, one must failed
        ([result("late", 60)], "S"),  # exactly the threshold
        ([result("late", 59.9)], "M"),
        ([result("answered", 50, ["impact", "empathy"])], "M"),
        ([result("answered", 100), result("missed", 0)], "M"),  # a miss is never S
        ([result("late", 0)], "M"),  # performed, however late
        ([result("missed", 0), result("missed", 0)], "U"),
    ],
)
def test_ask_thresholds(results, rating):
    got, reason = rate_from_asks(results)
    assert got == rating
    assert "linked ask" in reason


@pytest.mark.parametrize(
    "points, max_points, rating",
    [(20, 20, "P"), (12, 20, "S"), (11.9, 20, "M"), (0.1, 20, "M"), (0, 20, "U"), (0, 0, NOT_RATED)],
)
def test_timing_thresholds(points, max_points, rating):
    assert rate_from_timing(TimingItem("cadence", points, max_points, "why"))[0] == rating


def test_objective_named_after_a_timing_target_uses_that_item():
    team = [TimingItem("first_public_update", 20, 20, "posted at T+08:00", {"response": 1})]
    (rating,) = rate_objectives({"first-public": "Post within 15 minutes"}, [], team)
    assert rating.rating == "P"
    assert "first public update" in rating.reason and "T+08:00" in rating.reason
    assert rating.evidence[0]["timing"] == "first_public_update"
    assert rating.evidence[0]["response"] == 1


def test_objective_with_neither_is_not_rated():
    (rating,) = rate_objectives({"morale": "Keep spirits up"}, [], [])
    assert rating.rating == NOT_RATED and rating.reason


def test_linked_asks_and_timing_take_the_worse():
    team = [TimingItem("cadence", 10, 20, "one long gap")]
    (rating,) = rate_objectives({"keep-cadence": "Update every 30 min"}, [result("answered", 100, objective="keep-cadence")], team)
    assert rating.rating == "M"  # asks P, cadence 50% M
    assert "worse" in rating.reason and len(rating.evidence) == 2


def test_undeclared_objective_named_by_an_ask_is_still_rated():
    (rating,) = rate_objectives({}, [result("missed", 0, objective="ghost")], [])
    assert rating.rating == "U" and "not declared" in rating.reason


def test_objectives_end_to_end():
    score = score_drill(
        drill(
            [
                response(0, 3, channel="war_room", role="ic", ask="alert"),
                response(1, 9, "posted [pass:impact]", ask="nudge"),
                response(2, 40, "brief [fail:impact]", channel="war_room", role="exec", ask="exec"),
            ],
            [
                ask("alert", 0, 5, 3, 0, roles=("ic",)),
                ask("nudge", 5, 5, 9, 1, objective="first-public", must=("impact",)),
                ask("exec", 22, 10, 40, 2, inject_type="exec_request", objective="leaders", must=("impact",)),
                ask("legal", 25, 15, objective="leaders", roles=("legal",)),
            ],
            objectives={"first-public": "Post fast", "leaders": "Brief leadership", "calm": "Stay calm"},
        ),
        fake_grade,
    )
    ratings = {o.id: o.rating for o in score.objectives}
    assert ratings == {"first-public": "P", "leaders": "M", "calm": NOT_RATED}
    leaders = next(o for o in score.objectives if o.id == "leaders")
    assert {e["inject_id"] for e in leaders.evidence} == {"exec", "legal"}
    assert leaders.to_dict()["text"] == "Brief leadership"
