"""False positives and negatives found by scenario writers, one group per detector.

Each group has real-sounding sentences that must pass and sentences that must
still fail, so a fix for one side cannot silently break the other.
"""

from __future__ import annotations

import pytest

from scoring import PriorMessage, grade_message
from scoring.detectors.blame import find_blame
from scoring.detectors.claims import extract_claims
from scoring.detectors.empathy import find_empathy
from scoring.detectors.eta import find_fix_time
from scoring.detectors.phase import detect_phase
from scoring_cases import SOCIAL, criterion, public


def check(text, cid, **ctx):
    return criterion(grade_message(text, public(**ctx)), cid)


def assert_flags(find, cid, text, flagged):
    """The detector finds something in ``text`` exactly when the criterion it drives fails."""
    assert bool(find(text)) is flagged, text
    assert check(text, cid).passed is (not flagged)


# 1. empathy: contractions and curly apostrophes

@pytest.mark.parametrize("text", [
    "We're sorry for the disruption.",
    "I'm sorry",
    "We\u2019re sorry for the disruption this is causing to your business.",
    "I\u2019m so sorry that your customers could not pay today.",
    "We're truly sorry. Card payments have been failing since 14:05 UTC.",
])
def test_contracted_apologies_count(text):
    genuine, _ = find_empathy(text)
    assert genuine, text
    assert check(text, "empathy").passed is True


@pytest.mark.parametrize("text", [
    "We're sorry for any inconvenience.",
    "I\u2019m sorry if you were affected.",
    "Card payments are failing. We're investigating.",
])
def test_non_apologies_and_no_apology_still_fail(text):
    assert check(text, "empathy").passed is False


# 2. data-exposure claims: a denial is not an admission

DATA_SAFE = {"data_exposed": False}
DATA_LEAKED = {"data_exposed": True}


@pytest.mark.parametrize("text", [
    "No cardholder data was exposed.",
    "Sign-in is failing, but no customer data was affected.",
    "There is no sign of any data exposure.",
    "None of your payment details were accessed.",
    "We have found no evidence that customer data was accessed.",
])
def test_data_denials_are_read_as_denials(text):
    data = extract_claims(text).data_exposed
    assert data is not None and data[0] is False, text
    assert check(text, "accuracy", facts=DATA_SAFE).passed is True
    assert check(text, "accuracy", facts=DATA_LEAKED).passed is False


@pytest.mark.parametrize("text", [
    "Some data was exposed.",
    "Some cardholder data was exposed to another merchant.",
    "No card numbers were involved, but some email addresses were accessed.",
    "We cannot rule out that customer data was accessed.",
])
def test_data_admissions_are_read_as_exposure(text):
    assert check(text, "accuracy", facts=DATA_LEAKED).passed is True
    assert check(text, "accuracy", facts=DATA_SAFE).passed is False


@pytest.mark.parametrize("text", [
    "If any customer data was exposed, we will tell you directly.",
    "We have not yet determined whether any data was accessed.",
])
def test_open_questions_about_data_claim_nothing(text):
    assert extract_claims(text).data_exposed is None
    assert check(text, "accuracy", facts=DATA_SAFE).passed is True
    assert check(text, "accuracy", facts=DATA_LEAKED).passed is True


def test_no_data_exposed_fails_when_data_was_exposed():
    bad = check("No data was exposed.", "accuracy", facts=DATA_LEAKED)
    assert bad.passed is False and "No data was exposed" in bad.evidence[0].text


# 3. customer counts: only a stated total is compared with the facts

@pytest.mark.parametrize("text, actual", [
    ("This morning, 214 people in 37 organisations were shown another organisation's projects.", 1200),
    ("Calls are connecting again for about 1,700 of the 3,100 customers in central Europe.", 3100),
    ("We have called about 40 enterprise customers to explain what happened.", 1200),
    ("We are restoring service for the remaining 1,400 customers.", 3100),
    ("About 5% of merchants saw failed payments.", 2300),
    ("Since 14:05 UTC users have been unable to pay by card.", 2300),
    ("For 30 minutes customers could not pay by card.", 2300),
    ("The 3rd merchant to call us reported the problem at 14:10 UTC.", 2300),
    ("About 2,300 merchants are affected, up from 400 merchants this morning.", 2300),
    ("About 2,300 merchants in the EU and the UK are affected.", 2300),
])
def test_partial_and_non_count_figures_do_not_contradict(text, actual):
    assert check(text, "accuracy", facts={"customers_affected": actual}).passed is True, text


