"""Events: what happened in a drill. The log of events is the drill.

Each event is plain JSON: ``{"seq": 3, "at": 240, "kind": "inject_delivered", "data": {...}}``.
``seq`` counts from 1 and orders the log; ``at`` is scenario time in whole
seconds. The kinds and their data:

- ``drill_started``: scenario_id, title, seed, duration, org, personas (rendered once), start_time
  (ISO 8601 wall time of T+0 in the fiction, or null)
- ``inject_delivered``: inject_id, occurrence, type, from, to, text, adhoc
- ``inject_skipped``: inject_id, occurrence, reason
- ``facts_changed``: inject_id, changes, facts (all facts after the change)
- ``ask_opened``: ask_id, inject_id, roles, channels, within, due_at, objective, must
- ``ask_overdue``: ask_id (the first second past its ``within``)
- ``response_recorded``: response_id, role, channel, text, reply_to, answers (an ask id or null)
- ``ask_answered``: ask_id, response_id, latency, late
- ``response_graded``: response_id, grade (``scoring.MessageGrade.to_dict()``, made once, when sent)
- ``ask_missed``: ask_id (still open when the drill ended)
- ``participants_assigned``: participants (role id -> people's names)
- ``drill_paused`` / ``drill_resumed``
- ``drill_ended``: reason ("time" or "facilitator")
- ``public_*``: the public's reaction (see drill.world)
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
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "Event":
        return cls(int(raw["seq"]), int(raw["at"]), str(raw["kind"]), dict(raw.get("data") or {}))


def events_to_jsonl(events: Iterable[Event]) -> str:
    return "".join(event.to_json() + "\n" for event in events)


def events_from_jsonl(text: str) -> list[Event]:
    return [Event.from_dict(json.loads(line)) for line in text.splitlines() if line.strip()]
