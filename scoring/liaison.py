"""Liaison sync: did Comms hear the facts from the people who have them before telling the public?

In a drill played from several seats, the Customer Liaison and Support hold the
numbers customers report, the fix time and the progress; Comms should say them
in public only once one of them has told Comms (a relay to Comms or to every
role, or a message on an internal channel). Three facts are read, with the same
detectors the message grades use:

* how many are affected: a count of people (``claims``), or an amount that is
  not a duration ("about 40%", not "about 30 minutes");
* how long: a fix time (``eta``);
* progress: a phase past "investigating" (``phase``). "We are investigating"
  is what anyone can say knowing nothing, so it is not a fact anyone passed on.

For each fact Comms stated on a public channel, its first public statement
earns an even share of the item's points when a Liaison or Support message
stating the same fact came before it, and nothing when none did. Facts Comms
never stated in public are not counted. A drill without relays (one seat plays
every role) is not assessed: the item says so and weighs nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from scoring.clock import minutes, t_plus
from scoring.detectors.claims import extract_claims
from scoring.detectors.eta import find_fix_time
from scoring.detectors.impact import find_impact
from scoring.detectors.phase import detect_phase
from scoring.drill_types import DrillInput, ResponseRecord, TimingItem
from scoring.types import Evidence

ITEM_ID = "liaison_sync"
# Role ids or names containing these words: who speaks in public, and who has the facts.
COMMS_WORDS = ("comms", "communication")
SOURCE_WORDS = ("liaison", "support")
FACT_LABELS = {"customers": "how many are affected", "eta": "how long", "progress": "progress"}
_DURATION_AFTER_RE = re.compile(r"\s?(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|h\b|days?)", re.IGNORECASE)
_PAST_INVESTIGATING = ("identified", "monitoring", "resolved")


def _customers(text: str) -> Evidence | None:
    counts = extract_claims(text).counts
    if counts:
        return counts[0].span
    for span in find_impact(text).get("how_many", ()):
        if not _DURATION_AFTER_RE.match(text, span.end):
            return span
    return None


def _eta(text: str) -> Evidence | None:
    found = find_fix_time(text)
    return found[0] if found else None


def _progress(text: str) -> Evidence | None:
    phase, spans = detect_phase(text)
    return spans[0] if phase in _PAST_INVESTIGATING and spans else None


FACTS: Mapping[str, Callable[[str], Evidence | None]] = {"customers": _customers, "eta": _eta, "progress": _progress}


@dataclass(frozen=True)
class _Source:
    """A message that told Comms something: a relay or an internal response, placed in send order."""

    kind: str  # "relay" or "response"
    index: int
    role: str
    at: float
    text: str
    before_response: int  # it came before every response whose index is above this

    def to_dict(self, span: Evidence) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.index, "role": self.role, "at": self.at, "text": self.text,
                "stated": span.text}


def _labelled(role: str, names: Mapping[str, str], words: Sequence[str]) -> bool:
    label = f"{role} {names.get(role, '')}".lower()
    return any(word in label for word in words)


def liaison_item(drill: DrillInput, responses: Sequence[ResponseRecord], max_points: float) -> TimingItem:
    """The ``liaison_sync`` team item; ``responses`` in the order they were sent."""
    if not drill.relays:
        return _not_assessed("the drill had no relays between roles (one seat played every role)")
    role_ids = set(drill.roles) | {r.role for r in responses} | {r.role for r in drill.relays}
    comms = {role for role in role_ids if _labelled(role, drill.roles, COMMS_WORDS)}
    sources = {role for role in role_ids if _labelled(role, drill.roles, SOURCE_WORDS)} - comms
    if not comms or not sources:
        return _not_assessed("the drill has no Comms role, or no Liaison or Support role")

    def public(response: ResponseRecord) -> bool:
        channel = drill.channels.get(response.channel_id)
        return channel is not None and channel.is_public and not response.discussion

    told = [_Source("relay", relay.index, relay.role, relay.at, relay.text, relay.after_response)
            for relay in drill.relays
            if relay.role in sources and (not relay.to or comms & set(relay.to))]
    told += [_Source("response", r.index, r.role, r.at, r.text, r.index) for r in responses
             if r.role in sources and not public(r)]
    told.sort(key=lambda source: (source.before_response, source.kind == "relay", source.index))
    posts = [r for r in responses if r.role in comms and public(r)]

    stated = []
    for fact, find in FACTS.items():
        first = next(((post, span) for post in posts if (span := find(post.text)) is not None), None)
        if first is not None:
            stated.append((fact, *first))
    if not stated:
        return _not_assessed("Comms stated no count of those affected, fix time or progress in public")

    share = max_points / len(stated)
    facts, earned, reasons = [], 0.0, []
    for fact, post, span in stated:
        learned = next(((source, found) for source in told if source.before_response < post.index
                        and (found := FACTS[fact](source.text)) is not None), None)
        where = drill.channels[post.channel_id].name or post.channel_id
        said = f'Comms said "{span.text}" on {where} at {t_plus(post.at)} (response #{post.index})'
        if learned is not None:
            source, found = learned
            reason = (f"{FACT_LABELS[fact]}: {said}, {minutes(post.at - source.at)} after {_who(source, drill.roles)} "
                      f'said "{found.text}" at {t_plus(source.at)}: {share:.3g}/{share:.3g}')
            points = share
        else:
            reason = (f"{FACT_LABELS[fact]}: {said} before Liaison or Support had told Comms"
                      f"{_later(fact, told, post, drill.roles)}: 0/{share:.3g}")
            points = 0.0
        earned += points
        reasons.append(reason)
        facts.append({"fact": fact, "points": points, "max": share, "reason": reason,
                      "posted": {"response": post.index, "role": post.role, "channel": post.channel_id,
                                 "at": post.at, "text": post.text, "stated": span.text},
                      "learned": learned[0].to_dict(learned[1]) if learned else None})
    synced = sum(1 for item in facts if item["learned"])
    reason = (f"{synced} of {len(facts)} facts Comms stated in public came from Liaison or Support first "
              f"({earned:.3g}/{max_points:g}): " + "; ".join(reasons))
    return TimingItem(ITEM_ID, earned, max_points, reason,
                      {"facts": facts, "comms_roles": sorted(comms), "source_roles": sorted(sources)})


def _who(source: _Source, names: Mapping[str, str]) -> str:
    name = names.get(source.role) or source.role
    return f"{name} (relay #{source.index})" if source.kind == "relay" else f"{name} (response #{source.index})"


def _later(fact: str, told: Sequence[Any], post: ResponseRecord, names: Mapping[str, str]) -> str:
    """When they did tell Comms, if they did later: the debrief's question is whose timing slipped."""
    for source in told:
        if source.before_response >= post.index and FACTS[fact](source.text) is not None:
            return f"; {_who(source, names)} said it at {t_plus(source.at)}, {minutes(source.at - post.at)} later"
    return ""


def _not_assessed(reason: str) -> TimingItem:
    return TimingItem(ITEM_ID, 0.0, 0.0, f"not assessed: {reason}; no points either way", {})
