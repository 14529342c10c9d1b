"""Speculation: guessing at a cause the facts do not confirm.

Hedged causal claims ("may be caused by", "we believe", "probably a DDoS")
count unless the scenario's confirmed ``cause`` shares their key words. When
the facts name a cause, an outright cause that shares none of its words is
also a guess.
"""

from __future__ import annotations

import re

from ..patterns import compile_lazily
from ..text import at_word_start, evidence, first_matches, fold, per_text, sentence_at, sentences
from ..types import Evidence

_STATE_OR_SCOPE = (
    r"(?:(?:the|this|that|our)\s)?(?:issue|incident|problem|outage|it|service|services|everything|things|fix|systems?|processes|data)"
    r"\s(?:is|has|have|should|will|are|was|were)\s(?:(?:now|been|be|fully|largely|mostly|back)\s)*"
    r"(?:resolved|fixed|restored|working|back|able|mitigated|stable|recovered|operational|robust|safe|secure|contained)"
    r"|(?:no|affected|some|most|all|many|few|customers|users|the\smajority)\b"
)
# Nor is an opinion, a hope or a view of the harm: "we think that's an important message", "we believe strongly
# in ...", "we believe it will be a more stable base", "we believe it is unlikely that the data was used".
_OPINION = (
    r"(?:strongly\s)?in\b|(?:it|this|that|these|we|they)\s(?:will|would|must|should|can)\b"
    r"|(?:that's|that\sis|this\sis|it\sis|it's)\s(?:an?\s|the\s)?(?:important|right|best|unlikely|essential|critical|vital)\b"
    r"|(?:this|that)\s(?:message|decision|step|approach)\b"
)
HEDGED_CAUSE_RE = at_word_start(
    r"\b(?:may|might|could)\s(?:have\s)?(?:be|been)\s(?:caused|due|related|linked|triggered|the\sresult)\b"
    r"|\b(?:probably|likely|possibly|presumably|apparently)\s(?:caused|due|related|the\sresult|because|a|an|the|from)\b"
    r"|\b(?:most\s|very\s)?likely\s(?:cause|culprit|explanation)\b"
    r"|\bpossible\s(?:root\s)?causes?\b|\bpotential\s(?:root\s)?causes?\b|\bsuspected\s(?:root\s)?cause\b"
    # A belief about the state, the scope or the harm is not a guess at the cause (the labelling guide):
    # "we believe the incident is now resolved", "we believe affected customers should be able to ...".
    r"|\bwe\s(?:believe|think|suspect|assume|guess)\b(?!,?\s(?:that\s)?(?:" + _STATE_OR_SCOPE + "|" + _OPINION + r"))"
    r"|\bwhat\swe\sbelieve\b"
    r"|\b(?:appears|seems)\sto\sbe\s(?:caused|due|related|the\sresult)\b"
    r"|\blooks\slike\s(?:a|an|it|the|we|@?[a-z][\w.-]{1,20}\s(?:has|have|is|was|were))\b"
    # Findings told as provisional: "an initial root cause analysis indicates", "our preliminary work has traced".
    r"|\b(?:initial|preliminary|early)\s(?:root\scause\s)?(?:analysis|investigation|review|findings|work)\s(?:indicates?|suggests?|shows?|points?|has\straced)\b"
    r"|\bsuspected\s(?:\w{1,15}\s)?(?:instance|attack|breach|intrusion|cause|compromise|source)\b"
    r"|\b(?:it\sis|it's)\s(?:likely|possible|probable)\sthat\s(?:[\w'-]{1,20}\s){0,8}?(?:caused|due|related|result|from|because|source|taken|stolen|obtained|exploit\w{0,3}|triggered)\b"
    r"|\bit's\sprobably\b|\bprobably\b"
)
ASSERTED_CAUSE_RE = at_word_start(
    r"\b(?:caused\sby|due\sto|because\sof|result\sof|triggered\sby|root\scause\s(?:is|was))\s"
)
_WORD_RE = compile_lazily(r"[a-z0-9]{4,}")
_STOP = frozenset(
    "that this with from have been were which their there about after issue problem cause caused "
    "service services system systems some into while during".split()
)


@per_text(1024)  # read once for the features, again by the check with the same cause
def find_speculation(text: str, confirmed_cause: str | None = None) -> tuple[Evidence, ...]:
    """Sentences that guess at a cause the facts do not confirm."""
    norm = fold(text)
    hedges = first_matches(HEDGED_CAUSE_RE, norm, 5)
    asserted = first_matches(ASSERTED_CAUSE_RE, norm, 5) if confirmed_cause else []
    if not hedges and not asserted:
        return ()
    cause_words = _key_words(confirmed_cause or "")
    spans = sentences(norm)
    found: list[Evidence] = []
    for m in hedges + asserted:
        start, end = sentence_at(spans, m.start())
        if cause_words and cause_words & _key_words(norm[start:end]):
            continue  # the guess matches what the facts confirm
        found.append(evidence(text, m.start(), m.end()))
    return tuple(found[:3])


def _key_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD_RE.findall(text.lower()) if w not in _STOP)
