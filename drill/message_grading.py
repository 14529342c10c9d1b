"""Grading one message the moment it is sent, for the facilitator's training mode.

A thin bridge from the engine's state to ``scoring.grade_message``: the channel, the
facts and the team's earlier messages at send time. Pure: no UI, no I/O.
"""

from __future__ import annotations

from typing import Any

from drill.engine.engine import DrillEngine
from drill.engine.events import Event


def grade_response(engine: DrillEngine, response: Event) -> Any | None:
    """The ``scoring.MessageGrade`` of a ``response_recorded`` event, or None if scoring is unavailable.

    ``response`` must be the engine's latest response (its facts are the engine's current facts).
    """
    try:
        from scoring import ChannelInfo, MessageContext, PriorMessage, grade_message
    except ImportError:  # scoring is optional for running a drill
        return None
    channels = {channel.id: ChannelInfo(channel.id, channel.audience, channel.max_chars, channel.name)
                for channel in engine.scenario.channels.values()}
    data = response.data
    earlier = tuple(
        PriorMessage(channels[event.data["channel"]], float(event.at), event.data["text"])
        for event in engine.state.responses
        if event.seq < response.seq
    )
    context = MessageContext(
        channel=channels[data["channel"]],
        at=float(response.at),
        facts=dict(engine.state.facts),
        org=dict(engine.state.org),
        earlier=earlier,
        role=data["role"],
    )
    return grade_message(data["text"], context)
