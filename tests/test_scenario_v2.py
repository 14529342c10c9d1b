"""Format 2's facilitator layer, format 1 files loading unchanged, and `drill upgrade`."""

from dataclasses import replace

import pytest

from drill.cli.main import main
from drill.library import builtin_files, load_builtin, scenarios_folder
from drill.scenario import ScenarioError, load_scenario
from drill.scenario.model import Hint, IfAsked
from drill.scenario.upgrade import upgraded_text
from scenario_text import MINIMAL

V2 = MINIMAL.replace("format: 1", "format: 2\nguide: |\n  Brief the room first.", 1).replace(
    """    text: Errors are up.
""", """    text: Errors are up.
    title: First alert
    severity: SEV2
    tags: [detection, paging]
    notes: Watch whether comms is paged at all.
    read_aloud: Your pager goes off at 02:14.
    expected: [Open an incident channel, Page communications]
    red_flags: Nobody tells support
    success: [A status page post within ten minutes]
    hints:
      - {after: 5m, text: Who owns the status page?}
      - Ask what customers can see.
    if_asked:
      - {question: Is it every region?, answer: EU only so far.}
    attachments: [logs/checkout.log]
    meta: {source_row: 12, owner: ops, labels: [a, b]}
""", 1)


def problems_of(text: str, **options) -> list[str]:
    with pytest.raises(ScenarioError) as error:
        load_scenario(text, "s.yaml", **options)
    return [str(problem) for problem in error.value.problems]


def test_the_facilitator_layer_loads_every_field():
    scenario = load_scenario(V2, "s.yaml")
    assert scenario.format == 2
    assert scenario.guide == "Brief the room first.\n"
    guide = scenario.inject("alert-1").guide
    assert (guide.title, guide.severity, guide.tags) == ("First alert", "SEV2", ("detection", "paging"))
    assert guide.notes.startswith("Watch") and guide.read_aloud.startswith("Your pager")
    assert guide.expected == ("Open an incident channel", "Page communications")
    assert guide.red_flags == ("Nobody tells support",)  # a single text is a list of one
    assert guide.hints == (Hint(300, "Who owns the status page?"), Hint(None, "Ask what customers can see."))
    assert guide.if_asked == (IfAsked("Is it every region?", "EU only so far."),)
    assert guide.attachments == ("logs/checkout.log",)
    assert guide.meta == {"source_row": 12, "owner": "ops", "labels": ["a", "b"]}
    assert scenario.inject("ticket-1").guide is None  # an inject without the layer has none


def test_the_facilitator_layer_changes_nothing_the_players_get():
    from drill.simulate import simulate

    plain = load_scenario(V2.replace("format: 2", "format: 1", 1).split("guide:")[0] + MINIMAL.split("\n", 1)[1],
                          "s.yaml")
    with_guide = load_scenario(V2, "s.yaml")
    assert [e.to_dict() for e in simulate(plain, [], 7).log] == [e.to_dict() for e in simulate(with_guide, [], 7).log]


def test_a_format_2_key_in_a_format_1_file_names_the_format_it_needs():
    text = V2.replace("format: 2", "format: 1", 1)
    found = problems_of(text)
    assert any(line.startswith("s.yaml:2:1: 'guide' in the scenario is a format 2 key") for line in found)
    assert any("'title' in inject alert-1 is a format 2 key" in line and "drill upgrade" in line for line in found)
    assert len(found) == 13  # every one at once, not the first alone


def test_unknown_formats_are_refused_with_the_ones_read():
    assert problems_of(MINIMAL.replace("format: 1", "format: 3", 1)) == [
        "s.yaml:1:9: unsupported format '3'; this version of drill reads formats 1 and 2"]


