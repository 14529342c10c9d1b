"""Length as a channel counts it: social networks count every link as 23 characters."""

from __future__ import annotations

from ..text import URL_RE
from ..types import ChannelInfo

SOCIAL_URL_LENGTH = 23


def effective_length(text: str, channel: ChannelInfo) -> int:
    if not channel.is_social:
        return len(text)
    saved = sum(len(m.group()) - SOCIAL_URL_LENGTH for m in URL_RE.finditer(text))
    return len(text) - saved
