"""A drill of moves is timed in moves: the minutes of its still inner clock never reach a grade or a reason."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from drill_builders import MIN, ask, drill, fake_grade, response
from scoring.drill import score_drill
from scoring.drill_types import DrillInput

MOVE = 60 * MIN  # each move is an hour of the drill's clock


def moves_drill(**kw):
    return drill(
        [
            response(0, 70, "on it [q=60]", channel="war_room", role="ic", ask="triage"),  # move 2, asked in move 2
            response(1, 130, "status [q=90]", ask="statement"),  # move 3, asked in move 1
            response(2, 150, "still on it [q=70]"),  # move 3
        ],
        [
            ask("triage", 60, 10, 70, 0, roles=("ic",)),
            ask("statement", 10, 10, 130, 1, roles=("comms",)),
            ask("legal", 125, 10, roles=("legal",)),
        ],
        duration_min=240,  # four moves
        move_seconds=MOVE,
        **kw,
    )


def test_an_ask_answered_in_its_own_move_is_on_time_and_one_move_later_is_late():
    score = score_drill(moves_drill(), grade=fake_grade)
    by_id = {result.inject_id: result for result in score.asks}
    assert (by_id["triage"].status, by_id["triage"].score) == ("answered", 100.0)  # 10 inner minutes: same move
    assert (by_id["statement"].status, by_id["statement"].score) == ("late", 0.0)  # two moves later
    assert "in move 3, 2 moves later than it was asked (move 1)" in by_id["statement"].reason
    assert by_id["legal"].reason == "missed: asked in move 3 and never answered: 0/100"
    assert [r.speed.score for r in score.responses if r.speed] == [100.0, 0.0]


def test_team_timing_counts_moves_and_never_minutes():
    score = score_drill(moves_drill(), grade=fake_grade)
    team = {item.id: item for item in score.team}
    assert team["first_public_update"].points == 0.0  # first post in move 3, two moves after move 1
    assert "in move 3, 2 moves later than the incident began (move 1)" in team["first_public_update"].reason
    assert team["cadence"].evidence["silent_moves"] == [4]  # move 3 had updates; move 4 none
    assert "no public update in move 4" in team["cadence"].reason
    assert team["acknowledge"].points == 5.0  # the first response came in move 2, a move after the first ask
    reasons = " ".join(item.reason for item in score.team) + " ".join(result.reason for result in score.asks)
    assert " min" not in reasons and "T+" not in reasons


def test_the_move_length_survives_the_json_round_trip():
    data = moves_drill().to_dict()
    assert DrillInput.from_dict(json.loads(json.dumps(data))) == moves_drill()
    assert "move_seconds" not in drill().to_dict()  # a clock drill's input is as it was


@given(st.floats(min_value=0, max_value=59.9), st.floats(min_value=0, max_value=59.9))
def test_where_inside_a_move_a_message_lands_never_changes_its_grade(first, second):
    """Inner minutes inside a move are an artefact: moving messages within their moves changes nothing."""
    def played(offset_a, offset_b):
        return score_drill(drill(
            [response(0, 60 + offset_a, "on it [q=60]", channel="war_room", role="ic", ask="triage"),
             response(1, 120 + offset_b, "status [q=90]", ask="statement")],
            [ask("triage", 60, 10, 60 + offset_a, 0, roles=("ic",)),
             ask("statement", 0, 10, 120 + offset_b, 1, roles=("comms",))],
            duration_min=180, move_seconds=MOVE), grade=fake_grade).score

    assert played(first, second) == played(0, 0)
