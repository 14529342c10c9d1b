"""Properties of the pure core, over generated scenarios and response scripts."""

import string

import yaml
from hypothesis import given, settings, strategies as st

from drill.engine import Advance, DrillEngine, Respond, events_to_jsonl
from drill.responses import load_responses
from drill.scenario import ScenarioError, load_scenario
from drill.wiring import rebuild_drill, start_drill
from strategies import scenario_with_responses


def play(scenario_text, responses, seed=0, step=None):
    scenario = load_scenario(scenario_text, "gen.yaml")
    engine = start_drill(scenario, seed)
    for at, role, channel, text in responses:
        while engine.clock < at:
            engine.handle(Advance(to=at) if step is None else Advance(to=min(at, engine.clock + step)))
        engine.handle(Respond(role, channel, text))
    while not engine.ended:
        engine.handle(Advance(to=scenario.duration) if step is None else Advance(by=step))
    return engine


@given(scenario_with_responses())
def test_any_valid_scenario_runs_to_its_end_in_time_order(case):
    engine = play(*case)
    log = engine.log
    assert log[-1].kind == "drill_ended"
    assert [event.seq for event in log] == list(range(1, len(log) + 1))
    assert all(earlier.at <= later.at for earlier, later in zip(log, log[1:]))
    assert not engine.state.open_asks()


@given(scenario_with_responses(), st.integers(0, 2**32))
def test_same_scenario_seed_and_responses_give_a_byte_identical_log(case, seed):
    assert events_to_jsonl(play(*case, seed=seed).log) == events_to_jsonl(play(*case, seed=seed).log)


@given(scenario_with_responses(max_injects=8, max_responses=6), st.integers(1, 400))
@settings(max_examples=40)
def test_step_size_does_not_change_the_drill(case, step):
    assert events_to_jsonl(play(*case, step=step).log) == events_to_jsonl(play(*case).log)


@given(scenario_with_responses())
def test_rebuilding_from_the_log_gives_the_same_state(case):
    engine = play(*case)
    rebuilt = rebuild_drill(engine.scenario, engine.log)
    assert rebuilt.state.facts == engine.state.facts
    assert {k: vars(v) for k, v in rebuilt.state.asks.items()} == {k: vars(v) for k, v in engine.state.asks.items()}


@given(st.binary(max_size=2000))
def test_random_bytes_only_ever_raise_the_loaders_error(data):
    try:
        load_scenario(data, "random.yaml")
    except ScenarioError as error:
        assert error.problems


YAML_ATOMS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=20),
    st.sampled_from(["1:30", "5m", "no", "~", "{fake.name}", "{org.x}", "at", "injects"]),
)
YAML_VALUES = st.recursive(
    YAML_ATOMS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["format", "id", "duration", "roles", "channels", "injects", "at", "after", "text",
                         "type", "expects", "within", "repeat", "every", "count", "name", "audience", "x"])
        | st.text(string.ascii_lowercase, max_size=6), children, max_size=5),
    max_leaves=30,
)


@given(YAML_VALUES)
def test_random_yaml_only_ever_raises_the_loaders_error(value):
    text = yaml.safe_dump(value, allow_unicode=True)
    try:
        load_scenario(text, "random.yaml")
    except ScenarioError as error:
        assert error.problems


@given(scenario_with_responses(max_injects=4), st.binary(max_size=500))
def test_random_responses_files_only_raise_the_loaders_error(case, data):
    scenario = load_scenario(case[0], "gen.yaml")
    try:
        load_responses(data, scenario, "responses.yaml")
    except ScenarioError as error:
        assert error.problems
