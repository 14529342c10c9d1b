"""How the public behaves in a scenario: the optional ``public:`` block, with defaults.

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
Without ``from``, the incident becomes public-facing when the first social post
or press call is delivered.

A template may use ``{org.X}`` (``{org.handle}`` falls back to the product's
name), ``{minutes}`` (since the incident became public), ``{quiet}`` (since the
last post on the status channel), ``{late}`` (since an overdue promise fell
due), ``{status}`` ("the status page") and ``{outlet}`` (of a recent story). A
post is only drawn when it is true of the minute, read from its words (see
``drill.world.posts.needs_of``): "not a word" only while nothing public has been
said, "you said you'd update us" only while a promised update is overdue,
"appreciate the updates" only while the status channel is fresh.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MOODS = ("angry", "asking", "neutral", "positive")
PUBLIC_KEYS = {"from", "baseline_volume", "growth", "sensitivity", "story_delay", "templates"}
PUBLIC_FACING_TYPES = ("social_post", "press_call")


@dataclass(frozen=True)
class PublicParams:
    public_from: tuple[str, ...] | None = None  # None: the first social post or press call; () with from_start
    from_start: bool = False
    baseline_volume: float = 2.0
    growth: float = 1.0
    sensitivity: float = 1.0
    story_delay: int = 600
    templates: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_block(cls, block: dict) -> "PublicParams":
        """From a ``public:`` block already checked by the scenario loader."""
        source = block.get("from")
        return cls(
            public_from=None if source in (None, "start") else tuple(source if isinstance(source, list) else [source]),
            from_start=source == "start",
            baseline_volume=float(block.get("baseline_volume", 2.0)),
            growth=float(block.get("growth", 1.0)),
            sensitivity=float(block.get("sensitivity", 1.0)),
            story_delay=int(block.get("story_delay", 600)),
            templates={mood: tuple(texts) for mood, texts in (block.get("templates") or {}).items()},
        )
