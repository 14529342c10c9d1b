"""`drill simulate` records; `history`, `export` and `report` read the store."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from drill.cli.main import main
from drill.engine import events_from_jsonl
from drill.store import Store
from scenario_text import MINIMAL


@pytest.fixture
def db(tmp_path):
    return tmp_path / "drill.db"


def simulated(db, out, *extra) -> str:
    """Run `drill simulate` into ``db``; return the new drill's id."""
    assert main(["simulate", "checkout-outage", "--db", str(db), "--out", str(out), *extra]) == 0
    with Store(db) as store:
        return store.drills()[-1].id


def test_simulate_records_the_drill(db, tmp_path, capsys):
    drill_id = simulated(db, tmp_path / "out")
    assert f"recorded as drill {drill_id} in {db}" in capsys.readouterr().out
    with Store(db) as store:
        record = store.drill(drill_id)
        assert (record.scenario_id, record.status, record.seed) == ("checkout-outage", "ended", 7)
        assert record.clock == 4500 and record.events > 100


def test_simulate_no_store_records_nothing(db, tmp_path, capsys):
    assert main(["simulate", "checkout-outage", "--no-store", "--db", str(db), "--out", str(tmp_path / "o")]) == 0
    assert "recorded" not in capsys.readouterr().out
    assert not db.exists()


def test_the_db_comes_from_the_environment_without_an_option(tmp_path):
    db = tmp_path / "from-env.db"
    env_run = subprocess.run([sys.executable, "-m", "drill.cli.main", "history", "--json"],
                             capture_output=True, text=True, env={"DRILL_DB": str(db), "PATH": ""})
    assert env_run.returncode == 0 and json.loads(env_run.stdout) == []
    assert main(["simulate", "checkout-outage", "--db", str(db), "--out", str(tmp_path / "o")]) == 0
    env_run = subprocess.run([sys.executable, "-m", "drill.cli.main", "history", "--json"],
                             capture_output=True, text=True, env={"DRILL_DB": str(db), "PATH": ""})
    assert [drill["scenario"] for drill in json.loads(env_run.stdout)] == ["checkout-outage"]


