"""`drill list` reads the built-ins' catalogue, and never trusts it for a file that has changed."""

import shutil

import pytest

import drill.library as library
from drill.cli.main import main
from drill.library import CATALOGUE, builtin_files, builtin_summaries, catalogue_text, load_builtin, scenarios_folder


def test_the_catalogue_is_current():
    assert (scenarios_folder() / CATALOGUE).read_text("utf-8") == catalogue_text(), \
        "a built-in scenario changed: run `python -m drill.library --write`"


def test_summaries_match_the_scenarios():
    for entry, summary in zip(builtin_files(), builtin_summaries()):
        scenario = load_builtin(entry.id)
        assert summary == (scenario.id, scenario.title, scenario.duration, len(scenario.injects))


@pytest.fixture
def copied_library(tmp_path, monkeypatch):
    folder = tmp_path / "scenarios"
    shutil.copytree(scenarios_folder(), folder, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(library, "scenarios_folder", lambda: folder)
    return folder


def test_an_edited_builtin_is_read_again(copied_library):
    path = copied_library / "checkout-outage.yaml"
    path.write_text(path.read_text().replace("title: Checkout payments failing", "title: Edited title", 1))
    titles = {summary.id: summary.title for summary in builtin_summaries()}
    assert titles["checkout-outage"] == "Edited title"


def test_a_broken_builtin_is_reported_not_listed(copied_library, capsys):
    path = copied_library / "checkout-outage.yaml"
    path.write_text(path.read_text().replace("type: alert", "type: nope", 1))
    assert main(["list"]) == 1
    assert "unknown inject type 'nope'" in capsys.readouterr().err


def test_a_missing_or_damaged_catalogue_costs_only_time(copied_library):
    expected = builtin_summaries()
    (copied_library / CATALOGUE).write_text("{not json")
    assert builtin_summaries() == expected
    (copied_library / CATALOGUE).unlink()
    assert builtin_summaries() == expected
