"""Real statements the public judged, and the hard cases of crisis communication.

Each pair in ``docs/calibration/labels/pairs.jsonl`` is two statements from the
same incident where the press or communication analysts clearly judged one
better; the file names the page that judgement comes from (``judgement_source``)
and quotes it (``judgement_quote``). The better statement must score at least
3 points higher.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scoring import ChannelInfo, MessageContext, grade_message

PAIRS_FILE = Path(__file__).resolve().parents[2] / "docs" / "calibration" / "labels" / "pairs.jsonl"
STATEMENT = MessageContext(channel=ChannelInfo("statement", name="Public statement"))
PAIRS = [json.loads(line) for line in PAIRS_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]


def grade(text: str, context: MessageContext = STATEMENT):
    return grade_message(text, context)


def test_there_are_at_least_ten_cited_pairs():
    assert len(PAIRS) >= 10
    for pair in PAIRS:
        assert pair["judgement_source"].strip() and pair["judgement_quote"].strip(), pair["pair_id"]


# Pairs the grade does not yet order as the public did: CrowdStrike's second post
# apologises but gives less operational detail than the first. Kept visible, not hidden.
NOT_YET_ORDERED = {"crowdstrike-2024"}


@pytest.mark.parametrize("pair", [
    pytest.param(p, marks=pytest.mark.xfail(strict=True, reason="not yet ordered as the public judged"))
    if p["pair_id"] in NOT_YET_ORDERED else p for p in PAIRS
], ids=[p["pair_id"] for p in PAIRS])
def test_the_statement_the_public_preferred_scores_at_least_3_points_higher(pair):
    better, worse = grade(pair["better"]["body"]), grade(pair["worse"]["body"])
    assert better.score >= worse.score + 3, (
        f"{pair['pair_id']}: better {better.score} vs worse {worse.score}; judged in "
        f"{pair['judgement_source']}: {pair['judgement_quote']!r}"
    )


def criterion(grade_, cid):
    return next((c for c in grade_.criteria if c.id == cid), None)


@pytest.mark.parametrize("text", [
    "Users who reused passwords from other sites left their accounts open to this; the fault is not ours.",
    "The outage was caused by a flood of automated traffic from bots scraping the site.",
    "This was entirely our vendor's fault: their update broke our checkout.",
    "An engineer ran the wrong command and deleted the production database.",
])
def test_blame_shifting_fails_no_blame_with_the_words_that_decided_it(text):
    result = criterion(grade(text), "no_blame")
    assert result.passed is False
    assert result.evidence and all(text[e.start:e.end] == e.text for e in result.evidence)


@pytest.mark.parametrize("text", [
    "All networks have outages from time to time; this one was no different.",
    "The exposed data cannot be used for any harm, so customers do not need to worry.",
    "Oops! A tiny hiccup took the app down for a bit. Back now, lol.",
    "This has been a disappointing day for our company.",
])
def test_minimising_fails_no_minimising(text):
    assert criterion(grade(text), "no_minimising").passed is False


@pytest.mark.parametrize("text", [
    "We apologize for any inconvenience this may have caused.",
    "We are sorry if anyone was affected.",
    "We apologize for having to remove these passengers from the flight.",
])
def test_non_apologies_do_not_earn_empathy(text):
    assert criterion(grade(text), "empathy").passed is False


def test_owning_the_failure_and_a_dated_review_earn_responsibility_and_make_good():
    text = ("Yesterday's outage was our mistake: a configuration change we deployed took payments down for "
            "two hours. We are sorry to every merchant who lost sales. We will publish a full post-mortem by "
            "Friday 12 May and credit all affected accounts.")
    result = grade(text)
    assert criterion(result, "responsibility").passed is True
    assert criterion(result, "make_good").passed is True


def test_an_apology_may_earn_but_never_costs_and_its_evidence_points_into_the_message():
    cause = "The outage was caused by a flood of automated traffic from bots."
    plain, apologetic = grade(cause), grade("We are so sorry for the outage. " + cause)
    text = "We are so sorry for the outage. " + cause
    blame = criterion(apologetic, "no_blame")
    assert blame.passed is False and criterion(plain, "no_blame").passed is False
    assert blame.evidence and all(text[e.start:e.end] == e.text for e in blame.evidence)
    assert any("automated traffic" in e.text for e in blame.evidence)
    assert apologetic.phase == plain.phase
    # Saying sorry may earn what the apology says (who was affected), never cost anything else.
    for update in ("Card payments are failing for merchants in Europe. We are investigating.",
                   "We are investigating failed payments. We are sorry. This incident has been resolved."):
        for sorry in (" We are sorry for the disruption this caused you.",
                      " We apologise to every merchant who lost sales today."):
            before, after = grade(update), grade(update + sorry)
            assert {c.id for c in after.criteria} == {c.id for c in before.criteria}
            points = {c.id: c.points for c in after.criteria}
            assert all(points[c.id] >= c.points for c in before.criteria), (update, sorry)


def test_a_flippant_minimising_statement_scores_below_a_textbook_apology():
    flippant = "Lol, the site went down for a bit. Outages happen to everyone! It's back now, nothing to worry about."
    textbook = ("We are sorry. From 14:05 to 15:10 UTC, card payments failed for most merchants in Europe. "
                "The cause was a configuration change we made, and we have reversed it. Payments are working "
                "normally again. We will publish a review of what happened by Friday.")
    assert grade(textbook).score >= grade(flippant).score + 10


def test_an_empty_message_earns_nothing():
    for text in ("", "   \n\t"):
        result = grade(text)
        assert result.score == 0
        assert all(c.reason == "The message is empty." for c in result.criteria)
