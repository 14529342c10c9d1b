"""A published MSEL nobody on the team wrote imports, validates and plays.

The sheet (fixtures/public, see its README for the source and licence) is a third-party vendor
compromise tabletop: 21 rows, each an inject at ``T+<minutes>`` with an expected response, and no
recipient or response time column. Every expectation below is read from the sheet itself.
"""

from __future__ import annotations

import csv
import json
import re

import pytest

from drill.cli.main import main
from drill.engine.state import MISSED
from drill.msel.importer import DEFAULT_WITHIN
from drill.scenario import load_scenario
from drill.simulate import simulate

from msel_helpers import FIXTURES, import_file

PUBLIC = FIXTURES / "public" / "vendor-compromise-msel.csv"
HEADERS = ["Timing", "Inject #", "Delivery", "Content Summary", "Expected Response", "Facilitator Notes"]


def sheet_rows() -> list[dict[str, str]]:
    with PUBLIC.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == HEADERS
        return list(reader)


def minutes(timing: str) -> int:
    """The sheet's own time form, T+<minutes of exercise time>, as seconds."""
    match = re.fullmatch(r"T\+(\d+)", timing)
    assert match, timing
    return int(match.group(1)) * 60


@pytest.fixture(scope="module")
def imported():
    return import_file(PUBLIC, title="Vendor compromise")


def test_every_row_is_an_inject_at_the_sheets_time(imported):
    rows = sheet_rows()
    scenario = imported.scenario
    assert scenario.format == 2 and imported.rows == len(rows) == 21
    assert len(scenario.injects) == len(rows)
    for number, (row, inject) in enumerate(zip(rows, scenario.injects), start=2):
        assert inject.at == minutes(row["Timing"]), row["Inject #"]
        assert inject.text == row["Content Summary"]
        assert inject.guide.notes == row["Facilitator Notes"]
        assert inject.guide.meta["serial"] == row["Inject #"] and inject.guide.meta["source_row"] == number
    assert [inject.id for inject in scenario.injects[:2]] == ["inj-1", "inj-2"]
    assert scenario.duration == minutes(rows[-1]["Timing"]) + 30 * 60  # the last at T+240, 30 minutes more


def test_every_expected_response_is_an_ask_with_the_default_time(imported):
    rows = sheet_rows()
    assert all(row["Expected Response"] for row in rows)  # the sheet gives one on every row, no response time
    for row, inject in zip(rows, imported.scenario.injects):
        assert inject.guide.expected == (row["Expected Response"],)
        assert inject.expects is not None and inject.expects.within == DEFAULT_WITHIN == 15 * 60
        assert inject.expects.roles == ()  # no recipient column: sent to every role, any may answer
        assert inject.to == tuple(imported.scenario.roles) == ("ic", "liaison", "comms", "support", "legal", "exec")
        assert inject.expects.channels == ("incident_chat",)  # no Delivery value names a public channel
    said = [warning.message for warning in imported.warnings if "15 minutes" in warning.message]
    assert said == ["no response time: each ask without one gives the team 15 minutes"]
    assert any(warning.message.startswith("no row names a recipient") for warning in imported.warnings)
    assert not [problem for problem in imported.warnings if not problem.warning]


def test_a_silent_team_misses_every_ask(imported):
    engine = simulate(imported.scenario)
    asks = list(engine.state.asks.values())
    assert len(asks) == len(sheet_rows())
    assert {ask.status for ask in asks} == {MISSED}
    assert [ask.inject_id for ask in asks] == [inject.id for inject in imported.scenario.injects]
    for ask, row in zip(asks, sheet_rows()):
        assert ask.opened_at == minutes(row["Timing"]) and ask.within == DEFAULT_WITHIN


def test_drill_import_validate_and_simulate(tmp_path, capsys):
    out = tmp_path / "vendor.yaml"
    assert main(["import", str(PUBLIC), "--out", str(out)]) == 0
    printed = capsys.readouterr()
    assert "21 injects" in printed.out and "21 asks" in printed.out and "Traceback" not in printed.err
    assert load_scenario(out.read_text(), str(out)).id == "vendor-compromise-msel"
    assert main(["validate", str(out)]) == 0
    assert "ok" in capsys.readouterr().out

    report_dir = tmp_path / "report"
    assert main(["simulate", str(out), "--no-responses", "--no-store", "--out", str(report_dir)]) == 0
    asks = json.loads((report_dir / "report.json").read_text())["asks"]
    assert len(asks) == 21 and {ask["status"] for ask in asks} == {"missed"}
