"""A drill played from several seats: evaluator notes beside the objectives, relays in the timeline,
in report.json, Markdown and HTML, participant text kept as text."""

import json
import re

import pytest

from drill.engine import Advance, EvaluatorNote, Relay, Respond
from drill.library import load_builtin
from drill.report import findings
from drill.report.html import report_to_html
from drill.report.markdown import report_to_markdown
from drill.session import report_for
from drill.wiring import start_drill
from report_helpers import HOSTILE, Outline

RELAY = "About 3,100 merchants affected. We have identified the cause, fix in about 40 minutes."
POST = "About 3,100 merchants cannot take card payments. We expect a fix in about 40 minutes."


@pytest.fixture(scope="module")
def seats_report():
    scenario = load_builtin("checkout-outage")
    objective = next(iter(scenario.objectives))
    engine = start_drill(scenario, seed=7)
    for command in (Advance(to=240), Respond("ic", "incident_chat", "Comms, hold the status page for numbers."),
                    Relay("liaison", ("comms",), RELAY), Respond("comms", "status_page", POST),
                    Relay("comms", (), f"Posted. {HOSTILE}"),
                    EvaluatorNote(f"Eve {HOSTILE}", f"Comms waited for the liaison. {HOSTILE}", objective, rating="S"),
                    Advance(to=600), EvaluatorNote("Sam", "Quiet ten minutes on social.")):
        engine.handle(command)
    engine.handle(Advance(to=scenario.duration))
    return scenario, report_for(engine)


def test_report_json_keeps_relays_and_notes(seats_report):
    scenario, report = seats_report
    objective = next(iter(scenario.objectives))
    assert report["relays"] == [
        {"id": 1, "role": "liaison", "to": ["comms"], "at": 240, "text": RELAY, "after_response": 1},
        {"id": 2, "role": "comms", "to": [], "at": 240, "text": f"Posted. {HOSTILE}", "after_response": 2}]
    assert report["notes"] == [
        {"id": 1, "at": 240, "author": f"Eve {HOSTILE}", "objective": objective,
         "text": f"Comms waited for the liaison. {HOSTILE}", "rating": "S"},
        {"id": 2, "at": 600, "author": "Sam", "objective": None, "text": "Quiet ten minutes on social.",
         "rating": None}]
    sync = next(item for item in report["team"] if item["id"] == "liaison_sync")
    assert sync["max"] > 0 and sync["points"] == sync["max"]
    json.dumps(report)


def section(markdown, title):
    return markdown.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_markdown_lists_notes_under_the_objectives_and_relays_in_the_timeline_in_send_order(seats_report):
    scenario, report = seats_report
    markdown = report_to_markdown(report)
    objectives = section(markdown, "Objectives")
    assert "### Evaluator notes" in objectives
    rows = [line for line in objectives.split("### Evaluator notes", 1)[1].splitlines() if line.startswith("| T+")]
    assert len(rows) == 2
    assert rows[0].startswith("| T+04:00 |") and "Eve \\<script>alert(1)\\</script>" in rows[0]
    assert scenario.objectives[next(iter(scenario.objectives))].split()[0] in rows[0]
    assert rows[1].startswith("| T+10:00 |") and "the drill as a whole" in rows[1] and "| Sam |" in rows[1]
    assert not re.search(r"(?<!\\)</?script", markdown)
    assert "2 relays between roles, 2 evaluator notes" in section(markdown, "Exercise overview")

    timeline = section(markdown, "Timeline")
    order = [line.split("|")[2].strip() for line in timeline.splitlines() if line.startswith("| T+04:00")]
    first_four = [label for label in order if label.startswith(("**Message #1", "**Relay", "**Message #2"))]
    assert first_four == ["**Message #1**", "**Relay #1**", "**Message #2**", "**Relay #2**"]
    assert "Customer Liaison → Communications" in timeline and "Communications → every role" in timeline


def test_html_shows_notes_and_relays_as_text(seats_report):
    _, report = seats_report
    page = report_to_html(report)
    outline = Outline(page)
    assert "script" not in outline.tags
    assert "Evaluator notes" in outline.headings["h3"]
    text = outline.all_text
    assert f"Comms waited for the liaison. {HOSTILE}" in text and f"Eve {HOSTILE}" in text
    assert RELAY in text and "Relay #2" in text


def test_a_report_without_seats_says_nothing_of_them():
    from report_helpers import report

    markdown = report_to_markdown(report())
    assert "Evaluator notes" not in markdown and "Relay #" not in markdown


def test_the_findings_name_what_comms_said_before_hearing_it(seats_report):
    _, synced = seats_report
    assert any(line.startswith("Comms said in public only what the Liaison or Support had told it first: how many "
                               "are affected, the fix time, the progress") for line in findings.strengths(synced))
    assert not [issue for issue in findings.issues(synced) if issue.key == "liaison-out-of-sync"]

    scenario = load_builtin("checkout-outage")
    engine = start_drill(scenario, seed=7)
    for command in (Advance(to=240), Respond("comms", "status_page", POST), Advance(to=300),
                    Relay("liaison", (), RELAY), Advance(to=scenario.duration)):
        engine.handle(command)
    issue = next(issue for issue in findings.issues(report_for(engine)) if issue.key == "liaison-out-of-sync")
    assert issue.text == ("Comms told the public before the Liaison or Support had told Comms: how many are affected "
                          "(#1, T+04:00), the fix time (#1, T+04:00), the progress (#1, T+04:00).")
    assert "Comms" in issue.action


def test_notes_are_listed_when_the_scenario_sets_no_objectives(seats_report):
    _, report = seats_report
    report = json.loads(json.dumps(report))
    report["objectives"] = []
    objectives = section(report_to_markdown(report), "Objectives")
    assert "The scenario sets no objectives." in objectives and "### Evaluator notes" in objectives
    assert "Quiet ten minutes on social." in objectives


def test_an_evaluators_rating_stands_beside_the_computed_one(seats_report):
    scenario, report = seats_report
    objectives = section(report_to_markdown(report), "Objectives")
    first_row = next(line for line in objectives.splitlines() if line.startswith(f"| {scenario.objectives[next(iter(scenario.objectives))][:20]}"))
    assert "Evaluator Eve" in first_row and "S" in first_row.split("Evaluator Eve", 1)[1]
    notes = objectives.split("### Evaluator notes", 1)[1]
    assert "| Rating |" in notes
