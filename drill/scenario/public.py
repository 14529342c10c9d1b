"""How the public behaves in a scenario: the optional ``public:`` block, its keys, limits and defaults.

```yaml
public:
  from: [social-chatter]    # injects that make the incident public-facing; or "start"
  baseline_volume: 2        # posts per minute about the incident while things are calm
  growth: 1.0               # pressure added per minute of public silence
  sensitivity: 1.0          # how strongly the team's words move the public
  story_delay: 10m          # how long a reporter waits before publishing
  templates:                # posts by mood, in place of the defaults: angry, asking, neutral, positive
    angry: ["{org.handle} still down and not a word. Unreal."]
```
Without ``from``, the incident becomes public-facing when the first inject of one
of ``PUBLIC_FACING_TYPES`` (a social post or a press call) is delivered.

A template may use ``{org.X}`` (``{org.handle}`` falls back to the product's
name), ``{minutes}`` (since the incident became public), ``{quiet}`` (since the
last post on the status channel), ``{late}`` (since an overdue promise fell
due), ``{status}`` ("the status page") and ``{outlet}`` (of a recent story). A
post is only drawn when it is true of the minute, read from its words (see
``drill.world.posts.needs_of``): "not a word" only while nothing public has been
said, "you said you'd update us" only while a promised update is overdue,
"appreciate the updates" only while the status channel is fresh.

The loader checks the block against these (``drill.scenario.loader``); the public
reads it with its defaults filled in (``drill.world.params``).
"""

from __future__ import annotations

import re
from typing import Mapping

from drill.scenario.limits import MAX_NAME_CHARS

MOODS = ("angry", "asking", "neutral", "positive")
PUBLIC_KEYS = {"from", "baseline_volume", "growth", "sensitivity", "story_delay", "templates"}
PUBLIC_FACING_TYPES = ("social_post", "press_call")

NUMBER_KEYS = ("baseline_volume", "growth", "sensitivity")
NUMBER_RANGE = (0, 100)  # inclusive, for each of NUMBER_KEYS

# What a key left out of the block means (story_delay in seconds).
DEFAULTS = {"baseline_volume": 2.0, "growth": 1.0, "sensitivity": 1.0, "story_delay": 600}

# The placeholders of a post, as ``drill.world.posts.fill`` reads them.
POST_PLACEHOLDER = re.compile(r"\{org\.([A-Za-z0-9_-]+)\}|\{(minutes|quiet|late|status|outlet)\}")


def post_size(template: str, org_size: Mapping[str, int], duration: int) -> int:
    """The longest a post can be once filled, from the filled length of each org value.

    ``{org.handle}`` may gain an "@", and an org value that is empty or missing
    falls back to the product's name; ``{status}`` and ``{outlet}`` name a channel or
    an inject's sender (names of at most ``MAX_NAME_CHARS``); ``{minutes}``,
    ``{quiet}`` and ``{late}`` count minutes of the drill.
    """
    product = max(org_size.get("product", 0), org_size.get("name", 0), len("the company"))
    minutes = len(f"{duration // 60} minutes")
    size = len(template)
    for match in POST_PLACEHOLDER.finditer(template):
        key, word = match.groups()
        if word in ("minutes", "quiet", "late"):
            filled = minutes
        elif word is not None:  # status, outlet
            filled = MAX_NAME_CHARS + len("their official channels")
        else:
            filled = max(org_size.get(key, 0) + 1, product)
        size += filled - len(match.group(0))
    return size
