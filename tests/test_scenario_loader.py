import time

import pytest

from drill.library import builtin_files, load_builtin
from drill.scenario import ScenarioError, load_scenario
from scenario_text import MINIMAL


def problems_of(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as error:
        load_scenario(text, "s.yaml")
    return [str(problem) for problem in error.value.problems]


def test_minimal_scenario_loads():
    scenario = load_scenario(MINIMAL, "s.yaml")
    assert scenario.id == "tiny"
    assert scenario.duration == 1800
    assert [inject.id for inject in scenario.injects] == ["alert-1", "ticket-1", "chatter", "nudge", "thanks", "follow"]
    assert scenario.inject("chatter").to == ("comms", "support")  # omitted: every role
    assert scenario.inject("thanks").after.kind == "posted"
    assert scenario.inject("alert-1").expects.within == 300


@pytest.mark.parametrize("entry", builtin_files(), ids=lambda entry: entry.id)
def test_every_builtin_scenario_is_valid_and_substantial(entry):
    scenario = load_builtin(entry.id)
    assert scenario.duration >= 45 * 60
    assert len(scenario.injects) >= 12
    types = {inject.type for inject in scenario.injects}
    assert {"press_call", "social_post"} <= types
    assert any(inject.unless_posted for inject in scenario.injects)
    assert any(inject.after for inject in scenario.injects)
    asked_roles = {role for inject in scenario.injects if inject.expects for role in inject.expects.roles}
    for wanted in ("support", "legal", "exec", "comms"):
        assert any(wanted in role for role in asked_roles), f"no ask for {wanted}"


def test_unknown_key_names_line_and_column_and_suggests():
    text = MINIMAL.replace("title: Tiny drill", "titel: Tiny drill")
    assert problems_of(text) == ["s.yaml:3:1: unknown key 'titel' in the scenario (did you mean 'title'?)"]


def test_reports_every_problem_not_only_the_first():
    text = (MINIMAL
            .replace("to: [comms]\n    text: Errors", "to: [comms, pr]\n    text: Errors")
            .replace("within: 5m, objective: first-public", "within: soon, objective: first-pubic")
            .replace("id: ticket-1", "id: alert-1")
            .replace("channel: chat,", "channel: slack,"))
    problems = problems_of(text)
    joined = "\n".join(problems)
    assert "unknown role 'pr'" in joined
    assert "cannot read 'soon' as a time" in joined
    assert "unknown objective 'first-pubic'" in joined
    assert "duplicate inject id 'alert-1'" in joined
    assert "unknown channel 'slack'" in joined
    assert all(problem.startswith("s.yaml:") for problem in problems)
    assert len(problems) >= 5


def test_unknown_scoring_criterion_is_refused():
    text = MINIMAL.replace("objective: first-public}", "objective: first-public, must: [impact, charm]}")
    assert any("unknown scoring criterion 'charm'" in problem for problem in problems_of(text))


def test_inject_that_could_never_fire():
    text = MINIMAL.replace("at: 6m", "at: 45m")
    [problem] = problems_of(text)
    assert problem.startswith("s.yaml:35:5: inject nudge could never fire")


def test_after_chain_past_the_end_could_never_fire():
    text = MINIMAL.replace("after: {inject: ticket-1, delay: 3m}", "after: {inject: ticket-1, delay: 40m}")
    assert any("inject follow could never fire" in problem for problem in problems_of(text))


def test_after_cycle_is_reported():
    text = MINIMAL.replace("after: {inject: ticket-1, delay: 3m}", "after: {inject: thanks2, delay: 3m}") + """\
  - id: thanks2
    after: {inject: follow, delay: 1m}
    type: chat
    text: loop
"""
    assert any("'after' cycle: " in problem for problem in problems_of(text))


def test_yaml_11_sexagesimal_is_read_as_a_time_not_a_number():
    scenario = load_scenario(MINIMAL.replace("duration: 30m", "duration: 1:30:00"), "s.yaml")
    assert scenario.duration == 5400


def test_alias_bomb_is_refused_quickly():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(20))
    started = time.perf_counter()
    problems = problems_of(bomb)
    assert time.perf_counter() - started < 1.0
    assert problems == ["s.yaml:1:4: anchors and aliases (&name, *name) are not allowed"]


