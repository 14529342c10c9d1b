"""The terminal UI loads a scenario it has read before as it was read, and reads it again when it or drill changed."""

from __future__ import annotations

import sys
import types

import pytest

import drill.library
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


def test_a_file_of_drill_changed_since_reads_it_again(folder, checkout, tmp_path, monkeypatch):
    module = tmp_path / "dependency.py"
    module.write_text("x = 1\n")
    monkeypatch.setitem(sys.modules, "drill._a_dependency", types.SimpleNamespace(__file__=str(module)))
    first = load_scenario_kept(checkout.text, checkout.name)  # kept with the size and time of that file
    reads = []
    monkeypatch.setattr(drill.library, "load_scenario", lambda text, source: reads.append(source) or first)
    load_scenario_kept(checkout.text, checkout.name)
    assert reads == []
    module.write_text("x = 22\n")
    load_scenario_kept(checkout.text, checkout.name)
    assert reads == [checkout.name]


def test_a_damaged_copy_is_read_from_the_text_and_kept_again(folder, checkout):
    scenario = load_scenario_kept(checkout.text, checkout.name)
    (kept,) = folder.glob("*.pickle")
    kept.write_bytes(b"\x80\x05 not a pickle")
    assert load_scenario_kept(checkout.text, checkout.name) == scenario
    assert kept.read_bytes() != b"\x80\x05 not a pickle"
    kept.write_bytes(kept.read_bytes()[:-40])  # cut short, as by a full disk
    assert load_scenario_kept(checkout.text, checkout.name) == scenario


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


def test_two_texts_kept_in_one_file_are_told_apart(folder, checkout, monkeypatch):
    import drill.scenario_cache

    monkeypatch.setattr(drill.scenario_cache, "_name", lambda text, source: "shared.pickle")
    edited = checkout.text.replace(b"title: ", b"title: Edited ", 1)
    assert load_scenario_kept(checkout.text, checkout.name).title == load_builtin("checkout-outage").title
    assert load_scenario_kept(edited, checkout.name).title.startswith("Edited ")
    assert not load_scenario_kept(checkout.text, checkout.name).title.startswith("Edited ")
