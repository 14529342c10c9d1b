"""The features a detector model reads: words, word pairs and the hand-written rules.

Words are folded to lower case; numbers, clock times and links become
placeholders (``<num>``, ``<time>``, ``<url>``) so that "in 30 minutes" and
"in 45 minutes" are the same evidence. Every feature remembers the span of
the text it came from, so a verdict can quote the words that decided it.

Rule features (``rule:NAME``) are the hand-written detectors' findings: the
model learns how far to trust each of them, writer by writer.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import Callable

from ..detectors.accountability import find_make_good, find_responsibility
from ..detectors.action import find_follow_link, find_user_action
from ..detectors.blame import find_blame
from ..detectors.empathy import find_empathy
from ..detectors.eta import find_fix_time
from ..detectors.impact import find_impact
from ..detectors.phase import detect_phase, find_retrospective, stated_label
from ..detectors.promises import find_promises, find_update_commitments
from ..detectors.respect import find_dismissive, find_minimising_language, minimiser_words
from ..detectors.speculation import find_speculation
from ..patterns import compile_lazily
from ..text import fold, per_text, sentences, url_spans
from ..types import Evidence

# Bounded work on pathological input; real messages are far shorter.
MAX_TOKENS = 1500
# Words that say nothing on their own: kept inside word pairs ("we have", "is
# resolved"), never features by themselves, so no verdict rests on "the" or "we".
STOPWORDS = frozenset(
    "a an the and or but of to in on at for from by with as is are was were be been being has have had do does did "
    "we our us i it its this that these those there their they you your he she his her them which who what so if "
    "than then too very can could will would should may might must shall just also all any some".split()
)

Span = tuple[int, int]
_TOKEN_RE = compile_lazily(
    r"(?P<url>https?://[^\s<>\"']{1,300}|www\.[^\s<>\"']{1,300})"
    r"|(?P<time>\b\d{1,2}:\d{2}(?::\d{2})?\b)"
    r"|(?P<num>\b\d[\d,.]{0,15}\b)"
    r"|(?P<word>[a-z]+(?:'[a-z]+)?)"
)

# The same tokens for a text with no link and no digit: only words can be there, found by a faster scan.
_WORD_TOKEN_RE = compile_lazily(r"(?P<word>[a-z]+(?:'[a-z]+)?)")
_DIGIT_RE = compile_lazily(r"\d")

_SENTENCE_BREAK_RE = compile_lazily(r"[.!?;:\n]")


def _tokens(folded: str) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for m, _ in zip(_TOKEN_RE.finditer(folded), range(MAX_TOKENS)):
        kind = m.lastgroup
        token = m.group() if kind == "word" else f"<{kind}>"
        out.append((token, m.start(), m.end()))
    return out


# Rules whose evidence becomes a feature as it is: name -> finder.
_SPAN_RULES: dict[str, Callable[[str], tuple[Evidence, ...]]] = {
    "update_commitment": find_update_commitments,
    "action": find_user_action,
    "follow_link": find_follow_link,
    "blame": find_blame,
    "speculation": find_speculation,
    "eta": find_fix_time,
    "minimising": find_minimising_language,
    "minimiser_word": minimiser_words,
    "dismissive": find_dismissive,
    "responsibility": find_responsibility,
    "make_good": find_make_good,
}


def _rule_hits(text: str) -> dict[str, tuple[Evidence, ...]]:
    """Each rule detector's evidence, keyed by the feature it becomes."""
    hits: dict[str, tuple[Evidence, ...]] = {}
    phase, phase_spans = detect_phase(text)
    if phase:
        hits[f"rule:phase={phase}"] = phase_spans
    label = stated_label(text)
    if label:
        hits[f"rule:phase_label={label[0]}"] = (label[1],)
    retro = find_retrospective(text)
    if retro:
        hits["rule:retrospective"] = retro
    for kind, spans in find_impact(text).items():
        hits[f"rule:impact_{kind}"] = spans
    genuine, fake = find_empathy(text)
    for name, spans in (("apology", genuine), ("non_apology", fake)):
        if spans:
            hits[f"rule:{name}"] = spans
    promises = find_promises(text)
    if promises:
        hits["rule:timed_promise"] = tuple(Evidence(p.start, p.end, p.text) for p in promises)
    for name, find in _SPAN_RULES.items():
        spans = find(text)
        if spans:
            hits[f"rule:{name}"] = tuple(spans)
    if url_spans(text):
        hits["rule:link"] = ()
    return hits