@pytest.mark.parametrize("path", ["/etc/passwd", "../secrets.txt", "logs/../../x", "C:/x.txt", " "])
def test_attachments_must_stay_inside_the_scenarios_folder(path):
    found = problems_of(V2.replace("[logs/checkout.log]", f"[{path!r}]"))
    assert len(found) == 1 and "must be a path inside the scenario's folder" in found[0]


def test_a_missing_attachment_is_found_when_the_disk_may_be_read():
    found = problems_of(V2, attachment_exists=lambda path: False)
    assert found == ["s.yaml:35:19: inject alert-1 attachment 'logs/checkout.log': no such file beside the scenario"]
    assert load_scenario(V2, "s.yaml", attachment_exists=lambda path: path == "logs/checkout.log")


def test_validate_checks_attachments_beside_the_file(tmp_path, capsys):
    scenario = tmp_path / "s.yaml"
    scenario.write_text(V2)
    assert main(["validate", str(scenario)]) == 1
    assert "no such file beside the scenario" in capsys.readouterr().err
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "checkout.log").write_text("500s\n")
    assert main(["validate", str(scenario)]) == 0


@pytest.mark.parametrize("broken, message", [
    ("- {after: 5m, text: Who owns the status page?}", "needs 'text'"),
    ("- {question: Is it every region?, answer: EU only so far.}", "needs 'answer'"),
    ("meta: {source_row: 12, owner: ops, labels: [a, b]}", "meta must be a mapping"),
    ("tags: [detection, paging]", "tags item must be text"),
])
def test_bad_facilitator_fields_name_their_place(broken, message):
    replacement = {
        "- {after: 5m, text: Who owns the status page?}": "- {after: 5m}",
        "- {question: Is it every region?, answer: EU only so far.}": "- {question: Is it every region?}",
        "meta: {source_row: 12, owner: ops, labels: [a, b]}": "meta: [not, a, map]",
        "tags: [detection, paging]": "tags: [{a: b}]",
    }[broken]
    found = problems_of(V2.replace(broken, replacement))
    assert len(found) == 1 and message in found[0] and found[0].startswith("s.yaml:")


def test_upgrade_changes_the_format_line_only_and_keeps_comments():
    text = "# our drill\n" + MINIMAL.replace("format: 1", "format: 1  # the oldest", 1)
    upgraded, scenario = upgraded_text(text, "s.yaml")
    assert upgraded == text.replace("format: 1  #", "format: 2  #", 1)
    assert scenario.format == 2
    assert replace(scenario, format=1) == load_scenario(text, "s.yaml")


@pytest.mark.parametrize("entry", [entry for entry in builtin_files() if load_builtin(entry.id).format == 1],
                         ids=lambda entry: entry.id)
def test_every_format_1_builtin_upgrades_to_the_same_scenario(entry):
    text = (scenarios_folder() / f"{entry.id}.yaml").read_text()
    upgraded, scenario = upgraded_text(text, entry.id)
    assert replace(scenario, format=1, source=load_builtin(entry.id).source) == load_builtin(entry.id)


def test_upgrade_command(tmp_path, capsys):
    old = tmp_path / "old.yaml"
    old.write_text(MINIMAL)
    assert main(["upgrade", str(old), "--out", str(tmp_path / "new.yaml")]) == 0
    assert (tmp_path / "new.yaml").read_text().startswith("format: 2\n")
    assert old.read_text() == MINIMAL  # --out leaves the original alone
    assert main(["upgrade", str(old)]) == 0
    assert old.read_text().startswith("format: 2\n")
    assert main(["upgrade", str(old)]) == 1
    assert "already format 2" in capsys.readouterr().err
    assert main(["upgrade", "checkout-outage"]) == 1
    assert "--out" in capsys.readouterr().err
    broken = tmp_path / "broken.yaml"
    broken.write_text(MINIMAL.replace("type: alert", "type: nope", 1))
    assert main(["upgrade", str(broken)]) == 1
    assert "unknown inject type 'nope'" in capsys.readouterr().err
    assert broken.read_text().startswith("format: 1")
