"""From a drill's events to the scoring package's plain inputs.

The scoring package knows nothing of drills; this module is the one place that
translates scenario, state and events into its plain data.
"""

from __future__ import annotations

from typing import Any, Iterable

from drill.engine.events import Event
from drill.scenario.model import Channel, Scenario
from scoring import ChannelInfo, MessageContext, MessageGrade, PriorMessage, grade_message


def channel_info(channel: Channel) -> ChannelInfo:
    return ChannelInfo(id=channel.id, audience=channel.audience, max_chars=channel.max_chars, name=channel.name)


def message_context(scenario: Scenario, facts: dict, org: dict, earlier: Iterable[Event], response: Event) -> MessageContext:
    channels = scenario.channels
    return MessageContext(
        channel=channel_info(channels[response.data["channel"]]),
        at=float(response.at),
        facts=dict(facts),
        org=dict(org),
        earlier=tuple(PriorMessage(channel_info(channels[e.data["channel"]]), float(e.at), e.data["text"])
                      for e in earlier),
        role=response.data["role"],
    )


def grade_response(scenario: Scenario, state, response: Event) -> MessageGrade:
    """Grade a response just recorded, against the facts and earlier responses of the drill so far."""
    earlier = [e for e in state.responses if e.data["response_id"] < response.data["response_id"]]
    return grade_message(response.data["text"], message_context(scenario, state.facts, state.org, earlier, response))


def grade_drill(scenario: Scenario, events: Iterable[Event]) -> dict[str, Any] | None:
    return None
