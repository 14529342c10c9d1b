"""The latency curve, per-ask grading and the team timing items."""

import pytest

from drill_builders import MIN, ROLES, ask, drill, fake_grade, response
from scoring.drill import score_drill
from scoring.speed import (
    acknowledge_item,
    cadence_item,
    coverage_item,
    grade_ask,
    is_stakeholder_ask,
    latency_score,
    proactivity_item,
)


def team_item(score, item_id):
    return next(item for item in score.team if item.id == item_id)


# ------------------------------------------------------------- the curve


@pytest.mark.parametrize(
    "latency, expected",
    [
        (0, 100.0),
        (300, 100.0),  # exactly the window
        (450, 75.0),  # 1.5x
        (600, 50.0),  # 2x
        (750, 25.0),  # 2.5x
        (900, 0.0),  # 3x
        (5000, 0.0),  # beyond
        (-30, 100.0),  # answered before it opened
    ],
)
def test_latency_curve_points(latency, expected):
    assert latency_score(latency, 300) == pytest.approx(expected)


def test_zero_window_means_immediately():
    assert latency_score(0, 0) == 100.0
    assert latency_score(1, 0) == 0.0


# ------------------------------------------------------------- per ask


def test_ask_answered_in_time():
    result = grade_ask(ask("a", 10, 5, 14), response(3, 14, ask="a"), None, 25)
    assert (result.status, result.score, result.latency_s) == ("answered", 100.0, 4 * MIN)
    assert "3x the target" in result.reason and "T+14:00" in result.reason


def test_ask_late_and_missed():
    late = grade_ask(ask("a", 10, 5, 20), None, None, 25)
    assert (late.status, late.score) == ("late", 50.0)
    missed = grade_ask(ask("a", 10, 5), None, None, 25)
    assert (missed.status, missed.score, missed.latency_s) == ("missed", 0.0, None)
    assert "never answered" in missed.reason


def test_answer_time_falls_back_to_the_answering_message():
    result = grade_ask(ask("a", 10, 5), response(1, 12, ask="a"), None, 25)
    assert result.status == "answered" and result.latency_s == 2 * MIN


def test_must_failure_costs_the_penalty_and_names_the_criterion():
    answer = response(1, 12, "we are on it [fail:impact] [pass:empathy]", ask="a")
    result = grade_ask(
        ask("a", 10, 5, 12, must=("impact", "empathy")), answer, fake_grade(answer.text, None_ctx()), 25
    )
    assert result.must_failed == ("impact",)
    assert result.score == 75.0 and result.speed_score == 100.0
    assert "must criterion 'impact' failed" in result.reason
    assert "[fail:impact]" in result.reason  # the text that decided it
    assert result.deductions[0].points == 25


def test_must_penalty_never_goes_below_zero():
    answer = response(1, 40, "[fail:impact] [fail:empathy]", ask="a")
    result = grade_ask(
        ask("a", 10, 5, 40, must=("impact", "empathy")), answer, fake_grade(answer.text, None_ctx()), 25
    )
    assert result.score == 0.0 and result.status == "late"


def test_unassessed_must_criterion_is_noted_not_penalised():
    answer = response(1, 12, "fine [q=90]", ask="a")
    result = grade_ask(ask("a", 10, 5, 12, must=("impact",)), answer, fake_grade(answer.text, None_ctx()), 25)
    assert result.score == 100.0 and result.must_failed == ()
    assert "not assessed" in result.reason


def test_wrong_role_is_noted_without_penalty():
    answer = response(1, 12, role="ic", ask="a")
    result = grade_ask(ask("a", 10, 5, 12, roles=("comms",)), answer, None, 25)
    assert result.score == 100.0 and "expected comms" in result.reason


def None_ctx():
    from scoring.types import MessageContext

    return MessageContext()


# ------------------------------------------------------------ acknowledge


def test_acknowledge_measured_from_the_first_ask():
    item = acknowledge_item([response(0, 9, channel="war_room")], 2 * MIN, 5 * MIN, 90 * MIN, 10)
    assert item.points == pytest.approx(10 * latency_score(7 * MIN, 5 * MIN) / 100, abs=0.05)
    assert item.evidence["response"] == 0 and item.evidence["minutes"] == 7.0


def test_no_acknowledgement_scores_zero_unless_the_drill_was_too_short():
    assert acknowledge_item([], 0, 5 * MIN, 90 * MIN, 10).points == 0
    assert acknowledge_item([], 0, 5 * MIN, 90 * MIN, 10).max == 10
    assert acknowledge_item([], 0, 5 * MIN, 3 * MIN, 10).max == 0


def test_first_public_update_counts_only_public_channels():
    score = score_drill(
        drill(
            [
                response(0, 1, channel="war_room"),
                response(1, 25, channel="status_page"),
            ],
            public_from=5 * MIN,
        ),
        fake_grade,
    )
    item = team_item(score, "first_public_update")
    assert item.evidence["response"] == 1 and item.evidence["minutes"] == 20.0
    # 20 min against 15: (45 - 20) / (45 - 15) of 20 points
    assert item.points == pytest.approx(20 * 25 / 30, abs=0.05)


