"""Shared text helpers: normalisation, sentence spans, evidence, word-list regexes.

All patterns here are linear: bounded repetitions only, so that a megabyte of
input without spaces or punctuation cannot trigger catastrophic backtracking.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from .patterns import Pattern, compile_lazily, word_anchored
from .types import Evidence

_TEXT_CACHES: list = []


def per_text(maxsize: int = 256):
    """``functools.lru_cache`` for what is read from one text; ``clear_text_caches`` empties them all."""
    def remember(function):
        cached = lru_cache(maxsize=maxsize)(function)
        _TEXT_CACHES.append(cached)
        return cached
    return remember


# Same-length replacements keep offsets valid for evidence spans.
_NORMALISE = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"',
    "\u00a0": " ", "\u2013": "-", "\u2014": "-", "\u2212": "-",
})

URL_RE = compile_lazily(r"\bhttps?://[^\s<>\"']{1,2000}|\bwww\.[^\s<>\"']{1,2000}", re.I)
_SENTENCE_END_RE = compile_lazily(r"[.!?]+(?=\s|$)|\n{1,50}|(?<=[.!?])(?=[A-Z])")


def at_word_start(pattern: str) -> Pattern:
    """A pattern, to be run on ``fold(text)``, whose every branch starts at a word (compiled on first use).

    The explicit start-of-word guard lets ``Pattern.first`` try it only at the
    words its branches can start with, and matching folded text case-sensitively
    avoids the slow IGNORECASE path. The pattern is lower-cased, so it must not
    use upper-case escapes such as ``\\S`` or ``\\W``.
    """
    folded = pattern.lower().replace("(?p<", "(?P<").replace("(?p=", "(?P=")
    return word_anchored(r"(?<!\w)(?=\w)", folded)


@per_text(256)
def normalise(text: str) -> str:
    """Straighten quotes and dashes without changing the length of the text."""
    return text.translate(_NORMALISE)


_FOLD = {**_NORMALISE, **{c: c + 32 for c in range(ord("A"), ord("Z") + 1)}}


@per_text(256)
def fold(text: str) -> str:
    """``normalise`` plus ASCII lower case; same length, so offsets stay valid."""
    return text.translate(_FOLD)


def may_hold_url(text: str) -> bool:
    """False when no URL can be in ``text``: every URL holds "http" or "www." in some mix of cases."""
    lowered = text.lower()  # no letter but "H" lowers to "h", and so on: a case-blind "http" shows here
    return "http" in lowered or "www." in lowered


@per_text(256)
def url_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every URL in ``text``, as ``URL_RE`` finds them."""
    if not may_hold_url(text):
        return ()
    return tuple(m.span() for m in URL_RE.finditer(text))


def mask_urls(text: str) -> str:
    """Replace URLs by spaces of equal length so word rules ignore them."""
    spans = url_spans(text)
    if not spans:
        return text
    parts = []
    at = 0
    for start, end in spans:
        parts.append(text[at:start])
        parts.append(" " * (end - start))
        at = end
    parts.append(text[at:])
    return "".join(parts)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed; never empty-handed."""
    return list(sentences(text))


@per_text(256)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """``sentence_spans(text)``, remembered: several detectors split the same text."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END_RE.finditer(text):
        _append_trimmed(text, start, m.end(), spans)
        start = m.end()
    _append_trimmed(text, start, len(text), spans)
    return tuple(spans)


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def sentence_at(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence span containing ``pos`` (or the nearest one before it)."""
    best = (pos, pos)
    for start, end in spans:
        if start <= pos:
            best = (start, end)
        else:
            break
    return best


def evidence(text: str, start: int, end: int) -> Evidence:
    return Evidence(start, end, text[start:end])


def match_evidence(text: str, matches: Iterable[re.Match[str]]) -> tuple[Evidence, ...]:
    if not matches:
        return ()
    return tuple(Evidence(m.start(), m.end(), text[m.start():m.end()]) for m in matches)


def first_matches(pattern: re.Pattern[str] | Pattern, text: str, limit: int = 5) -> list[re.Match[str]]:
    """Up to ``limit`` matches: evidence lists stay short on huge inputs."""
    if isinstance(pattern, Pattern):
        return pattern.first(text, limit)
    found: list[re.Match[str]] = []
    for m in pattern.finditer(text):
        found.append(m)
        if len(found) >= limit:
            break
    return found


# Words written with a capital that are times or pointers, not names: "due to Monday's outage", "it was on Monday".
_NOT_A_NAME = frozenset(
    "today yesterday tonight monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december last this the our its their everyone".split()
)


def named_group(text: str, match, group: str) -> bool | None:
    """Whether ``match``'s ``group`` is written in ``text`` as a name ("Inbenta's", "on Maxis"), not a time
    ("Monday's"); None when the pattern that matched has no such group or it took no part."""
    try:
        start, end = match.start(group), match.end(group)
    except IndexError:  # one of several patterns, without the group
        return None
    if start < 0:
        return None
    word = text[start:end]
    return word[:1].isupper() and word.lower() not in _NOT_A_NAME


def first_of(patterns: Iterable[Pattern], text: str, limit: int = 5) -> list[re.Match[str]]:
    """Up to ``limit`` matches of several patterns, in text order, none overlapping an earlier one.

    A detector's wording kept as a few patterns rather than one costs less: each
    is tried only where its own alternatives could begin.
    """
    found = sorted((m for p in patterns for m in first_matches(p, text, limit)), key=lambda m: (m.start(), -m.end()))
    kept: list[re.Match[str]] = []
    for m in found:
        if not kept or m.start() >= kept[-1].end():
            kept.append(m)
            if len(kept) >= limit:
                break
    return kept


def phrase_pattern(phrases: Iterable[str]) -> Pattern:
    """One whole-word regex for a list of phrases, longest first, to run on ``fold(text)``."""
    # Longest first; among phrases of one length (of which no two can match at one place) in a fixed
    # order, so that the pattern is the same in every process.
    ordered = sorted({p.lower() for p in phrases}, key=lambda p: (-len(p), p))
    body = "|".join(re.escape(p).replace(r"\ ", r"\s{1,5}") for p in ordered)
    return word_anchored(r"(?<![\w-])(?=\w)", body, r"(?![\w-])")  # run on fold(text)


# Clause boundaries inside a sentence: punctuation and the conjunctions that
# join two statements ("... started at 10:04 and we expect ..."). Commas and
# colons inside numbers and times ("2,300", "14:05") do not break a clause.
_CLAUSE_BREAK_RE = compile_lazily(
    r"[,;:](?=\s)|[()]|\s-\s|\s(?:and|but|while|whereas|although|though|so|then|however|because)\s"
)


def clause_around(sentence: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) of the clause of ``sentence`` holding ``sentence[start:end]``.

    Run on folded text. Boundaries inside the span itself are ignored.
    """
    left, right = 0, len(sentence)
    for m in _CLAUSE_BREAK_RE.finditer(sentence):
        if m.end() <= start:
            left = m.end()
        elif m.start() >= end:
            right = m.start()
            break
    return left, right


def clear_text_caches() -> None:
    """Forget everything remembered about particular texts (benchmarks call this between passes)."""
    from . import patterns

    patterns.clear_text_caches()
    for cached in _TEXT_CACHES:
        cached.cache_clear()
