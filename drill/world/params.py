"""The ``public:`` block of a scenario as the public reads it, defaults filled in.

The block's format, keys and defaults belong to the scenario (``drill.scenario.public``,
where the YAML is documented); the loader has checked it before it gets here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drill.scenario.public import DEFAULTS, PUBLIC_FACING_TYPES

__all__ = ["PUBLIC_FACING_TYPES", "PublicParams"]


@dataclass(frozen=True)
class PublicParams:
    public_from: tuple[str, ...] | None = None  # None: the first social post or press call; () with from_start
    from_start: bool = False
    baseline_volume: float = DEFAULTS["baseline_volume"]
    growth: float = DEFAULTS["growth"]
    sensitivity: float = DEFAULTS["sensitivity"]
    story_delay: int = DEFAULTS["story_delay"]
    templates: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_block(cls, block: dict) -> "PublicParams":
        """From a ``public:`` block already checked by the scenario loader."""
        source = block.get("from")
        return cls(
            public_from=None if source in (None, "start") else tuple(source if isinstance(source, list) else [source]),
            from_start=source == "start",
            baseline_volume=float(block.get("baseline_volume", DEFAULTS["baseline_volume"])),
            growth=float(block.get("growth", DEFAULTS["growth"])),
            sensitivity=float(block.get("sensitivity", DEFAULTS["sensitivity"])),
            story_delay=int(block.get("story_delay", DEFAULTS["story_delay"])),
            templates={mood: tuple(texts) for mood, texts in (block.get("templates") or {}).items()},
        )