# --------------------------------------------------------------- cadence


def test_cadence_lists_the_gaps_over_target():
    posts = [response(i, at) for i, at in enumerate([10, 30, 90, 100])]
    item = cadence_item(posts, True, 0, 110 * MIN, 120 * MIN, 30 * MIN, 20)
    over = item.evidence["over_target"]
    assert [(g["from"] / MIN, g["to"] / MIN) for g in over] == [(30, 90)]
    assert "T+30:00->T+1:30:00 (60.0 min)" in item.reason
    # gaps 20, 60, 10, 10 (to the resolution at 110): only the 60 min gap loses, scoring 50
    assert item.points == pytest.approx(20 * (20 + 60 * 0.5 + 10 + 10) / 100, abs=0.05)


def test_cadence_trailing_silence_until_drill_end_counts():
    posts = [response(0, 10)]
    item = cadence_item(posts, True, 0, None, 100 * MIN, 30 * MIN, 20)
    assert item.evidence["over_target"][0]["to_response"] is None
    assert "until the drill end" in item.reason
    assert item.points == 0.0  # a 90 minute silence is 3x the cadence


def test_cadence_all_within_target_is_full_marks():
    posts = [response(i, at) for i, at in enumerate([5, 30, 55, 80])]
    item = cadence_item(posts, True, 0, 90 * MIN, 120 * MIN, 30 * MIN, 20)
    assert item.points == 20 and item.evidence["over_target"] == []


def test_cadence_ignores_posts_after_resolution():
    posts = [response(0, 10), response(1, 35), response(2, 200)]
    item = cadence_item(posts, True, 0, 40 * MIN, 240 * MIN, 30 * MIN, 20)
    assert item.points == 20


def test_cadence_not_rated_without_public_channel():
    assert cadence_item([], False, 0, None, 100 * MIN, 30 * MIN, 20).max == 0


def test_cadence_with_no_public_posts_scores_zero():
    item = cadence_item([], True, 0, None, 100 * MIN, 30 * MIN, 20)
    assert item.points == 0 and item.max == 20


# ----------------------------------------------------------- proactivity


def test_proactive_before_the_press_call():
    item = proactivity_item(response(1, 10), 20 * MIN, None, 15)
    assert item.points == 15 and "10.0 min before the first press call" in item.reason


def test_reactive_after_the_press_call():
    item = proactivity_item(response(1, 25), 20 * MIN, None, 15)
    assert item.points == 0 and "came only after the first press call" in item.reason


def test_proactive_before_the_social_peak_even_after_a_press_call():
    item = proactivity_item(response(1, 25), 20 * MIN, 40 * MIN, 15)
    assert item.points == 15 and "social chatter peak" in item.reason


def test_proactivity_not_rated_without_references():
    assert proactivity_item(response(1, 25), None, None, 15).max == 0


def test_proactivity_without_any_public_statement():
    item = proactivity_item(None, 20 * MIN, None, 15)
    assert item.points == 0 and item.max == 15


# -------------------------------------------------------------- coverage


def test_stakeholder_asks_detected_by_type_or_role():
    assert is_stakeholder_ask(ask("a", 0, inject_type="exec_request"), ROLES)
    assert is_stakeholder_ask(ask("a", 0, roles=("legal",)), ROLES)
    assert is_stakeholder_ask(ask("a", 0, roles=("cs",)), {"cs": "Customer Support"})
    assert not is_stakeholder_ask(ask("a", 0, roles=("comms",), inject_type="press_call"), ROLES)


def test_coverage_counts_answered_stakeholder_asks():
    asks = [
        ask("exec1", 10, inject_type="exec_request", answered_min=30),  # late still covers
        ask("legal1", 20, roles=("legal",)),
        ask("press1", 20, roles=("comms",), inject_type="press_call"),
    ]
    results = [grade_ask(a, None, None, 25) for a in asks]
    item = coverage_item(asks, results, ROLES, 20)
    assert item.points == 10.0
    assert item.evidence == {"answered": ["exec1"], "missed": ["legal1"]}
    assert "unanswered: legal1" in item.reason


def test_coverage_not_rated_without_stakeholder_asks():
    assert coverage_item([], [], ROLES, 20).max == 0


def test_deductions_report_what_was_actually_taken():
    answer = response(1, 22, "[fail:impact] [fail:empathy]", ask="a")
    result = grade_ask(
        ask("a", 10, 5, 22, must=("impact", "empathy")), answer, fake_grade(answer.text, None_ctx()), 25
    )
    # 12 min on a 5 min window: 30 points, then -25 and -5 (floored at 0)
    assert result.speed_score == 30.0 and result.score == 0.0
    assert [d.points for d in result.deductions] == [25.0, 5.0]
    assert "-25:" in result.reason and "-5:" in result.reason
