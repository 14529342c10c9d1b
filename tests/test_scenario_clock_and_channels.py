"""Scenario keys that make the drill's account true: `start`, `equivalent` channels, objective channels."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drill.engine import DrillEngine
from drill.grading import drill_input
from drill.scenario import ScenarioError, load_scenario
from drill.scenario.start import parse_start, start_datetime, wall_time
from scenario_text import MINIMAL


def _load(text: str):
    return load_scenario(text, "s.yaml")


def _problems(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as error:
        _load(text)
    return [str(problem) for problem in error.value.problems]


def test_start_is_read_and_a_bad_one_is_named_at_its_line_and_column():
    assert _load(MINIMAL.replace("duration: 30m", 'duration: 30m\nstart: "14:00 UTC"')).start == "14:00 UTC"
    (problem,) = _problems(MINIMAL.replace("duration: 30m", "duration: 30m\nstart: teatime"))
    assert problem.startswith("s.yaml:5:8: start: cannot read 'teatime'")


def test_the_start_time_is_recorded_in_the_first_event_and_read_back():
    scenario = _load(MINIMAL)
    start = datetime(2026, 3, 6, 14, 0, tzinfo=timezone.utc)
    engine = DrillEngine.start(scenario, 1, plugins=(), start_time=start)
    assert engine.log[0].data["start_time"] == "2026-03-06T14:00:00+00:00"
    rebuilt = DrillEngine.from_events(scenario, engine.log, plugins=())
    assert rebuilt.state.start_time == start
    assert drill_input(scenario, engine.log).start_time == start


def test_a_naive_start_time_is_refused_by_the_engine():
    with pytest.raises(ValueError, match="time zone"):
        DrillEngine.start(_load(MINIMAL), 1, plugins=(), start_time=datetime(2026, 3, 6, 14, 0))


def test_equivalent_channels_are_one_group_both_ways():
    text = MINIMAL.replace("  chat: {audience: internal}",
                           "  mirror: {audience: public, equivalent: [status_page]}\n  chat: {audience: internal}")
    scenario = _load(text)
    assert scenario.channels["status_page"].equivalent == ("mirror",)
    assert scenario.channel_group("mirror") == {"mirror", "status_page"}
    (problem,) = _problems(text.replace("equivalent: [status_page]", "equivalent: [statuspage]"))
    assert problem.startswith("s.yaml:10:43:") and "unknown channel 'statuspage'" in problem


def test_an_objective_names_its_channel_by_key_or_by_its_text():
    text = MINIMAL.replace("objectives: {first-public: Post within 10 minutes.}",
                           "objectives:\n  first-public: Post on the status page within 10 minutes.\n"
                           "  keep-cadence: {text: Keep customers posted., channel: status_page}\n"
                           "  talk: Talk to each other in chat.")
    scenario = _load(text)
    assert scenario.objective_channels == {"first-public": ("status_page",), "keep-cadence": ("status_page",),
                                           "talk": ("chat",)}
    assert scenario.objectives["keep-cadence"] == "Keep customers posted."
    problems = _problems(text.replace("{text: Keep customers posted., channel: status_page}", "{channel: nowhere}"))
    assert any("objective keep-cadence needs a text" in p for p in problems)


@pytest.mark.parametrize("bad", ["", "25:00", "13:00pm", "14:60", "tomorrow", "2026-13-01T00:00Z"])
def test_bad_start_times_say_what_would_do(bad):
    with pytest.raises(ValueError):
        parse_start(bad)


@given(st.integers(0, 23), st.integers(0, 59), st.integers(0, 48 * 3600))
def test_wall_time_is_start_plus_the_scenario_time(hour, minute, seconds):
    start = start_datetime(f"{hour:02d}:{minute:02d}", date(2026, 3, 6))
    total = (hour * 60 + minute) * 60 + seconds
    assert wall_time(start, seconds) == f"{total // 3600 % 24:02d}:{total // 60 % 60:02d} UTC"
