"""Small builders and a deterministic stand-in grader for the drill-level tests.

The stand-in grader reads tags from the message text so each test states
exactly what quality it wants:

* ``[q=80]``            message score 80 (default 70)
* ``[fail:impact]``     criterion ``impact`` fails (others listed pass)
* ``[pass:impact]``     criterion ``impact`` passes
* ``[promise:30]``      promises an update 30 minutes after the message
* ``[promise:none]``    a promise whose time cannot be resolved
"""

from __future__ import annotations

import re

from scoring.drill_types import AskRecord, DrillInput, ResponseRecord
from scoring.types import (
    INTERNAL,
    PUBLIC,
    ChannelInfo,
    CriterionResult,
    Evidence,
    MessageContext,
    MessageGrade,
    Promise,
)

CHANNELS = {
    "status_page": ChannelInfo("status_page", PUBLIC, name="Status page"),
    "social": ChannelInfo("social", PUBLIC, max_chars=280, name="Social"),
    "war_room": ChannelInfo("war_room", INTERNAL, name="War room"),
    "press": ChannelInfo("press", INTERNAL, name="Press desk"),
}

ROLES = {
    "ic": "Incident Commander",
    "liaison": "Customer Liaison",
    "comms": "Communications",
    "support": "Support",
    "legal": "Legal",
    "exec": "Executive",
}

MIN = 60.0


def fake_grade(text: str, context: MessageContext) -> MessageGrade:
    score_match = re.search(r"\[q=(\d+(?:\.\d+)?)\]", text)
    score = float(score_match.group(1)) if score_match else 70.0
    criteria = []
    for verdict, cid in re.findall(r"\[(pass|fail):(\w+)\]", text):
        passed = verdict == "pass"
        start = text.index(f"[{verdict}:{cid}]")
        end = start + len(f"[{verdict}:{cid}]")
        criteria.append(
            CriterionResult(
                cid,
                passed,
                10.0 if passed else 0.0,
                10.0,
                f"{cid} {'present' if passed else 'missing'}",
                (Evidence(start, end, text[start:end]),),
            )
        )
    promises = []
    for match in re.finditer(r"\[promise:(\w+)\]", text):
        value = match.group(1)
        due = None if value == "none" else context.at + float(value) * MIN
        promises.append(
            Promise(match.group(0), match.start(), match.end(), due, None if due is None else float(value))
        )
    return MessageGrade(score, tuple(criteria), context.facts.get("phase"), tuple(promises))


def response(index, at_min, text="update [q=70]", channel="status_page", role="comms", ask=None, **facts):
    return ResponseRecord(
        index=index,
        role=role,
        channel_id=channel,
        at=at_min * MIN,
        text=text,
        facts=facts,
        answered_ask=ask,
    )


def ask(inject_id, opened_min, within_min=5, answered_min=None, response_index=None, **kw):
    return AskRecord(
        inject_id=inject_id,
        inject_type=kw.pop("inject_type", "chat"),
        opened_at=opened_min * MIN,
        within=within_min * MIN,
        answered_at=None if answered_min is None else answered_min * MIN,
        response_index=response_index,
        **kw,
    )


def drill(responses=(), asks=(), duration_min=90, **kw):
    kw.setdefault("channels", CHANNELS)
    kw.setdefault("roles", ROLES)
    return DrillInput(duration=duration_min * MIN, responses=tuple(responses), asks=tuple(asks), **kw)
