"""Plain data the scoring package takes and gives.

Everything here is a frozen dataclass of plain values so that grades can be
made from a drill, a JSON file or a real status-page archive alike, and turned
back into JSON with ``to_dict()``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Mapping, Sequence

PUBLIC = "public"
INTERNAL = "internal"
EARLIER_READ = 50
_SOCIAL_NAME_RE = re.compile(r"social|twitter|tweet|\bx\b|mastodon|bluesky|threads|linkedin", re.I)  # how many of the latest earlier messages `consistency` reads


@dataclass(frozen=True)
class ChannelInfo:
    """Where a message is posted: its audience decides which criteria apply."""

    id: str
    audience: str = PUBLIC  # "public" or "internal"
    max_chars: int | None = None
    name: str = ""
    equivalent: tuple[str, ...] = ()  # channels that count as this one for promises and cadence

    @property
    def is_public(self) -> bool:
        return self.audience == PUBLIC

    @property
    def is_social(self) -> bool:
        """A social network: its length counts links as 23 characters, and the public quotes it."""
        return self.max_chars == 280 or bool(_SOCIAL_NAME_RE.search(f"{self.id} {self.name}"))


@dataclass(frozen=True)
class PriorMessage:
    """A message the same team sent earlier (used by `consistency`)."""

    channel: ChannelInfo
    at: float
    text: str


@dataclass(frozen=True)
class MessageContext:
    """What the grader knows when a message is sent.

    ``at`` is seconds since the drill started (T+0). ``start_time`` maps T+0 to
    a wall-clock instant so that promises like "by 14:30 UTC" can be resolved;
    without it such promises are recorded with ``due_at`` None.
    ``facts`` are the scenario's facts at send time. Conventional keys:
    ``phase`` (investigating|identified|monitoring|resolved), ``customers_affected``
    (int), ``regions`` (list of str), ``services`` (list of str), ``cause``
    (confirmed cause, str), ``data_exposed`` (bool). Unknown keys are ignored.
    Only the latest ``EARLIER_READ`` messages of ``earlier`` are read.
    """

    channel: ChannelInfo = field(default_factory=lambda: ChannelInfo("status_page"))
    at: float = 0.0
    facts: Mapping[str, Any] = field(default_factory=dict)
    org: Mapping[str, Any] = field(default_factory=dict)
    earlier: Sequence[PriorMessage] = ()
    start_time: datetime | None = None
    role: str | None = None


@dataclass(frozen=True)
class Evidence:
    """A span of the graded text that decided a criterion (``text[start:end]``)."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Evidence":
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


@dataclass(frozen=True)
class CriterionResult:
    id: str
    passed: bool | float  # True/False, or a fraction for graded criteria
    points: float
    max: float
    reason: str
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "passed": self.passed,
            "points": self.points,
            "max": self.max,
            "reason": self.reason,
            "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "CriterionResult":
        return cls(data["id"], data["passed"], data["points"], data["max"], data["reason"],
                   tuple(Evidence.from_dict(e) for e in data.get("evidence") or ()))


@dataclass(frozen=True)
class Promise:
    """A commitment to a next update found in a message."""

    text: str
    start: int
    end: int
    due_at: float | None  # seconds since T+0, None when it cannot be resolved
    minutes: float | None = None  # the promised delay, when stated relatively

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "due_at": self.due_at,
            "minutes": self.minutes,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Promise":
        return cls(data["text"], data["start"], data["end"], data.get("due_at"), data.get("minutes"))


@dataclass(frozen=True)
class MessageGrade:
    score: float  # 0-100
    criteria: tuple[CriterionResult, ...]
    phase: str | None = None
    promises: tuple[Promise, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "criteria": [c.to_dict() for c in self.criteria],
            "phase": self.phase,
            "promises": [p.to_dict() for p in self.promises],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "MessageGrade":
        """The inverse of ``to_dict``: a grade read back from a drill's log is the grade it was."""
        return cls(
            score=data["score"],
            criteria=tuple(CriterionResult.from_dict(c) for c in data["criteria"]),
            phase=data.get("phase"),
            promises=tuple(Promise.from_dict(p) for p in data.get("promises") or ()),
        )