@pytest.mark.parametrize("text", [
    "50 customers are affected.",
    "The outage is affecting 50 customers.",
    "About 200 merchants in the EU cannot take card payments.",
    "Card payments are failing for about 90 merchants.",
    "We are working to help the 60 affected merchants.",
])
def test_a_wrong_total_still_fails_accuracy(text):
    bad = check(text, "accuracy", facts={"customers_affected": 2300})
    assert bad.passed is False and "2,300" in bad.reason, text


def test_two_totals_across_channels_are_inconsistent_but_parts_are_not():
    earlier = (PriorMessage(SOCIAL, 300.0, "About 2,300 merchants are affected."),)
    assert check("About 900 merchants are affected.", "consistency", earlier=earlier).passed is False
    assert check("Payments work again for 1,700 of the 2,300 merchants.", "consistency",
                 earlier=earlier).passed is True
    assert check("Our team has called about 40 enterprise merchants.", "consistency",
                 earlier=earlier).passed is True


# 4. no_eta: a promised fix time is about the future fix

@pytest.mark.parametrize("text", [
    "Card payments started failing at 10:04 UTC and a fix is being deployed.",
    "Payments were restored at 10:40 UTC.",
    "Payments have been failing since 14:05 UTC; a fix is being deployed.",
    "Checkout has fully recovered and has been working normally for over 30 minutes.",
    "Payments have been restored and have worked normally for the past hour.",
    "We restored service in 20 minutes.",
    "At 10:04 UTC we deployed a fix.",
    "We have deployed a fix and will post the next update at 15:00 UTC.",
])
def test_past_times_and_durations_are_not_fix_times(text):
    assert_flags(find_fix_time, "no_eta", text, flagged=False)


@pytest.mark.parametrize("text", [
    "The issue will be fixed by 3pm.",
    "We expect payments to be resolved within the hour.",
    "Checkout will be back up in 20 minutes.",
    "Service back up in 20 minutes.",
    "A fix is rolling out, ETA 45 minutes.",
    "The fix will be deployed at 15:00 UTC.",
    "Payments failed at 10:04 UTC and we expect full recovery within 30 minutes.",
    "We're working to have this fixed within the next few hours!",
    "Some projects may still be affected; we will be working to remediate those in the next day.",
])
def test_promised_fix_times_still_fail(text):
    assert_flags(find_fix_time, "no_eta", text, flagged=True)


# 5. no_blame: quoting or denying blame is not blaming

@pytest.mark.parametrize("text", [
    "We won't say 'not our fault': this one is on us.",
    'We will not hide behind "human error".',
    "This is not the vendor's fault, it is ours.",
    "This was not caused by our payment provider; a change we made caused it.",
    "Reports that an engineer deleted the database are not true.",
    "We take full responsibility and do not blame our provider.",
])
def test_quoted_and_denied_blame_is_not_blame(text):
    assert_flags(find_blame, "no_blame", text, flagged=False)


@pytest.mark.parametrize("text", [
    "This was caused by our vendor's mistake.",
    "An engineer pushed a bad change.",
    "Customers misconfigured their accounts.",
    "This is not our fault.",
    "The outage was caused by one of our engineers, not by the vendor.",
    "No, this was caused by our vendor's mistake.",
])
def test_real_blame_still_fails(text):
    assert_flags(find_blame, "no_blame", text, flagged=True)


# 6. phase: an explicit resolution wins; investigation needs investigation phrasing

@pytest.mark.parametrize("text, phase", [
    ("Checkout has been working normally for 30 minutes and this incident is resolved.", "resolved"),
    ("This incident has been resolved. We will publish a full review within five days.", "resolved"),
    ("Payments should work normally now, and the incident has been resolved.", "resolved"),
    ("The issue has been resolved but we are still monitoring.", "monitoring"),
    ("The issue is resolved, but some merchants still see failed refunds.", "monitoring"),
    ("We had to find this before we could fix it.", None),
    ("We were able to identify the cause and are rolling out a fix.", "identified"),
    ("We now understand the root cause of the failed payments. We are working on a fix.", "identified"),
    ("We are investigating failed card payments.", "investigating"),
    ("We are looking into reports of failed card payments.", "investigating"),
    ("Engineers are working to identify the cause.", "investigating"),
    ("We are still trying to find what is causing the errors.", "investigating"),
])
def test_phase_wording(text, phase):
    assert detect_phase(text)[0] == phase, text


def test_resolved_message_passes_phase_when_the_facts_say_resolved():
    text = "Checkout has been working normally for 30 minutes and this incident is resolved."
    assert check(text, "phase", facts={"phase": "resolved"}).passed is True
    assert check("We had to find this before we could fix it.", "phase",
                 facts={"phase": "investigating"}).passed is False
