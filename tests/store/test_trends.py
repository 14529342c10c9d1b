"""`drill trends`: progress across drills, in plain SQL over the store's results, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from drill.cli.drill_filters import date_bound, until_bound
from drill.cli.main import main
from drill.cli.trends import fill_in_results, trends_data
from drill.library import builtin_responses, read_source, scenario_file
from drill.report.remedies import label
from drill.report.trends_page import trends_to_html
from drill.responses import load_responses
from drill.session import report_for
from drill.simulate import simulate
from drill.store import Store, begin_recording, record_finished
from drill.store.progress import drill_progress, most_missed, without_results
from drill.store.results import results_of
from drill.wiring import start_drill

NO_FILTERS = {"scenario": None, "team": None, "since": None, "until": None}
HOSTILE_TEAM = "<script>alert('team')</script>"
SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@lru_cache(maxsize=None)
def played(scenario_id: str, team: str):
    """A drill played at full speed: ``team`` "good" (the example responses), "poor" or "silent" (none)."""
    source = scenario_file(scenario_id)
    scenario = source.load()
    if team == "good":
        text, name = builtin_responses(scenario_id)
        responses = load_responses(text, scenario, name)
    elif team == "poor":
        path = SCENARIOS / f"{scenario_id}.poor.responses.yaml"
        responses = load_responses(read_source(str(path)), scenario, str(path))
    else:
        responses = []
    engine = simulate(scenario, responses, 7)
    return engine, report_for(engine), source


def record(store: Store, scenario_id: str, play: str, team: str = "", *, results: bool = True) -> str:
    engine, report, source = played(scenario_id, play)
    return record_finished(store, engine, source.text.decode("utf-8"), source.name, report if results else None,
                           team=team)


# (scenario, how the team played, team label), oldest first
DRILLS = (("checkout-outage", "poor", "EU support"), ("checkout-outage", "good", "EU support"),
          ("login-data-exposure", "good", "US support"), ("checkout-outage", "silent", "EU support"))


@pytest.fixture
def recorded(store):
    """The drills of DRILLS in ``store``, and one still running (never shown); their ids, oldest first."""
    ids = [record(store, scenario_id, play, team) for scenario_id, play, team in DRILLS]
    source = scenario_file("checkout-outage")
    begin_recording(store, start_drill(source.load(), seed=3), source.text.decode("utf-8"), source.name,
                    team="EU support")
    return ids


def expected_results(index: int):
    scenario_id, play, _ = DRILLS[index]
    return results_of(played(scenario_id, play)[1])


def test_each_ended_drill_with_its_results_oldest_first(store, recorded):
    rows = drill_progress(store)
    assert [row.id for row in rows] == recorded  # the running drill is not among them
    for index, row in enumerate(rows):
        kept = expected_results(index)
        assert (row.scenario_id, row.team) == (DRILLS[index][0], DRILLS[index][2])
        assert (row.overall, row.speed, row.quality, row.first_public_s, row.promises_kept, row.promises_made) == (
            kept.overall, kept.speed, kept.quality, kept.first_public_s, kept.promises_kept, kept.promises_made)
        assert row.created_at.endswith("Z") and row.title
    poor, good, _, silent = rows
    assert good.overall > poor.overall > silent.overall
    assert silent.first_public_s is None and good.first_public_s < poor.first_public_s
    assert without_results(store) == []


def test_drills_are_chosen_by_team_scenario_and_date(store, recorded):
    def chosen(**filters):
        return [row.id for row in drill_progress(store, **filters)]

    assert chosen(team="EU support") == [recorded[0], recorded[1], recorded[3]]
    assert chosen(scenario="login-data-exposure") == [recorded[2]]
    assert chosen(team="EU support", scenario="login-data-exposure") == []
    assert chosen(team="nobody") == []
    assert chosen(since=date_bound("2000-01-01"), until=until_bound("2999-12-31")) == recorded
    assert chosen(since=date_bound("2999-01-01")) == []
    assert chosen(until=until_bound("2000-01-01")) == []


def test_the_criteria_missed_most_often(store, recorded):
    def expected(indexes):
        misses, drills = Counter(), Counter()
        for index in indexes:
            for criterion, count in expected_results(index).misses.items():
                misses[criterion] += count
                drills[criterion] += 1
        ranked = sorted(misses, key=lambda criterion: (-misses[criterion], -drills[criterion], criterion))
        return [(criterion, misses[criterion], drills[criterion]) for criterion in ranked[:5]]

    top = most_missed(store)
    assert len(top) == 5 and [tuple(item) for item in top] == expected(range(4))
    assert top[0].misses >= top[-1].misses
    assert [tuple(item) for item in most_missed(store, team="US support")] == expected([2])
    assert [tuple(item) for item in most_missed(store, scenario="checkout-outage", limit=3)] == expected([0, 1, 3])[:3]
    assert most_missed(store, team="nobody") == []


def test_a_drill_stored_without_results_is_filled_in_from_its_log(store, capsys):
    first = record(store, "checkout-outage", "poor", "EU support", results=False)
    second = record(store, "checkout-outage", "good", "EU support", results=False)
    kept = record(store, "login-data-exposure", "good", "US support")
    assert without_results(store) == [first, second]
    assert without_results(store, team="US support") == []
    assert [row.id for row in drill_progress(store)] == [kept]

    assert fill_in_results(store, NO_FILTERS) == []
    assert capsys.readouterr().err.splitlines() == ["filling in results of 2 older drills... 1/2",
                                                    "filling in results of 2 older drills... 2/2"]
    assert without_results(store) == []
    rows = drill_progress(store)
    assert [row.id for row in rows] == [first, second, kept]
    assert rows[0].overall == expected_results(0).overall and rows[1].quality == expected_results(1).quality
    assert {item.criterion for item in most_missed(store, team="EU support")} <= (
        set(expected_results(0).misses) | set(expected_results(1).misses))
    assert fill_in_results(store, NO_FILTERS) == []  # once: nothing is graded again
    assert capsys.readouterr().err == ""


def test_a_drill_that_cannot_be_rebuilt_is_left_out_with_a_warning(store, capsys):
    broken = record(store, "checkout-outage", "good", results=False)
    fine = record(store, "checkout-outage", "poor", results=False)
    with store._transaction() as db:
        db.execute("UPDATE drills SET scenario_source = ? WHERE id = ?", ("title: [unclosed", broken))
    left_out = fill_in_results(store, NO_FILTERS)
    assert [item["id"] for item in left_out] == [broken]
    assert "no longer loads" in left_out[0]["reason"]
    err = capsys.readouterr().err
    assert f"drill: warning: drill {broken} left out: its stored scenario no longer loads" in err
    assert [row.id for row in drill_progress(store)] == [fine]
    assert without_results(store) == [broken]  # tried again next time


def test_the_json_shape(store, recorded):
    data = trends_data(drill_progress(store), most_missed(store), NO_FILTERS, [])
    assert set(data) == {"format", "filters", "drills", "most_missed", "change", "left_out"}
    assert data["format"] == 1 and data["left_out"] == []
    assert data["filters"] == {"scenario": None, "team": None, "created_from": None, "created_before": None}
    first = data["drills"][0]
    assert set(first) == {"id", "created_at", "scenario", "title", "team", "overall", "speed", "quality",
                          "first_public_update_min", "promises_kept", "promises_made"}
    assert first["first_public_update_min"] == expected_results(0).first_public_s / 60
    assert data["drills"][3]["first_public_update_min"] is None
    assert set(data["most_missed"][0]) == {"criterion", "label", "misses", "drills"}
    assert data["most_missed"][0]["label"] == label(data["most_missed"][0]["criterion"])
    first_overall, last_overall = expected_results(0).overall, expected_results(3).overall
    assert data["change"] == {"drills": 4, "first": first_overall, "last": last_overall,
                              "delta": round(last_overall - first_overall, 1),
                              "summary": f"overall {first_overall:.0f} → {last_overall:.0f} over 4 drills"}
    json.dumps(data)  # plain JSON


def test_the_command_on_each_backend(store_target, store, recorded, capsys, tmp_path):
    assert main(["trends", "--json", "--team", "EU support", "--db", str(store_target)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [drill["id"] for drill in data["drills"]] == [recorded[0], recorded[1], recorded[3]]
    assert data["filters"]["team"] == "EU support" and data["change"]["drills"] == 3
    page = tmp_path / "trends.html"
    assert main(["trends", "--html", str(page), "--db", str(store_target)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["DATE", "ID", "SCENARIO", "OVERALL", "SPEED", "QUALITY", "FIRST",
                                           "PUBLIC", "PROMISES", "TEAM"]
    assert f"wrote {page}" in out and "<svg" in page.read_text()


def test_the_page_has_its_charts_and_escapes_every_text(store):
    ids = [record(store, "checkout-outage", "poor", HOSTILE_TEAM), record(store, "checkout-outage", "good"),
           record(store, "checkout-outage", "silent", "EU\x1b]0;title\x07 support")]
    page = trends_to_html(trends_data(drill_progress(store), most_missed(store), NO_FILTERS, []))
    assert page.startswith("<!DOCTYPE html>") and page.count("<svg") == 2 and "<polyline" in page
    assert "<script" not in page and "&lt;script&gt;" in page
    assert "\x1b" not in page and "\x07" not in page
    assert all(drill_id in page for drill_id in ids)
    assert "no public update" in page  # the silent team's drill, marked on the chart
    assert "http" not in page.replace("http-equiv", "")  # nothing fetched


def test_the_command_with_an_sqlite_file(tmp_path, capsys):
    db = tmp_path / "drill.db"
    assert main(["trends", "--db", str(db)]) == 0
    assert capsys.readouterr().out.startswith("no drills recorded yet")
    assert not db.exists()
    assert main(["trends", "--json", "--db", str(db)]) == 0
    assert json.loads(capsys.readouterr().out)["drills"] == []
    poor = str(SCENARIOS / "checkout-outage.poor.responses.yaml")
    for extra in (["--team", HOSTILE_TEAM], ["--responses", poor], ["--team", "EU support"]):
        assert main(["simulate", "checkout-outage", "--db", str(db), "--out", str(tmp_path / "out"), *extra]) == 0
    with Store(db) as store:  # the oldest drill, as a store before results were kept would have it
        oldest = store.drills()[0].id
        with store._transaction() as conn:
            conn.execute("DELETE FROM drill_misses WHERE drill_id = ?", (oldest,))
            conn.execute("DELETE FROM drill_results WHERE drill_id = ?", (oldest,))
    capsys.readouterr()

    page = tmp_path / "page" / "trends.html"
    assert main(["trends", "--html", str(page), "--db", str(db)]) == 0
    captured = capsys.readouterr()
    assert captured.err == "filling in results of 1 older drill... 1/1\n"
    lines = captured.out.splitlines()
    assert len([line for line in lines if "checkout-outage" in line]) == 3
    assert f"  {oldest}  checkout-outage  " in lines[1] and lines[1].endswith(HOSTILE_TEAM)
    assert "most often missed:" in lines
    assert lines[-2].startswith("overall ") and lines[-2].endswith(" over 3 drills") and "→" in lines[-2]
    assert lines[-1] == f"wrote {page}"
    html = page.read_text(encoding="utf-8")
    assert "<svg" in html and "<script" not in html and "&lt;script&gt;" in html

    assert main(["trends", "--db", str(db), "--team", "nobody"]) == 0
    assert capsys.readouterr().out.strip() == "no drills match"
    assert main(["trends", "--db", str(db), "--json", "--scenario", "login-data-exposure"]) == 0
    assert json.loads(capsys.readouterr().out)["change"] is None
    with pytest.raises(SystemExit) as exit_:
        main(["trends", "--db", str(db), "--since", "yesterday"])
    assert exit_.value.code == 2 and "not a date" in capsys.readouterr().err


def test_a_store_of_running_drills_only_says_so(tmp_path, capsys):
    db = tmp_path / "drill.db"
    with Store(db) as store:
        source = scenario_file("checkout-outage")
        begin_recording(store, start_drill(source.load(), seed=3), source.text.decode("utf-8"), source.name)
    assert main(["trends", "--db", str(db)]) == 0
    assert capsys.readouterr().out.strip() == "no drills have ended yet (running drills are not shown)"


def test_a_store_that_cannot_be_read_is_an_error(tmp_path, capsys):
    db = tmp_path / "drill.db"
    db.write_text("not a database")
    assert main(["trends", "--db", str(db)]) == 1
    assert capsys.readouterr().err.startswith("drill: error: ")
