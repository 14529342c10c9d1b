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

_READERS = (r"(?:you|users?|customers?|merchants?|members?|clients?|developers?|players?|drivers?|riders?|passengers?"
            r"|guests?|shoppers?|admins?|administrators?|teams?|people|account\sholders?|subscribers?)")
USER_ACTION_RE = at_word_start(
    # A workaround offered (not one the team deploys for itself, nor working "around the clock").
    r"(?<!deploying\s)(?<!deployed\s)(?<!applied\s)(?<!applying\s)(?<!implemented\s)(?<!some\s)(?<!have\s)"
    r"\bwork(?:-?arounds?\b(?!\s(?:did|does|do|have|has)\s(?:not|n't))|\sarounds?\b(?!\sthe\sclock))"
    # What the reader can or should do: "customers can use the app", "users will still need to re-sync".
    r"|\b" + _READERS + r"\s(?:who\s[a-z' ]{3,80}\s)?(?:can|should|will\s(?:still\s|also\s)?need\sto|need\sto|must)\s(?:still\s|also\s|temporarily\s|instead\s)?"
    r"(?!expect|experience|see\b|seeing|notice|find|start|begin|be\b|have|not\b|now\b|no\b|receive|get\b|rest\b|once\b|again\b|go\b|limit\b|deliver\b|make\b)[a-z]{2,20}"
    r"|\b(?:you|users?|customers?)\s(?:may|might|could)\s(?:still\s|also\s|instead\s)?(?:be\sable\sto\s|want\sto\s|wish\sto\s)?"
    r"(?:use|try|retry|change|switch|select|visit|check|follow|subscribe|reset|restart|refresh|avoid|contact|create|re-?[a-z]{2,12})\b"
    r"|\b" + _READERS + r"\s(?:are|is)\s(?:(?:strongly|also)\s)?(?:encouraged|advised|asked|urged|recommended|requested)\sto\b"
    r"|\bthey\s(?:should|will\s(?:still\s|also\s)?need\sto|need\sto|must)\s(?:still\s|also\s)?(?!be\b|have\b|not\b)[a-z]{2,20}"
    r"|\bthey\scan\s(?:still\s|also\s|now\s)?(?!expect|experience|see\b|be\b|have|not\b|no\b|receive|get\b|rest\b|deliver|call\b|increase|make\b|limit\b)"
    r"[a-z]{2,20}\b(?![^.]{0,30}\bas\s(?:normal|usual))"
    r"|\bafter\sa\s(?:refresh|restart|reload|reboot|re-?login|re-?start)\b"
    r"|\b(?:may|might|will)\sneed\sto\sbe\s(?:re-?\w{2,12})"
    r"|\bcan\s(?:still\s|also\s)?be\s(?:used|accessed|reached|found|viewed)\b"
    r"|\b(?:available|accessible)\s(?:via|through|using|from)\s(?:the\s)?(?:https?:|www\.|[a-z]{2,20}\s(?:app|client|site|portal|page))"
    r"|\bplease\b(?!\s(?:be\saware|bear\swith|allow\sus|accept|rest\sassured|stand\sby|try\sagain\slater[\"\u201d]))"
    r"|\bwe\s(?:would\s|\w{2,12}ly\s)?(?:recommend|advise|suggest|encourage|urge|refer|ask)\b"
    r"|\bwe\s(?:would\s)?like\sto\s(?:remind|encourage|ask|advise)\b"
    r"|\bto\s(?:change|switch|avoid|reset|subscribe)\s\w{1,20}"
    r"|\bto\sfollow\s(?!shortly|soon|later|up\b)\w{1,20}"
    r"|\bmake\ssure\s(?:that\s)?(?:you|your)\b"
    r"|\btry\s(?:again\b(?!\slater[\"\u201d])|re-?\w{2,12}ing|\w{3,12}ing\s)"
    r"|\b(?:follow|following)\sthe\s(?:steps|instructions|guidance|guide)\b"
    r"|\b(?:re-?\w{2,12}ing|restarting|refreshing|rebooting|clearing|updating)\s[a-z0-9 <>/.-]{0,60}\s(?:will|should)\s(?:correct|fix|resolve|restore|clear)\b"
    r"|\b(?:alternative|alternate)\s(?:login|sign-?in|option|route|method|flows?|way|path)\b"
    r"|\bno\s(?:action|changes?)\s(?:is\s|are\s)?(?:needed|required|necessary)\b"
    r"|\bsubscribe\sto\b|\bfollow\s(?:us|@\w{1,30}|along)\b",
)
# Instructions in the imperative at the start of a sentence, and @handles offered to follow or contact.
IMPERATIVE_RE = compile_lazily(
    r"(?:^|(?<=[.!?\n]\s)|(?<=\n)|(?<=:\s))(?:Follow|Use|Retry|Try|Check|Visit|Subscribe|Avoid|Reset|Change|Restart|Refresh|Sign|Contact|See"
    r"|Do\snot|Don't|Don\u2019t|Rotate|Immediately|Enable|Disable|Review|Reinstall|Install|Apply|Reconnect|Clear|Log\sout|Log\sin|Re-?deploy|Download"
    r"|Update\s(?:your|the|to)|Make\ssure|Be\ssure|Keep\san\seye|Reach\sout)\s"
    r"|(?<=,\s)(?:use|try|visit|contact|see|check|follow)\s(?!(?:of|to|that|this|it)\b)"
    r"|(?<![\w.])@(?i:\w{0,30}(?:status|support|help|care|ops)\w{0,10})"
    r"|(?i:follow|see|visit|contact|via|at|dm|message|reach)\s@\w{2,30}",
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
    return tuple(evidence(text, start, end) for start, end in url_spans(text) if _may_be_followed(text[start:end]))[:1]


# A bare address ("https://sites.mit.edu") is mostly the name of what is broken; a page to follow
# has a path, or is a status, help or support site.
_BARE_ADDRESS_RE = compile_lazily(r"(?:https?://)?(?:www\.)?[^/\s]+/?")
_FOLLOWED_SITE_RE = compile_lazily(r"status|support|help|docs|community|forum|blog|twitter|x\.com", re.IGNORECASE)


def _may_be_followed(url: str) -> bool:
    return not _BARE_ADDRESS_RE.fullmatch(url) or _FOLLOWED_SITE_RE.search(url) is not None


def find_work_in_progress(text: str) -> tuple[Evidence, ...]:
    """Statements of what the team is doing or needs (for internal audiences)."""
    return match_evidence(text, first_matches(WORK_IN_PROGRESS_RE, fold(text), 3))
