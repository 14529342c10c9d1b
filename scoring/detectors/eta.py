"""Fix-time promises ("will be fixed by 3pm", "full recovery in the next 20 minutes").

A promised time for the *fix* is risky on public channels: it is often
missed. A time for the *next update* is good practice and is not an ETA, so
sentences that commit to an update are skipped.

Times and durations that date the past ("started at 10:04 UTC", "restored in
20 minutes", "working normally for over 30 minutes") are not promises either.
Each time expression is read in its clause: the nearest tense cue decides
("will", "expect", "should be" look ahead; "was", "has been", "started",
"restored" look back). Without a cue, "by 3pm", "in 20 minutes" and "ETA"
read as promises and "at 10:04", "over 30 minutes" as dates.
"""

from __future__ import annotations

import re

from ..patterns import compile_lazily
from ..text import at_word_start, clause_around, evidence, fold, sentences
from ..types import Evidence
from .promises import UPDATE_COMMITMENT_RE
from .timeexpr import CLOCK_RE, RELATIVE_RE, is_clock_time

_FIX_RE = at_word_start(
    r"\b(?:fix\w{0,3}|resolv\w{1,4}|resolution|restor\w{1,4}|recover\w{0,4}|mitigat\w{1,5}|deploy\w{0,4}|roll\s?out"
    r"|rollout|back\s(?:up|online|to\snormal)|clear\w{0,3}|complet\w{1,5}|caught\sup|working\sagain|healthy|repair\w{0,3}"
    r"|eta|estimat\w{0,4}|expect\w{0,4}|available\sagain|operational|remediat\w{1,5})\b"
)
_DURATION = r"(?:\d{1,3}(?:\.\d{1,2})?(?:\s?(?:to|-)\s?\d{1,3}(?:\.\d{1,2})?)?|an?|one|two|three|a\sfew|several|a\scouple(?:\sof)?(?:\smore)?|another|more)\s?(?:minutes?|mins?|m|hours?|hrs?|h|days?)\b"
# Expressions that always look ahead (``ahead``), that look ahead unless the
# clause dates the past (``likely``) and that need a future cue (``weak``).
_TIME_RE = compile_lazily(
    rf"(?P<ahead>\beta:?\s?~?\s?(?:\d|of\s)"
    rf"|(?<!as\s)\b(?:estimat\w{{0,4}}|expect\w{{0,4}})\b[^.!?\n]{{0,80}}?\b{_DURATION})"
    rf"|(?P<likely>\b(?:take|taking|takes)\s(?:up\sto\s|about\s|around\s|roughly\s|approximately\s|another\s|a\sfurther\s){{0,2}}{_DURATION}"
    rf"|\bby\s(?:end\sof\s(?:day|business)|tomorrow|tonight|this\s(?:afternoon|evening|morning))\b"
    # A span without a number: "within the next few hours", "over the coming days", "in the next day".
    rf"|\b(?:in|within|over)\s(?:the\s)?(?:next|coming)\s(?:(?:few|several|couple(?:\sof)?)\s(?:minutes|hours|days)|days|day|week)\b)"
    rf"|(?P<weak>\b(?:before|until)\s(?:end\sof\s(?:day|business)|tomorrow|tonight|this\s(?:afternoon|evening|morning))\b)",
)
_MAX_CANDIDATES = 8
_NEXT_RE = compile_lazily(r"\s(?:the\s)?(?:next|coming|another|a\sfurther)\s")
# Tense cues, nearest to the time expression first. ``as expected`` says how
# something works, not when it will.
_CUE_RE = at_word_start(
    r"(?P<neutral>as\sexpected|as\sestimated)"
    r"|(?P<future>will|'ll|shall|should|expect\w{0,4}|anticipat\w{1,5}|estimat\w{0,4}|eta|going\sto"
    r"|(?:aim|plan|hope|intend)(?:s|ing)?\sto|target\w{0,3}|projected|scheduled|on\strack"
    r"|(?:be|being)\s(?:[a-z]{1,12}ly\s)?[a-z]{2,20}(?:ed|en)"
    r"|to\s(?:be\s)?(?:[a-z]{1,12}ly\s)?(?:fix|resolv|restor|recover|complet|deploy|clear|finish|return|roll)\w{0,4}"
    r"|to\shave\s(?:\w{1,15}\s){0,2}?(?:fix|resolv|restor|recover|complet|back)\w{0,4})\b"
    r"|(?P<past>was|were|had|has|have|'ve|did|since|ago|began|begun|occurred|happened|yesterday|earlier"
    r"|previously|past|last|already|this\smorning|(?!(?:ne|spe|fe|inde|procee|excee|succee|emb)ed\b)[a-z]{2,20}ed)\b"
)


