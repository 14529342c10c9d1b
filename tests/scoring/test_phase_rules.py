"""The phase rule reads constructions, not one writer's sentences (the wording here is our own)."""

import pytest

from scoring.detectors.phase import detect_phase


def phase(text: str) -> str | None:
    return detect_phase(text)[0]


@pytest.mark.parametrize("text", [
    "The support team has resolved the issue causing slow invoice exports.",
    "We have fixed the problem and exports are working for everyone.",
    "The vendor has declared the incident resolved.",
    "The rollback was successful.",
    "Search clusters are now operational.",
    "Payments have resumed normal operation. Thank you for your patience.",
    "The problem was resolved and the app is now working properly.",
    "Checkout has recovered. If you continue to see errors, please contact support.",
    "Service has been restored to all regions. Our teams will be working on a post-incident report.",
    "Uploads should now be working normally. Thank you for your continued patience.",
])
def test_the_problem_said_to_be_fixed_is_resolved(text):
    assert phase(text) == "resolved"


@pytest.mark.parametrize("text", [
    "From 2024/02/11 08:10 to 09:02 UTC, some users could not upload photos.",
    "Between 3:15 pm (CET) - 3:40 pm (CET) the dashboard may have been slow.",
    "Between 11:05 PM PST on June 3rd and 1:10 AM PST on June 4th, signups failed.",
    "Errors began around 14:02 UTC and ended around 14:31 UTC.",
    "The mobile app experienced login failures for about 25 minutes.",
    "Our API had a 15 minute outage this morning.",
    "Some merchants saw failed card payments between 09:00 and 09:20 UTC. The cause was a bad configuration push.",
])
def test_a_window_in_the_past_is_a_retrospective(text):
    assert phase(text) == "resolved"


@pytest.mark.parametrize("text", [
    "Between 22:00 and 23:00 UTC tonight we will upgrade the database.",
    "Users may have seen errors between 10:00 and 10:20 UTC. We are monitoring recovery and continue to watch error rates.",
])
def test_a_window_ahead_or_work_still_going_on_is_not_a_retrospective(text):
    assert phase(text) != "resolved"


@pytest.mark.parametrize("text", [
    "Service has been fully restored and we are closely monitoring the results.",
    "Access has been restored for 60% of affected accounts.",
    "We have now restored a number of the affected workspaces.",
    "Reports are loading again while we monitor the recovery.",
    "Most stores are back online, and the rest will follow.",
    "Some users may still be experiencing slow page loads.",
    "We have partially restored file sharing.",
])
def test_a_part_restored_or_a_watch_is_monitoring(text):
    assert phase(text) == "monitoring"


@pytest.mark.parametrize("text", [
    "We will post another update once the service is operational again.",
    "We are working on a fix and will confirm when the issue has been resolved.",
])
def test_a_condition_does_not_resolve(text):
    assert phase(text) != "resolved"


@pytest.mark.parametrize("text", [
    "A faulty certificate is causing login errors for some users.",
    "As a result of a storage failure, image uploads are failing.",
    "A candidate fix is being tested in staging.",
    "We are preparing to add capacity in the affected region.",
    "Engineers are rebuilding the search index.",
    "Restoration of the affected mailboxes continues.",
])
def test_a_cause_or_a_fix_under_way_is_identified(text):
    assert phase(text) == "identified"


@pytest.mark.parametrize("text", [
    "The support team has been made aware of an issue with password resets.",
    "We have received several reports of failed logins on the web app.",
])
def test_awareness_is_investigating(text):
    assert phase(text) == "investigating"


@pytest.mark.parametrize("text", [
    "Based on our investigation, the intruder accessed names and email addresses.",
    "After investigating, we determined that a limited amount of data was viewed.",
    "The investigation has found no evidence of misuse.",
    "We launched an investigation and notified the regulator.",
    "We are very sorry for the inconvenience this is causing our members.",
    "Nobody lost money as a result of the attack.",
])
def test_an_investigation_told_or_harm_caused_is_not_a_phase(text):
    assert phase(text) not in ("investigating", "identified")


def test_an_investigation_still_going_on_is_investigating():
    assert phase("Our teams are continuing their investigation into the failed sign-ins.") == "investigating"


