"""Next-update commitments: "Next update in 30 minutes", "we'll post again by 14:30 UTC".

A *promise* is a commitment with a time we can hold the team to; it is
recorded with ``due_at`` in seconds since T+0. A vague commitment ("we will
provide updates as we have them") is found by ``find_update_commitments`` but
is not a promise: nothing could be late.
"""

from __future__ import annotations

import re
from datetime import datetime

from ..text import evidence, first_matches, fold, sentence_spans
from ..types import Evidence, Promise
from .timeexpr import (
    CLOCK_RE,
    RELATIVE_RE,
    clock_hm_utc,
    is_clock_time,
    relative_minutes,
    seconds_until_clock,
)

UPDATE_COMMITMENT_RE = re.compile(
    r"\b(?:next|another|further|more\sdetailed|additional)\s(?:status\s|internal\s|public\s|full\s|formal\s)?updates?\b"
    r"|\b(?:will|'ll)\s(?:continue\sto\s)?(?:provide|post|send|share|give|publish|issue)\s(?:[a-z]{1,12}\s){0,3}?updates?\b"
    r"|\b(?:will|'ll)\s(?:continue\sto\s)?(?:keep|update)\s(?:you|users|customers|everyone|(?:our|this|the)\s[a-z]{1,12})\b"
    r"|\b(?:will|'ll)\s(?:continue\sto\s)?update\b"
    r"|\b(?:will|'ll)\s(?:continue\sto\s)?share\smore\b"
    r"|\bkeep(?:ing)?\s(?:you|users|customers|everyone)\s(?:updated|informed|posted)\b"
    r"|\bupdates?\s(?:will\sfollow|to\sfollow|as\s(?:soon\sas|available|we\s(?:learn|have|know)))"
    r"|\b(?:will|'ll)\s(?:be\sback(?!\s(?:up|online|to\snormal|in\sservice))|report\sback|post\sagain|check\sin)\b"
    # A cadence: "we will post here at least every 30 minutes", "status page updated every 30 minutes".
    r"|\b(?:post|posting|update|updated|updating|report|reporting)\s(?:[a-z]{1,12}\s){0,2}?(?:at\sleast\s)?every\s"
    r"(?:\d{1,3}|fifteen|thirty|sixty)\s?(?:minutes?|mins?|hours?|hrs?)\b",
)
_CADENCE_RE = re.compile(r"\bevery\s(?P<n>\d{1,3}|fifteen|thirty|sixty)\s?(?P<unit>minutes?|mins?|hours?|hrs?)\b")
_CADENCE_WORDS = {"fifteen": 15, "thirty": 30, "sixty": 60}


def find_update_commitments(text: str) -> tuple[Evidence, ...]:
    """Every phrase that commits to further updates, timed or not."""
    norm = fold(text)
    return tuple(evidence(text, m.start(), m.end()) for m in first_matches(UPDATE_COMMITMENT_RE, norm))


def find_promises(text: str, at: float = 0.0, start_time: datetime | None = None) -> list[Promise]:
    """Timed next-update commitments, with ``due_at`` in seconds since T+0.

    Relative times ("in 30 minutes", "within the hour") resolve from ``at``;
    clock times ("by 14:30 UTC") need ``start_time`` and are kept with
    ``due_at`` None without it.
    """
    norm = fold(text)
    if not UPDATE_COMMITMENT_RE.search(norm):
        return []
    promises: list[Promise] = []
    for start, end in sentence_spans(norm):
        sentence = norm[start:end]
        commit = UPDATE_COMMITMENT_RE.search(sentence)
        if not commit:
            continue
        promise = _timed_promise(text, sentence, start, commit, at, start_time)
        if promise:
            promises.append(promise)
            if len(promises) >= 5:
                break
    return promises


def _timed_promise(text: str, sentence: str, offset: int, commit: re.Match[str],
                   at: float, start_time: datetime | None) -> Promise | None:
    rel = RELATIVE_RE.search(sentence)
    if rel:
        minutes = relative_minutes(rel)
        return _promise(text, offset, commit, rel, at + minutes * 60.0, minutes)
    cadence = _CADENCE_RE.search(sentence)
    if cadence:
        raw = cadence.group("n").lower()
        amount = float(_CADENCE_WORDS.get(raw) or raw)
        minutes = amount * 60.0 if cadence.group("unit").lower().startswith("h") else amount
        return _promise(text, offset, commit, cadence, at + minutes * 60.0, minutes)
    for clock in CLOCK_RE.finditer(sentence):
        if is_clock_time(clock):
            due = seconds_until_clock(clock_hm_utc(clock), at, start_time) if start_time else None
            return _promise(text, offset, commit, clock, due, None)
    return None


def _promise(text: str, offset: int, commit: re.Match[str], when: re.Match[str],
             due_at: float | None, minutes: float | None) -> Promise:
    start = offset + min(commit.start(), when.start())
    end = offset + max(commit.end(), when.end())
    return Promise(text=text[start:end], start=start, end=end, due_at=due_at, minutes=minutes)

