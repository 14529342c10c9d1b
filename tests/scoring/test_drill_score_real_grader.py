"""The drill score with the real message-quality grader."""

import json

import pytest

pytest.importorskip("scoring.message")

from scoring.drill import score_drill  # noqa: E402
from scoring.drill_types import AskRecord, DrillInput, ResponseRecord  # noqa: E402
from scoring.types import INTERNAL, PUBLIC, ChannelInfo  # noqa: E402

MIN = 60.0

CHANNELS = {
    "status_page": ChannelInfo("status_page", PUBLIC, 1500, "Status page"),
    "social": ChannelInfo("social", PUBLIC, 280, "Social"),
    "press": ChannelInfo("press", PUBLIC, None, "Press statement"),
    "support_reply": ChannelInfo("support_reply", PUBLIC, 1200, "Support reply"),
    "incident_chat": ChannelInfo("incident_chat", INTERNAL, None, "Incident channel"),
    "exec_brief": ChannelInfo("exec_brief", INTERNAL, 1200, "Executive brief"),
}
ROLES = {
    "ic": "Incident Commander",
    "comms": "Communications",
    "support": "Support",
    "exec": "Executive",
    "legal": "Legal",
}
ORG = {"name": "Acme", "product": "Acme Pay", "handle": "@acmepay"}
INVESTIGATING = {
    "phase": "investigating",
    "services": ["card payments", "checkout"],
    "regions": ["EU"],
    "customers_affected": 400,
    "data_exposed": False,
}
IDENTIFIED = {**INVESTIGATING, "phase": "identified", "customers_affected": 2300, "regions": ["EU", "UK"],
              "cause": "a configuration change to our card gateway"}
RESOLVED = {**IDENTIFIED, "phase": "resolved"}

OBJECTIVES = {
    "first-public": "Post a first public update within 15 minutes.",
    "keep-cadence": "Update the status page at least every 30 minutes.",
    "press-ready": "Answer the press with facts, without speculation or blame.",
    "support-synced": "Give Support language within 10 minutes.",
    "leadership-informed": "Brief the executive on impact when they ask.",
}


def asks(answered):
    """The drill's asks; ``answered`` maps inject id to (minute, response index)."""
    specs = [
        ("alert-1", "alert", 0, 5, ("ic",), None, ()),
        ("ticket-1", "ticket", 6, 10, ("support",), "support-synced", ("acknowledge", "empathy")),
        ("press-call-1", "press_call", 18, 5, ("comms",), "press-ready", ("no_speculation", "no_blame")),
        ("exec-ask-1", "exec_request", 22, 10, ("exec", "ic"), "leadership-informed", ("impact",)),
    ]
    records = []
    for inject_id, kind, opened, within, roles, objective, must in specs:
        at, index = answered.get(inject_id, (None, None))
        records.append(
            AskRecord(inject_id, kind, opened * MIN, within * MIN, roles, (), None if at is None else at * MIN,
                      index, objective, must)
        )
    return tuple(records)


def drill(responses, answered):
    return DrillInput(
        duration=75 * MIN,
        channels=CHANNELS,
        responses=tuple(
            ResponseRecord(i, role, channel, at * MIN, text, None, facts, ask)
            for i, (at, role, channel, text, facts, ask) in enumerate(responses)
        ),
        asks=asks(answered),
        objectives=OBJECTIVES,
        first_press_call_at=18 * MIN,
        social_peak_at=25 * MIN,
        resolved_at=62 * MIN,
        org=ORG,
        roles=ROLES,
    )


GOOD = drill(
    [
        (2, "ic", "incident_chat", "Acknowledged, I'm taking incident command. Card authorisations in EU are failing; "
         "engineering is checking the gateway. Comms, please draft a status page post now.", INVESTIGATING, "alert-1"),
        (7, "comms", "status_page", "We are investigating failed card payments at Acme Pay checkout. Some merchants in "
         "the EU cannot take card payments right now. Our engineers are working on it and we are sorry for the "
         "disruption to your business. We don't yet know the cause. We will post the next update within 30 minutes.",
         INVESTIGATING, None),
        (10, "support", "support_reply", "Thank you for letting us know, and we're sorry: we know every failed payment "
         "costs you sales. We are aware card payments are failing for some merchants in the EU and our engineers "
         "are working on it. You can follow updates on our status page.", INVESTIGATING, "ticket-1"),
        (21, "comms", "press", "We can confirm that card payments at Acme Pay checkout are failing for about 2,300 "
         "merchants in the EU and UK. Our engineers are working on it. We have not confirmed the cause yet and we "
         "will share facts as soon as we have them. We are sorry for the disruption to merchants.",
         IDENTIFIED, "press-call-1"),
        (27, "exec", "exec_brief", "Card payments are failing for about 2,300 merchants in the EU and UK. Cause "
         "identified as a gateway configuration change; rollback under way. No data exposed.", IDENTIFIED,
         "exec-ask-1"),
        (35, "comms", "status_page", "Update: we have identified the cause of the failed card payments for merchants "
         "in the EU and UK, a configuration change to our card gateway, and are rolling it back. We are sorry for "
         "the disruption. We will post the next update within 30 minutes.", IDENTIFIED, None),
        (63, "comms", "status_page", "Resolved: card payments at Acme Pay checkout are working normally again for all "
         "merchants in the EU and UK. We are sorry for the disruption this caused to your business. We will publish "
         "a review of what happened.", RESOLVED, None),
    ],
    {"alert-1": (2, 0), "ticket-1": (10, 2), "press-call-1": (21, 3), "exec-ask-1": (27, 4)},
)

POOR = drill(
    [
        (14, "ic", "incident_chat", "looking", INVESTIGATING, "alert-1"),
        (26, "comms", "press", "No comment. It was probably a hack, our vendor screwed up. Should be fixed in 5 minutes.",
         IDENTIFIED, "press-call-1"),
        (44, "comms", "status_page", "Minor glitch, some users may experience issues. ETA 10 mins.", IDENTIFIED, None),
    ],
    {"alert-1": (14, 0), "press-call-1": (26, 1)},
)


def test_good_team_beats_poor_team_on_every_total():
    good, poor = score_drill(GOOD), score_drill(POOR)
    assert good.score.overall - poor.score.overall >= 30, (good.score, poor.score)
    assert good.score.speed - poor.score.speed >= 30, (good.score, poor.score)
    assert good.score.quality - poor.score.quality >= 25, (good.score, poor.score)


def test_poor_press_answer_fails_its_must_criteria():
    press = next(a for a in score_drill(POOR).asks if a.inject_id == "press-call-1")
    assert press.status == "late"
    assert {"no_speculation", "no_blame"} & set(press.must_failed)
    assert press.score < press.speed_score


def test_real_grader_output_is_json_and_deterministic():
    first = score_drill(GOOD).to_dict()
    assert json.loads(json.dumps(first)) == score_drill(GOOD).to_dict()
    assert all(0 <= r["quality"]["score"] <= 100 for r in first["responses"])