def find_fix_time(text: str) -> tuple[Evidence, ...]:
    """Sentences that promise when the problem will be fixed."""
    norm = fold(text)
    if not _FIX_RE.find(norm):
        return ()
    found: list[Evidence] = []
    for start, end in sentences(norm):
        if not _FIX_RE.may_match_in(norm, start, end):
            continue  # no fix word in this sentence
        sentence = norm[start:end]
        if (UPDATE_COMMITMENT_RE.may_match_in(norm, start, end) and UPDATE_COMMITMENT_RE.search_sentence(sentence)) \
                or not _FIX_RE.search_sentence(sentence):
            continue
        when = _fix_time_in(sentence, norm, start)
        if when:
            found.append(evidence(text, start + when[0], start + when[1]))
            if len(found) >= 3:
                break
    return tuple(found)


def _fix_time_in(sentence: str, text: str | None = None, start: int = 0) -> tuple[int, int] | None:
    """The first time in ``sentence`` that promises the fix; ``text[start:]`` is where it is, if given."""
    end = start + len(sentence)

    def may(pattern) -> bool:
        return text is None or pattern.may_match_in(text, start, end)

    # A few candidates of each kind per sentence keep pathological input fast.
    for m, _ in zip(_TIME_RE.finditer(sentence) if may(_TIME_RE) else (), range(_MAX_CANDIDATES)):
        if m.group("ahead") or _looks_ahead(sentence, m.start(), m.end(), default=bool(m.group("likely"))):
            return m.start(), m.end()
    for rel, _ in zip(RELATIVE_RE.finditer_sentence(sentence) if may(RELATIVE_RE) else (), range(_MAX_CANDIDATES)):
        # "within two minutes of being alerted" dates a past event, not the fix
        if sentence[rel.end():rel.end() + 4].lower().startswith(" of"):
            continue
        opener = rel.group().split(None, 1)[0]
        if _NEXT_RE.match(sentence, rel.start() + len(opener)):
            return rel.start(), rel.end()  # "in the next 20 minutes", "over the next hour"
        if _looks_ahead(sentence, rel.start(), rel.end(), default=opener in {"in", "within"}):
            return rel.start(), rel.end()
    for clock, _ in zip(CLOCK_RE.finditer_sentence(sentence) if may(CLOCK_RE) else (), range(4 * _MAX_CANDIDATES)):
        if not is_clock_time(clock):
            continue
        word = _before_word(sentence, clock.start())
        if word in {"by", "at", "before", "until", "around"} and _looks_ahead(
                sentence, clock.start(), clock.end(), default=word == "by"):
            return clock.start(), clock.end()
    return None


def _looks_ahead(sentence: str, start: int, end: int, default: bool) -> bool:
    """Whether the time at ``sentence[start:end]`` is about the future, by the nearest tense cue."""
    left, right = clause_around(sentence, start, end)
    before = [m for m in _CUE_RE.finditer(sentence, left, start)]
    cue = before[-1] if before else _CUE_RE.search(sentence, end, right)
    if cue is None or cue.group("neutral"):
        return default
    return cue.group("future") is not None


def _before_word(sentence: str, pos: int) -> str:
    words = sentence[max(0, pos - 12):pos].split()
    return words[-1].lower() if words else ""
