"""The detectors on their own: phase, promises, fix times, readability."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from scoring.detectors.empathy import find_empathy
from scoring.detectors.eta import find_fix_time
from scoring.detectors.phase import detect_phase
from scoring.detectors.promises import find_promises, find_update_commitments
from scoring.detectors.readability import count_syllables, readability
from scoring_cases import START


@pytest.mark.parametrize("text, phase", [
    ("We are investigating reports of failed logins.", "investigating"),
    ("We are currently investigating this issue.", "investigating"),
    ("We have identified the cause of the failed logins and are working on a fix.", "identified"),
    ("The issue has been identified and a fix is being implemented.", "identified"),
    ("A fix has been implemented and we are monitoring the results.", "monitoring"),
    ("We've applied a mitigation and are seeing recovery.", "monitoring"),
    ("This incident has been resolved.", "resolved"),
    ("From 16:24-16:43 UTC, several services were unavailable.", "resolved"),
    ("Customers may see errors until this is resolved.", None),
    ("Card payments are slow.", None),
])
def test_detect_phase(text, phase):
    found, evidence = detect_phase(text)
    assert found == phase
    assert bool(evidence) == (phase is not None)
    for e in evidence:
        assert text[e.start:e.end] == e.text


@pytest.mark.parametrize("text, at, due", [
    ("Next update in 30 minutes.", 600.0, 600.0 + 1800),
    ("We will post another update within the hour.", 0.0, 3600.0),
    ("We'll provide the next update in 1 hour.", 100.0, 3700.0),
    ("Next update in 15 mins.", 0.0, 900.0),
    ("We will provide an update in half an hour.", 0.0, 1800.0),
    ("We will post an update by 14:30 UTC.", 0.0, 1800.0),
    ("Next update at 15:00 UTC.", 600.0, 3600.0),
    ("We'll update this page at 3pm UTC.", 0.0, 3600.0),
    ("We will update you every 30 minutes.", 60.0, 1860.0),
])
def test_find_promises_resolves_due_times(text, at, due):
    promises = find_promises(text, at, START)
    assert len(promises) == 1
    assert promises[0].due_at == pytest.approx(due)
    assert text[promises[0].start:promises[0].end] == promises[0].text


def test_clock_promise_without_start_time_is_recorded_unresolved():
    [promise] = find_promises("Next update by 14:30 UTC.", 0.0, None)
    assert promise.due_at is None and "14:30" in promise.text


def test_clock_time_already_past_rolls_to_next_day():
    start = datetime(2024, 3, 5, 23, 0, tzinfo=timezone.utc)
    [promise] = find_promises("Next update at 00:30 UTC.", 0.0, start)
    assert promise.due_at == pytest.approx(5400.0)


def test_vague_commitments_are_not_promises():
    text = "We will provide an update when we have one."
    assert find_promises(text, 0.0, START) == []
    assert find_update_commitments(text)
    assert not find_update_commitments("We are investigating.")


@pytest.mark.parametrize("text", [
    "The issue will be fixed by 3pm.",
    "We expect full recovery in the next 20 minutes.",
    "The mitigation will be deployed within one hour.",
    "We estimate it will take 3 hours to clear the backlog.",
    "Hotfix is underway, ETA 1h.",
])
def test_fix_times_are_found(text):
    assert find_fix_time(text)


@pytest.mark.parametrize("text", [
    "Next update in 30 minutes.",
    "We will post another update within the hour.",
    "Within two minutes of being alerted we reverted the change.",
    "Jobs that have waited over 45 minutes will fail.",
])
def test_next_update_times_and_past_durations_are_not_fix_times(text):
    assert not find_fix_time(text)


def test_non_apologies_do_not_count():
    for text in ("We apologize for any inconvenience.", "Sorry if you were affected.",
                 "We apologise if this caused trouble."):
        genuine, fake = find_empathy(text)
        assert not genuine and fake, text
    genuine, _ = find_empathy("We apologize for the impact this had on your work.")
    assert genuine


@pytest.mark.parametrize("word, syllables", [
    ("the", 1), ("make", 1), ("failed", 1), ("delayed", 2), ("table", 2), ("people", 2),
    ("customers", 3), ("region", 2), ("identified", 4), ("availability", 6), ("communication", 5),
])
def test_count_syllables(word, syllables):
    assert count_syllables(word) == syllables


def test_readability_grade_orders_plain_and_dense_text():
    plain = readability("Payments fail. We are on it. We will post again soon.")
    dense = readability("Intermittent authorization unavailability necessitates comprehensive infrastructural reconfiguration.")
    assert plain.grade < 6 < dense.grade
    assert readability("").words == 0


def test_detectors_ignore_letter_case():
    assert detect_phase("WE ARE INVESTIGATING FAILED LOGINS.")[0] == "investigating"
    assert find_promises("NEXT UPDATE IN 30 MINUTES.", 0.0, START)[0].due_at == 1800.0
    assert find_fix_time("The issue will be fixed by 3PM.")
