"""Acknowledgement: the message says what is wrong.

A problem word ("outage", "errors", "unable to", "degraded") or a phase
statement about an issue is enough; the impact detector judges how concrete
it is.
"""

from __future__ import annotations


from ..text import at_word_start, first_matches, fold, match_evidence, per_text
from ..types import Evidence

PROBLEM_RE = at_word_start(
    r"\b(?:issues?|problems?|outages?|incidents?|disruptions?|degrad\w{0,6}|errors?|fail\w{0,5}|delay\w{0,3}"
    r"|unavailab\w{0,5}|down(?:time)?|not\sworking|latency|slow\w{0,4}|broken|interrupt\w{0,5}|unable|cannot"
    r"|can't|trouble|difficult(?:y|ies)|impact(?:ed|ing|s)?|affect(?:ed|ing|s)?|breach\w{0,2}|exposed|leak\w{0,3}"
    r"|timeouts?|missing|lost|stalled|backlog|longer\sthan\s(?:normal|usual|expected))\b"
)


@per_text(1024)  # the same message graded again, for another channel or as a repeat
def find_acknowledgement(text: str) -> tuple[Evidence, ...]:
    """Phrases that say something is wrong."""
    return match_evidence(text, first_matches(PROBLEM_RE, fold(text), 3))
