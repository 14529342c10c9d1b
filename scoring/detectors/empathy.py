"""Empathy: a genuine apology or acknowledgement of what the reader is going through.

Contractions and curly apostrophes count ("We're sorry", "I’m sorry").
Conditional and boilerplate apologies ("sorry for any inconvenience", "we
apologize if you were affected") are non-apologies: they are reported so the
reason can name them, and they do not count.
"""

from __future__ import annotations


from ..text import at_word_start, first_matches, match_evidence, fold
from ..types import Evidence

NON_APOLOGY_RE = at_word_start(
    r"\b(?:sorry|apologi[sz]e|apologies|regret)\s(?:for\s)?(?:any|all\sthe)\s(?:inconvenience|trouble|issues?|disruption)"
    r"|\b(?:sorry|apologi[sz]e|apologies|regret\sit)\s(?:if|that\syou\sfeel|you\sfeel|to\sthose\swho\sfeel)\b"
    r"|\b(?:sorry|apologi[sz]e|apologies)\sfor\s(?:the\s)?inconvenience\s(?:this\s)?(?:may|might)\s"
    r"|\bsorry\s(?:you|that\syou)\s(?:feel|think)\b"
    r"|\b(?:sorry|apologi[sz]e|apologies|regret)\s(?:for|that\swe\swere|that\swe\shad)\s(?:having|needing|being\sforced|being\srequired)\sto\b"
)
APOLOGY_RE = at_word_start(
    r"\b(?:we\s|i\s)?(?:sincerely\s|deeply\s|truly\s)?(?:apologi[sz]e|apologies)\b"
    r"|\b(?:we(?:\sare|'re)|i(?:\sam|'m))\s(?:(?:very|so|truly|deeply|sincerely|really|terribly|genuinely|extremely)\s){0,2}sorry\b"
    r"|\bsorry\sfor\b"
    r"|\bwe\sregret\b"
)
ACKNOWLEDGEMENT_RE = at_word_start(
    r"\bwe\s(?:know|understand|recogni[sz]e|appreciate)\s(?:how|that|this|the)\s(?:\w{1,20}\s){0,4}?"
    r"(?:frustrat\w{0,4}|disrupt\w{0,5}|important|difficult|stressful|serious|severity|impact|rely|depend|worr\w{1,4}|concern\w{0,4})"
    r"|\bthis\s(?:is|has\sbeen)\s(?:not\sthe\sexperience|unacceptable|not\sacceptable)"
    r"|\bwe\s(?:take|are\staking)\sthis\s(?:very\s)?seriously\sand\s(?:are|have)\b"
)


def find_empathy(text: str) -> tuple[tuple[Evidence, ...], tuple[Evidence, ...]]:
    """(genuine apologies or acknowledgements, non-apologies)."""
    norm = fold(text)
    fake = first_matches(NON_APOLOGY_RE, norm, 3)
    fake_spans = [(m.start(), m.end()) for m in fake]
    genuine = [
        m for m in first_matches(APOLOGY_RE, norm, 6)
        if not any(s <= m.start() < e or m.start() <= s < m.end() + 12 for s, e in fake_spans)
    ]
    genuine += first_matches(ACKNOWLEDGEMENT_RE, norm, 2)
    return match_evidence(text, genuine[:3]), match_evidence(text, fake)
