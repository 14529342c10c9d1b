"""Next-update commitments: "Next update in 30 minutes", "we'll post again by 14:30 UTC".

A *promise* is a commitment with a time we can hold the team to; it is
recorded with ``due_at`` in seconds since T+0. A vague commitment ("we will
provide updates as we have them") is found by ``find_update_commitments`` but
is not a promise: nothing could be late.
"""

from __future__ import annotations

import re
from datetime import datetime

from ..patterns import compile_lazily
from ..text import clause_around, evidence, first_matches, fold, per_text, sentences
from ..types import Evidence, Promise
from .timeexpr import TimeMention, due_seconds, find_times

UPDATE_COMMITMENT_RE = compile_lazily(
    # not one received: "we have received another update from our provider"
    r"(?<!received\s)(?<!had\s)(?<!got\s)\b(?:next|another|further|more\sdetailed|additional)\s(?:status\s|internal\s|public\s|full\s|formal\s)?updates?\b"
    r"|\b(?:will|'ll)\s(?:continue\sto\s)?(?:provide|post|send|share|give|publish|issue)\s(?:[a-z]{1,12}\s){0,3}?updates?\b"
    # "We'll keep this page updated", not "I'll keep the list of who was notified".
    r"|\b(?:will|'ll)\s(?:continue\sto\s)?(?:update\s(?:you|users|customers|everyone|(?:our|this|the)\s[a-z]{1,12})"
    r"|keep\s(?:you|users|customers|everyone|(?:our|this|the)\s[a-z]{1,12})\s(?:updated|informed|posted|apprised|up\sto\sdate))\b"
    r"|\b(?:will|'ll)\s(?:continue\sto\s)?update\b"
    r"|\b(?:will|'ll)\s(?:continue\sto\s)?share\smore\b"
    r"|\bkeep(?:ing)?\s(?:you|users|customers|everyone)\s(?:updated|informed|posted)\b"
    r"|\bupdates?\s(?:will\sfollow|to\sfollow|as\s(?:soon\sas|available|we\s(?:learn|have|know)))"
    # "we'll be back with more", not "the service will be back by 11:45" (a fix time, not an update)
    r"|\b(?:we|i)(?:\swill|'ll)\sbe\sback(?!\s(?:up|online|to\snormal|in\sservice))\b"
    r"|\b(?:will|'ll)\s(?:report\sback|post\sagain|check\sin)\b"
    # Another verb first: "we will continue to monitor and provide updates", "we'll continue monitoring and
    # update when we have more information".
    r"|\b(?:will|'ll)\s(?:continue\sto\s)?(?:[a-z]{2,12}\s){1,4}?(?:and|&)\s(?:provide|post|send|share|give|publish)\s"
    r"(?:[a-z]{1,12}\s){0,2}?(?:updates?|details|information|info)\b"
    r"|\b(?:and|to)\supdate\s(?:you\s|everyone\s|here\s|this\s[a-z]{1,10}\s)?(?:when|once|as\ssoon|as\swe)\b"
    # What is learned, passed on as it comes: "more details will be posted as they become available", "we will
    # follow up with more information", "we will share everything we can when ...", "committed to sharing more details".
    r"|\b(?:details|information|info|news)\s(?:will|shall)\sbe\s(?:posted|provided|shared|published|sent|given|made\savailable)\s"
    r"(?:here\s|on\s[a-z]{1,12}\s)?(?:as|when|once|shortly|soon)\b"
    r"|\b(?:will|'ll)\sfollow\sup\s(?:with|on|here)\b"
    r"|\b(?:will|'ll)\s(?:continue\sto\s)?(?:share|report)\s(?:everything|all\swe|what\swe|more|information|further\sdetails)\b"
    r"|\bcommitted\sto\s(?:sharing|providing|posting|publishing)\s(?:more\s|further\s|additional\s|regular\s)?(?:details|information|updates)\b"
    r"|\b(?:will|'ll)\s(?:[a-z]{2,12}\s(?:and|&)\s)?(?:provide|share|give|post)\s(?:an?\s)?(?:eta|estimated?\stime|timeline)\b"
    r"|\bkeep\s(?:our|the|this)\s(?:status\s)?(?:page|site)\s(?:up\sto\sdate|updated)\b"
    # A review promised to the reader: "we will publish a root cause analysis by Sep 29".
    r"|\b(?:will|'ll)\s(?:publish|share|post|release)\s(?:a|an|the|our)\s(?:full\s|detailed\s|complete\s|public\s|written\s)?"
    r"(?:root\scause\sanalysis|rca|post[\s-]?mortem|post[\s-]incident\s(?:report|review)|incident\sreport|review|report)\b"
    # A cadence: "we will post here at least every 30 minutes", "status page updated every 30 minutes".
    r"|\b(?:post|posting|update|updated|updating|report|reporting)\s(?:[a-z]{1,12}\s){0,2}?(?:at\sleast\s)?every\s"
    r"(?:\d{1,3}|fifteen|thirty|sixty)\s?(?:minutes?|mins?|hours?|hrs?)\b",
)
# Commitments that only count with a time: "we will provide more details within the next hour".
_TIMED_COMMITMENT_RE = compile_lazily(
    r"\b(?:will|'ll)\s(?:continue\sto\s)?(?:provide|post|share|give|publish|send|have)\s(?:[a-z]{1,12}\s){0,2}?"
    r"(?:details|information|info|news)\b"
    r"|\b(?:will|'ll)\shave\s(?:[a-z]{1,12}\s){0,2}?updates?\b"
    r"|\bupdates?\s(?:will|shall)\sbe\s(?:provided|posted|shared|published|sent|given|issued|made\savailable)\b"
    r"|\bupdates?\s(?:is|are)\sexpected\b"
    r"|\bcheck\sback\b"
)
_ANY_COMMITMENT_RE = compile_lazily(f"{UPDATE_COMMITMENT_RE.pattern}|{_TIMED_COMMITMENT_RE.pattern}")
# "after the 16:00 UTC deploy", "since 13:05", "between 14:00 and 15:00": a time of day that starts
# or bounds something is not when the update is due.
_NOT_A_DEADLINE_RE = compile_lazily(r"\b(?:after|since|from|between|until|till|started|began|begun)\s(?:the\s|[a-z]{1,12}\s)?$")
_NOT_AN_END = ("a.m.", "p.m.", "approx.", " ca.")
# A time in another clause than the commitment's is the update's only if that clause
# says nothing else happens at that time: "the fix will be deployed within 2 hours and
# we will keep you updated", "it started at 13:05 UTC and we will keep you updated".
_OTHER_EVENT_RE = compile_lazily(
    r"\b(?:was|were|had|has|have|been|did|since|ago|began|begun|between|from|eta|should|take|takes|taking"
    r"|start\w{0,3}|occur\w{0,4}|happen\w{0,3}|expect\w{0,4}|estimat\w{0,4}|fix\w{0,3}|resolv\w{1,4}|restor\w{1,4}"
    r"|recover\w{0,4}|mitigat\w{1,5}|deploy\w{0,4}|complet\w{1,5}|[a-z]{2,20}ed)\b"
)


