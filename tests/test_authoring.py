"""Authoring without surprises: warnings that never stop a drill, and responses found beside a scenario."""

import shutil

from drill.cli.main import main
from drill.scenario import load_scenario
from scenario_text import MINIMAL


def warnings_of(text: str) -> list[str]:
    return [str(warning) for warning in load_scenario(text, "s.yaml").warnings]


def test_minutes_and_seconds_in_a_drill_over_an_hour_are_questioned():
    long = MINIMAL.replace("duration: 30m", "duration: 2h", 1).replace("    at: 2m\n", "    at: 1:30\n", 1)
    assert warnings_of(long) == [
        "s.yaml:22:9: warning: at '1:30' is read as 1 minute 30 seconds; write 1h30m or 90m if you meant "
        "hours and minutes, or 1m30s to keep it"]
    assert load_scenario(long, "s.yaml").inject("ticket-1").at == 90  # read as written all the same
    short = MINIMAL.replace("    at: 2m\n", "    at: 1:30\n", 1)  # in a 30-minute drill it can only be minutes
    assert warnings_of(short) == []


def test_text_beside_variants_is_questioned():
    text = MINIMAL.replace("    text: Down again?\n", "    text: Down again?\n    texts: [Down?, Still down?]\n", 1)
    found = warnings_of(text)
    assert len(found) == 1 and "has both 'text' and 'texts'" in found[0]


def test_warnings_do_not_change_the_scenario_or_fail_validate(tmp_path, capsys):
    text = MINIMAL.replace("duration: 30m", "duration: 2h", 1).replace("    at: 2m\n", "    at: 1:30\n", 1)
    (tmp_path / "s.yaml").write_text(text)
    assert main(["validate", str(tmp_path / "s.yaml")]) == 0
    assert "warning: at '1:30'" in capsys.readouterr().err
    assert load_scenario(text, "a.yaml") == load_scenario(text, "a.yaml")


def test_simulate_uses_the_responses_beside_a_scenario_and_says_so(tmp_path, capsys, root):
    shutil.copy(root / "scenarios" / "checkout-outage.yaml", tmp_path / "mine.yaml")
    shutil.copy(root / "scenarios" / "checkout-outage.responses.yaml", tmp_path / "mine.responses.yaml")
    assert main(["simulate", str(tmp_path / "mine.yaml"), "--no-store", "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert f"using the responses in {tmp_path / 'mine.responses.yaml'}" in out
    assert "17 responses" in out
    assert main(["simulate", str(tmp_path / "mine.yaml"), "--no-store", "--no-responses",
                 "--out", str(tmp_path / "silent")]) == 0
    out = capsys.readouterr().out
    assert "using the responses" not in out and "0 responses" in out
