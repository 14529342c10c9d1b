"""Factual claims a message makes: customer counts, regions, data exposure.

``accuracy`` compares them with the scenario facts, ``consistency`` with what
the team said earlier. Only explicit claims are extracted; a message that
says nothing about a topic makes no claim about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..resources import region_aliases
from ..text import at_word_start, evidence, fold, phrase_pattern
from ..types import Evidence

_COUNT_RE = at_word_start(
    r"(?P<qual>\b(?:about|around|approximately|roughly|nearly|almost|some|over|more\sthan|at\sleast|fewer\sthan|less\sthan|under|up\sto)\s)?"
    r"\b(?P<num>\d{1,3}(?:,\d{3}){1,3}|\d{1,9}(?:\.\d{1,2})?)\s?(?P<mult>k\b|thousand\b|million\b|m\b)?\s?"
    r"(?:of\s(?:our\s)?)?(?:[A-Za-z-]{1,20}\s)?(?P<who>customers?|users?|accounts?|merchants?|clients?|people|organi[sz]ations?|businesses|subscribers?|members?|patients?|stores?)\b",
)
_DIGIT_RE = re.compile(r"\d")
# Words without which no data-exposure claim can be made: skips two scans on most texts.
_DATA_WORD_RE = re.compile(r"data|information|record|detail|credential|password|unauthori")
_MULTIPLIER = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "million": 1_000_000}

DATA_DENIED_RE = re.compile(
    r"\bno\s(?:customer\s|personal\s|user\s|sensitive\s|payment\s|card\s)?(?:data|information|records?|details)\s(?:was|were|has\sbeen|have\sbeen|is|are)\s(?:\w{1,12}\s)?(?:exposed|accessed|leaked|compromised|lost|stolen|affected)"
    r"|\b(?:data|information|records?|details)\s(?:was|were|has|have|is|are)\s(?:not|never)\s(?:been\s)?(?:exposed|accessed|leaked|compromised|lost|stolen|affected)"
    r"|\b(?:your|customer|all)\s(?:data|information)\s(?:is|remains|was|are)\s(?:safe|secure|protected)",
)
DATA_EXPOSED_RE = re.compile(
    r"\b(?:data|information|records?|details|credentials|passwords)\s(?:was|were|has\sbeen|have\sbeen|may\shave\sbeen|might\shave\sbeen|could\shave\sbeen)\s(?:\w{1,12}\s)?(?:exposed|accessed|leaked|compromised|stolen|viewed|downloaded)"
    r"|\b(?:exposed|leaked|exposure\sof|access\sto|accessed)\s(?:some\s)?(?:customer|personal|user|sensitive|payment|account)\s(?:data|information|records|details)"
    r"|\bdata\s(?:breach|leak|exposure)\b|\bunauthori[sz]ed\saccess\b",
)
REVISION_RE = re.compile(
    r"\b(?:now|updated?|revised|increased|decreased|grown|risen|rose|fell|correction|corrected|up\sfrom|down\sfrom|latest|new\sestimate|has\sgrown|so\sfar)\b",
)


@dataclass(frozen=True)
class CountClaim:
    low: float
    high: float
    span: Evidence


@dataclass(frozen=True)
class Claims:
    counts: tuple[CountClaim, ...]
    regions: dict[str, Evidence]
    data_exposed: tuple[bool, Evidence] | None


@cache
def _region_re() -> re.Pattern[str]:
    return phrase_pattern(region_aliases().keys())


@lru_cache(maxsize=1024)  # earlier messages are re-read for every new message
def extract_claims(text: str) -> Claims:
    norm = fold(text)
    counts = ()
    if _DIGIT_RE.search(norm):
        counts = tuple(_count_claim(text, m) for m, _ in zip(_COUNT_RE.finditer(norm), range(5)))
    aliases = region_aliases()
    regions: dict[str, Evidence] = {}
    for m, _ in zip(_region_re().finditer(norm), range(10)):
        regions.setdefault(aliases[m.group().lower()], evidence(text, m.start(), m.end()))
    data = None
    if not _DATA_WORD_RE.search(norm):
        return Claims(counts, regions, data)
    denied = DATA_DENIED_RE.search(norm)
    exposed = DATA_EXPOSED_RE.search(norm)
    if denied:
        data = (False, evidence(text, denied.start(), denied.end()))
    elif exposed:
        data = (True, evidence(text, exposed.start(), exposed.end()))
    return Claims(counts, regions, data)


def _count_claim(text: str, m: re.Match[str]) -> CountClaim:
    value = float(m.group("num").replace(",", ""))
    value *= _MULTIPLIER.get((m.group("mult") or "").lower(), 1)
    qual = (m.group("qual") or "").strip().lower()
    if qual in {"over", "more than", "at least"}:
        low, high = value, float("inf")
    elif qual in {"fewer than", "less than", "under", "up to"}:
        low, high = 0.0, value
    elif qual:  # about, around, approximately ...
        low, high = value * 0.7, value * 1.3
    else:  # a plain figure is usually rounded
        low, high = value * 0.85, value * 1.15
    return CountClaim(low, high, evidence(text, m.start(), m.end()))


def canonical_regions(names) -> set[str]:
    """Canonical names for region strings from the facts (unknown names kept as given)."""
    aliases = region_aliases()
    return {aliases.get(str(n).strip().lower(), str(n).strip().lower()) for n in names or ()}
