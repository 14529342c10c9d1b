"""Totals, weights, roles, per-response results and the output shape."""

import json

import pytest

from drill_builders import MIN, ask, drill, fake_grade, response
from scoring.drill import DEFAULT_WEIGHTS, check_weights, score_drill
from scoring.drill_types import DrillInput, Targets


def sample(**kw):
    return drill(
        [
            response(0, 2, "on it [q=60]", channel="war_room", role="ic", ask="alert"),
            response(1, 10, "status [q=90] [promise:30]", ask="nudge"),
            response(2, 30, "brief [q=40] [fail:impact]", channel="war_room", role="exec", ask="exec"),
            response(3, 38, "update [q=80]"),
        ],
        [
            ask("alert", 0, 5, 2, 0, roles=("ic",)),
            ask("nudge", 5, 5, 10, 1, roles=("comms",), objective="first-public"),
            ask("exec", 20, 5, 30, 2, inject_type="exec_request", roles=("exec",), must=("impact",)),
            ask("legal", 25, 10, roles=("legal",)),
        ],
        duration_min=60,
        first_press_call_at=20 * MIN,
        objectives={"first-public": "Post fast"},
        **kw,
    )


def test_output_has_the_report_keys():
    out = score_drill(sample(), fake_grade).to_dict()
    assert {"score", "responses", "asks", "team", "roles", "objectives", "promises"} <= set(out)
    assert set(out["score"]) >= {"overall", "speed", "quality"}
    assert set(out["responses"][0]) >= {"index", "speed", "quality"}
    assert set(out["responses"][0]["quality"]) >= {"score", "criteria"}
    assert set(out["asks"][0]) >= {"inject_id", "status", "latency_s", "score", "reason", "must_failed"}
    assert set(out["team"][0]) >= {"id", "points", "max", "reason", "evidence"}
    assert set(out["roles"]["ic"]) >= {"overall", "speed", "quality"}
    assert set(out["objectives"][0]) >= {"id", "text", "rating", "reason", "evidence"}
    assert set(out["promises"][0]) >= {"response", "by", "kept", "next_post_at", "reason"}
    json.dumps(out)  # plain JSON all the way down


def test_per_ask_results():
    asks = {a.inject_id: a for a in score_drill(sample(), fake_grade).asks}
    assert (asks["alert"].status, asks["alert"].score) == ("answered", 100.0)
    assert (asks["nudge"].status, asks["nudge"].score) == ("answered", 100.0)
    # 10 min on a 5 min window is 50, minus 25 for the failed must criterion
    assert (asks["exec"].status, asks["exec"].score, asks["exec"].must_failed) == ("late", 25.0, ("impact",))
    assert (asks["legal"].status, asks["legal"].score) == ("missed", 0.0)


def test_per_response_speed_only_for_answers():
    responses = {r.index: r for r in score_drill(sample(), fake_grade).responses}
    assert responses[2].speed.latency_s == 10 * MIN and responses[2].speed.score == 50.0
    assert responses[3].speed is None
    assert responses[1].quality.score == 90.0 and responses[1].public


def test_quality_weights_public_messages_double():
    score = score_drill(sample(), fake_grade)
    # public 90, 80 (x2); internal 60, 40 (x1)
    assert score.score.quality == pytest.approx((2 * 90 + 2 * 80 + 60 + 40) / 6, abs=0.05)


def test_speed_mixes_asks_and_team_timing():
    score = score_drill(sample(), fake_grade)
    asks_mean = (100 + 100 + 25 + 0) / 4
    team = [t for t in score.team if t.max > 0]
    team_score = 100 * sum(t.points for t in team) / sum(t.max for t in team)
    assert score.score.speed == pytest.approx(0.5 * asks_mean + 0.5 * team_score, abs=0.06)
    assert score.score.overall == pytest.approx(0.4 * score.score.speed + 0.6 * score.score.quality, abs=0.06)
    assert "overall" in score.score.reason and "team timing" in score.score.reason


def test_team_items_in_report_order():
    ids = [t.id for t in score_drill(sample(), fake_grade).team]
    assert ids == ["acknowledge", "first_public_update", "cadence", "promises", "proactivity", "coverage", "liaison_sync"]


def test_weights_override():
    base = score_drill(sample(), fake_grade)
    speed_only = score_drill(sample(weights={"speed": 1, "quality": 0}), fake_grade)
    quality_only = score_drill(sample(weights={"speed": 0, "quality": 1}), fake_grade)
    assert speed_only.score.overall == base.score.speed
    assert quality_only.score.overall == base.score.quality
    harsher = score_drill(sample(weights={"must_penalty": 50}), fake_grade)
    assert next(a for a in harsher.asks if a.inject_id == "exec").score == 0.0
    assert harsher.weights["must_penalty"] == 50 and harsher.weights["speed"] == DEFAULT_WEIGHTS["speed"]


def test_team_item_weight_override_changes_its_maximum():
    score = score_drill(sample(weights={"coverage": 40}), fake_grade)
    assert next(t for t in score.team if t.id == "coverage").max == 40


def test_invalid_weights():
    assert check_weights({"speed": 1}) == []
    assert check_weights(None) == []
    assert any("unknown" in p for p in check_weights({"sped": 1}))
    assert any("not negative" in p for p in check_weights({"speed": -1}))
    assert any("number" in p for p in check_weights({"speed": "high"}))
    assert check_weights({"speed": 0, "quality": 0})
    with pytest.raises(ValueError, match="sped"):
        score_drill(sample(weights={"sped": 1}), fake_grade)


