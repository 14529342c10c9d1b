"""Comparing two drills of one scenario."""

import pytest

from drill.report.compare import CompareError, compare_reports, compare_to_html, compare_to_markdown
from report_helpers import Outline, check_golden, report


@pytest.fixture(scope="module")
def poor_and_good():
    return report("checkout-outage", "poor"), report("checkout-outage", "good")


def test_different_scenarios_are_refused():
    with pytest.raises(CompareError, match="different scenarios: 'checkout-outage' and 'login-data-exposure'"):
        compare_reports(report("checkout-outage"), report("login-data-exposure"))
    assert issubclass(CompareError, ValueError)


def test_a_better_drill_improves_everywhere(poor_and_good):
    poor, good = poor_and_good
    comparison = compare_reports(poor, good, ("before", "after"))
    assert comparison["labels"] == {"a": "before", "b": "after"}
    for metric in ("overall", "speed", "quality"):
        delta = comparison["score"][metric]
        assert delta["delta"] == round(good["score"][metric] - poor["score"][metric], 1) > 0
        assert delta["change"] == "improved"
    assert comparison["roles"]["legal"]["overall"]["change"] == "improved"
    assert [o["change"] for o in comparison["objectives"]] == ["improved"] * len(good["objectives"])
    asks = {ask["ask_id"]: ask for ask in comparison["asks"]}
    assert asks["legal-ask-1"]["a"]["status"] == "missed" and asks["legal-ask-1"]["change"] == "improved"
    assert asks["first-public-nudge"]["change"] == "only_a"  # the good team posted before the nudge
    first = comparison["first_public_update"]
    assert first["a"] == 1560 and first["b"] == 240  # the poor team's first status page post came at T+26 and first["change"] == "improved"
    assert comparison["promises"]["a"] == {"kept": 0, "broken": 1, "open": 0, "unresolved": 0}
    assert comparison["promises"]["b"]["broken"] == 0
    negative = comparison["public_negative_volume"]
    assert negative["b"] < negative["a"] and negative["change"] == "improved"
    assert comparison["regressed"] == []
    assert "Promises kept: 0 of 1 → 4 of 4." in comparison["improved"]


def test_the_other_way_round_everything_regresses(poor_and_good):
    poor, good = poor_and_good
    forward, backward = compare_reports(poor, good), compare_reports(good, poor)
    assert len(backward["regressed"]) == len(forward["improved"]) and backward["improved"] == []


def test_a_drill_compared_with_itself_has_no_changes(poor_and_good):
    poor, _ = poor_and_good
    comparison = compare_reports(poor, poor)
    assert comparison["improved"] == [] and comparison["regressed"] == []
    assert {ask["change"] for ask in comparison["asks"]} == {"same"}


def test_markdown_matches_its_golden_file(poor_and_good):
    check_golden("checkout-outage.compare.md", compare_to_markdown(*poor_and_good, labels=("Poor", "Good")))


def test_html_is_self_contained_with_both_sides(poor_and_good):
    page = compare_to_html(*poor_and_good, labels=("Poor <b>", "Good"))
    outline = Outline(page)
    assert outline.headings["h2"] == ["Scores", "What improved", "What regressed", "Public", "Roles", "Objectives",
                                      "Asks"]
    assert "script" not in outline.tags and "b" not in outline.tags
    assert "Poor <b> overall" in outline.all_text
