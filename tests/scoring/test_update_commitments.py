"""Commitments to further updates, timed or not, read as constructions (the wording here is our own)."""

import pytest

from scoring.detectors.promises import find_promises, find_update_commitments


@pytest.mark.parametrize("text", [
    "We will keep watching error rates and share updates here.",
    "We'll keep monitoring and update when we know more.",
    "More information will be posted here as it becomes available.",
    "Further details will be shared shortly.",
    "We will follow up with a summary as soon as we can.",
    "We will share everything we can once the review is done.",
    "We are committed to sharing more details with affected customers.",
    "We're working on a fix and will provide an ETA once we have one.",
    "We will keep our status page up to date throughout.",
    "We will publish a root cause analysis by Friday.",
])
def test_an_untimed_commitment_to_say_more_is_found(text):
    assert find_update_commitments(text)


@pytest.mark.parametrize("text", [
    "We have received another update from our cloud provider: their storage is healthy again.",
    "We will continue to monitor the queue until it drains.",
    "Our engineers will review the alerting thresholds.",
    "This is our final update on this incident.",
    "I'll keep the list of who was notified and when.",
])
def test_what_promises_nothing_more_is_not_a_commitment(text):
    assert not find_update_commitments(text)
    assert not find_promises(text)
