"""Fix-time promises ("will be fixed by 3pm", "full recovery in the next 20 minutes").

A promised time for the *fix* is risky on public channels: it is often
missed. A time for the *next update* is good practice and is not an ETA, so
sentences that commit to an update are skipped.
"""

from __future__ import annotations

import re

from ..text import at_word_start, evidence, fold, sentence_spans
from ..types import Evidence
from .promises import UPDATE_COMMITMENT_RE
from .timeexpr import CLOCK_RE, RELATIVE_RE, is_clock_time

_FIX_RE = at_word_start(
    r"\b(?:fix\w{0,3}|resolv\w{1,4}|resolution|restor\w{1,4}|recover\w{0,4}|mitigat\w{1,5}|deploy\w{0,4}|roll\s?out"
    r"|rollout|back\s(?:up|online|to\snormal)|clear\w{0,3}|complet\w{1,5}|caught\sup|working\sagain|healthy|repair\w{0,3}"
    r"|eta|estimat\w{0,4}|expect\w{0,4}|available\sagain|operational)\b"
)
_DURATION = r"(?:\d{1,3}(?:\.\d{1,2})?(?:\s?(?:to|-)\s?\d{1,3}(?:\.\d{1,2})?)?|an?|one|two|three|a\sfew|several|a\scouple(?:\sof)?(?:\smore)?|another|more)\s?(?:minutes?|mins?|m|hours?|hrs?|h|days?)\b"
_TIME_RE = re.compile(
    rf"\beta:?\s?~?\s?(?:\d|of\s)"
    rf"|\b(?:take|taking|takes)\s(?:up\sto\s|about\s|around\s|roughly\s|approximately\s|another\s|a\sfurther\s){{0,2}}{_DURATION}"
    rf"|\b(?:estimat\w{{0,4}}|expect\w{{0,4}})\b[^.!?\n]{{0,80}}?\b{_DURATION}"
    rf"|\b(?:by|before|until)\s(?:end\sof\s(?:day|business)|tomorrow|tonight|this\s(?:afternoon|evening|morning))\b",
)


def find_fix_time(text: str) -> tuple[Evidence, ...]:
    """Sentences that promise when the problem will be fixed."""
    norm = fold(text)
    if not _FIX_RE.search(norm):
        return ()
    found: list[Evidence] = []
    for start, end in sentence_spans(norm):
        sentence = norm[start:end]
        if UPDATE_COMMITMENT_RE.search(sentence) or not _FIX_RE.search(sentence):
            continue
        when = _fix_time_in(sentence)
        if when:
            found.append(evidence(text, start + when[0], start + when[1]))
            if len(found) >= 3:
                break
    return tuple(found)


def _fix_time_in(sentence: str) -> tuple[int, int] | None:
    m = _TIME_RE.search(sentence)
    if m:
        return m.start(), m.end()
    for rel in RELATIVE_RE.finditer(sentence):
        # "within two minutes of being alerted" dates a past event, not the fix
        if not sentence[rel.end():rel.end() + 4].lower().startswith(" of"):
            return rel.start(), rel.end()
    for clock in CLOCK_RE.finditer(sentence):
        if is_clock_time(clock) and _before_word(sentence, clock.start()) in {"by", "at", "before", "until", "around"}:
            return clock.start(), clock.end()
    return None


def _before_word(sentence: str, pos: int) -> str:
    words = sentence[max(0, pos - 12):pos].split()
    return words[-1].lower() if words else ""
