"""Known unknowns: saying what is not known yet instead of guessing (CDC CERC)."""

from __future__ import annotations


from ..text import at_word_start, first_matches, fold, match_evidence, per_text
from ..types import Evidence

UNKNOWN_RE = at_word_start(
    r"\b(?:not|n't)\s(?:yet\s)?(?:known|clear|sure|certain|confirmed|determined|understood)\b"
    r"|\b(?:do|does|did)\s(?:not|n't)\s(?:yet\s)?(?:know|have\s(?:a|an|details|more|enough))\b"
    r"|\bdon't\s(?:yet\s)?know\b"
    r"|\bhave(?:\snot|n't)\s(?:yet\s)?(?:determined|identified|confirmed|established|found)\b"
    r"|\b(?:unknown|unclear|unconfirmed|under\sinvestigation|remains\sto\sbe\sseen)\b"
    r"|\b(?:investigat\w{1,5}|determin\w{1,4}|identify\w{0,3}|understand\w{0,3})\s(?:the\s)?(?:root\s)?cause\b"
    r"|\bworking\s(?:to|on)\s(?:understand|determin|identify)\w{0,4}\b"
    r"|\bno\sevidence\s(?:yet\s|so\sfar\s)?(?:of|that)\b"
    r"|\bas\s(?:soon\sas\s)?we\s(?:learn|know|have)\smore\b"
    r"|\bwhen\swe\shave\s(?:more|one|them)\b"
    r"|\bat\sthis\s(?:time|stage|point),?\swe\s(?:do\snot|don't|cannot|can't)\b"
)


@per_text(1024)  # the same message graded again, for another channel or as a repeat
def find_known_unknowns(text: str) -> tuple[Evidence, ...]:
    """Statements of what is not known yet."""
    return match_evidence(text, first_matches(UNKNOWN_RE, fold(text), 3))
