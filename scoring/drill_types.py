"""Plain data for scoring a whole drill: what the engine hands in, what comes out.

All times are seconds since the drill started (T+0). Inputs carry no engine
objects so that a finished drill can be saved as JSON and scored again later
(``DrillInput.to_dict`` / ``DrillInput.from_dict``).
"""

from __future__ import annotations

from dataclasses import field
from datetime import datetime
from typing import Any, Mapping, Sequence

from scoring.frozen import frozen
from scoring.types import ChannelInfo

# --------------------------------------------------------------------- inputs


@frozen
class Targets:
    """Team-level timing targets, in seconds.

    Defaults follow PagerDuty's incident-communications guidance: acknowledge
    within 5 minutes, first public post within 15 minutes, then a public update
    at least every 30 minutes until resolved.
    """

    acknowledge: float = 5 * 60.0
    first_public_update: float = 15 * 60.0
    update_cadence: float = 30 * 60.0

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any] | None) -> "Targets":
        """Defaults overridden by whichever keys a scenario sets."""
        values = dict(values or {})
        unknown = set(values) - {"acknowledge", "first_public_update", "update_cadence"}
        if unknown:
            raise ValueError(f"unknown timing target(s): {', '.join(sorted(unknown))}")
        return cls(**{key: float(value) for key, value in values.items()})

    def to_dict(self) -> dict[str, Any]:
        return {
            "acknowledge": self.acknowledge,
            "first_public_update": self.first_public_update,
            "update_cadence": self.update_cadence,
        }


@frozen
class ResponseRecord:
    """One message a team sent during the drill.

    ``facts`` are the scenario facts at send time (see ``MessageContext``);
    ``answered_ask`` is the inject id of the ask this message answered, if any.
    ``discussion``: an answer to a discussion question, graded on its own rubric: it counts
    towards message quality as an internal message does, and never as a public statement
    (no promises, no first update, no cadence), whatever channel it was typed on.
    """

    index: int
    role: str
    channel_id: str
    at: float
    text: str
    reply_to: str | None = None
    facts: Mapping[str, Any] = field(default_factory=dict)
    answered_ask: str | None = None
    discussion: bool = False

    def to_dict(self) -> dict[str, Any]:
        data = {
            "index": self.index,
            "role": self.role,
            "channel_id": self.channel_id,
            "at": self.at,
            "text": self.text,
            "reply_to": self.reply_to,
            "facts": dict(self.facts),
            "answered_ask": self.answered_ask,
        }
        if self.discussion:  # only then, so drills without questions serialise as before
            data["discussion"] = True
        return data


@frozen
class RelayRecord:
    """A message between roles that the public never sees (``to`` empty: every role).

    ``after_response`` is how many responses were sent before it, so that a relay
    and a response sent in the same second are still in the order they were sent.
    """

    index: int
    role: str
    to: tuple[str, ...]
    at: float
    text: str
    after_response: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "role": self.role, "to": list(self.to), "at": self.at, "text": self.text,
                "after_response": self.after_response}


@frozen
class AskRecord:
    """An inject that expected an answer (a reporter call, an exec request...).

    ``within`` is the answer window in seconds; ``must`` lists quality
    criterion ids (``scoring.criteria``) the answering message has to pass.
    """

    inject_id: str
    inject_type: str
    opened_at: float
    within: float
    roles: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    answered_at: float | None = None
    response_index: int | None = None
    objective: str | None = None
    must: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "inject_id": self.inject_id,
            "inject_type": self.inject_type,
            "opened_at": self.opened_at,
            "within": self.within,
            "roles": list(self.roles),
            "channels": list(self.channels),
            "answered_at": self.answered_at,
            "response_index": self.response_index,
            "objective": self.objective,
            "must": list(self.must),
        }


