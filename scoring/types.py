"""Plain data the scoring package takes and gives.

Everything here is a frozen dataclass of plain values so that grades can be
made from a drill, a JSON file or a real status-page archive alike, and turned
back into JSON with ``to_dict()``.

The classes are dataclasses (``dataclasses.fields``, ``replace`` and ``asdict``
work on them) whose equality, hash, repr and frozenness come from ``_Record``
rather than from code the decorator would generate and compile at import, and
whose ``__init__`` fills the fields in directly, which a one-message command and
a grade made for every message both feel.
"""

from __future__ import annotations

import re
from dataclasses import FrozenInstanceError, dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Mapping, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from datetime import datetime

PUBLIC = "public"
INTERNAL = "internal"
EARLIER_READ = 50  # how many of the latest earlier messages `consistency` reads
_SOCIAL_NAME = r"social|twitter|tweet|\bx\b|mastodon|bluesky|threads|linkedin"


@lru_cache(maxsize=64)
def _names_a_social_network(names: str) -> bool:
    return re.search(_SOCIAL_NAME, names, re.I) is not None


# The dataclass decorator with nothing to generate: it records the fields, no more.
_record = dataclass(init=False, repr=False, eq=False)


class _Record:
    """Value semantics of a frozen dataclass: equal (and hashed) by fields, in order, and immutable."""

    __slots__ = ()

    def _values(self) -> tuple:
        fields = self.__dict__
        return tuple(fields[name] for name in self.__dataclass_fields__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in zip(self.__dataclass_fields__, self._values()))
        return f"{self.__class__.__qualname__}({fields})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


@_record
class ChannelInfo(_Record):
    """Where a message is posted: its audience decides which criteria apply."""

    id: str
    audience: str = PUBLIC  # "public" or "internal"
    max_chars: int | None = None
    name: str = ""
    equivalent: tuple[str, ...] = ()  # channels that count as this one for promises and cadence

    def __init__(self, id: str, audience: str = PUBLIC, max_chars: int | None = None, name: str = "",
                 equivalent: tuple[str, ...] = ()):
        fields = self.__dict__
        fields["id"] = id
        fields["audience"] = audience
        fields["max_chars"] = max_chars
        fields["name"] = name
        fields["equivalent"] = equivalent

    @property
    def is_public(self) -> bool:
        return self.audience == PUBLIC

    @property
    def is_social(self) -> bool:
        """A social network: its length counts links as 23 characters, and the public quotes it."""
        return self.max_chars == 280 or _names_a_social_network(f"{self.id} {self.name}")


@_record
class PriorMessage(_Record):
    """A message the same team sent earlier (used by `consistency`)."""

    channel: ChannelInfo
    at: float
    text: str

    def __init__(self, channel: ChannelInfo, at: float, text: str):
        fields = self.__dict__
        fields["channel"] = channel
        fields["at"] = at
        fields["text"] = text


@_record
class MessageContext(_Record):
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

    channel: ChannelInfo = None  # type: ignore[assignment]  # a status page, if none is given
    at: float = 0.0
    facts: Mapping[str, Any] = None  # type: ignore[assignment]  # a new empty dict, if none is given
    org: Mapping[str, Any] = None  # type: ignore[assignment]  # a new empty dict, if none is given
    earlier: Sequence[PriorMessage] = ()
    start_time: datetime | None = None
    role: str | None = None

    def __init__(self, channel: ChannelInfo | None = None, at: float = 0.0, facts: Mapping[str, Any] | None = None,
                 org: Mapping[str, Any] | None = None, earlier: Sequence[PriorMessage] = (),
                 start_time: datetime | None = None, role: str | None = None):
        fields = self.__dict__
        fields["channel"] = ChannelInfo("status_page") if channel is None else channel
        fields["at"] = at
        fields["facts"] = {} if facts is None else facts
        fields["org"] = {} if org is None else org
        fields["earlier"] = earlier
        fields["start_time"] = start_time
        fields["role"] = role


@_record
class Evidence(_Record):
    """A span of the graded text that decided a criterion (``text[start:end]``)."""

    start: int
    end: int
    text: str

    def __init__(self, start: int, end: int, text: str):
        fields = self.__dict__
        fields["start"] = start
        fields["end"] = end
        fields["text"] = text

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Evidence":
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


@_record
class CriterionResult(_Record):
    """One criterion's verdict on a message: its points out of ``max``, why, and the words that decided it."""

    id: str
    passed: bool | float  # True/False, or a fraction for graded criteria
    points: float
    max: float
    reason: str
    evidence: tuple[Evidence, ...] = ()

    def __init__(self, id: str, passed: bool | float, points: float, max: float, reason: str,
                 evidence: tuple[Evidence, ...] = ()):
        fields = self.__dict__
        fields["id"] = id
        fields["passed"] = passed
        fields["points"] = points
        fields["max"] = max
        fields["reason"] = reason
        fields["evidence"] = evidence

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


@_record
class Promise(_Record):
    """A commitment to a next update found in a message."""

    text: str
    start: int
    end: int
    due_at: float | None  # seconds since T+0, None when it cannot be resolved
    minutes: float | None = None  # the promised delay, when stated relatively

    def __init__(self, text: str, start: int, end: int, due_at: float | None, minutes: float | None = None):
        fields = self.__dict__
        fields["text"] = text
        fields["start"] = start
        fields["end"] = end
        fields["due_at"] = due_at
        fields["minutes"] = minutes

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


@_record
class MessageGrade(_Record):
    """A message's score, each criterion's verdict, the phase it states and the promises it makes."""

    score: float  # 0-100
    criteria: tuple[CriterionResult, ...]
    phase: str | None = None
    promises: tuple[Promise, ...] = ()

    def __init__(self, score: float, criteria: tuple[CriterionResult, ...], phase: str | None = None,
                 promises: tuple[Promise, ...] = ()):
        fields = self.__dict__
        fields["score"] = score
        fields["criteria"] = criteria
        fields["phase"] = phase
        fields["promises"] = promises

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
