"""Plain language: no hostnames, resource names, unexplained acronyms or internal tools.

An acronym is fine when it is widely known (list in ``data/known_acronyms.txt``)
or explained where it first appears: "single sign-on (SSO)" or "SSO (single
sign-on)". URLs are ignored: a link is not jargon.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Iterable

from ..resources import region_aliases, word_list
from ..patterns import Pattern, compile_lazily
from ..text import at_word_start, evidence, fold, mask_urls, normalise, per_text, phrase_pattern
from ..types import Evidence

HOSTNAME_RE = at_word_start(
    r"\b[a-z0-9][a-z0-9-]{0,40}(?:\.[a-z0-9-]{1,40}){0,4}\.(?:internal|local|lan|corp|intra|svc|cluster\.local|int)\b"
    r"|\b(?:s3|gs|hdfs|redis|postgres(?:ql)?|mysql|mongodb)://[^\s]{1,200}"
    r"|\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?::\d{2,5})?\b"
)
# Resource names: "db-prod-03", "payments-api-eu-2", "cluster-7b", "orders_v2_queue"
RESOURCE_RE = at_word_start(
    r"\b[a-z][a-z0-9]{0,20}(?:-[a-z0-9]{1,20}){0,6}-(?:prod|production|stg|staging|dev|qa|canary|primary|replica|master|worker|node|shard)(?:-[a-z0-9]{1,20}){0,4}\b"
    r"|\b[a-z][a-z0-9]{0,20}(?:-[a-z0-9]{1,20}){1,6}-\d{1,4}[a-z]?\b"
    r"|\b[a-z][a-z0-9]{1,20}(?:_[a-z0-9]{1,20}){1,6}\b"
    r"|\b[1-5]xx\b"
)
# Cheap pre-checks: most messages contain nothing a hostname or resource pattern could match.
_HOST_HINT_RE = compile_lazily(r"\.(?:internal|local|lan|corp|intra|svc|int)\b|://|\d\.\d")
# The hint's parts one at a time: a suffix (looked for as a substring first), a scheme, or a dotted number.
_HOST_SUFFIXES = (".internal", ".local", ".lan", ".corp", ".intra", ".svc", ".int")
_DOTTED_NUMBER_RE = compile_lazily(r"\d\.\d")
_RESOURCE_HINT_RE = compile_lazily(r"[a-z0-9]-[a-z0-9]|[a-z0-9]_[a-z0-9]|\dxx")
ACRONYM_RE = compile_lazily(r"\b[A-Z][A-Z0-9&]{1,9}s?\b")
# Where the first acronym could start: a capital and one more (a scan the engine does fast).
_ACRONYM_START_RE = compile_lazily(r"[A-Z][A-Z0-9&]")
_EXPLAINED_AFTER_RE = compile_lazily(r"\s?\([^()\n]{3,80}\)")
_CAPITALS_BEFORE_RE = compile_lazily(r"[A-Z]{3,}\W{1,2}$")
_CAPITALS_AFTER_RE = compile_lazily(r"\W{1,2}[A-Z]{3,}")


@cache
def _known_acronyms() -> frozenset[str]:
    return frozenset(a.upper() for a in word_list("known_acronyms.txt"))


@cache
def _common_words() -> frozenset[str]:
    return frozenset(w.upper() for line in word_list("common_words.txt") for w in line.split())


@cache
def _tool_re() -> Pattern:
    return phrase_pattern(word_list("internal_tools.txt"))


@cache
def _org_terms_re(terms: tuple[str, ...]) -> Pattern:
    return phrase_pattern(terms)


def find_jargon(text: str, extra_terms: Iterable[str] = ()) -> tuple[Evidence, ...]:
    """Spans a customer would not understand; ``extra_terms`` adds org-specific names."""
    return _jargon(text, tuple(sorted({t for t in extra_terms if t})))


@per_text(1024)  # the same message graded again, for another channel or as a repeat
def _jargon(text: str, terms: tuple[str, ...]) -> tuple[Evidence, ...]:
    norm = mask_urls(normalise(text))  # case matters for acronyms
    folded = mask_urls(fold(text))
    found: list[Evidence] = []
    regions = region_aliases()
    patterns = [HOSTNAME_RE] if _may_name_a_host(folded) else []
    if _RESOURCE_HINT_RE.find(folded):
        patterns.append(RESOURCE_RE)
    for pattern in patterns:
        for m in pattern.finditer(folded):
            if m.group().lower() not in regions:
                found.append(evidence(text, m.start(), m.end()))
            if len(found) >= 3:
                return tuple(found)
    found.extend(_unexplained_acronyms(text, norm))
    tool_patterns = [_tool_re()]
    if terms:
        tool_patterns.append(_org_terms_re(terms))
    for pattern in tool_patterns:
        for m in pattern.first(folded, 5):
            found.append(evidence(text, m.start(), m.end()))
            if len(found) >= 5:
                return tuple(found)
    return tuple(found[:5])


def _may_name_a_host(folded: str) -> bool:
    """``_HOST_HINT_RE.search(folded)``, part by part, the cheap parts first."""
    return ("://" in folded or _DOTTED_NUMBER_RE.search(folded) is not None
            or (any(map(folded.__contains__, _HOST_SUFFIXES)) and _HOST_HINT_RE.search(folded) is not None))


def _unexplained_acronyms(text: str, norm: str) -> list[Evidence]:
    known = _known_acronyms()
    explained: set[str] = set()
    found: list[Evidence] = []
    start = _ACRONYM_START_RE.search(norm)
    if start is None:
        return found
    for m in ACRONYM_RE.finditer(norm, start.start()):
        word = m.group()
        key = word[:-1] if word.endswith("s") and word[:-1].isupper() else word
        if key.isdigit() or key in known or word in known or key in explained:
            continue
        if _is_explained(norm, m):
            explained.add(key)
            continue
        if word in _common_words() or _is_shouting_or_heading(norm, m):
            continue
        found.append(evidence(text, m.start(), m.end()))
        explained.add(key)  # report each acronym once
        if len(found) >= 3:
            break
    return found


def _is_explained(norm: str, m: re.Match[str]) -> bool:
    inside_parens = m.start() > 0 and norm[m.start() - 1] == "(" and norm[m.end():m.end() + 1] == ")"
    return inside_parens or bool(_EXPLAINED_AFTER_RE.match(norm, m.end()))


def _is_shouting_or_heading(norm: str, m: re.Match[str]) -> bool:
    """An all-caps run of several words is emphasis ("UPDATE:", "RESOLVED"), not an acronym."""
    before = norm[max(0, m.start() - 12):m.start()]
    after = norm[m.end():m.end() + 12]
    return (len(m.group()) >= 5 and not any(c.isdigit() for c in m.group())) or (
        _CAPITALS_BEFORE_RE.search(before) is not None or _CAPITALS_AFTER_RE.match(after) is not None
    )
