"""Split a statement into sentences without breaking domains, numbers, times or abbreviations.

A sentence ends at a line break, or at ``.``, ``!``, ``?`` or an ellipsis
(with any closing quotes or brackets) followed by white space and more text.
A full stop is not an end when it sits inside a token (``status.acmepay.example``,
``97.5%``, ``v2.4.1``: no space follows it), when the next word starts in lower
case, or when it closes an abbreviation that does not end sentences ("e.g.",
"approx.", "Dr.", "No."). Abbreviations that may end a sentence ("etc.", "U.S.",
"p.m.", "Inc.") end one only before a capitalised word that is not an
abbreviation's usual companion (a time zone after "p.m.", say).
"""

from __future__ import annotations

import re

# Never the end of a sentence: what follows them belongs to them.
_CONTINUING = frozenset("""
    e.g i.e approx ca cf vs viz incl esp est min max no nos vol fig mr mrs ms dr prof st sr jr
    jan feb mar apr jun jul aug sep sept oct nov dec mt ft
""".split())
# May end a sentence: they end one before a capitalised word.
_ENDING = frozenset("etc a.m p.m u.s u.k u.s.a e.u inc ltd co corp plc llc".split())
_TIME_ZONES = frozenset("UTC GMT BST CET CEST EET EEST EST EDT CST CDT MST MDT PST PDT IST JST AEST Z".split())

# A candidate end: terminators, then closing quotes or brackets, then white space.
_CANDIDATE = re.compile(r"(?:\.\.\.|…|[.!?]+)[\"'”’)\]]*(?=\s+\S)")
_WORD_BEFORE = re.compile(r"(\S+?)$")
_NEXT_WORD = re.compile(r"\s+([\"'“‘(\[]*)(\S+)")


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, each stripped; a line break always ends one."""
    sentences: list[str] = []
    for line in text.splitlines():
        start = 0
        for match in _CANDIDATE.finditer(line):
            if _ends_here(line, match):
                sentences.append(line[start:match.end()].strip())
                start = match.end()
        sentences.append(line[start:].strip())
    return [sentence for sentence in sentences if sentence]


def _ends_here(line: str, match: re.Match) -> bool:
    mark = match.group(0).rstrip("\"'”’)]")
    following = _NEXT_WORD.match(line, match.end())
    word = following.group(2)
    if "!" in mark or "?" in mark:
        return True
    if word[0].islower():
        return False
    if mark != ".":  # an ellipsis before a capital
        return True
    before = _WORD_BEFORE.search(line, 0, match.start())
    token = (before.group(1) if before else "").lstrip("\"'“‘([").lower()
    if token in _CONTINUING or (len(token) == 1 and token.isalpha()):  # "approx. 400", "J. Smith"
        return False
    if token in _ENDING:  # "at 3 p.m. We" ends, "at 2 p.m. UTC" goes on
        return word.rstrip(".,;:") not in _TIME_ZONES
    return True