def test_python_tags_are_refused():
    assert problems_of("format: !!python/object/apply:os.system [echo hi]\n") == [
        "s.yaml:1:9: explicit tags (tag:yaml.org,2002:python/object/apply:os.system) are not allowed"]


def test_size_cap():
    assert "larger than" in problems_of("a: " + "x" * 1_100_000)[0]


def test_syntax_error_has_a_position():
    assert problems_of("format: 1\nid: [unclosed\n")[0].startswith("s.yaml:3:1: YAML syntax")


def test_empty_and_non_mapping_documents():
    assert "empty" in problems_of("")[0]
    assert "must be a mapping" in problems_of("- 1\n- 2\n")[0]


def test_missing_required_keys_are_listed():
    problems = problems_of("format: 1\nid: x\n")
    for key in ("duration", "roles", "channels", "injects"):
        assert any(f"missing required key '{key}'" in problem for problem in problems)


def test_placeholders_are_checked():
    text = MINIMAL.replace("text: Is it down?", "text: \"{persona.nobody.name} asks {org.missing} {fake.os_system} {weird.x}\"")
    joined = "\n".join(problems_of(text))
    assert "{persona.nobody.name}" in joined
    assert "{org.missing}" in joined
    assert "unknown Faker provider" in joined
    assert "{weird.x}: unknown placeholder" in joined


def test_unsupported_format_version():
    assert "unsupported format '9'" in problems_of(MINIMAL.replace("format: 1", "format: 9"))[0]


def test_public_block_is_checked():
    text = MINIMAL + """public:
  from: [chatter, nope]
  growth: lots
  templates: {furious: [x], angry: []}
  loudness: 3
"""
    joined = "\n".join(problems_of(text))
    assert "public.from: unknown inject 'nope'" in joined
    assert "public.growth must be a number" in joined
    assert "unknown mood 'furious'" in joined
    assert "public.templates.angry must be a non-empty list" in joined
    assert "unknown key 'loudness' in public" in joined


def test_public_block_loads():
    scenario = load_scenario(MINIMAL + "public: {from: start, growth: 2, templates: {angry: [\"{org.handle} down\"]}}\n", "s.yaml")
    assert scenario.public == {"from": "start", "growth": 2, "templates": {"angry": ["{org.handle} down"]}}


def test_a_responses_file_given_as_a_scenario_says_so():
    assert problems_of("responses:\n  - {at: 1m, role: comms, channel: chat, text: hi}\n") == [
        "s.yaml:1:1: this is a responses file, not a scenario: pass it with --responses"]


@pytest.mark.parametrize("text, expected", [
    ("a: &x [1]\nb: *x\n", "s.yaml:1:4: anchors (&x) are not allowed"),
    ("a: !!python/name:os.system x\n", "s.yaml:1:4: explicit tags (tag:yaml.org,2002:python/name:os.system) are not allowed"),
    ("a: [\n", "s.yaml:2:1: YAML syntax"),
    ("a: b\n  \x07\n", "s.yaml:2:3: YAML: special characters are not allowed (#x0007)"),
])
def test_the_pure_python_parser_refuses_the_same_things(monkeypatch, text, expected):
    """Without libyaml, the fallback parser gives the same safety, with positions."""
    monkeypatch.setattr("drill.scenario.yamlnodes._FAST_LOADER", None)
    assert problems_of(text)[0].startswith(expected)


def test_the_pure_python_parser_loads_a_scenario_the_same(monkeypatch):
    fast = load_scenario(MINIMAL, "s.yaml")
    monkeypatch.setattr("drill.scenario.yamlnodes._FAST_LOADER", None)
    assert load_scenario(MINIMAL, "s.yaml") == fast


def test_every_problem_in_one_pass_timing_included():
    """An inject with another problem still has its timing checked, and so do the injects after it."""
    text = MINIMAL.replace("""  - id: ticket-1
    at: 2m
    type: ticket""", """  - id: ticket-1
    at: 40m
    type: tickt""", 1) + """  - id: after-ticket
    after: {inject: ticket-1, delay: 1m}
    type: chat
    text: Too late as well.
"""
    found = problems_of(text)
    assert any("inject ticket-1 could never fire: its earliest time, 40m" in line for line in found)
    assert any("unknown inject type 'tickt'" in line for line in found)
    assert any("inject after-ticket could never fire: its earliest time, 41m" in line for line in found)
