"""Each criterion with realistic status-page sentences that pass and fail it."""

from __future__ import annotations

import pytest

from scoring import QUALITY_CRITERIA, QUALITY_WEIGHTS, ChannelInfo, PriorMessage, grade_message
from scoring_cases import SOCIAL, criterion, internal, public

FACTS = {
    "phase": "investigating",
    "customers_affected": 12000,
    "regions": ["eu-west"],
    "services": ["Payments"],
    "data_exposed": False,
}


def passes(text, cid, **ctx):
    return criterion(grade_message(text, public(**ctx)), cid)


@pytest.mark.parametrize("cid, good, bad", [
    ("acknowledge",
     "Some customers are unable to log in to the dashboard.",
     "Here is the latest from the team."),
    ("impact",
     "About 12,000 customers in Europe West cannot complete card payments since 14:05 UTC.",
     "We are looking at things."),
    ("next_update",
     "We are investigating. Next update in 30 minutes.",
     "We are investigating."),
    ("action",
     "As a workaround, you can pay by bank transfer. Follow @acmestatus for updates.",
     "We are investigating failed payments."),
    ("known_unknowns",
     "We do not yet know the cause and will share more as soon as we know more.",
     "We are investigating failed payments."),
    ("empathy",
     "We are sorry for the disruption this is causing to your business.",
     "We apologize for any inconvenience."),
    ("no_blame",
     "A configuration change we made caused the failures.",
     "This was caused by our vendor's mistake."),
    ("no_speculation",
     "We are investigating the cause of failed payments.",
     "This may be caused by a DDoS attack."),
    ("no_eta",
     "We are investigating. We will post another update within 30 minutes.",
     "The issue will be fixed by 3pm."),
    ("respect",
     "Card payments are failing for about 12,000 customers.",
     "No comment."),
    ("plain_language",
     "Our payment database is not responding, so card payments fail.",
     "db-prod-03.internal is down and the PGW is failing over."),
    ("readability",
     "Card payments are failing. We are working on it. We will post again soon.",
     "Notwithstanding comprehensive infrastructural remediation initiatives, intermittent transactional "
     "authorization unavailability necessitates considerable organizational reconfiguration activities."),
])
def test_public_criterion_pass_and_fail(cid, good, bad):
    assert passes(good, cid, facts=FACTS).passed is True, passes(good, cid, facts=FACTS)
    failed = passes(bad, cid, facts=FACTS)
    assert failed.passed is not True and failed.points < failed.max, failed


def test_phase_matches_facts():
    assert passes("We are investigating failed payments.", "phase", facts=FACTS).passed is True
    wrong = passes("The issue has been resolved.", "phase", facts=FACTS)
    assert wrong.passed is False and "resolved" in wrong.reason
    assert wrong.evidence and "resolved" in wrong.evidence[0].text
    assert passes("We have identified the cause.", "phase").passed is True  # no phase in facts
    assert passes("Payments are slow.", "phase").passed is False  # no phase stated


def test_accuracy_contradictions_name_the_span():
    bad = passes("About 200 customers in US East are affected. No data was exposed.", "accuracy", facts=FACTS)
    assert bad.passed is False
    texts = {e.text for e in bad.evidence}
    assert any("200 customers" in t for t in texts)
    assert any("US East" in t for t in texts)
    good = passes("About 12,000 customers in Europe West are affected. No data was exposed.", "accuracy", facts=FACTS)
    assert good.passed is True
    leak = passes("Some customer data was exposed.", "accuracy", facts=FACTS)
    assert leak.passed is False and "exposed" in leak.evidence[0].text
    unaffected = passes("Payments are not affected.", "accuracy", facts=FACTS)
    assert unaffected.passed is False


def test_minimising_only_counts_when_the_impact_is_large():
    text = "A handful of customers may see failed payments."
    assert passes(text, "no_minimising", facts=FACTS).passed is False
    assert passes(text, "no_minimising", facts={"customers_affected": 4}).passed is True


def test_a_small_share_offered_as_the_size_is_weighed_against_the_facts():
    text = "Less than 2% of our customers were affected by the payment failures."
    assert passes(text, "no_minimising", facts=FACTS).passed is False
    assert passes(text, "no_minimising", facts={"customers_affected": 4}).passed is True


def test_a_brief_outage_is_weighed_against_the_facts():
    text = "We experienced a brief outage of payments. It has been resolved."
    assert passes(text, "no_minimising", facts=FACTS).passed is False
    assert passes(text, "no_minimising", facts={"customers_affected": 4}).passed is True


