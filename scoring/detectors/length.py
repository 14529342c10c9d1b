"""Length as a channel counts it: social networks count every link as 23 characters."""

from __future__ import annotations

import re

from ..text import URL_RE
from ..types import ChannelInfo

SOCIAL_URL_LENGTH = 23
_SOCIAL_NAME_RE = re.compile(r"social|twitter|tweet|\bx\b|mastodon|bluesky|threads|linkedin", re.I)


def is_social(channel: ChannelInfo) -> bool:
    return channel.max_chars == 280 or bool(_SOCIAL_NAME_RE.search(f"{channel.id} {channel.name}"))


def effective_length(text: str, channel: ChannelInfo) -> int:
    if not is_social(channel):
        return len(text)
    saved = sum(len(m.group()) - SOCIAL_URL_LENGTH for m in URL_RE.finditer(text))
    return len(text) - saved
