"""Events: what happened in a drill. The log of events is the drill.

Each event is plain JSON: ``{"seq": 3, "at": 240, "kind": "inject_delivered", "data": {...}}``.
``seq`` counts from 1 and orders the log; ``at`` is scenario time in whole
seconds. The kinds and their data:

- ``drill_started``: scenario_id, title, seed, duration, org, personas (rendered once), start_time
  (ISO 8601 wall time of T+0 in the fiction, or null)
- ``inject_delivered``: inject_id, occurrence, type, from, to, text, adhoc, client_id (ad hoc, when given)
- ``inject_skipped``: inject_id, occurrence, reason
- ``facts_changed``: inject_id, changes, facts (all facts after the change)
- ``ask_opened``: ask_id, inject_id, roles, channels, within, due_at, objective, must
- ``ask_overdue``: ask_id (the first second past its ``within``)
- ``response_recorded``: response_id, role, channel, text, reply_to, answers (an ask id or null),
  client_id (only when the command carried one)
- ``relay_sent``: relay_id (1, 2, ...), role, to (role ids; empty: every role), text, client_id (when given);
  a message between roles that the public never sees
- ``evaluator_noted``: note_id (1, 2, ...), author, objective (an objective id or null), text, rating (the
  evaluator's P, S, M or U for the objective, when given), client_id (when given); seen by the facilitator
  and observers only
- ``ask_answered``: ask_id, response_id, latency, late
- ``response_graded``: response_id, grade (``scoring.MessageGrade.to_dict()``, made once, when sent)
- ``ask_missed``: ask_id (still open when the drill ended)
- ``question_opened``: question_id (INJECT.QUESTION), inject_id, role (or null: any), within, due_at (both
  null without a time limit), grade (comms, rubric, none or null: comms on a public channel, else none);
  at the inject's first delivery (format 2)
- ``question_answered``: question_id, response_id, latency, late (the first reply to it; the response's
  ``response_recorded`` carries ``question``); ``question_unanswered``: question_id (open at the end)
- ``option_chosen``: choice_id (1, 2, ...), inject_id, occurrence, option_id, role ("facilitator" or the
  inject's chooser), client_id (when given); one choice per delivery of an inject with options
- ``inject_held``: inject_id, occurrence (a ``release: manual`` inject fell due and waits);
  ``inject_released``: inject_id, occurrence, client_id (when given), followed by its ``inject_delivered``
- ``move_started``: move (2, 3, ...; ``mode: moves``, the first move starts with the drill)
- ``hot_wash_noted``: item_id, text, kind (improvement or strength), priority (high, medium, low or
  null), author, objective (or null), client_id (when given); taken after the drill has ended too
- ``participants_assigned``: participants (role id -> people's names)
- ``drill_paused`` / ``drill_resumed``
- ``drill_ended``: reason ("time" or "facilitator")
- ``public_*``: the public's reaction (see drill.world)

``client_id`` is the id a seat gave the frame that caused the event (see
``drill.engine.client_ids``); a log without seats has none, byte for byte as before.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable


@dataclass(frozen=True)
class Event:
    seq: int
    at: int
    kind: str
    data: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "at": self.at, "kind": self.kind, "data": self.data}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                          default=_deferred_value)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "Event":
        return cls(int(raw["seq"]), int(raw["at"]), str(raw["kind"]), dict(raw.get("data") or {}))


class DeferredJSON:
    """A value in an event's data kept as the JSON text it was stored in, parsed when first read.

    A drill reopened from the store holds thousands of message grades, nine tenths of its
    log's bytes, that only a grade on screen or the report reads: they wait as text.
    ``key``: the value is that key's, in the object the text holds. It equals (and
    serialises as) the value it holds.
    """

    __slots__ = ("text", "key", "_value", "_parsed")

    def __init__(self, text: str, key: str | None = None) -> None:
        self.text, self.key = text, key
        self._value: Any = None
        self._parsed = False

    def value(self) -> Any:
        if not self._parsed:
            parsed = json.loads(self.text)
            self._value, self._parsed = (parsed if self.key is None else parsed[self.key]), True
            self.text = ""  # the parsed value is kept instead
        return self._value

    def __eq__(self, other: object) -> bool:
        return self.value() == (other.value() if isinstance(other, DeferredJSON) else other)

    __hash__ = None  # type: ignore[assignment]  (it stands for a dict or a list)

    def __repr__(self) -> str:
        return f"DeferredJSON({self.value()!r})"


def resolved(value: Any) -> Any:
    """``value``, or the value a DeferredJSON holds."""
    return value.value() if isinstance(value, DeferredJSON) else value


def _deferred_value(value: Any) -> Any:
    if isinstance(value, DeferredJSON):
        return value.value()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def client_ids(log: Iterable[Event]) -> dict[str, int]:
    """client_id -> the seq of the event it caused (the first, if one repeats), so a server
    resumed from its store recognises frames it acknowledged before it stopped."""
    found: dict[str, int] = {}
    for event in log:
        client_id = event.data.get("client_id")
        if client_id is not None:
            found.setdefault(client_id, event.seq)
    return found


def events_to_jsonl(events: Iterable[Event]) -> str:
    return "".join(event.to_json() + "\n" for event in events)


def events_from_jsonl(text: str) -> list[Event]:
    return [Event.from_dict(json.loads(line)) for line in text.splitlines() if line.strip()]