@pytest.mark.parametrize("text", [
    "Payments are failing in the EU. We will share a brief summary of the cause.",
    "Payments are failing in the EU. We will post an update in a short time.",
])
def test_brief_or_short_of_something_else_than_the_outage_is_not_a_size_word(text):
    assert passes(text, "no_minimising", facts=FACTS).passed is True


def test_acronyms_explained_or_well_known_are_plain():
    ok = "Single sign-on (SSO) is failing. The API and DNS are fine; times are in UTC."
    assert passes(ok, "plain_language").passed is True
    assert passes("SSO is failing for some users.", "plain_language").passed is False
    assert passes("Check the Grafana dashboard and the runbook.", "plain_language").passed is False


def test_length_counts_links_as_23_on_social():
    url = "https://status.example.com/incidents/" + "x" * 200
    text = "We are investigating failed payments. Updates: " + url
    ctx = public(channel=SOCIAL)
    assert criterion(grade_message(text, ctx), "length").passed is True
    assert criterion(grade_message("a" * 300, ctx), "length").passed is False
    assert criterion(grade_message("a" * 5000, public(channel=ChannelInfo("email"))), "length").passed is True


def test_consistency_with_earlier_messages():
    earlier = (PriorMessage(SOCIAL, 300.0, "About 12,000 customers are affected. No data was exposed."),)
    same = passes("About 12,000 customers are affected.", "consistency", earlier=earlier)
    assert same.passed is True
    diff = passes("About 3,000 customers are affected.", "consistency", earlier=earlier)
    assert diff.passed is False and "3,000 customers" in diff.evidence[0].text
    revised = passes("The number of affected customers has now grown to 30,000 customers.", "consistency", earlier=earlier)
    assert revised.passed is True
    flip = passes("Some customer data was exposed.", "consistency", earlier=earlier)
    assert flip.passed is False
    resolved = (PriorMessage(SOCIAL, 300.0, "This incident has been resolved."),)
    backwards = passes("We are investigating failed payments.", "consistency", earlier=resolved)
    assert backwards.passed is False
    recurred = passes("We are investigating failed payments again.", "consistency", earlier=resolved)
    assert recurred.passed is True


def test_internal_channels_get_their_own_criteria_and_may_give_an_eta():
    g = grade_message("We have identified the cause: a bad config push. Fix will be deployed by 15:00 UTC. "
                      "We need approval to fail over. Next update in 20 minutes.", internal(facts={"phase": "identified"}))
    ids = [c.id for c in g.criteria]
    assert "no_eta" not in ids and "empathy" not in ids and "plain_language" not in ids
    assert {"acknowledge", "phase", "impact", "action", "next_update", "length", "readability",
            "accuracy", "no_blame", "consistency"} == set(ids)
    assert criterion(g, "action").passed is True
    assert criterion(g, "next_update").passed is True


def test_public_grade_lists_all_criteria_with_weights():
    g = grade_message("We are investigating failed payments.", public())
    not_due = {"responsibility", "make_good"}  # an early investigating update is not due to own the cause
    assert [c.id for c in g.criteria] == [c for c in QUALITY_CRITERIA if c not in not_due]
    final = grade_message("This incident has been resolved.", public())
    assert [c.id for c in final.criteria] == list(QUALITY_CRITERIA)
    assert sum(c.max for c in final.criteria) == 100
    assert all(c.max == QUALITY_WEIGHTS[c.id] for c in g.criteria)
    assert all(c.reason.endswith(".") for c in g.criteria)


def test_a_good_message_scores_high_and_a_bad_one_low():
    good = ("We are investigating failed card payments affecting about 12,000 customers in Europe West "
            "since 14:05 UTC. We are sorry for the disruption. We do not yet know the cause. You can pay "
            "by bank transfer in the meantime. Next update by 14:45 UTC.")
    bad = ("No comment. This was caused by our vendor's mistake and will probably be fixed by 3pm. "
           "A handful of users on db-prod-03.internal may notice a minor blip.")
    g_good = grade_message(good, public(facts=FACTS, at=600))
    g_bad = grade_message(bad, public(facts=FACTS, at=600))
    assert g_good.score >= 90, g_good
    assert g_bad.score <= 50, g_bad
    assert g_good.phase == "investigating"


def test_to_dict_is_plain_json():
    import json

    g = grade_message("We are investigating. Next update in 30 minutes.", public(at=60))
    data = json.loads(json.dumps(g.to_dict()))
    assert data["promises"][0]["due_at"] == 60 + 1800
