"""A message's length as its channel counts it, by the scorer's own rule (a link is 23 characters on social).

The scorer is loaded with the first character typed, not when the play screen first paints.
"""

from __future__ import annotations

from drill.scenario.model import Channel


def message_length(text: str, channel: Channel) -> int:
    if not text:
        return 0
    from drill.grading import channel_info
    from scoring.detectors.length import effective_length

    return effective_length(text, channel_info(channel))


def too_long(text: str, channel: Channel) -> bool:
    return channel.max_chars is not None and message_length(text, channel) > channel.max_chars
