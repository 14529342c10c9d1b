"""The HTML report: every section and chart, self-contained, participant text escaped, readable in a browser."""

import re
import shutil
import subprocess

import pytest

from drill.report.html import report_to_html
from drill.responses import load_responses
from drill.library import load_builtin
from drill.session import report_for
from drill.simulate import simulate
from report_helpers import HOSTILE, Outline, hostile_report, report

SECTIONS = [
    "Exercise overview", "Executive summary", "Objectives", "Strengths and areas for improvement",
    "Scorecards by role", "Speed", "Public reaction", "Timeline", "Messages", "Improvement plan",
    "Hot-wash questions",
]
RESOURCE_ATTRIBUTES = {"src", "href", "srcset", "action", "formaction", "poster", "data", "xlink:href", "background"}
FETCHING_TAGS = {"script", "link", "img", "iframe", "object", "embed", "base", "video", "audio", "source"}


def assert_self_contained(page: str) -> None:
    outline = Outline(page)
    assert not FETCHING_TAGS & set(outline.tags)
    for tag, name, value in outline.attributes:
        assert not name.startswith("on"), (tag, name)
        if name in RESOURCE_ATTRIBUTES:
            assert value.startswith("#"), (tag, name, value)
        if name == "style":
            assert "url(" not in value
    css = "".join(outline.styles)
    assert "@import" not in css
    assert all(match.startswith("url(#") for match in re.findall(r"url\([^)]*", page))
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", page, re.I)


@pytest.mark.parametrize("scenario_id", ["checkout-outage", "login-data-exposure", "regional-cloud-outage"])
@pytest.mark.parametrize("quality", ["good", "poor"])
def test_every_section_and_chart_is_there(scenario_id, quality):
    page = report_to_html(report(scenario_id, quality))
    outline = Outline(page)
    assert outline.headings["h2"] == SECTIONS
    assert outline.tags.count("svg") == 3
    assert {"chart-latency", "chart-updates", "chart-public"} <= set(
        word for tag, name, value in outline.attributes if name == "class" for word in value.split())
    assert_self_contained(page)


def test_one_article_per_message_with_its_evidence_marked():
    data = report("checkout-outage", "poor")
    outline = Outline(report_to_html(data))
    ids = [value for tag, name, value in outline.attributes if tag == "article" and name == "id"]
    assert ids == [f"message-{response['id']}" for response in data["responses"]]
    marks = [value for tag, name, value in outline.attributes if tag == "mark"]
    assert "fail" in marks and "pass" in marks


def test_print_rules_are_inline():
    css = "".join(Outline(report_to_html(report())).styles)
    assert "@media print" in css and "@page" in css and "break-before: page" in css and "break-inside: avoid" in css


def test_participant_and_scenario_text_is_escaped():
    page = report_to_html(hostile_report())
    outline = Outline(page)
    assert "script" not in outline.tags
    assert_self_contained(page)
    text = outline.all_text
    assert HOSTILE in text  # shown as written, never run
    assert "\x1b" not in page and "␛[31m red" in text
    assert outline.headings["h1"][0].endswith(HOSTILE)


def test_a_message_with_markup_from_a_responses_file_stays_text(tmp_path):
    scenario = load_builtin("checkout-outage")
    responses = load_responses(
        "responses:\n"
        "  - {at: 4m, role: comms, channel: status_page, text: '<script>alert(1)</script> | pipe [@click=x]'}\n"
        "  - {at: 6m, role: ic, channel: incident_chat, text: '<img src=\"https://example.com/x.png\"> ok'}\n",
        scenario)
    page = report_to_html(report_for(simulate(scenario, responses, 7)))
    outline = Outline(page)
    assert "script" not in outline.tags and "img" not in outline.tags
    assert "<script>alert(1)</script> | pipe [@click=x]" in outline.all_text
    assert '<img src="https://example.com/x.png"> ok' in outline.all_text
    assert_self_contained(page)


def test_a_report_without_scores_still_renders():
    data = report()
    for key in ("score", "roles", "objectives", "promises", "team"):
        data.pop(key, None)
    for response in data["responses"]:
        response.pop("quality", None)
        response.pop("speed", None)
    outline = Outline(report_to_html(data))
    assert outline.headings["h2"] == SECTIONS


@pytest.mark.skipif(not shutil.which("chromium"), reason="chromium is not installed")
def test_chromium_renders_the_page(tmp_path):
    page = tmp_path / "report.html"
    page.write_text(report_to_html(report("checkout-outage", "poor")), encoding="utf-8")
    shot = tmp_path / "report.png"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}", "--window-size=1280,2000",
         page.as_uri()],
        capture_output=True, timeout=120, check=False)
    assert shot.exists()
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000
