"""Commands: what the facilitator, the players or a script ask the engine to do."""

from __future__ import annotations

from dataclasses import field
from typing import Any

from scoring.frozen import frozen


@frozen
class Advance:
    """Move scenario time forward, to an absolute time or by a step (whole seconds)."""

    to: int | None = None
    by: int | None = None


@frozen
class Respond:
    """A message from a role on a channel, at the current scenario time."""

    role: str
    channel: str
    text: str
    reply_to: str | None = None  # an inject id or an ask id
    client_id: str | None = None  # the seat's id for the frame, kept so a resent frame is recognised


@frozen
class Pause:
    pass


@frozen
class Resume:
    pass


@frozen
class InjectAdHoc:
    """An inject the facilitator makes up during the drill."""

    type: str
    text: str
    to: tuple[str, ...] = ()  # empty: every role
    sender: str = "Facilitator"
    expects_role: str | None = None
    expects_channel: str | None = None
    within: int | None = None
    facts: dict[str, Any] = field(default_factory=dict)
    client_id: str | None = None


@frozen
class Relay:
    """A message from a role to other roles only, never the public (``to`` empty: every role)."""

    role: str
    to: tuple[str, ...]
    text: str
    client_id: str | None = None


@frozen
class EvaluatorNote:
    """An evaluator's observation, against one of the scenario's objectives or (None) the drill."""

    author: str
    text: str
    objective: str | None = None
    client_id: str | None = None
    rating: str | None = None  # the evaluator's own HSEEP rating of the objective: P, S, M or U


@frozen
class Choose:
    """A decision: one of an inject's options, picked by the facilitator (``role`` None) or its chooser."""

    inject: str
    option: str
    role: str | None = None
    client_id: str | None = None


@frozen
class Release:
    """The facilitator releases a held (``release: manual``) inject: it is delivered now."""

    inject: str
    client_id: str | None = None


@frozen
class NextMove:
    """``mode: moves``: the facilitator starts the next move."""


@frozen
class HotWashItem:
    """Something the hot wash raised: a strength, or an improvement with its priority; taken after the end too."""

    text: str
    kind: str = "improvement"  # or "strength"
    priority: str | None = None  # high, medium or low (improvements)
    author: str = "Facilitator"
    objective: str | None = None
    client_id: str | None = None


@frozen
class AssignRoles:
    """Who plays which role: role id -> the people's names, as the facilitator typed them."""

    participants: dict[str, str]


@frozen
class End:
    reason: str = "facilitator"


Command = (Advance | Respond | Relay | EvaluatorNote | Pause | Resume | InjectAdHoc | AssignRoles | End
           | Choose | Release | NextMove | HotWashItem)


class CommandRejected(ValueError):
    """The command cannot be carried out; the message says why, for a person."""
