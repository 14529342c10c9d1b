"""The report of format 2's evaluation layer: each objective's criteria and scale, the step each
evaluator chose, the findings the exercise was written to reveal and the scenario's tags and meta,
from real drills played through the engine, with the scenario's markup kept as text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from drill.engine import Advance, Choose, EvaluatorNote, Respond
from drill.report.html import report_to_html
from drill.report.markdown import report_to_markdown
from drill.responses import load_responses
from drill.scenario import load_scenario
from drill.session import report_for
from drill.simulate import simulate
from drill.wiring import start_drill

from report_helpers import Outline, report as builtin_report
from test_report_play import GUIDED, SCENARIOS, played, section

EVALUATED = Path(__file__).resolve().parent / "scenarios" / "evaluated.yaml"
GAP = "Gap <b>missing</b> | [x]"
BAD = "<i>B</i>"
BAD_TEXT = "Bad | [worse] <script>alert(2)</script>"
ANA = "Ana <script>"
FINDINGS_TITLE = "Findings the exercise was written to reveal"
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


@pytest.fixture(scope="module")
def evaluated() -> dict:
    """A drill of evaluated.yaml: `alert` delivered at T+01:00, `escalated` never (the facilitator waits),
    four evaluator notes, two on each objective's own scale."""
    scenario = load_scenario(EVALUATED.read_text(), str(EVALUATED))
    engine = start_drill(scenario, seed=7)
    for command in (
        Advance(to=120), Respond("ic", "bridge", "Paging comms now.", reply_to="alert.first"),
        Choose("alert", "wait"),
        EvaluatorNote(ANA, "Late but | clear [b].", "first-public", rating="Partial / inconsistent"),
        Advance(to=300), EvaluatorNote("Bo", "Good handoff.", "handoff", rating="P"),
        EvaluatorNote("Cy", "Weak.", "handoff", rating=BAD),
        EvaluatorNote(ANA, "Worse once the press called.", "first-public", rating=GAP),
        EvaluatorNote("Dee", "Quiet room.", None),
        Respond("comms", "status_page", "We are investigating checkout errors for some customers. "
                                        "Next update in 30 minutes."),
        Advance(to=scenario.duration),
    ):
        engine.handle(command)
    return json.loads(json.dumps(report_for(engine)))  # as written to report.json and read back


def table_rows(text: str, start: str = "| ") -> list[str]:
    return [line for line in text.splitlines() if line.startswith(start) and not line.startswith("| ---")]


# ------------------------------------------------------------------ report.json


def test_objectives_carry_their_criteria_and_scale(evaluated):
    first, handoff = evaluated["objectives"]
    assert first["id"] == "first-public" and first["rating"] == "P"  # the computed HSEEP rating stays
    assert first["criteria"] == ["Is the first post out before customers ask? <script>alert(1)</script>",
                                 "Does it say who | is affected [b]?"]
    assert first["scale"] == [{"id": "Clear / workable", "text": "Clear / workable"},
                              {"id": "Partial / inconsistent", "text": "Partial / inconsistent"},
                              {"id": GAP, "text": GAP}]
    assert handoff["criteria"] == ["Does support hear it from comms first?"]
    assert handoff["scale"] == [{"id": "P", "text": "Performed without challenges"}, {"id": BAD, "text": BAD_TEXT}]
    assert [note["rating"] for note in evaluated["notes"]] == ["Partial / inconsistent", "P", BAD, GAP, None]


def test_findings_say_whether_each_inject_that_exposes_them_was_delivered(evaluated):
    assert evaluated["findings"] == [
        {"title": "Nobody owns the status page <script>alert(1)</script>",
         "text": "The first post waits | because [nobody](x) may publish.", "priority": "high",
         "injects": [{"id": "alert", "delivered_at": 60}, {"id": "escalated", "delivered_at": None}],
         "actions": ["Name a status page owner and a deputy", "Write the first post's *template* | <b>now</b>"]},
        {"title": "The exec team hears it last", "text": "", "priority": "low",
         "injects": [{"id": "escalated", "delivered_at": None}], "actions": []},
        {"title": "Support improvises", "text": "", "priority": None, "injects": [], "actions": []},
    ]


def test_the_scenario_keeps_its_tags_and_meta_as_written(evaluated):
    scenario = evaluated["scenario"]
    assert scenario["tags"] == ["availability", "<b>checkout</b> | [y]"]
    assert scenario["meta"] == {"prepared_by": "Ops <team> | [z]", "version": 3, "reviewers": ["Ana", "<i>Bo</i>"],
                                "flags": {"draft": False}}


