"""How the report, the comparison and `drill history` read: words for ids, counts and articles right,
units on figures, highlights on whole words, and one date for one drill."""

from __future__ import annotations

import json
import re
import time
from datetime import datetime, timezone

import pytest

from drill.cli.main import main
from drill.engine import DrillEngine
from drill.library import load_builtin
from drill.report.compare import comparison_document, compare_reports, compare_to_markdown
from drill.report.data import build_report
from drill.report.fmt import an, drill_date, end_reason, excerpt, out_of_100, plural, points, role_name
from drill.report.markdown import report_to_markdown
from drill.report.messages import highlighted, word_bounds
from drill.report.remedies import CRITERIA, label
from drill.wiring import start_drill
from scoring.criteria import QUALITY_CRITERIA
from report_helpers import report


@pytest.fixture
def local_zone(monkeypatch):
    """Run with the machine's local time zone set to ``zone``, then put it back."""

    def use(zone: str) -> None:
        monkeypatch.setenv("TZ", zone)
        time.tzset()

    yield use
    monkeypatch.undo()
    time.tzset()


# --- the helpers -------------------------------------------------------------------


def test_counts_articles_units_and_reasons():
    assert [plural(n, "message") for n in (0, 1, 2)] == ["0 messages", "1 message", "2 messages"]
    assert plural(2, "reply", "replies") == "2 replies"
    assert [an(word) for word in ("ask", "press call", "hour", "update", "SMS", "UK team", "user", "issue")] == [
        "an ask", "a press call", "an hour", "an update", "an SMS", "a UK team", "a user", "an issue"]
    assert (out_of_100(72.4), out_of_100(None)) == ("72/100", "—")
    assert (points(7, 9), points(0.5, 1), points(None, None)) == ("7/9 points", "0.5/1 point", "0/0 points")
    assert (end_reason("time"), end_reason("facilitator"), end_reason(None)) == (
        "time ran out", "ended by the facilitator", "")
    assert role_name({}, "facilitator") == "Facilitator"


def test_an_excerpt_ends_between_words_without_doubled_punctuation():
    text = "Investigating: card payments failing at checkout. Since shortly after 14:00 UTC, many merchants"
    assert excerpt(text, 50) == "Investigating: card payments failing at checkout…"
    assert excerpt("short", 50) == "short"
    assert excerpt("one two three", 7) == "one two…"


def test_every_criterion_has_a_label_and_an_unknown_one_reads_as_words():
    for criterion_id in QUALITY_CRITERIA:
        assert criterion_id in CRITERIA, f"{criterion_id} has no label, strength or remedy"
        assert "_" not in label(criterion_id)
    assert label("brand_new_check") == "Brand new check"


def test_one_date_for_one_drill(local_zone):
    start = "2025-03-14T14:05:00+00:00"
    assert drill_date(start, "2025-03-15T09:00:05Z") == "2025-03-14 14:05 UTC"  # its own start wins
    assert drill_date(None, "2025-03-15T09:00:05Z") == "2025-03-15 09:00 UTC"
    assert drill_date(None, "2025-03-15 09:00 UTC") == "2025-03-15 09:00 UTC"  # as a report already wrote it
    assert drill_date(datetime(2025, 3, 14, 16, 5, tzinfo=timezone.utc)) == "2025-03-14 16:05 UTC"
    assert drill_date(None, "2025-03-14") == "2025-03-14"  # a bare date is shown as it is
    assert drill_date(None, None) is None
    local_zone("UTC")
    assert drill_date(start, local=True) == "2025-03-14 14:05 UTC"  # nothing to add
    local_zone("Europe/Paris")
    assert drill_date(start, local=True) == "2025-03-14 14:05 UTC (15:05 local)"
    assert drill_date("2025-03-14T23:30:00Z", local=True) == "2025-03-14 23:30 UTC (2025-03-15 00:30 local)"
    assert drill_date(start) == "2025-03-14 14:05 UTC"  # a file keeps UTC alone


def test_the_report_is_dated_by_the_start_time_its_log_recorded():
    scenario = load_builtin("checkout-outage")
    engine = start_drill(scenario, 7, start_time=datetime(2025, 3, 14, 14, 5, tzinfo=timezone.utc))
    dated = build_report(scenario, engine.log, None, "2025-06-01T10:00:00Z")
    assert dated["generated_at"] == "2025-03-14 14:05 UTC"
    assert "| **Date** | 2025-03-14 14:05 UTC |" in report_to_markdown(dated)
    undated = build_report(scenario, start_drill(scenario, 7).log, None, "2025-06-01T10:00:00Z")
    assert undated["generated_at"] == "2025-06-01 10:00 UTC"  # no start time: when it was run


# --- highlights --------------------------------------------------------------------


def test_a_highlight_is_widened_to_whole_words():
    text = "We are investigating AWS's outage now."
    assert text[slice(*word_bounds(text, 9, 16))] == "investigating"
    assert text[slice(*word_bounds(text, 21, 24))] == "AWS's"
    assert text[slice(*word_bounds(text, 27, 33))] == "outage"  # already whole
    spans = highlighted(text, [{"id": "phase", "passed": True,
                                "evidence": [{"start": 9, "end": 16, "text": "nvestig"}]}])
    assert ("investigating", "hit-pass") in spans