@frozen
class DrillInput:
    """Everything needed to score one team's drill.

    ``public_from`` is when the incident became public-facing (the clock for
    the first public update starts there); ``resolved_at`` is when the facts
    phase became "resolved" (public updates are expected until then).
    ``weights`` are a scenario's ``scoring: {weights: {...}}`` overrides; see
    ``scoring.drill_weights.DEFAULT_WEIGHTS`` for the keys. ``relays`` are the
    messages between roles of a drill played from several seats (none otherwise).
    """

    duration: float
    targets: Targets = field(default_factory=Targets)
    channels: Mapping[str, ChannelInfo] = field(default_factory=dict)
    responses: Sequence[ResponseRecord] = ()
    asks: Sequence[AskRecord] = ()
    objectives: Mapping[str, str] = field(default_factory=dict)
    first_press_call_at: float | None = None
    social_peak_at: float | None = None
    public_from: float = 0.0
    resolved_at: float | None = None
    org: Mapping[str, Any] = field(default_factory=dict)
    start_time: datetime | None = None
    weights: Mapping[str, float] | None = None
    roles: Mapping[str, str] = field(default_factory=dict)
    objective_channels: Mapping[str, Sequence[str]] = field(default_factory=dict)
    relays: Sequence[RelayRecord] = ()
    # A drill of moves: the length of each move on the drill's still clock (None: a drill on a clock).
    move_seconds: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "duration": self.duration,
            "targets": self.targets.to_dict(),
            "channels": {
                key: {
                    "id": info.id,
                    "audience": info.audience,
                    "max_chars": info.max_chars,
                    "name": info.name,
                    "equivalent": list(info.equivalent),
                }
                for key, info in self.channels.items()
            },
            "responses": [r.to_dict() for r in self.responses],
            "asks": [a.to_dict() for a in self.asks],
            "objectives": dict(self.objectives),
            "first_press_call_at": self.first_press_call_at,
            "social_peak_at": self.social_peak_at,
            "public_from": self.public_from,
            "resolved_at": self.resolved_at,
            "org": dict(self.org),
            "start_time": self.start_time.isoformat() if self.start_time else None,
            "weights": dict(self.weights) if self.weights is not None else None,
            "roles": dict(self.roles),
            "objective_channels": {key: list(value) for key, value in self.objective_channels.items()},
            "relays": [r.to_dict() for r in self.relays],
            **({"move_seconds": self.move_seconds} if self.move_seconds else {}),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "DrillInput":
        """The inverse of ``to_dict`` (lists become tuples)."""
        start_time = data.get("start_time")
        return cls(
            duration=float(data["duration"]),
            targets=Targets.from_mapping(data.get("targets")),
            channels={
                key: ChannelInfo(**{**info, "equivalent": tuple(info.get("equivalent") or ())})
                for key, info in (data.get("channels") or {}).items()
            },
            responses=tuple(
                ResponseRecord(**{**r, "facts": dict(r.get("facts") or {})})
                for r in data.get("responses") or ()
            ),
            asks=tuple(
                AskRecord(
                    **{
                        **a,
                        "roles": tuple(a.get("roles") or ()),
                        "channels": tuple(a.get("channels") or ()),
                        "must": tuple(a.get("must") or ()),
                    }
                )
                for a in data.get("asks") or ()
            ),
            objectives=dict(data.get("objectives") or {}),
            first_press_call_at=data.get("first_press_call_at"),
            social_peak_at=data.get("social_peak_at"),
            public_from=float(data.get("public_from") or 0.0),
            resolved_at=data.get("resolved_at"),
            org=dict(data.get("org") or {}),
            start_time=datetime.fromisoformat(start_time) if start_time else None,
            weights=dict(data["weights"]) if data.get("weights") is not None else None,
            roles=dict(data.get("roles") or {}),
            objective_channels={key: tuple(value) for key, value in (data.get("objective_channels") or {}).items()},
            relays=tuple(RelayRecord(**{**r, "to": tuple(r.get("to") or ())}) for r in data.get("relays") or ()),
            move_seconds=float(data["move_seconds"]) if data.get("move_seconds") else None,
        )


# -------------------------------------------------------------------- outputs


@frozen
class Deduction:
    """Points taken from an ask's score, with the criterion that cost them."""

    criterion: str
    points: float
    reason: str
    evidence: tuple[str, ...] = ()  # the text spans that decided it

    def to_dict(self) -> dict[str, Any]:
        return {
            "criterion": self.criterion,
            "points": self.points,
            "reason": self.reason,
            "evidence": list(self.evidence),
        }


