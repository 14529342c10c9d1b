"""Rebuilding trust: owning the failure, and a concrete commitment to make it right.

*Responsibility* is the organisation saying the failure is its own ("this
was our mistake", "a change we deployed caused it", "we let you down").
*Make-good* is a concrete step: a review or post-mortem to be published,
named changes so it does not happen again, credits, refunds or protection
for the people affected. "We take this seriously" and "we will learn from
this" are neither: they promise nothing anyone could check.
"""

from __future__ import annotations

from ..text import at_word_start, first_matches, fold, match_evidence
from ..types import Evidence

_US = r"(?:we|i)"
_OUR = r"(?:our|my)"
_FAILURE = r"(?:fault|mistake|error|failure|responsibility|doing|bad|screw-?up)"

RESPONSIBILITY_RE = at_word_start(
    rf"\b(?:this|that|it|the\s(?:outage|incident|failure|error|issue))\s(?:was|is|is\sentirely|was\sentirely|is\sfully|was\sfully)\s{_OUR}\s{_FAILURE}\b"
    rf"|\b(?:this|that|it)\s(?:is|was)\s(?:all\s|entirely\s|squarely\s)?on\sus\b"
    rf"|\b{_US}\s(?:take|accept|own|bear|assume)\s(?:full\s|complete\s|total\s|sole\s)?(?:responsibility|ownership|accountability|the\sblame)\b"
    rf"|\b{_US}\s(?:are|am)\s(?:fully\s|solely\s|entirely\s)?(?:responsible|accountable)\b"
    rf"|\b{_US}\s(?:also\s|clearly\s|really\s|simply\s)?(?:have\s|'ve\s)?(?:made|make)\s(?:a\s|an\s|several\s|some\s|many\s|serious\s)?(?:\w{{1,15}}\s)?(?:mistakes?|errors?|misjudgements?|wrong\scall)\b"
    rf"|\b{_US}\s(?:\w{{1,10}}\s)?(?:missed\sthe\smark|got\s(?:things|it|this|that)\s(?:\w{{1,10}}\s)?wrong|dropped\sthe\sball)"
    rf"|\b{_US}\s(?:have\s|'ve\s)?(?:really\s)?(?:screwed|messed)\s(?:things\s|this\s|it\s)?up\b"
    rf"|\b{_US}\s(?:have\s|'ve\s)?let\s(?:her|him|them|you|everyone|our\s\w{{1,15}})\sdown\b"
    rf"|\btake\s(?:my|our)\s(?:full\s)?responsibility\b|\b(?:i|we)\s(?:am|are)\sto\sblame\b"
    rf"|\b(?:should|could)\shave\s(?:done|acted|been|moved|caught|prevented|told)\b"
    rf"|\b{_US}\s(?:have\s|'ve\s)?(?:let|failed|disappointed)\s(?:you|our\s(?:customers|users|members|clients|community|passengers|players))\b"
    rf"|\b{_US}\s(?:have\s|'ve\s)?(?:fell|fallen|fall)\sshort\b"
    rf"|\b{_US}\s(?:have\s|'ve\s)?(?:screwed|messed|fouled)\sup\b"
    rf"|\b{_US}\s(?:got\sthis|got\sit)\swrong\b"
    rf"|\b{_OUR}\s(?:own\s)?(?:mistake|error|fault|failure)\b"
    rf"|\b(?:a|the)\s(?:\w{{1,15}}\s)?(?:change|deploy(?:ment)?|configuration|update|bug|release|migration|decision)\s(?:that\s)?{_US}\s(?:had\s)?(?:made|deployed|pushed|introduced|shipped|rolled\sout|released|applied)\b"
    rf"|\b(?:caused|triggered|introduced)\sby\s(?:a|an)\s(?:\w{{1,15}}\s)?(?:change|deploy(?:ment)?|update|error|mistake)\s{_US}\s(?:made|deployed|pushed)\b"
    rf"|\bthere\sis\sno\sexcuse\b|\b(?:no|without)\sexcuses?\b"
)
MAKE_GOOD_RE = at_word_start(
    r"\b(?:post-?mortem|post-?incident\s(?:review|report|analysis)|root[- ]cause\s(?:analysis|report)|incident\s(?:report|review)"
    r"|rca|retrospective|full\s(?:report|review|account))\s(?:\w{1,15}\s){0,3}?(?:will\sbe|to\sbe|is\sbeing|being)\s"
    r"(?:published|shared|posted|made\savailable|released|provided|conducted)"
    r"|\b(?:will|'ll|plan\sto|intend\sto|commit\sto)\s(?:publish|share|post|release|provide)\s(?:a\s|an\s|the\s|our\s)?(?:\w{1,15}\s){0,2}?"
    r"(?:post-?mortem|post-?incident|root[- ]cause|rca|report|review|analysis|retrospective|write-?up)"
    r"|\b(?:service\s|account\s)?credit(?:s|ing)?\s(?:to\s|for\s)?(?:all\s|affected\s|every\s|our\s|your\s|impacted\s)"
    r"|\b(?:refund|reimburse|compensat)\w{0,6}\b"
    r"|\bfree\s(?:\w{1,15}\s){0,2}(?:monitoring|protection|membership|subscription|month|year)"
    r"|\b(?:to|will|help)\s(?:prevent|avoid)\s(?:this|it|a\ssimilar|similar|such|any\ssuch|a\srepeat|recurrence|these)"
    r"|\b(?:never|not)\s(?:\w{1,10}\s)?happen(?:s)?\sagain\b"
    r"|\b(?:to\sensure|so\sthat|making\ssure)\s(?:this|it|that\sthis)\s(?:does\snot|doesn't|will\snot|won't|cannot|can't|never)\s"
    r"|\b(?:we\s(?:are|will|have|'re|'ll|'ve))\s(?:already\s)?(?:be\s)?(?:implementing|implemented|adding|added|introducing|introduced|putting\sin\splace|put\sin\splace|deploying|making|made)"
    r"\s(?:\w{1,15}\s){0,4}?(?:safeguards?|controls?|measures|checks|changes|protections|improvements|guardrails|processes)\b"
)


def find_responsibility(text: str) -> tuple[Evidence, ...]:
    """Phrases in which the organisation owns the failure."""
    return match_evidence(text, first_matches(RESPONSIBILITY_RE, fold(text), 3))


def find_make_good(text: str) -> tuple[Evidence, ...]:
    """Concrete commitments to review, fix for good, or compensate."""
    return match_evidence(text, first_matches(MAKE_GOOD_RE, fold(text), 3))
