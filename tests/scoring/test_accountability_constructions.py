"""Blame, minimising, responsibility and make-good read as constructions, not stock sentences.

Each case is worded afresh for the construction it tests (a different company, product
and clause order from the statements it was drawn from), and each group has sentences
that must stay unflagged beside it, so a wider rule cannot quietly take in plain facts.
"""

from __future__ import annotations

import pytest

from scoring.detectors.accountability import find_make_good, find_responsibility
from scoring.detectors.blame import find_blame
from scoring.detectors.respect import find_minimising_language


@pytest.mark.parametrize("text", [
    # Customers' own passwords.
    "This happened because members often use the same password across many websites.",
    "The attackers used account credentials that were leaked through unrelated breaches at other companies.",
    "Accounts were accessed where usernames and passwords were the same as those used on other sites.",
    # Crowds, bots and scrapers.
    "A flood of bot attacks and resellers who didn't have invitations drove record traffic to the shop.",
    "Our launch was delayed by efforts from third parties to scrape the catalogue.",
    "We limited reads to counter extreme levels of data scraping.",
    # A vendor's hand or trouble.
    "A firmware change was pushed to our storage arrays by our hardware vendor without warning.",
    "The outage came from a defective switch supplied by an external networking supplier.",
    "An issue related to our payment processor's maintenance stopped card payments.",
    "We cannot say how long it will take the upstream provider to restore the link.",
    "We are still waiting for Cloudflare to fix the routing problem.",
    "Our courier partner is new, and they've had a few teething problems this week.",
    "Bookings failed because of Amadeus's reservation software.",
    # One person.
    "Contract staff accidentally removed the routing table during maintenance.",
    "A technician employed by a third-party contractor disabled the alarms.",
    # The partner who fell short.
    "Several of the suppliers we rely on have not delivered what they promised.",
    "Their team changed the checkout page without informing our team.",
])
def test_blame_constructions_are_found(text):
    assert find_blame(text), text


@pytest.mark.parametrize("text", [
    "We use the same deployment process in every region.",
    "The outage came from our CDN provider, for which we are ultimately responsible.",
    "Due to Monday's outage, invoices will be sent a day late.",
    "Our vendor, for whom we are responsible, has restored the link; the failure was ours to prevent.",
    "We are investigating elevated errors in GitHub Actions.",
    "We have applied a mitigation for elevated errors in a provider region.",
    "Please do not use the same password on other services.",
    "The underlying network problems are fixed.",
])
def test_plain_facts_are_not_blame(text):
    assert not find_blame(text), text


@pytest.mark.parametrize("text", [
    # Its own fault denied.
    "This incident was in no way connected to any weakness in our platform.",
    "There is no indication that our app was the source of the leaked passwords.",
    "Our network was not compromised.",
    "Importantly, no bank account numbers or passwords were compromised.",
    # Everyone's problem.
    "All airlines occasionally experience system outages.",
    "This has happened elsewhere and could happen to any retailer.",
    "These are industry-wide attacks on cloud accounts.",
    "Fraud is an ever-evolving threat.",
    "Outages are an exception to the norm for us.",
    # The scale as a boast, its team and defences praised, its own loss.
    "The sale showed how our artist keeps breaking records.",
    "It was a function of the unprecedented demand for the launch.",
    "We have robust security controls in place across the business.",
    "I want to recognise the tremendous efforts of our engineers.",
    "We are one of the largest regional carriers in the country.",
    "This will have an impact on the business in the next quarter.",
    "There are no specific steps you need to take at this time.",
])
def test_minimising_constructions_are_found(text):
    assert find_minimising_language(text), text


@pytest.mark.parametrize("text", [
    "Fewer than 1% of workflow runs are failing.",
    "A small percentage of requests to the API are timing out.",
    "We have no indication that any accounts were accessed.",
    "This was not an attack: a bad deploy caused the spike, and we are sorry.",
    "We are providing robust protections to the people affected, free of charge.",
    "Card data was not in the affected system.",
    "From 12:40 to 1:00 UTC, some users experienced a brief outage. This has been resolved.",
    "Network connectivity has been restored and all services have returned to normal.",
])
def test_bounded_facts_are_not_minimising(text):
    assert not find_minimising_language(text), text


@pytest.mark.parametrize("text", [
    "I apologise for the mistakes we've made along the way.",
    "We failed to protect your data, and I am sorry.",
    "We inadvertently deleted a set of customer projects.",
    "We should have anticipated the load and tested for it.",
    "I'm responsible for this, and I will fix it.",
    "Hold me personally accountable.",
    "It's our responsibility to make sure this cannot happen.",
    "We let many of our riders down this weekend.",
    "We have caused serious disruption to your plans.",
    "The outage followed a migration that we performed overnight.",
    "Make no mistake: this is on Northwind.",
])
def test_owning_the_failure_is_responsibility(text):
    assert find_responsibility(text), text


@pytest.mark.parametrize("text", [
    "We are sorry for the inconvenience we have caused.",
    "It could have been much worse.",
    "The rollout is on track for Friday.",
])
def test_formulas_and_reports_are_not_responsibility(text):
    assert not find_responsibility(text), text


@pytest.mark.parametrize("text", [
    "Every affected subscriber will receive an additional 3 days of service.",
    "We'll be providing a free data day on Sunday.",
    "We are crediting those customers for the full day.",
    "We will be providing a full postmortem once every node is back.",
    "We'll follow up with a summary of this issue.",
    "We have published a post-incident review of the outage.",
    "We are conducting a complete post mortem of our processes.",
    "We have changed our release policy so risky tools get a second review.",
    "No customer will be left out of pocket.",
])
def test_concrete_make_good_is_found(text):
    assert find_make_good(text), text


@pytest.mark.parametrize("text", [
    "We take this seriously and will learn from it.",
    "We will continue to monitor the service.",
])
def test_vague_promises_are_not_make_good(text):
    assert not find_make_good(text), text


from scoring.detectors.speculation import find_speculation  # noqa: E402


@pytest.mark.parametrize("text", [
    "We believe the outage was caused by a faulty router.",
    "Looks like we may have pushed a bad config.",
    "Our preliminary review has traced the failure to a corrupted file.",
    "It is likely that the passwords were taken from another site.",
    "We believe a bad deploy broke checkout.",
    "We believe that this is related to the DNS change.",
])
def test_hedged_causes_are_speculation(text):
    assert find_speculation(text), text


@pytest.mark.parametrize("text", [
    "We believe the incident is now resolved.",
    "We believe affected customers should be able to sign in again.",
    "We believe no card numbers were exposed.",
    "Microsoft is investigating what appears to be a widespread issue.",
    "We think that's an important message to convey.",
    "We believe strongly in the future of our product.",
    "We believe it will be a more stable base on which to run the bank.",
    "Based on our analysis to date, we believe it is unlikely that the information was used for fraud.",
])
def test_hedges_about_state_or_scope_are_not_speculation(text):
    assert not find_speculation(text), text


@pytest.mark.parametrize("text", ["The outage was on Monday.", "It's on track for Friday."])
def test_a_day_or_a_plan_after_on_is_not_an_owner(text):
    assert not find_responsibility(text), text