@pytest.mark.parametrize("quality", ["good", "poor"])
def test_no_highlight_in_a_report_splits_a_word(quality):
    for response in report("checkout-outage", quality)["responses"]:
        text = response["text"]
        cursor = 0
        for part, style in highlighted(text, (response.get("quality") or {}).get("criteria", [])):
            start, end = cursor, cursor + len(part)
            cursor = end
            if style.startswith("hit-"):
                assert not (start > 0 and text[start - 1].isalnum() and text[start].isalnum()), (part, text)
                assert not (end < len(text) and text[end].isalnum() and text[end - 1].isalnum()), (part, text)
        assert cursor == len(text)


# --- the rendered report -----------------------------------------------------------


@pytest.mark.parametrize("quality", ["good", "poor"])
def test_the_report_names_criteria_in_words_and_puts_units_on_scores(quality):
    markdown = report_to_markdown(report("checkout-outage", quality))
    for criterion_id in QUALITY_CRITERIA:
        if "_" in criterion_id:
            assert criterion_id not in markdown, criterion_id
        assert f"'{criterion_id}'" not in markdown
    assert "Owns the failure" in markdown and "Commits to making it right" in markdown
    assert re.search(r"\| \*\*\d+/100\*\* \| \*\*\d+/100\*\* \| \*\*\d+/100\*\* \|", markdown)  # summary figures
    assert re.search(r"answered \| \d+/100 \|", markdown) or re.search(r"late \| \d+/100 \|", markdown)
    assert "timing first_public_update" not in markdown and "First public update: " in markdown
    assert re.search(r"\(speed \d+/100\)", markdown)
    assert "(time)" not in markdown and "(time ran out)" in markdown
    assert "→ facilitator only" in markdown and "→ facilitator |" not in markdown
    assert re.search(r"\| \d+ asks?, \d+ messages? \|", markdown)  # a role's basis, counted in words
    assert not re.search(r"\b1 (asks|messages)\b", markdown)  # one ask, one message
    assert "posted on status_page" not in markdown  # skipped injects name the channel as people know it
    assert "*Ratings: " in markdown and "  *" not in markdown  # the legend's emphasis closes


def test_a_required_criterion_that_failed_is_named_in_words():
    data = next(played for played in (report("checkout-outage", "poor"), report("checkout-outage", "good"))
                if any(ask.get("must_failed") for ask in played["asks"]))
    ask = next(ask for ask in data["asks"] if ask.get("must_failed"))
    markdown = report_to_markdown(data)
    assert "required but missed: " + label(ask["must_failed"][0]) in markdown


# --- the comparison ----------------------------------------------------------------


def test_a_comparison_names_its_drills_by_scenario_team_and_date_not_by_file():
    poor, good = report("checkout-outage", "poor"), report("checkout-outage", "good")
    poor["generated_at"], good["generated_at"] = "2025-03-14 14:05 UTC", "2025-03-21 14:05 UTC"
    good["participants"] = {"ic": "Sam Okafor", "comms": "Priya Shah"}
    comparison = compare_reports(poor, good)
    assert comparison["drills"]["b"]["team"] == "Sam Okafor, Priya Shah"
    document = comparison_document(comparison)
    assert document.subtitle == "A: 2025-03-14 14:05 UTC, seed 7 · B: team Sam Okafor, Priya Shah, 2025-03-21 14:05 UTC, seed 7"
    markdown = compare_to_markdown(poor, good)
    assert "| **A** (baseline) | Checkout payments failing | *not named* | 2025-03-14 14:05 UTC | 7 |" in markdown
    assert "| **B** | Checkout payments failing | Sam Okafor, Priya Shah | 2025-03-21 14:05 UTC | 7 |" in markdown
    assert re.search(r"Overall score \d+/100 → \d+/100 \(\+[\d.]+ points\)\.", markdown)
    assert "Objective “Answer the press with facts, without speculation or blame”: rated" in markdown
    assert "first-public" not in markdown.split("## Asks")[0]  # objectives by their text, not their ids
    assert re.search(r"Negative public chatter [\d.]+ → [\d.]+ negative posts\.", markdown)
    assert re.search(r"\(\d+/100\) → answered", markdown)


def test_the_compare_command_labels_drills_by_date_not_by_path(tmp_path, capsys):
    for name in ("poor", "good"):
        data = report("checkout-outage", name)
        data["generated_at"] = "2025-03-14 14:05 UTC"
        (tmp_path / f"{name}.json").write_text(json.dumps(data))
    out = tmp_path / "cmp"
    assert main(["report", "--compare", str(tmp_path / "poor.json"), str(tmp_path / "good.json"),
                 "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"A (baseline): 2025-03-14 14:05 UTC, seed 7 — from {tmp_path / 'poor.json'}" in printed
    for name in ("compare.md", "compare.html", "compare.json"):
        assert str(tmp_path) not in (out / name).read_text(), name


# --- history -----------------------------------------------------------------------


def test_history_dates_a_drill_as_its_report_does(tmp_path, capsys, local_zone):
    local_zone("UTC")
    db = tmp_path / "drill.db"
    assert main(["simulate", "checkout-outage", "--db", str(db), "--out", str(tmp_path / "r"),
                 "--start-time", "2025-03-14T14:05Z"]) == 0
    dated = json.loads((tmp_path / "r" / "report.json").read_text())["generated_at"]
    capsys.readouterr()
    assert main(["history", "--db", str(db)]) == 0
    row = capsys.readouterr().out.splitlines()[1]
    assert dated == "2025-03-14 14:05 UTC" and f" {dated} " in row and re.search(r" \d+/100 ", row)
    local_zone("America/New_York")
    assert main(["history", "--db", str(db)]) == 0
    assert "2025-03-14 14:05 UTC (10:05 local)" in capsys.readouterr().out