def test_a_format_1_report_has_none_of_the_evaluation_layer():
    report = builtin_report()
    assert "findings" not in report
    assert "tags" not in report["scenario"] and "meta" not in report["scenario"]
    assert all(not {"criteria", "scale"} & objective.keys() for objective in report["objectives"])
    markdown = report_to_markdown(report)
    assert FINDINGS_TITLE not in markdown and "Evaluators' scale" not in markdown
    assert "**Tags**" not in markdown and "**Meta**" not in markdown
    assert "on the scale shown under it" not in markdown


def test_a_format_2_drill_without_an_evaluation_layer_adds_no_key():
    report = played(GUIDED, "responses: []\n")
    assert "findings" not in report and "tags" not in report["scenario"] and "meta" not in report["scenario"]
    assert all(not {"criteria", "scale"} & objective.keys() for objective in report["objectives"])
    assert FINDINGS_TITLE not in Outline(report_to_html(report)).headings["h2"]


# ------------------------------------------------------------------ Markdown


def test_markdown_shows_criteria_under_the_objective_and_each_evaluators_step(evaluated):
    objectives = section(report_to_markdown(evaluated), "Objectives")
    assert "An evaluator rates an objective on the scale shown under it, if it has its own." in objectives
    first, handoff = table_rows(objectives, "| Post a first"), table_rows(objectives, "| Hand over")
    assert first[0].startswith(
        "| Post a first public update quickly.<br>*Evaluator criteria:*<br>"
        "• Is the first post out before customers ask? \\<script>alert(1)\\</script><br>"
        "• Does it say who \\| is affected \\[b\\]?<br>"
        "*Evaluators' scale: Clear / workable · Partial / inconsistent · Gap \\<b>missing\\</b> \\| \\[x\\]* | ")
    # The computed rating stays; beside it, the latest step Ana chose on the objective's own scale.
    assert "| **P**<br>Performed without challenges<br>Evaluator Ana \\<script>: " \
           "**Gap \\<b>missing\\</b> \\| \\[x\\]** |" in first[0]
    assert "Partial / inconsistent**" not in first[0]
    # A step with an id of its own is shown with its text.
    assert "Evaluator Bo: **P** Performed without challenges<br>" \
           "Evaluator Cy: **\\<i>B\\</i>** Bad \\| \\[worse\\] \\<script>alert(2)\\</script> |" in handoff[0]
    for row in first + handoff:  # no text splits a cell: three cells, four pipes
        assert len(UNESCAPED_PIPE.findall(row)) == 4, row


def test_markdown_evaluator_notes_show_the_step_chosen(evaluated):
    notes = section(report_to_markdown(evaluated), "Objectives").split("### Evaluator notes", 1)[1]
    rows = table_rows(notes, "| T+")
    assert rows == [
        "| T+02:00 | Post a first public update quickly. | Ana \\<script> | **Partial / inconsistent** | "
        "Late but \\| clear \\[b\\]. |",
        "| T+05:00 | Hand over to support. | Bo | **P** Performed without challenges | Good handoff. |",
        "| T+05:00 | Hand over to support. | Cy | **\\<i>B\\</i>** Bad \\| \\[worse\\] \\<script>alert(2)\\</script> "
        "| Weak. |",
        "| T+05:00 | Post a first public update quickly. | Ana \\<script> | **Gap \\<b>missing\\</b> \\| \\[x\\]** "
        "| Worse once the press called. |",
        "| T+05:00 | *the drill as a whole* | Dee |   | Quiet room. |",
    ]


def test_markdown_shows_the_authors_findings_apart_from_the_plan(evaluated):
    markdown = report_to_markdown(evaluated)
    written = section(markdown, FINDINGS_TITLE)
    assert "*Written in advance by the exercise's author: what the scenario was built to expose, not what was " \
           "observed in this drill. They are not in the improvement plan;" in written
    assert "Of the 2 findings that name the injects exposing them, 1 had one of those injects delivered" in written
    rows = table_rows(written, "| **")
    assert rows == [
        "| **Nobody owns the status page \\<script>alert(1)\\</script>**<br>The first post waits \\| because "
        "\\[nobody\\](x) may publish. | high | `alert` (delivered at T+01:00)<br>`escalated` (never delivered in "
        "this drill) | • Name a status page owner and a deputy<br>• Write the first post's \\*template\\* \\| "
        "\\<b>now\\</b> |",
        "| **The exec team hears it last** | *low* | `escalated` (never delivered in this drill) | *none given* |",
        "| **Support improvises** | *no priority* | *no inject named* | *none given* |",
    ]
    for row in rows:
        assert len(UNESCAPED_PIPE.findall(row)) == 5, row
    plan = section(markdown, "Improvement plan")
    assert "Nobody owns the status page" not in plan and "Support improvises" not in plan
    assert "status page owner" not in section(markdown, "Strengths and areas for improvement")
    assert markdown.index(f"\n## {FINDINGS_TITLE}\n") < markdown.index("\n## Improvement plan\n")


