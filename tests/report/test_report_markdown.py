"""The Markdown report and report.json against golden files from fixed seeds; Markdown escaping."""

import json
import re

import pytest

from drill.grading import grade_drill
from drill.library import builtin_responses, load_builtin
from drill.report.data import build_report
from drill.report.markdown import escape, report_to_markdown
from drill.responses import load_responses
from drill.simulate import simulate
from report_helpers import check_golden, hostile_report, report

SECTIONS = [
    "Exercise overview", "Executive summary", "Objectives", "Strengths and areas for improvement",
    "Scorecards by role", "Speed", "Public reaction", "Timeline", "Messages", "Improvement plan",
    "Hot-wash questions",
]
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


@pytest.mark.parametrize("quality", ["good", "poor"])
def test_markdown_matches_its_golden_file(quality):
    check_golden(f"checkout-outage.{quality}.md", report_to_markdown(report("checkout-outage", quality)))


def test_report_json_matches_its_golden_file():
    check_golden("checkout-outage.good.json", json.dumps(report(), indent=2, ensure_ascii=False) + "\n")


def test_every_section_is_a_heading():
    markdown = report_to_markdown(report())
    assert re.findall(r"^## (.+)$", markdown, re.M) == SECTIONS


def test_rendering_is_repeatable():
    assert report_to_markdown(report()) == report_to_markdown(report())


def test_tables_keep_their_columns_whatever_the_text():
    markdown = report_to_markdown(hostile_report())
    table = None
    for line in markdown.splitlines():
        if line.startswith("|"):
            cells = len(UNESCAPED_PIPE.findall(line))
            table = table or cells
            assert cells == table, line
        else:
            table = None


def test_participant_text_stays_text():
    markdown = report_to_markdown(hostile_report())
    assert not re.search(r"(?<!\\)</?script", markdown) and "\\<script>alert(1)\\</script>" in markdown
    assert "\\[@click=x\\]" in markdown and "\\*bold\\*" in markdown and "\\`tick\\`" in markdown
    assert "\\_under\\_" in markdown and "\\&amp;" in markdown
    assert "\x1b" not in markdown and "␛\\[31m red" in markdown
    assert not any(line.startswith(("- not a list", "# not a heading")) for line in markdown.splitlines())
    assert "second line<br>- not a list" in markdown  # one line: "-" cannot start a list there


@pytest.mark.parametrize("text, expected", [
    ("a | b", "a \\| b"),
    ("<b>x</b>", "\\<b>x\\</b>"),
    ("[link](http://x)", "\\[link\\](http://x)"),
    ("snake_case _emph_", "snake_case \\_emph\\_"),
    ("R&D &lt;", "R&D \\&lt;"),
    ("one\ntwo", "one<br>two"),
    ("$5 ~x~", "\\$5 \\~x\\~"),
])
def test_escape(text, expected):
    assert escape(text) == expected


def test_evidence_is_bold_in_the_message():
    markdown = report_to_markdown(report("checkout-outage", "poor"))
    assert "**probably a**" in markdown and "**within the hour**" in markdown


def _built(generated_at=None):
    scenario = load_builtin("checkout-outage")
    data, source = builtin_responses("checkout-outage")
    engine = simulate(scenario, load_responses(data, scenario, source), 7)
    return build_report(scenario, engine.log, grade_drill(scenario, engine.log), generated_at=generated_at)


def test_the_date_is_shown_only_when_the_report_has_one():
    dated = _built("2025-03-14")
    assert dated["generated_at"] == "2025-03-14"
    assert "| **Date** | 2025-03-14 |" in report_to_markdown(dated)
    undated = _built()
    assert "generated_at" not in undated
    assert "**Date**" not in report_to_markdown(undated)


def test_role_names_survive_the_scores():
    data = report()
    assert data["role_names"]["ic"] == "Incident Commander"
    assert isinstance(data["roles"]["ic"], dict)
    assert "| **Incident Commander** |" in report_to_markdown(data)


def test_improvement_plan_leaves_owner_and_due_date_blank():
    markdown = report_to_markdown(report("checkout-outage", "poor"))
    plan = markdown.split("## Improvement plan", 1)[1].split("## Hot-wash", 1)[0]
    rows = [line for line in plan.splitlines() if line.startswith("| 1 |")]
    assert rows and rows[0].endswith("|   |   |")
