"""Properties over random drills: ranges, determinism, monotone speed."""

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from drill_builders import CHANNELS, MIN, ROLES, fake_grade
from scoring.drill import DEFAULT_WEIGHTS, score_drill
from scoring.drill_types import AskRecord, DrillInput, ResponseRecord, Targets
from scoring.speed import grade_ask, latency_score
from scoring.criteria import QUALITY_CRITERIA

minutes = st.floats(min_value=0, max_value=240, allow_nan=False).map(lambda m: round(m * MIN, 1))
windows = st.floats(min_value=0, max_value=30, allow_nan=False).map(lambda m: round(m * MIN, 1))
criteria = st.sampled_from(QUALITY_CRITERIA[:4])

texts = st.builds(
    lambda q, verdicts, promise: f"[q={q}] "
    + " ".join(f"[{'pass' if ok else 'fail'}:{c}]" for c, ok in verdicts)
    + (f" [promise:{promise}]" if promise is not None else ""),
    st.integers(0, 100),
    st.lists(st.tuples(criteria, st.booleans()), max_size=3),
    st.none() | st.integers(1, 60) | st.just("none"),
)


@st.composite
def drills(draw):
    duration = draw(st.floats(min_value=1, max_value=240).map(lambda m: round(m * MIN, 1)))
    ask_ids = [f"ask{i}" for i in range(draw(st.integers(0, 5)))]
    responses = tuple(
        ResponseRecord(
            index=i,
            role=draw(st.sampled_from(sorted(ROLES))),
            channel_id=draw(st.sampled_from(sorted(CHANNELS) + ["unknown"])),
            at=min(draw(minutes), duration),
            text=draw(texts),
            answered_ask=draw(st.none() | st.sampled_from(ask_ids)) if ask_ids else None,
        )
        for i in range(draw(st.integers(0, 8)))
    )
    asks = []
    for inject_id in ask_ids:
        opened = min(draw(minutes), duration)
        answered = draw(st.none() | st.floats(0, 60).map(lambda m: opened + m * MIN))
        linked = [r.index for r in responses if r.answered_ask == inject_id]
        asks.append(
            AskRecord(
                inject_id=inject_id,
                inject_type=draw(st.sampled_from(["chat", "press_call", "exec_request", "ticket"])),
                opened_at=opened,
                within=draw(windows),
                roles=tuple(draw(st.lists(st.sampled_from(sorted(ROLES)), max_size=2))),
                answered_at=answered,
                response_index=linked[0] if linked and answered is not None else None,
                objective=draw(st.none() | st.sampled_from(["o1", "o2", "first-public"])),
                must=tuple(draw(st.lists(criteria, max_size=2))),
            )
        )
    weights = draw(
        st.none()
        | st.dictionaries(
            st.sampled_from(sorted(DEFAULT_WEIGHTS)), st.floats(0.1, 50, allow_nan=False), max_size=4
        )
    )
    return DrillInput(
        duration=duration,
        targets=Targets(draw(windows), draw(windows), draw(windows)),
        channels=CHANNELS,
        responses=responses,
        asks=tuple(asks),
        objectives={"o1": "One", "keep-cadence": "Cadence", "x": "Unrated"},
        first_press_call_at=draw(st.none() | minutes),
        social_peak_at=draw(st.none() | minutes),
        public_from=draw(minutes),
        resolved_at=draw(st.none() | minutes),
        weights=weights,
        roles=ROLES,
    )


def in_range(value):
    return value is None or 0 <= value <= 100


@settings(max_examples=200, deadline=None)
@given(drills())
def test_all_scores_stay_in_range(drill):
    score = score_drill(drill, fake_grade)
    assert all(in_range(v) for v in (score.score.overall, score.score.speed, score.score.quality))
    assert all(in_range(a.score) and a.score <= a.speed_score for a in score.asks)
    assert all(r.speed is None or in_range(r.speed.score) for r in score.responses)
    assert all(in_range(r.overall) and in_range(r.speed) and in_range(r.quality) for r in score.roles.values())
    assert all(0 <= t.points <= t.max for t in score.team)
    assert all(o.rating in {"P", "S", "M", "U", "not rated"} and o.reason for o in score.objectives)
    assert all(t.reason for t in score.team) and all(a.reason for a in score.asks)


@settings(max_examples=100, deadline=None)
@given(drills())
def test_deterministic(drill):
    assert score_drill(drill, fake_grade).to_dict() == score_drill(drill, fake_grade).to_dict()


@given(minutes, minutes, windows)
def test_latency_curve_never_rises_with_delay(a, b, within):
    early, late = sorted((a, b))
    assert 0 <= latency_score(late, within) <= latency_score(early, within) <= 100


@settings(max_examples=100, deadline=None)
@given(drills(), st.data())
def test_answering_an_ask_earlier_never_lowers_its_speed_score(drill, data):
    answered = [i for i, a in enumerate(drill.asks) if a.answered_at is not None]
    if not answered:
        return
    i = data.draw(st.sampled_from(answered))
    ask = drill.asks[i]
    earlier_at = data.draw(st.floats(min_value=0, max_value=ask.answered_at))
    earlier = replace(drill, asks=tuple(replace(a, answered_at=earlier_at) if j == i else a for j, a in enumerate(drill.asks)))
    before, after = score_drill(drill, fake_grade).asks[i], score_drill(earlier, fake_grade).asks[i]
    assert after.speed_score >= before.speed_score
    assert after.score >= before.score


@given(minutes, minutes, windows, st.floats(0, 100))
def test_grade_ask_monotone_in_answer_time(opened, delay, within, penalty):
    ask = AskRecord("a", "chat", opened, within, answered_at=opened + delay)
    sooner = replace(ask, answered_at=opened + delay / 2)
    assert grade_ask(sooner, None, None, penalty).score >= grade_ask(ask, None, None, penalty).score
