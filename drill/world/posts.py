"""What the public writes: sample posts by mood, seeded per minute, and press stories."""

from __future__ import annotations

import random
import re
from typing import Any, Mapping

from drill.textsafe import printable

DEFAULT_TEMPLATES: dict[str, tuple[str, ...]] = {
    "angry": (
        "{org.handle} is down AGAIN and not a single word from them. {minutes} now.",
        "Lost sales all afternoon thanks to {org.product}. Where is the status update?",
        "Honestly considering switching. {org.product} broken and total silence.",
        "How is there still nothing on the status page? Ridiculous.",
        "{org.handle} your customers deserve better than this.",
    ),
    "asking": (
        "Any update {org.handle}? You said you'd update us.",
        "@{org.name_handle} any news? It's been a while since the last update.",
        "Still broken here. Is anyone at {org.product} working on this?",
        "Is there an ETA or at least an update? {org.handle}",
    ),
    "neutral": (
        "Seeing errors with {org.product} this afternoon. Anyone else?",
        "{org.product} acting up for me too.",
        "Looks like {org.product} is having problems right now.",
    ),
    "positive": (
        "At least {org.handle} is keeping us posted. Appreciate the updates.",
        "Thanks {org.handle} for the clear update. Waiting it out.",
        "Good to see a proper status update from {org.product}. Fingers crossed.",
    ),
}

_ORG_PLACEHOLDER = re.compile(r"\{org\.([A-Za-z0-9_-]+)\}|\{minutes\}")


def fill(template: str, org: Mapping[str, Any], minutes: int) -> str:
    def replace(match: re.Match) -> str:
        if match.group(0) == "{minutes}":
            return f"{minutes} minute{'s' if minutes != 1 else ''}"
        key = match.group(1)
        if key == "name_handle":
            return re.sub(r"\W+", "", str(org.get("name", "support"))).lower() or "support"
        return str(org.get(key) or org.get("name") or "the company")

    return _ORG_PLACEHOLDER.sub(replace, template)


def mood_weights(sentiment: float, asking_boost: float) -> dict[str, float]:
    return {
        "angry": max(0.0, -sentiment) + 0.1,
        "asking": 0.25 + asking_boost,
        "neutral": 0.3,
        "positive": max(0.0, sentiment) + 0.05,
    }


def sample_posts(rng: random.Random, handles: list[str], count: int, sentiment: float, asking_boost: float,
                 templates: Mapping[str, tuple[str, ...]], org: Mapping[str, Any], minutes: int,
                 cause: str, quote: tuple[int, str] | None) -> list[dict[str, Any]]:
    """Up to ``len(handles)`` posts standing for ``count`` posts this minute."""
    weights = mood_weights(sentiment, asking_boost)
    moods = list(weights)
    posts, used = [], set()
    for index, handle in enumerate(handles[:count]):
        mood = rng.choices(moods, [weights[m] for m in moods])[0]
        choices = [t for t in (templates.get(mood) or DEFAULT_TEMPLATES[mood]) if t not in used]
        if not choices:
            continue
        template = rng.choice(choices)
        used.add(template)
        text = fill(template, org, minutes)
        post = {"handle": handle, "mood": mood, "text": text, "cause": cause, "quotes_response": None}
        if quote is not None and index == 0:
            response_id, quoted = quote
            excerpt = printable(quoted).replace("\n", " ")
            excerpt = excerpt if len(excerpt) <= 90 else excerpt[:89] + "…"
            post["text"] = f"“{excerpt}” {text}"
            post["quotes_response"] = response_id
        posts.append(post)
    return posts


_NUMBER_SENTENCE = re.compile(r"[^.!?\n]*\d[^.!?\n]*[.!?]?")


def quoted_story(outlet: str, org_name: str, answer: str) -> str:
    """A story that quotes the numbers the team gave, or its first sentence."""
    answer = printable(answer).strip()
    sentences = [match.group(0).strip() for match in _NUMBER_SENTENCE.finditer(answer) if match.group(0).strip()]
    quote = " ".join(sentences[:2]) or answer.split("\n")[0]
    if len(quote) > 300:
        quote = quote[:299] + "…"
    return f"A spokesperson for {org_name} told {outlet}: “{quote}”"


def declined_story(outlet: str, org_name: str, silent_for: int, said_no_comment: bool) -> str:
    from drill.durations import count_minutes

    minutes = count_minutes(silent_for)
    if said_no_comment:
        return (f"{org_name} declined to comment when {outlet} asked about the outage. "
                f"Customers told {outlet} they had heard nothing for {minutes}.")
    return (f"{org_name} did not respond to repeated requests for comment from {outlet}. "
            f"Customers say they have been left in the dark for {minutes}.")
