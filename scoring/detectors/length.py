"""Length as a channel counts it: social networks count every link as 23 characters."""

from __future__ import annotations

from ..text import url_spans
from ..types import ChannelInfo

SOCIAL_URL_LENGTH = 23


def effective_length(text: str, channel: ChannelInfo) -> int:
    if not channel.is_social:
        return len(text)
    saved = sum(end - start - SOCIAL_URL_LENGTH for start, end in url_spans(text))
    return len(text) - saved
