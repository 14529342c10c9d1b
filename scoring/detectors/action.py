"""Action: what the reader can do, or what the team is doing.

For the public this means a workaround, an instruction or where to follow
along ("use the desktop client as a workaround", "follow @status"). Internal
audiences are told what is being done and what is needed from them, so work
in progress also counts there.
"""

from __future__ import annotations

import re

from ..patterns import compile_lazily
from ..text import at_word_start, evidence, first_matches, fold, match_evidence, may_hold_url, normalise, url_spans
from ..types import Evidence

USER_ACTION_RE = at_word_start(
    r"\bwork-?\s?arounds?\b"
    r"|\b(?:you|users|customers|they|merchants|members|clients|developers|players|drivers|riders|passengers|guests|shoppers|admins|administrators|teams|people)\s(?:can|could|should|will\sneed\sto|need\sto|must)\s(?:still\s|also\s|temporarily\s|instead\s)?"
    r"(?!expect|experience|see\b|seeing|notice|find|start|begin|be\b|have|not\b|now\b|no\b|receive|get\b|rest\b)[a-z]{2,20}"
    r"|\b(?:you|users|customers|they)\s(?:may|might)\s(?:still\s|also\s|instead\s)?(?:be\sable\sto\s|want\sto\s|wish\sto\s)?"
    r"(?:use|try|retry|change|switch|select|visit|check|follow|subscribe|reset|restart|refresh|avoid|contact|create|re-?[a-z]{2,12})\b"
    r"|\b(?:may|might|will)\sneed\sto\sbe\s(?:re-?\w{2,12})"
    r"|\bcan\s(?:still\s|also\s)?be\sused\b"
    r"|\bplease\b"
    r"|\bwe\s(?:recommend|advise|suggest|encourage)\b"
    r"|\bto\s(?:change|switch|avoid|reset|check|follow|subscribe)\s\w{1,20}"
    r"|\bno\s(?:action|changes?)\s(?:is\s|are\s)?(?:needed|required|necessary)\b"
    r"|\bsubscribe\sto\b|\bfollow\s(?:us|@\w{1,30}|along)\b",
)
# Instructions in the imperative at the start of a sentence, and @handles to follow.
IMPERATIVE_RE = compile_lazily(
    r"(?:^|(?<=[.!?\n]\s)|(?<=\n))(?:Follow|Use|Retry|Try|Check|Visit|Subscribe|Avoid|Reset|Change|Update|Restart|Refresh|Sign|Contact|See)\s"
    r"|(?<![\w.])@\w{2,30}",
    re.M,
)
WORK_IN_PROGRESS_RE = compile_lazily(
    r"\b(?:we\s(?:are|'re|have|'ve)|team\s(?:is|has)|engineers\sare|is\sbeing|are\sbeing)\s(?:now\s|currently\s|actively\s|still\s)?"
    r"(?:working|investigating|deploying|rolling|restoring|reverting|failing|scaling|adding|applying|testing|draining|rebuilding|reindexing|monitoring|processing|mitigating|paging|escalating|engaging|applied|deployed|rolled|restored|reverted|failed|scaled|added)\b"
    r"|\bnext\ssteps?\b|\b(?:we\s)?need(?:s|ed)?\s(?:from|you|a|an|approval|sign-?off|decision)\b"
    r"|\bask\b|\brequest(?:ing)?\b|\bowner\b|\bescalat\w{1,5}",
)


# Where to follow along: "Updates: https://...", "status at https://...", "details here: https://...".
FOLLOW_LINK_RE = compile_lazily(
    r"\b(?:updates?|status|more\s(?:information|details)|details|follow(?:\salong)?|track\sprogress|latest)\s?"
    r"(?::|at|on|here|via)\s{0,3}:?\s{0,3}(?:https?://|www\.)\S{3,300}",
    re.IGNORECASE,
)


def find_follow_link(text: str) -> tuple[Evidence, ...]:
    """A link offered as the place to follow the incident."""
    if not may_hold_url(text):
        return ()
    return match_evidence(text, first_matches(FOLLOW_LINK_RE, text, 1))


def find_user_action(text: str) -> tuple[Evidence, ...]:
    """Workarounds, instructions and places to follow, including links."""
    found = first_matches(USER_ACTION_RE, fold(text), 3) or first_matches(IMPERATIVE_RE, normalise(text), 1)
    if found:
        return match_evidence(text, found)
    return tuple(evidence(text, start, end) for start, end in url_spans(text)[:1])


def find_work_in_progress(text: str) -> tuple[Evidence, ...]:
    """Statements of what the team is doing or needs (for internal audiences)."""
    return match_evidence(text, first_matches(WORK_IN_PROGRESS_RE, fold(text), 3))