@pytest.mark.parametrize("text", [
    "Some shoppers in Leeds had trouble paying this morning; those problems have now been fixed.",
    "We have already corrected the underlying configuration fault.",
    "The intrusion has been contained and we found no evidence that card numbers were taken.",
    "We detected and stopped the attack within the hour.",
    "Members should once again be able to book classes. Thank you for bearing with us.",
    "Everyone can use the portal as normal. Subscribers will automatically receive a week's credit.",
    "Most importantly, bookings have been restored and the site is back up and running.",
    # Who was affected, in another clause, is not a share restored.
    "Some shoppers in Leeds saw declined cards this morning, which have now been fixed.",
    "The booking site is fully operational to the standard you have come to expect.",
])
def test_a_problem_ended_or_use_given_back_is_resolved(text):
    assert phase(text) == "resolved"


@pytest.mark.parametrize("text", [
    "We apologise for Tuesday's outage and the disruption it caused to your evening.",
    "The outage on 4/11/2023 in our Frankfurt data centre was unacceptable.",
    "Our booking failure last Saturday let down thousands of travellers.",
    "In March of 2021, we discovered unusual activity on one of our file servers.",
])
def test_an_incident_named_by_its_day_is_a_retrospective(text):
    assert phase(text) == "resolved"


@pytest.mark.parametrize("text, expected", [
    # The day named, but the outage still going on.
    ("Thursday's outage is still affecting customers in the north; engineers are working to restore it.", "identified"),
    # Restored or fixed for a share is still recovery, however plainly it is said.
    ("Bookings have been restored for some customers.", "monitoring"),
    ("The issue has been fixed for most users.", "monitoring"),
    ("We have fixed the problem for some customers.", "monitoring"),
    # A fix promised, not made.
    ("Once the fault has been fixed we will let you know.", None),
])
def test_what_is_not_yet_over_stays_open(text, expected):
    assert phase(text) == expected


@pytest.mark.parametrize("text", [
    "The booking app is coming back online now.",
    "Flights are resuming gradually across the region after the overnight outage.",
    "Services are gradually being restored across the north of the country.",
    "Logins are being allowed incrementally; not everyone will get in straight away.",
    "The plant is running at about 60 percent of normal capacity.",
])
def test_recovery_under_way_is_monitoring(text):
    assert phase(text) == "monitoring"


@pytest.mark.parametrize("text", [
    "We're working with real urgency to resolve it. Sorry for the wait.",
    "Some of you cannot log in. Our team is on the case.",
    "We are diagnosing slow page loads on the dashboard.",
    "We are currently responding to a security incident and will post updates here.",
    "We're aware and working to get this sorted.",
    "We are aware that some customers cannot send invoices.",
])
def test_work_with_nothing_found_yet_is_investigating(text):
    assert phase(text) == "investigating"


@pytest.mark.parametrize("text, expected", [
    # Working to resolve what is already named stays identified.
    ("The failures are due to an expired certificate; we are working to resolve it.", "identified"),
    # Being aware of how it felt says nothing of the service.
    ("We are aware how frustrating last week was for many of you.", None),
])
def test_work_named_elsewhere_is_not_read_as_investigating(text, expected):
    assert phase(text) == expected


@pytest.mark.parametrize("text", [
    "The faulty router that caused these outages is being replaced tonight.",
    "Steps have been taken overnight to remedy the problem.",
    "The bad release is being rolled back across every region.",
])
def test_a_cause_named_before_its_effect_or_a_fix_under_way_is_identified(text):
    assert phase(text) == "identified"


@pytest.mark.parametrize("text", [
    "At 09:12 UTC today, a certificate rotation triggered a failure in the login service.",
    "Our storage cluster experienced elevated errors after a routine upgrade.",
    "Two incidents at our hosting provider caused errors for our customers last week.",
])
def test_an_account_of_the_failure_in_the_past_looks_back(text):
    assert detect_phase(text)[0] == "resolved", text


@pytest.mark.parametrize("text", [
    "At 09:12 UTC, a certificate rotation triggered a failure in the login service. We are investigating.",
    "Our storage cluster experienced elevated errors; some uploads are still failing.",
    "The change caused errors for some users, and we are rolling it back.",
])
def test_a_past_account_with_work_still_going_on_is_not_resolved(text):
    assert detect_phase(text)[0] != "resolved", text