def test_roles():
    roles = score_drill(sample(), fake_grade).roles
    assert roles["ic"].speed == 100.0 and roles["ic"].quality == 60.0
    assert roles["exec"].speed == 25.0 and roles["exec"].quality == 40.0
    assert roles["legal"].speed == 0.0 and roles["legal"].quality is None  # missed ask, no messages
    assert roles["legal"].overall == 0.0
    assert roles["support"].overall is None
    assert roles["comms"].overall == pytest.approx(0.4 * 100 + 0.6 * 85, abs=0.05)


def test_targets_override():
    strict = score_drill(sample(targets=Targets(first_public_update=5 * MIN)), fake_grade)
    item = next(t for t in strict.team if t.id == "first_public_update")
    assert item.points == 10.0  # 10 min against 5: half marks
    assert Targets.from_mapping({"acknowledge": 120}).first_public_update == 15 * MIN
    with pytest.raises(ValueError):
        Targets.from_mapping({"ack": 1})


def test_grader_sees_the_message_context():
    seen = []

    def grade(text, context):
        seen.append(context)
        return fake_grade(text, context)

    score_drill(sample(org={"name": "Acme"}), grade)
    last = seen[-1]
    assert last.at == 38 * MIN and last.role == "comms" and last.org == {"name": "Acme"}
    assert last.channel.id == "status_page" and last.channel.is_public
    assert [p.text for p in last.earlier] == [r.text for r in sample().responses[:3]]


def test_unknown_channel_is_internal():
    score = score_drill(drill([response(0, 1, channel="mystery")]), fake_grade)
    assert score.responses[0].public is False
    assert next(t for t in score.team if t.id == "first_public_update").points == 0


def test_empty_drill():
    score = score_drill(drill([], []), fake_grade)
    assert score.score.overall == 0 and score.score.quality == 0
    assert "no messages" in score.score.reason


def test_input_round_trips_through_json():
    original = sample(resolved_at=50 * MIN, weights={"speed": 0.5})
    again = DrillInput.from_dict(json.loads(json.dumps(original.to_dict())))
    assert score_drill(again, fake_grade).to_dict() == score_drill(original, fake_grade).to_dict()


def test_response_order_does_not_matter():
    original = sample()
    shuffled = DrillInput(**{**original.__dict__, "responses": tuple(reversed(original.responses))})
    assert score_drill(shuffled, fake_grade).to_dict() == score_drill(original, fake_grade).to_dict()


# ------------------------------------------------------ good and poor teams


def teams(good_texts, poor_texts):
    """The same drill played by a quick, reliable team and a slow, silent one."""

    def asks(answered_min):
        specs = [
            ("alert", 0, 5, dict(roles=("ic",))),
            ("ticket", 6, 10, dict(roles=("support",), objective="support")),
            ("press", 18, 5, dict(inject_type="press_call", roles=("comms",), objective="press",
                                  must=("no_speculation", "no_blame"))),
            ("exec", 22, 10, dict(inject_type="exec_request", roles=("exec",), objective="leaders",
                                  must=("impact",))),
        ]
        return [
            ask(inject_id, opened, within, at, None if at is None else index, **kw)
            for index, ((inject_id, opened, within, kw), at) in enumerate(zip(specs, answered_min))
        ]

    common = dict(
        duration_min=75,
        resolved_at=62 * MIN,
        first_press_call_at=18 * MIN,
        social_peak_at=25 * MIN,
        objectives={"first-public": "Post fast", "keep-cadence": "Every 30 min", "support": "", "press": "", "leaders": ""},
    )
    good = drill(
        [
            response(0, 2, good_texts[0], channel="war_room", role="ic", ask="alert"),
            response(1, 9, good_texts[1], channel="social", role="support", ask="ticket"),
            response(2, 21, good_texts[2], channel="press", role="comms", ask="press"),
            response(3, 26, good_texts[3], channel="war_room", role="exec", ask="exec"),
            response(4, 8, good_texts[4], channel="status_page"),
            response(5, 35, good_texts[5], channel="status_page"),
            response(6, 63, good_texts[6], channel="status_page"),
        ],
        asks([2, 9, 21, 26]),
        **common,
    )
    poor = drill(
        [
            response(0, 14, poor_texts[0], channel="war_room", role="ic", ask="alert"),
            response(2, 40, poor_texts[2], channel="press", role="comms", ask="press"),
            response(4, 44, poor_texts[4], channel="status_page"),
        ],
        asks([14, None, 40, None]),
        **common,
    )
    return good, poor


def test_good_team_beats_poor_team_by_a_wide_margin():
    good, poor = teams(
        [
            "[q=85]", "[q=90]", "[q=88] [pass:no_speculation] [pass:no_blame]", "[q=80] [pass:impact]",
            "[q=92] [promise:30]", "[q=90] [promise:30]", "[q=95]",
        ],
        ["[q=30]", None, "[q=20] [fail:no_speculation] [fail:no_blame]", None, "[q=25] [promise:15]", None, None],
    )
    g, p = score_drill(good, fake_grade), score_drill(poor, fake_grade)
    assert g.score.overall - p.score.overall >= 40
    assert g.score.speed - p.score.speed >= 40
    assert g.score.quality - p.score.quality >= 40
    assert {o.rating for o in g.objectives} == {"P"}
    assert {o.id: o.rating for o in p.objectives}["leaders"] == "U"
