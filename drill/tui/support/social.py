"""What the social panel lists, one item per event: scripted posts, the public's minutes, stories.

A public minute keeps the count it stands for and only its few sample posts, so
thousands of posts a drill are a few lines each minute. Every generated item keeps
its cause. Text is kept as the event has it; the widget makes it printable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from drill.engine.events import Event


@dataclass(frozen=True)
class ScriptedPost:
    """A ``social_post`` inject from the scenario."""

    at: int
    handle: str
    text: str


@dataclass(frozen=True)
class SamplePost:
    handle: str
    mood: str  # angry | asking | neutral | positive
    text: str
    cause: str
    quotes_response: int | None = None


@dataclass(frozen=True)
class PublicMinute:
    """A minute of the public talking: how many posts, a few of them, and why."""

    at: int
    posts: int
    samples: tuple[SamplePost, ...]
    causes: tuple[str, ...]

    @property
    def cause(self) -> str:
        if self.causes:
            return self.causes[0]
        return next((sample.cause for sample in self.samples if sample.cause), "")


@dataclass(frozen=True)
class PressStory:
    at: int
    kind: str  # declined | quoted | follow_up
    outlet: str
    headline: str
    text: str
    cause: str


@dataclass(frozen=True)
class PublicNote:
    """A turn in the public's mood: it noticed the incident, or it read a statement."""

    at: int
    text: str


SocialItem = ScriptedPost | PublicMinute | PressStory | PublicNote

# The only kinds ``social_item`` makes an item of: the panel passes over the rest (most of a long log,
# its responses and their grades) without a look.
SOCIAL_KINDS = frozenset({"inject_delivered", "public_tick", "public_story", "public_facing", "public_reaction"})


def _samples(raw: list[dict[str, Any]]) -> tuple[SamplePost, ...]:
    return tuple(SamplePost(str(post.get("handle", "")), str(post.get("mood", "neutral")), str(post.get("text", "")),
                            str(post.get("cause") or ""), post.get("quotes_response")) for post in raw)


def social_item(event: Event, training: bool = True) -> SocialItem | None:
    """The panel's item for ``event``, or None if the panel does not show it.

    ``training`` False (exam mode) leaves out the public's reading of each statement:
    its cause names the statement's grade, which exam mode keeps for the debrief.
    """
    data = event.data
    kind = event.kind
    if kind == "inject_delivered" and data.get("type") == "social_post":
        return ScriptedPost(event.at, str(data.get("from", "")), str(data.get("text", "")))
    if kind == "public_tick":
        if not data.get("public") or not (data.get("posts") or data.get("samples")):
            return None
        return PublicMinute(event.at, int(data.get("posts") or 0), _samples(data.get("samples") or []),
                            tuple(str(cause) for cause in data.get("causes") or ()))
    if kind == "public_story":
        return PressStory(event.at, str(data.get("kind", "")), str(data.get("outlet", "")),
                          str(data.get("headline", "")), str(data.get("text", "")), str(data.get("cause", "")))
    if kind == "public_facing":
        return PublicNote(event.at, f"The public has noticed: {data.get('cause', 'the incident is public')}")
    if kind == "public_reaction" and training and data.get("causes"):
        return PublicNote(event.at, "; ".join(str(cause) for cause in data["causes"]))
    return None