def test_markdown_overview_shows_the_tags_and_meta(evaluated):
    overview = section(report_to_markdown(evaluated), "Exercise overview")
    assert "| **Tags** | availability · \\<b>checkout\\</b> \\| \\[y\\] |" in overview
    assert ("| **Meta** | *prepared_by:* Ops \\<team> \\| \\[z\\] · *version:* 3 · "
            '*reviewers:* \\["Ana", "\\<i>Bo\\</i>"\\] · *flags:* {"draft": false} |') in overview


# ------------------------------------------------------------------ HTML


def test_html_keeps_the_evaluation_layer_as_text(evaluated):
    page = report_to_html(evaluated)
    outline = Outline(page)
    assert not {"script", "b", "i"} & set(outline.tags)
    text = outline.all_text
    assert "Is the first post out before customers ask? <script>alert(1)</script>" in text
    assert f"Evaluator {ANA}: {GAP}" in text and f"Evaluator Cy: {BAD} {BAD_TEXT}" in text
    assert "Nobody owns the status page <script>alert(1)</script>" in text
    assert "alert (delivered at T+01:00)" in text and "escalated (never delivered in this drill)" in text
    assert "Write the first post's *template* | <b>now</b>" in text
    assert "availability · <b>checkout</b> | [y]" in text
    assert 'prepared_by: Ops <team> | [z] · version: 3 · reviewers: ["Ana", "<i>Bo</i>"]' in text
    assert FINDINGS_TITLE in outline.headings["h2"]


def test_html_styles_a_custom_step_neutrally_and_never_names_a_class_after_it(evaluated):
    page = report_to_html(evaluated)
    outline = Outline(page)
    classes = {value for tag, name, value in outline.attributes if name == "class"}
    assert classes & {"rating r-step", "rating r-P"} == {"rating r-step", "rating r-P"}
    assert all(re.fullmatch(r"[a-z][a-z0-9 -]*|rating r-[PSMU]", value) for value in classes), classes
    assert '<span class="rating r-step">Partial / inconsistent</span>' in page
    assert '<span class="rating r-step">&lt;i&gt;B&lt;/i&gt;</span> Bad | [worse] ' \
           "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    # Bo chose the step that is HSEEP's P: it keeps P's colour.
    assert '<span class="rating r-P">P</span> Performed without challenges' in page
    assert ".rating.r-step" in "".join(outline.styles)


def test_a_rating_the_scale_does_not_have_is_shown_neutrally():
    report = builtin_report()
    objective = report["objectives"][0]
    report["notes"] = [{"id": 1, "at": 60, "author": "Ana", "objective": objective["id"], "text": "Odd.",
                        "rating": 'x" onclick="y'}]
    page = report_to_html(report)
    assert '<span class="rating r-step">x&quot; onclick=&quot;y</span>' in page
    assert "onclick=" not in {name for _, name, _ in Outline(page).attributes}
    report["objectives"][0] = {**objective, "scale": [{"id": "A", "text": "Able"}, {"id": "B", "text": "Not able"}]}
    markdown = report_to_markdown(report)
    assert 'Evaluator Ana: **x" onclick="y**' in markdown


# ------------------------------------------------------------------ moves


def test_in_a_drill_of_moves_a_finding_says_the_move_its_inject_came_in():
    path = SCENARIOS / "moves.yaml"
    text = path.read_text() + "findings:\n  - {title: Held too long, priority: medium, injects: [m2, m3]}\n"
    scenario = load_scenario(text, str(path))
    source = path.with_name("moves.responses.yaml")
    engine = simulate(scenario, load_responses(source.read_text(), scenario, str(source)))
    report = json.loads(json.dumps(report_for(engine)))
    assert report["findings"][0]["injects"] == [{"id": "m2", "delivered_at": 3600}, {"id": "m3", "delivered_at": 7200}]
    written = section(report_to_markdown(report), FINDINGS_TITLE)
    assert "| **Held too long** | medium | `m2` (delivered in move 2)<br>`m3` (delivered in move 3) |" in written
