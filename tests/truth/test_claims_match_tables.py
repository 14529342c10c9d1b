"""The report's claims about promises and cadence say what its own tables show, for any responses."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drill.library import load_builtin
from drill.report.findings import public_responses, strengths, team_item
from drill.report.trends import _updates_table
from drill.report.document import Table
from drill.responses import ScriptedResponse
from drill.scenario.problems import Problem
from drill.scenario.start import start_datetime
from drill.session import report_for
from drill.simulate import simulate

SCENARIO = load_builtin("checkout-outage")
START = start_datetime("14:00", date(2026, 3, 6))
WHERE = Problem("<test>", 1, 1, "")
CHANNELS = ("status_page", "social", "support_reply", "incident_chat")
TEXTS = (
    "Investigating failed card payments in Europe. Next update in {n} minutes.",
    "We are still working on failed card payments. Next update by 14:{n:02d} UTC.",
    "Card payments are failing for some merchants. We will keep you posted.",
    "Identified: a configuration change. Rolling back now.",
)


@st.composite
def scripts(draw) -> list[ScriptedResponse]:
    count = draw(st.integers(0, 8))
    minutes = sorted(draw(st.lists(st.integers(0, 74), min_size=count, max_size=count)))
    script = []
    for minute in minutes:
        text = draw(st.sampled_from(TEXTS)).format(n=draw(st.integers(5, 59)))
        script.append(ScriptedResponse(minute * 60, "comms", draw(st.sampled_from(CHANNELS)), text, None, WHERE))
    return script


def _cells(table) -> list[list[str]]:
    if not isinstance(table, Table):
        return []
    return [["".join(span[0] for span in cell) for cell in row] for row in table.rows]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scripts())
def test_claims_about_promises_and_cadence_match_the_tables(script):
    report = report_for(simulate(SCENARIO, script, 7, plugins=(), start_time=START))
    claims = strengths(report)

    cadence = team_item(report, "cadence")  # None when not rated
    target = cadence["evidence"].get("target_s") if cadence else None
    rows = _cells(_updates_table(report, public_responses(report), target))
    verdicts = [row[-1] for row in rows]
    claims_cadence = any("within the" in claim and "cadence" in claim for claim in claims)
    assert claims_cadence == (cadence is not None and "over" not in verdicts and "within" in verdicts
                              and cadence["points"] == cadence["max"])

    statuses = [promise["kept"] for promise in report["promises"]]
    claims_promises = any("promised update" in claim and "kept" in claim for claim in claims)
    assert claims_promises == (True in statuses and False not in statuses)
