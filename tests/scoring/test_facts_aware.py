"""Good messages from our own scenarios are judged on what they mean, not on the words the rules knew."""

from __future__ import annotations

from scoring import ChannelInfo, MessageContext, grade_message
from scoring.detectors.accuracy import find_contradictions

STATUS = ChannelInfo("status_page", max_chars=1500, name="Status page")
INTERNAL = ChannelInfo("incident_chat", audience="internal", name="Incident channel")


def verdict(text, criterion, channel=STATUS, facts=None):
    grade = grade_message(text, MessageContext(channel=channel, facts=facts or {}))
    return next(c for c in grade.criteria if c.id == criterion)


def test_a_workaround_phrased_as_an_option_is_an_action():
    text = "Card payments are failing for merchants in Europe. Merchants can offer bank transfer meanwhile."
    assert verdict(text, "action").passed is True


def test_a_bare_link_to_follow_is_an_action():
    assert verdict("Card payments are failing in Europe. Updates: https://status.acmepay.example", "action").passed


def test_a_region_inside_the_affected_region_agrees_with_the_facts():
    facts = {"regions": ["EU"]}
    assert not find_contradictions("Card payments are failing for merchants in eu-west.", facts)
    assert find_contradictions("Card payments are failing for merchants in us-east.", facts)


def test_a_scenario_may_declare_its_own_region_aliases():
    facts = {"regions": ["Acme North"], "aliases": {"Acme North": "eu-west"}}
    assert not find_contradictions("Card payments are failing for merchants in Ireland.", facts)


def test_capitals_for_emphasis_are_not_acronyms():
    text = "Please do NOT retry failed card payments: customers were NOT charged."
    assert verdict(text, "plain_language").passed is True


def test_internal_and_cadence_promises_are_next_update_promises():
    assert verdict("Next internal update in 10 minutes.", "next_update", channel=INTERNAL).passed is True
    assert verdict("We will post here at least every 30 minutes.", "next_update").passed is True


def test_working_normally_again_is_a_recovery_not_a_claim_it_was_never_affected():
    facts = {"services": ["checkout"], "phase": "monitoring"}
    assert not find_contradictions("Checkout is working normally again.", facts)
    assert find_contradictions("Checkout is working normally.", facts)


def test_a_leading_status_label_states_the_phase():
    text = "Identified: a configuration change we made was rejecting valid payments. We are rolling it back."
    assert grade_message(text, MessageContext(channel=STATUS)).phase == "identified"