@pytest.mark.parametrize("text", [
    "The issue from earlier is fixed.",
    "The login problem is now fixed. It was caused by an expired certificate.",
])
def test_a_problem_said_to_be_fixed_is_resolved(text):
    assert detect_phase(text)[0] == "resolved", text


@pytest.mark.parametrize("text", [
    "We are working to mitigate an issue that affects uploads in the EU region.",
    "We continue to work towards mitigating the connection timeouts some clients see.",
    "Our team is actively working on mitigating the issue.",
])
def test_work_towards_a_mitigation_is_investigating(text):
    assert phase(text) == "investigating"


@pytest.mark.parametrize("text", [
    "We are deploying a mitigation for the failed builds.",
    "We have identified the change and are working to mitigate it.",
])
def test_a_mitigation_in_hand_is_identified(text):
    assert phase(text) == "identified"


@pytest.mark.parametrize("text", [
    "The storage clusters are operational.",
    "All systems nominal.",
    "The faulty disk has been replaced.",
    "We no longer observe elevated latency on the API.",
    "The errors are no longer occurring.",
])
def test_a_service_told_as_settled_is_resolved(text):
    assert phase(text) == "resolved"


@pytest.mark.parametrize("text", [
    "Search is degraded due to a storage fault. The dashboard is operational.",
    "Exports are still failing for some users. Imports are operational.",
    "Uploads are unavailable. Downloads are operational.",
])
def test_a_settled_part_beside_a_problem_is_not_resolved(text):
    assert phase(text) != "resolved"


@pytest.mark.parametrize("text", [
    "We have started successfully restoring sites and continue the work for the rest.",
    "We have identified the cause of the delays and they are beginning to recover.",
    "We have successfully restored email to thousands of customers and continue with the others.",
])
def test_recovery_begun_is_monitoring(text):
    assert phase(text) == "monitoring"


def test_work_to_fix_with_an_adverb_between_is_identified():
    assert phase("We own it, we are working 24/7 to fix it.") == "identified"


@pytest.mark.parametrize("text", [
    "Customers saw increased 503 errors in API requests. We apologize, and we will do better.",
    "We had a problem that disconnected many customers from the network. We are sorry.",
])
def test_a_past_account_with_only_promises_for_the_future_looks_back(text):
    assert phase(text) == "resolved"


def test_a_past_account_with_work_said_to_go_on_does_not_look_back():
    assert phase("We had a problem with the network. Engineers are still working on it.") != "resolved"


@pytest.mark.parametrize("text", [
    "We have reindexed about 20% of the missing pull requests.",
    "Reprocessing of unprocessed pushes from earlier continues.",
    "New consoles are now available in the Americas. Other regions are in progress.",
])
def test_data_caught_up_or_a_region_back_is_monitoring(text):
    assert phase(text) == "monitoring"


def test_data_to_be_backfilled_later_is_not_recovery_yet():
    text = "We have identified the underlying issue and are working on a fix. The data will be backfilled later."
    assert phase(text) == "identified"


@pytest.mark.parametrize("text", [
    "We are deploying a fix and are monitoring it now.",
    "We continue to monitor the rollout of the fix for failing jobs; it should take another hour.",
])
def test_watching_a_fix_still_going_out_is_identified(text):
    assert phase(text) == "identified"


def test_a_fix_deployed_and_watched_is_monitoring():
    assert phase("We have deployed a fix and are monitoring the results.") == "monitoring"


def test_credit_monitoring_offered_is_not_the_monitoring_phase():
    assert phase("We are offering one year of free credit monitoring to everyone affected.") != "monitoring"


@pytest.mark.parametrize("text, expected", [
    ("Artifact Cache is degraded. All other Actions services are operating normally. We're working to resolve it.",
     "investigating"),
    ("The issue has been identified and we are working on a fix. We will post an update once the fix is in place.",
     "identified"),
    ("We're working to increase capacity and get the wait time back to normal. The cause is a capacity constraint.",
     "identified"),
])
def test_spared_parts_aims_and_conditions_are_not_recovery(text, expected):
    assert phase(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The patch planned for tonight will remove the local web server.", "identified"),
    ("We have applied a patch and are watching error rates.", "monitoring"),
])
def test_a_patch_is_a_fix(text, expected):
    assert phase(text) == expected
