"""`drill lint`: design warnings, each where the fix belongs; a drill that has it all lints clean."""

import pytest

from drill.cli.main import main
from drill.library import builtin_files, scenarios_folder
from drill.scenario import ScenarioError
from drill.scenario.lint import lint
from scenario_text import MINIMAL

# MINIMAL plus what a complete drill has: an escalation, a resolution followed by asks, a debrief.
COMPLETE = MINIMAL + """\
  - id: press-1
    at: 8m
    type: press_call
    from: A reporter
    to: [comms]
    text: Is it a breach?
    expects: {role: comms, channel: status_page, within: 5m}
  - id: fixed
    at: 15m
    type: fact_update
    text: Fixed.
    facts: {phase: resolved}
  - id: postmortem
    after: {inject: fixed, delay: 5m}
    type: chat
    from: The CEO
    to: [comms]
    text: Write the post-mortem note.
    expects: {role: comms, channel: status_page, within: 10m}
debrief: [What slowed the first post?]
"""


def messages(text: str) -> list[str]:
    return [str(warning) for warning in lint(text, "s.yaml")]


def test_a_complete_drill_lints_clean():
    assert messages(COMPLETE) == []


def test_a_drill_missing_everything_gets_one_warning_each_at_its_place():
    text = """\
format: 1
id: bare
duration: 30m
roles:
  comms: {name: Communications}
  legal: {name: Legal}
channels:
  status_page: {audience: public}
injects:
  - id: alert-1
    at: 0m
    type: alert
    to: [comms]
    text: Errors are up.
"""
    found = messages(text)
    assert any(line.startswith("s.yaml:6:3: lint: role legal receives no inject") for line in found), found
    assert any(line.startswith("s.yaml:9:1: lint: the public has no reason to notice") for line in found)
    assert any("nothing escalates" in line for line in found)
    assert any("never reaches phase resolved" in line for line in found)
    assert any(line.startswith("s.yaml:1:1: lint: no debrief questions") for line in found)

    assert not any("public has no reason" in line for line in messages(MINIMAL))  # it has a social post


def test_an_untested_objective_is_named_at_its_key():
    text = COMPLETE.replace("objectives: {first-public: Post within 10 minutes.}",
                            "objectives: {first-public: Post within 10 minutes., legal-ok: Clear it with legal.}")
    found = messages(text)
    assert len(found) == 1 and "objective legal-ok is tested by no ask" in found[0]


def test_nothing_asked_after_the_resolution_points_at_the_resolving_inject():
    text = COMPLETE.replace("    expects: {role: comms, channel: status_page, within: 10m}\ndebrief",
                            "debrief", 1)
    found = messages(text)
    assert len(found) == 1 and "nothing is asked after inject fixed sets phase resolved" in found[0]
    line = text.splitlines().index("  - id: fixed") + 1
    assert found[0].startswith(f"s.yaml:{line}:5:")


def test_an_unless_at_t0_can_never_skip():
    text = COMPLETE.replace("  - id: nudge\n    at: 6m", "  - id: nudge\n    at: 0m", 1)
    found = messages(text)
    assert len(found) == 1 and "its `unless` can never skip it" in found[0]


def test_a_scenario_that_does_not_load_raises_its_problems():
    with pytest.raises(ScenarioError):
        lint(MINIMAL.replace("type: alert", "type: nope"), "s.yaml")


def test_lint_command_exit_status(tmp_path, capsys):
    (tmp_path / "good.yaml").write_text(COMPLETE)
    (tmp_path / "bare.yaml").write_text(MINIMAL)
    assert main(["lint", str(tmp_path / "good.yaml")]) == 0
    assert "no warnings" in capsys.readouterr().out
    assert main(["lint", str(tmp_path / "bare.yaml")]) == 1
    captured = capsys.readouterr()
    assert "lint: no debrief questions" in captured.out and "warning" in captured.err


@pytest.mark.parametrize("entry", builtin_files(), ids=lambda entry: entry.id)
def test_every_builtin_drill_lints_clean(entry):
    path = scenarios_folder() / entry.file
    assert [str(warning) for warning in lint(path.read_bytes(), entry.file)] == []
