"""Blame: shifting responsibility to a vendor, a person or the customer.

Naming a third party as the *source* of an issue is factual; calling it their
mistake, singling out an employee, or telling customers it was their fault
is blame. The patterns look for the blaming construction, not for the
mention of a vendor.
"""

from __future__ import annotations


from ..text import at_word_start, first_matches, match_evidence, fold
from ..types import Evidence

_PARTY = (
    r"(?:(?:third[- ]party|external|upstream|cloud|hosting|network|cdn|payment|dns)\s)?"
    r"(?:vendors?|providers?|partners?|suppliers?|contractors?|isps?|carriers?|upstream|aws|azure|gcp|google\scloud|cloudflare|akamai|fastly)"
)
_PERSON = r"(?:an?\s|one\sof\sour\s|a\ssingle\s|a\sjunior\s|an\sinexperienced\s)(?:engineers?|employees?|developers?|interns?|admins?|administrators?|operators?|contractors?|staff\smembers?|team\smembers?)"

BLAME_RE = at_word_start(
    rf"\b(?:our\s|the\s|a\s|an\s|one\sof\sour\s)?{_PARTY}(?:'s|')?\s(?:mistake|error|fault|negligence|failure|screw-?up|blunder|incompetence)s?\b"
    rf"|\b(?:caused|triggered|created|introduced)\sby\s(?:our\s|the\s|a\s|an\s|one\sof\sour\s)?{_PARTY}\b"
    rf"|\b(?:caused|triggered|created|introduced)\sby\s{_PERSON}\b"
    rf"|\b{_PERSON}\s(?:made\san?\s(?:\w{{1,15}}\s)?(?:mistake|error)|accidentally|mistakenly|wrongly|carelessly|forgot|failed\sto|deleted|broke|misconfigured|pushed\sa\sbad|ran\sthe\swrong)\b"
    r"|\b(?:human|operator|user|customer)\s(?:error|mistake)s?\b"
    r"|\b(?:not|wasn't|was\snot|isn't|is\snot)\s(?:our|gitlab's|github's|the\scompany's)\sfault\b"
    r"|\b(?:outside|beyond)\s(?:of\s)?our\scontrol\b"
    r"|\b(?:customers?|users?)\s(?:who|that)\s(?:misconfigured|failed\sto|did\snot|didn't|ignored|misused)\b"
    r"|\bdue\sto\s(?:customers?|users?)(?:'|'s)?\s(?:error|mistake|misconfiguration|misuse|negligence)"
    r"|\b(?:their|the\svendor's|the\sprovider's|the\spartner's)\s(?:fault|mistake|error|negligence)\b"
    r"|\bblame\b"
)


def find_blame(text: str) -> tuple[Evidence, ...]:
    """Phrases that shift blame onto someone else."""
    return match_evidence(text, first_matches(BLAME_RE, fold(text), 3))
