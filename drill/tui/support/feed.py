"""Which events the facilitator's feed shows, and which role and channel each concerns.

A feed entry keeps the roles and channels it concerns so the feed can be filtered
without reading the event again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from drill.engine.ask_ids import ask_id_for
from drill.engine.events import Event
from drill.scenario.model import FACILITATOR

if TYPE_CHECKING:  # the play screen is painted before the engine (and its state) loads
    from drill.engine.state import DrillState

# The events the feed shows; the rest (pauses, participants...) live in the header or nowhere.
FEED_KINDS = frozenset({
    "inject_delivered", "response_recorded", "facts_changed", "ask_overdue", "ask_answered",
    "ask_missed", "drill_ended", "public_story", "relay_sent", "evaluator_noted",
    # format 2's play keys: choices made, injects waiting for release, questions answered, moves
    "option_chosen", "inject_held", "question_answered", "question_unanswered", "move_started",
})


@dataclass(frozen=True)
class FeedEntry:
    event: Event
    roles: tuple[str, ...] = ()  # empty: concerns everyone
    channels: tuple[str, ...] = ()

    @property
    def facilitator_only(self) -> bool:
        return self.roles == (FACILITATOR,)

    def matches(self, role: str | None, channel: str | None) -> bool:
        """Shown under a role filter and a channel filter (None: no filter)."""
        if role is not None and self.roles and role not in self.roles:
            return False
        if channel is not None and channel not in self.channels:
            return False
        return True


def feed_entry(event: Event, state: DrillState) -> FeedEntry | None:
    """The feed entry for ``event``, or None if the feed does not show it."""
    if event.kind not in FEED_KINDS:
        return None
    data = event.data
    if event.kind == "inject_delivered":
        ask = state.asks.get(ask_id_for(data["inject_id"], data["occurrence"]))
        channels = ask.channels if ask else ()
        return FeedEntry(event, tuple(data.get("to") or ()), tuple(channels))
    if event.kind == "response_recorded":
        return FeedEntry(event, (data["role"],), (data["channel"],))
    if event.kind == "relay_sent":  # between team members: it concerns the sender and whoever it went to
        to = tuple(data.get("to") or ())
        return FeedEntry(event, (data["role"], *to) if to else ())
    if event.kind in ("evaluator_noted", "inject_held"):  # the facilitator's own: the facilitator's filter shows it
        return FeedEntry(event, (FACILITATOR,))
    if event.kind in ("question_answered", "question_unanswered"):
        slot = getattr(state, "questions", {}).get(data["question_id"])
        return FeedEntry(event, (slot.role,) if slot is not None and slot.role else ())
    if event.kind in ("ask_overdue", "ask_answered", "ask_missed", "public_story"):
        ask = state.asks.get(data["ask_id"]) if data.get("ask_id") else None
        return FeedEntry(event, ask.roles if ask else (), ask.channels if ask else ())
    return FeedEntry(event)
