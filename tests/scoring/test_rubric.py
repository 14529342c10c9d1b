"""A discussion answer graded on its rubric: the points it covers, with the words that covered them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from scoring.rubric import grade_rubric, is_rubric_grade
from scoring.types import MessageGrade

POINTS = ["isolate the affected hosts", "preserve the logs for forensics", "tell the legal team"]


def test_a_paraphrase_that_covers_every_point_scores_full_marks():
    grade = grade_rubric("We disconnected the infected machines, kept all the logs as evidence, "
                         "and called our lawyers on the legal team.", POINTS)
    assert grade.score == 100.0 and all(criterion.passed for criterion in grade.criteria)
    assert "'disconnected'" in grade.criteria[0].reason


def test_points_not_covered_say_what_is_missing():
    grade = grade_rubric("We isolated the hosts.", POINTS)
    assert [criterion.passed for criterion in grade.criteria] == [True, False, False]
    assert 30 < grade.score < 35
    assert "does not cover 'tell the legal team'" in grade.criteria[2].reason


def test_a_negated_point_is_not_covered():
    grade = grade_rubric("We will not isolate the hosts, and we don't tell legal.", POINTS)
    assert not grade.criteria[0].passed and not grade.criteria[2].passed


def test_unrelated_answers_score_nothing():
    assert grade_rubric("Lunch is at noon in the big room.", POINTS).score == 0.0


def test_each_covered_point_points_at_its_words():
    text = "First we quarantine every affected server."
    criterion = grade_rubric(text, POINTS).criteria[0]
    assert criterion.passed and all(text[e.start:e.end] == e.text for e in criterion.evidence)


def test_a_rubric_grade_round_trips_and_is_told_apart():
    grade = grade_rubric("We isolated the hosts.", POINTS)
    again = MessageGrade.from_dict(grade.to_dict())
    assert again == grade and is_rubric_grade(again)


@given(st.text(max_size=2000), st.lists(st.text(max_size=200), max_size=8))
def test_any_text_and_points_grade_between_0_and_100(answer, points):
    grade = grade_rubric(answer, points)
    assert 0.0 <= grade.score <= 100.0 and len(grade.criteria) == len(points)