def find_update_commitments(text: str) -> tuple[Evidence, ...]:
    """Every phrase that commits to further updates, timed or not."""
    norm = fold(text)
    return tuple(evidence(text, m.start(), m.end()) for m in first_matches(UPDATE_COMMITMENT_RE, norm))


def find_promises(text: str, at: float = 0.0, start_time: datetime | None = None) -> list[Promise]:
    """Timed next-update commitments, with ``due_at`` in seconds since T+0.

    Delays ("in 30 minutes", "within the hour", "every 2-3 hours") resolve
    from ``at``. Times of day ("by 14:30 UTC", "at 3pm PT", "at the top of the
    hour") also need ``start_time``, the wall time of T+0; without it, or when
    the time cannot be read (``timeexpr`` says how times are read), the promise
    is kept with ``due_at`` None.
    """
    return [Promise(text=text[begin:finish], start=begin, end=finish, due_at=due_seconds(when, at, start_time),
                    minutes=when.minutes) for begin, finish, when in _timed_commitments(text)]


@per_text(1024)  # the features look for promises, and the grade resolves the same ones
def _timed_commitments(text: str) -> tuple[tuple[int, int, TimeMention], ...]:
    """(start, end, time named) of each timed next-update commitment, at most five."""
    norm = fold(text)
    if not _ANY_COMMITMENT_RE.find(norm):
        return ()
    found: list[tuple[int, int, TimeMention]] = []
    for start, end in _sentences(norm):
        if not _ANY_COMMITMENT_RE.may_match_in(norm, start, end):
            continue
        sentence = norm[start:end]
        commit = _ANY_COMMITMENT_RE.search_sentence(sentence)
        if not commit:
            continue
        when = _promised_time(sentence, commit)
        if when is None:
            continue
        found.append((start + min(commit.start(), when.start), start + max(commit.end(), when.end), when))
        if len(found) >= 5:
            break
    return tuple(found)


def _sentences(norm: str) -> list[tuple[int, int]]:
    """Sentence spans, except that "5 p.m. EDT" and "in approx. 30 minutes" do not end a sentence."""
    spans = sentences(norm)
    merged: list[tuple[int, int]] = []
    for span in spans:
        if merged and norm.endswith(_NOT_AN_END, merged[-1][0], merged[-1][1]):
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return merged


def _promised_time(sentence: str, commit: re.Match[str]) -> TimeMention | None:
    """The time the commitment names: the first in its own clause, else one in a clause about nothing else."""
    times = [t for t in find_times(sentence) if t.minutes is not None or not _NOT_A_DEADLINE_RE.search(
        sentence, max(0, t.start - 24), t.start)]
    if not times:
        return None
    left, right = clause_around(sentence, commit.start(), commit.end())
    for when in times:
        if left <= when.start < right:
            return when
    for when in sorted(times, key=lambda t: (t.start < commit.start(), abs(t.start - commit.start()))):
        t_left, t_right = clause_around(sentence, when.start, when.end)
        if not _OTHER_EVENT_RE.search(sentence, t_left, t_right):
            return when
    return None
