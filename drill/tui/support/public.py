"""The public's pressure minute by minute, as the social panel's meter shows it.

``PublicPulse`` keeps one reading per ``public_tick`` once the incident is public:
posts that minute, volume, sentiment (-1 furious to 1 reassured) and press interest
(0 to 1). The words and the bar strings are plain functions, so the meter's widget
only lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

BARS = "▁▂▃▄▅▆▇█"
MINUS = "\u2212"

# Upper bounds, lowest first: a sentiment at or below the bound takes the word.
MOOD_WORDS = ((-0.75, "furious"), (-0.35, "angry"), (-0.1, "uneasy"), (0.1, "neutral"), (0.4, "calmer"))
TOP_MOOD = "reassured"
PRESS_WORDS = ((0.2, "low"), (0.5, "rising"), (0.75, "high"))
TOP_PRESS = "intense"
KEEP_MINUTES = 240  # more than any sparkline is wide; older minutes are dropped


@dataclass(frozen=True)
class Reading:
    """One ``public_tick`` while the incident is public."""

    minute: int
    at: int
    posts: int
    volume: float
    sentiment: float
    press_interest: float

    @classmethod
    def from_tick(cls, at: int, data: dict[str, Any]) -> "Reading":
        return cls(int(data["minute"]), at, int(data.get("posts") or 0), float(data.get("volume") or 0.0),
                   float(data.get("sentiment") or 0.0), float(data.get("press_interest") or 0.0))


PULSE_KINDS = frozenset({"public_tick", "public_story"})  # the only kinds ``PublicPulse.add`` reads


class PublicPulse:
    """The readings so far; ``add`` takes any event and keeps the public ticks."""

    def __init__(self, keep: int = KEEP_MINUTES) -> None:
        self.keep = keep
        self.minutes: list[Reading] = []
        self.stories = 0

    @property
    def public(self) -> bool:
        """Whether the incident has gone public (the first public minute has ticked)."""
        return bool(self.minutes)

    @property
    def current(self) -> Reading | None:
        return self.minutes[-1] if self.minutes else None

    def add(self, at: int, kind: str, data: dict[str, Any]) -> Reading | None:
        """Take one event; the new reading if it was a public minute, else None."""
        if kind == "public_story":
            self.stories += 1
            return None
        if kind != "public_tick" or not data.get("public"):
            return None
        reading = Reading.from_tick(at, data)
        self.minutes.append(reading)
        if len(self.minutes) > self.keep:
            del self.minutes[: len(self.minutes) - self.keep]
        return reading

    def posts(self, last: int) -> list[int]:
        return [reading.posts for reading in self.minutes[-last:]] if last > 0 else []

    def sentiments(self, last: int) -> list[float]:
        return [reading.sentiment for reading in self.minutes[-last:]] if last > 0 else []

    def press(self, last: int) -> list[float]:
        return [reading.press_interest for reading in self.minutes[-last:]] if last > 0 else []


def spark(values: Sequence[float], low: float, high: float) -> str:
    """One bar a value on a fixed scale from ``low`` to ``high`` (values outside are clamped)."""
    span = high - low
    bars = []
    for value in values:
        share = 0.0 if span <= 0 else (min(max(value, low), high) - low) / span
        bars.append(BARS[min(int(share * len(BARS)), len(BARS) - 1)])
    return "".join(bars)


def signed(value: float) -> str:
    """``-0.62`` as "−0.62" (a real minus sign), ``0.3`` as "+0.30"."""
    value = round(value, 2)
    if value < 0:
        return f"{MINUS}{-value:.2f}"
    return f"+{value:.2f}" if value > 0 else "0.00"


def mood_word(sentiment: float) -> str:
    for bound, word in MOOD_WORDS:
        if sentiment <= bound:
            return word
    return TOP_MOOD


def mood(sentiment: float) -> str:
    """The public's mood as a word and a number: "angry −0.62"."""
    return f"{mood_word(sentiment)} {signed(sentiment)}"


def press_word(interest: float) -> str:
    for bound, word in PRESS_WORDS:
        if interest < bound:
            return word
    return TOP_PRESS


def percent(share: float) -> str:
    return f"{round(share * 100):.0f}%"


def press(interest: float) -> str:
    """Press interest as a word and a share: "high 79%"."""
    return f"{press_word(interest)} {percent(interest)}"


def posts_this_minute(count: int) -> str:
    """"+14 posts this minute" (what the samples stand for)."""
    return f"+{count} post{'' if count == 1 else 's'} this minute"


def per_minute(count: int) -> str:
    return f"{count}/min"
