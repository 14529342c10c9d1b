"""The terminal UI loads a scenario it has read before as it was read, and reads it again when it or drill changed."""

from __future__ import annotations

import pytest

import drill.library
from drill import scenario_cache
from drill.library import load_builtin, scenario_file
from drill.scenario.problems import ScenarioError
from drill.scenario_cache import load_scenario_kept


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("DRILL_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "scenarios"


@pytest.fixture
def checkout():
    return scenario_file("checkout-outage")


def not_read_again(monkeypatch) -> None:
    def refused(text, source):
        raise AssertionError("read from its text again")

    monkeypatch.setattr(drill.library, "load_scenario", refused)


def test_a_scenario_read_once_is_loaded_as_it_was_read(folder, checkout, monkeypatch):
    first = load_scenario_kept(checkout.text, checkout.name)
    assert first == load_builtin("checkout-outage") and len(list(folder.glob("*.pickle"))) == 1
    not_read_again(monkeypatch)
    assert load_scenario_kept(checkout.text, checkout.name) == first


def test_a_changed_text_or_name_is_read_again(folder, checkout):
    load_scenario_kept(checkout.text, checkout.name)
    edited = checkout.text.replace(b"title: ", b"title: Edited ", 1)
    assert load_scenario_kept(edited, checkout.name).title.startswith("Edited ")
    assert load_scenario_kept(checkout.text, "elsewhere.yaml").source == "elsewhere.yaml"
    assert len(list(folder.glob("*.pickle"))) == 3


def test_a_new_version_of_drill_reads_it_again(folder, checkout, monkeypatch):
    load_scenario_kept(checkout.text, checkout.name)
    monkeypatch.setattr(scenario_cache, "_code_digest", "another version")
    load_scenario_kept(checkout.text, checkout.name)
    assert len(list(folder.glob("*.pickle"))) == 2


def test_the_code_version_follows_every_file_of_drill(tmp_path, monkeypatch):
    package = tmp_path / "package"
    package.mkdir()
    (package / "module.py").write_text("x = 1\n")
    monkeypatch.setattr(scenario_cache, "_CODE", (package,))
    monkeypatch.setattr(scenario_cache, "_code_digest", None)
    before = scenario_cache._code_version()
    (package / "module.py").write_text("x = 22\n")
    monkeypatch.setattr(scenario_cache, "_code_digest", None)
    assert scenario_cache._code_version() != before


def test_a_damaged_copy_is_read_from_the_text_and_kept_again(folder, checkout):
    scenario = load_scenario_kept(checkout.text, checkout.name)
    (kept,) = folder.glob("*.pickle")
    kept.write_bytes(b"\x80\x05 not a pickle")
    assert load_scenario_kept(checkout.text, checkout.name) == scenario
    assert kept.read_bytes() != b"\x80\x05 not a pickle"


def test_a_scenario_that_does_not_load_is_refused_and_not_kept(folder):
    for _ in range(2):
        with pytest.raises(ScenarioError):
            load_scenario_kept(b"format: 1\nid: broken\n", "broken.yaml")
    assert not list(folder.glob("*"))


def test_a_folder_that_cannot_be_written_costs_only_the_time(tmp_path, monkeypatch, checkout):
    (tmp_path / "a-file").write_text("in the way")
    monkeypatch.setenv("DRILL_CACHE_DIR", str(tmp_path / "a-file"))
    assert load_scenario_kept(checkout.text, checkout.name) == load_builtin("checkout-outage")


def test_an_empty_setting_keeps_nothing(tmp_path, monkeypatch, checkout):
    monkeypatch.setenv("DRILL_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    load_scenario_kept(checkout.text, checkout.name)
    assert not list(tmp_path.iterdir())
