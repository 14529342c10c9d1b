"""The action and impact rules read constructions, not one writer's sentences."""

import pytest

from scoring.detectors.action import find_user_action
from scoring.detectors.impact import find_impact


@pytest.mark.parametrize("text", [
    "Out of an abundance of caution, we strongly recommend that all customers rotate their secrets.",
    "Users are encouraged to sign in again once the page loads.",
    "Meetings can still be accessed using the desktop app.",
    "If you are still having problems, try restarting your phone.",
    "For video conferencing, use the backup service.",
    "Customers were not charged, and they can still pay with other payment methods.",
])
def test_an_instruction_to_the_reader_is_an_action(text):
    assert find_user_action(text)


@pytest.mark.parametrize("text", [
    "We have deployed some workarounds and re-enabled project creation.",
    "Our teams continue to work around the clock to fix the problems.",
    "An issue with the sign-in service hosted at https://login.example.edu has been identified.",
    "We are working with customers so that they can deliver their services again.",
    "More updates to follow shortly.",
])
def test_what_the_team_does_for_itself_is_not_an_action(text):
    assert not find_user_action(text)


def test_a_status_page_link_is_still_a_place_to_follow():
    assert find_user_action("Details: https://status.example.com")


@pytest.mark.parametrize("text", [
    "We are investigating increased response times from the Machines API.",
    "Maintenance applies to all of the resources in the eastern cluster.",
    "Access to apps hosted there may be affected.",
])
def test_a_symptom_or_a_share_of_what_is_affected_is_impact(text):
    assert find_impact(text)


def test_a_denied_loss_is_not_a_consequence():
    assert "consequence" not in find_impact("All notifications have been processed. No notifications were lost.")
    assert "consequence" in find_impact("Some notifications were lost.")


@pytest.mark.parametrize("text", [
    "This may affect resources that have the following pattern in their endpoint: c309",
    "The interruption is impacting multiple customers in the EU.",
    "Numerous users are unable to sign in.",
])
def test_what_is_affected_named_as_a_group_is_who(text):
    assert "who" in find_impact(text)