def test_history_json(db, tmp_path, capsys):
    first = simulated(db, tmp_path / "a")
    second = simulated(db, tmp_path / "b", "--seed", "12", "--no-responses")
    capsys.readouterr()
    assert main(["history", "--json", "--db", str(db)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [drill["id"] for drill in listed] == [first, second]
    assert set(listed[0]) == {"id", "scenario", "title", "seed", "created_at", "status", "clock", "participants",
                              "score", "events", "team"}
    assert listed[1]["seed"] == 12 and listed[1]["status"] == "ended" and listed[1]["participants"] == {}
    assert listed[0]["created_at"].endswith("Z")


def test_history_table(db, tmp_path, capsys):
    assert main(["history", "--db", str(db)]) == 0
    assert "no drills recorded yet" in capsys.readouterr().out
    drill_id = simulated(db, tmp_path / "a")
    capsys.readouterr()
    assert main(["history", "--db", str(db)]) == 0
    header, row = capsys.readouterr().out.splitlines()
    assert header.split() == ["ID", "DATE", "STATUS", "SCORE", "SCENARIO", "TEAM", "PARTICIPANTS"]
    assert row.startswith(drill_id) and " ended " in row and "checkout-outage" in row


def test_history_filters_by_team_scenario_and_date(db, tmp_path, capsys):
    assert main(["simulate", "checkout-outage", "--team", "EU support", "--out", str(tmp_path / "a"),
                 "--db", str(db)]) == 0
    assert main(["simulate", "login-data-exposure", "--out", str(tmp_path / "b"), "--db", str(db)]) == 0
    capsys.readouterr()

    def listed(*options):
        assert main(["history", "--json", "--db", str(db), *options]) == 0
        return [(drill["scenario"], drill["team"]) for drill in json.loads(capsys.readouterr().out)]

    assert listed() == [("checkout-outage", "EU support"), ("login-data-exposure", "")]
    assert listed("--team", "EU support") == [("checkout-outage", "EU support")]
    assert listed("--scenario", "login-data-exposure") == [("login-data-exposure", "")]
    assert listed("--since", "2000-01-01", "--until", "2000-12-31") == []
    assert main(["history", "--db", str(db), "--team", "nobody"]) == 0
    assert capsys.readouterr().out.strip() == "no drills match"
    with pytest.raises(SystemExit):
        main(["history", "--db", str(db), "--since", "yesterday"])
    assert "not a date" in capsys.readouterr().err


def test_export_prints_the_event_log_as_json_lines(db, tmp_path, capsys):
    drill_id = simulated(db, tmp_path / "a")
    capsys.readouterr()
    assert main(["export", drill_id, "--db", str(db)]) == 0
    printed = capsys.readouterr().out
    with Store(db) as store:
        assert events_from_jsonl(printed) == store.events(drill_id)
    assert main(["export", drill_id, "--db", str(db), "--out", str(tmp_path / "drill.jsonl")]) == 0
    assert (tmp_path / "drill.jsonl").read_text() == printed
    assert main(["export", "nosuch", "--db", str(db)]) == 1
    assert "no drill 'nosuch'" in capsys.readouterr().err


def test_report_from_the_store_an_export_or_a_report_json_is_the_same(db, tmp_path, capsys):
    drill_id = simulated(db, tmp_path / "sim")
    expected = (tmp_path / "sim" / "report.json").read_text()
    assert main(["export", drill_id, "--db", str(db), "--out", str(tmp_path / "drill.jsonl")]) == 0
    sources = [drill_id, str(tmp_path / "drill.jsonl"), str(tmp_path / "sim" / "report.json")]
    for index, source in enumerate(sources):
        out = tmp_path / f"r{index}"
        assert main(["report", source, "--db", str(db), "--out", str(out)]) == 0, capsys.readouterr().err
        report = json.loads((out / "report.json").read_text())
        # One date for one drill: its start time, recorded in the log, whichever way the report is made.
        assert report["generated_at"].endswith(" UTC")
        assert report == json.loads(expected)


def test_report_of_an_export_of_a_scenario_file_needs_that_file(db, tmp_path, capsys):
    scenario = tmp_path / "tiny.yaml"
    scenario.write_text(MINIMAL)
    assert main(["simulate", str(scenario), "--no-responses", "--db", str(db), "--out", str(tmp_path / "sim")]) == 0
    with Store(db) as store:
        drill_id = store.drills()[-1].id
    scenario.write_text("edited away")  # the store keeps the text that was played
    assert main(["report", drill_id, "--db", str(db), "--out", str(tmp_path / "r")]) == 0
    assert main(["export", drill_id, "--db", str(db), "--out", str(tmp_path / "tiny.jsonl")]) == 0
    capsys.readouterr()
    assert main(["report", str(tmp_path / "tiny.jsonl"), "--out", str(tmp_path / "r2")]) == 1
    assert "name its file with --scenario" in capsys.readouterr().err
    scenario.write_text(MINIMAL)
    assert main(["report", str(tmp_path / "tiny.jsonl"), "--scenario", str(scenario), "--out", str(tmp_path / "r2")]) == 0
    from_store = json.loads((tmp_path / "r" / "report.json").read_text())
    from_store.pop("generated_at")
    assert json.loads((tmp_path / "r2" / "report.json").read_text()) == from_store


@pytest.mark.parametrize("content, message", [
    (None, "no such file, and not a drill id"),
    ("{not json", "not an event"),
    ('{"format": 99, "scenario": {}}', "newer than this drill reads"),
])
def test_report_of_something_else_fails_clearly(tmp_path, capsys, content, message):
    path = tmp_path / "thing.json"
    if content is not None:
        path.write_text(content)
    assert main(["report", str(path), "--out", str(tmp_path / "r")]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