@frozen
class AskResult:
    """How one ask was answered: ``status`` is answered, late or missed."""

    inject_id: str
    status: str
    latency_s: float | None
    score: float
    reason: str
    must_failed: tuple[str, ...] = ()
    response: int | None = None
    speed_score: float = 0.0  # before must deductions
    deductions: tuple[Deduction, ...] = ()
    objective: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "inject_id": self.inject_id,
            "status": self.status,
            "latency_s": self.latency_s,
            "score": self.score,
            "reason": self.reason,
            "must_failed": list(self.must_failed),
            "response": self.response,
            "speed_score": self.speed_score,
            "deductions": [d.to_dict() for d in self.deductions],
            "objective": self.objective,
        }


@frozen
class TimingItem:
    """A team-level grade. ``max`` 0 means it did not apply to this drill."""

    id: str
    points: float
    max: float
    reason: str
    evidence: Mapping[str, Any] = field(default_factory=dict)

    @property
    def applies(self) -> bool:
        return self.max > 0

    @property
    def fraction(self) -> float | None:
        return self.points / self.max if self.max > 0 else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "points": self.points,
            "max": self.max,
            "reason": self.reason,
            "evidence": dict(self.evidence),
        }


@frozen
class PromiseResult:
    """A promised next update: ``kept`` is None while it is still open."""

    response: int
    by: float | None
    kept: bool | None
    next_post_at: float | None
    reason: str
    text: str = ""
    channel_id: str = ""

    @property
    def status(self) -> str:
        """kept, broken, open (due after the drill ended) or unresolved (no time could be placed)."""
        if self.kept is None and self.by is None:
            return "unresolved"
        return {True: "kept", False: "broken", None: "open"}[self.kept]

    def to_dict(self) -> dict[str, Any]:
        return {
            "response": self.response,
            "by": self.by,
            "kept": self.kept,
            "next_post_at": self.next_post_at,
            "reason": self.reason,
            "text": self.text,
            "channel_id": self.channel_id,
        }


@frozen
class SpeedScore:
    latency_s: float
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"latency_s": self.latency_s, "score": self.score}


@frozen
class ResponseScore:
    """One message: its speed (only if it answered an ask) and its quality."""

    index: int
    role: str
    channel_id: str
    public: bool
    speed: SpeedScore | None
    quality: Any  # scoring.types.MessageGrade

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "role": self.role,
            "channel_id": self.channel_id,
            "public": self.public,
            "speed": self.speed.to_dict() if self.speed else None,
            "quality": {
                "score": self.quality.score,
                "criteria": [c.to_dict() for c in self.quality.criteria],
                "phase": self.quality.phase,
            },
        }


@frozen
class Totals:
    """Overall, speed and quality for the team or one role, and how they were made.

    The team's are always numbers; a role's are None where it had nothing to grade.
    """

    overall: float | None
    speed: float | None
    quality: float | None
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "overall": self.overall,
            "speed": self.speed,
            "quality": self.quality,
            "reason": self.reason,
        }


@frozen
class ObjectiveRating:
    """An HSEEP rating: P, S, M, U, or ``NOT_RATED``."""

    id: str
    text: str
    rating: str
    reason: str
    evidence: tuple[Mapping[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "rating": self.rating,
            "reason": self.reason,
            "evidence": [dict(e) for e in self.evidence],
        }


@frozen
class DrillScore:
    score: Totals
    responses: tuple[ResponseScore, ...]
    asks: tuple[AskResult, ...]
    team: tuple[TimingItem, ...]
    roles: Mapping[str, Totals]
    objectives: tuple[ObjectiveRating, ...]
    promises: tuple[PromiseResult, ...]
    weights: Mapping[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score.to_dict(),
            "responses": [r.to_dict() for r in self.responses],
            "asks": [a.to_dict() for a in self.asks],
            "team": [t.to_dict() for t in self.team],
            "roles": {role: s.to_dict() for role, s in self.roles.items()},
            "objectives": [o.to_dict() for o in self.objectives],
            "promises": [p.to_dict() for p in self.promises],
            "weights": dict(self.weights),
        }