class Features:
    """A message's features: name -> span of the first place it occurs."""

    __slots__ = ("text", "spans", "rules")

    def __init__(self, text: str, spans: dict[str, Span], rules: dict[str, tuple[Evidence, ...]]):
        self.text = text
        self.spans = spans
        self.rules = rules


_PLACEHOLDER = {"url": "<url>", "time": "<time>", "num": "<num>"}


@per_text(1024)  # the grader and every detector read the same message
def extract(text: str) -> Features:
    folded = fold(text)
    spans: dict[str, Span] = {}
    setdefault = spans.setdefault
    breaks = _SENTENCE_BREAK_RE.compiled.search
    # The previous token: a pair feature joins it to the next, "<s>" at the start of a sentence.
    before, before_start, before_end = "<s>", 0, 0
    words_only = "http" not in folded and "www." not in folded and not _DIGIT_RE.compiled.search(folded)
    tokens = _WORD_TOKEN_RE if words_only else _TOKEN_RE
    for m in islice(tokens.compiled.finditer(folded), MAX_TOKENS):
        span = m.span()
        start, end = span
        kind = m.lastgroup
        token = m.group() if kind == "word" else _PLACEHOLDER[kind]
        if token not in STOPWORDS:
            setdefault(token, span)
        if start > before_end and (start - before_end > 1 or folded[before_end] != " ") \
                and breaks(folded, before_end, start):
            before, before_start = "<s>", start
        setdefault(f"{before} {token}", (before_start, end))
        before, before_start, before_end = token, start, end
    rules = _rule_hits(text)
    for name, evidence in rules.items():
        setdefault(name, (evidence[0].start, evidence[0].end) if evidence else (0, 0))
    spans["<bias>"] = (0, 0)
    return Features(text, spans, rules)


@per_text(1024)  # read by the detectors and by readability
def sentences_besides_apologies(text: str) -> tuple[tuple[int, int], ...] | None:
    """(start, end) of the sentences that are not apologies; None if there is no apology or nothing else."""
    if "rule:apology" not in extract(text).rules:
        return None
    # Sentence by sentence: the rule's own evidence stops at the first few apologies.
    kept = tuple((s, e) for s, e in sentences(text) if not find_empathy(text[s:e])[0])
    return kept or None


@per_text(1024)
def spoken(text: str) -> Features:
    """The features of ``text`` less its apology sentences, at their places in ``text``.

    An apology says it is sorry (and often owns up); it does not say who is
    affected, where things stand or who is to blame. Those labels are read from
    these, so saying sorry can never change them.
    """
    whole = extract(text)
    kept = sentences_besides_apologies(text)
    if kept is None:
        return whole
    rest = " ".join(text[s:e] for s, e in kept)
    # rest offset -> text offset: each kept sentence keeps its length, one space between them.
    starts, at = [], 0
    for s, e in kept:
        starts.append((at, s, e - s))
        at += e - s + 1

    def to_text(i: int) -> int:
        for rest_start, text_start, length in reversed(starts):
            if i >= rest_start:
                return text_start + min(i - rest_start, length)
        return 0

    inner = extract(rest)
    spans = {name: (to_text(a), to_text(b)) for name, (a, b) in inner.spans.items()}
    rules = {name: tuple(Evidence(to_text(e.start), to_text(e.end), text[to_text(e.start):to_text(e.end)])
                         for e in found) for name, found in inner.rules.items()}
    return Features(text, spans, rules)


@per_text(1024)
def with_each_apology(text: str) -> tuple[Features, ...]:
    """``spoken(text)`` with one apology sentence put back, for each apology in turn.

    What an apology can earn (who it names as affected, the cause it owns) is
    read from these, one apology at a time, so that saying sorry once more only
    ever adds a reading: it can never take credit away. Features are presence
    sets, so each is the union of the spoken features and the apology's own,
    at their places in ``text``.
    """
    kept = sentences_besides_apologies(text)
    if kept is None:
        return ()
    said = spoken(text)
    kept_set = set(kept)
    readings = []
    for start, end in sentences(text):
        if (start, end) in kept_set:
            continue
        apology = extract(text[start:end])
        spans = dict(said.spans)
        for name, (a, b) in apology.spans.items():
            spans.setdefault(name, (a + start, b + start))
        rules = dict(said.rules)
        for name, found in apology.rules.items():
            rules.setdefault(name, tuple(Evidence(e.start + start, e.end + start, e.text) for e in found))
        readings.append(Features(text, spans, rules))
    return tuple(readings)
