"""Promised updates: kept, broken, grace and open."""

from drill_builders import MIN, drill, fake_grade, response
from scoring.drill import score_drill


def promises_of(responses, duration_min=120):
    return score_drill(drill(responses, duration_min=duration_min), fake_grade)


def test_kept_when_the_next_post_lands_in_time():
    score = promises_of([response(0, 10, "[promise:30]"), response(1, 38)])
    (promise,) = score.promises
    assert promise.kept is True and promise.by == 40 * MIN and promise.next_post_at == 38 * MIN
    assert promise.reason.startswith("kept:")


def test_kept_within_the_two_minute_grace():
    (promise,) = promises_of([response(0, 10, "[promise:30]"), response(1, 42)]).promises
    assert promise.kept is True


def test_broken_just_past_the_grace():
    score = promises_of([response(0, 10, "[promise:30]"), response(1, 42.5)])
    (promise,) = score.promises
    assert promise.kept is False and "2.5 min late" in promise.reason
    item = next(i for i in score.team if i.id == "promises")
    assert item.points == 0 and item.max > 0 and "[promise:30]" in item.reason


def test_only_the_same_channel_counts():
    score = promises_of(
        [response(0, 10, "[promise:30]"), response(1, 20, channel="social"), response(2, 60)]
    )
    (promise,) = score.promises
    assert promise.kept is False and promise.next_post_at == 60 * MIN


def test_broken_when_nothing_follows_before_the_end():
    (promise,) = promises_of([response(0, 10, "[promise:30]")], duration_min=90).promises
    assert promise.kept is False and promise.next_post_at is None
    assert "before the drill ended" in promise.reason


def test_open_when_due_after_the_end():
    score = promises_of([response(0, 80, "[promise:30]")], duration_min=90)
    (promise,) = score.promises
    assert promise.kept is None and promise.reason.startswith("open:")
    item = next(i for i in score.team if i.id == "promises")
    assert item.max == 0  # nothing decided, nothing scored


def test_open_when_the_grace_outlasts_the_drill():
    (promise,) = promises_of([response(0, 59, "[promise:30]")], duration_min=90).promises
    assert promise.kept is None


def test_unresolvable_promise_is_open():
    (promise,) = promises_of([response(0, 10, "[promise:none]")]).promises
    assert promise.kept is None and promise.by is None


def test_internal_promises_are_not_checked():
    score = promises_of([response(0, 10, "[promise:30]", channel="war_room")])
    assert score.promises == ()


def test_promise_item_share_of_kept():
    score = promises_of(
        [
            response(0, 10, "[promise:30]"),
            response(1, 30, "[promise:10]"),  # kept by 0; next at 60: broken
            response(2, 60),
        ]
    )
    assert [p.kept for p in score.promises] == [True, False]
    item = next(i for i in score.team if i.id == "promises")
    assert item.points == item.max / 2
    assert item.evidence == {"kept": [0], "broken": [1], "open": [], "unresolved": []}
