"""Rebuilding trust: owning the failure, and a concrete commitment to make it right.

*Responsibility* is the organisation saying the failure is its own ("this
was our mistake", "a change we deployed caused it", "we let you down").
*Make-good* is a concrete step: a review or post-mortem to be published,
named changes so it does not happen again, credits, refunds or protection
for the people affected. "We take this seriously" and "we will learn from
this" are neither: they promise nothing anyone could check.
"""

from __future__ import annotations

from ..text import at_word_start, first_of, fold, match_evidence, named_group
from ..types import Evidence

_US = r"(?:we|i)"
_OUR = r"(?:our|my)"
_FAILURE = r"(?:fault|mistake|error|failure|responsibility|doing|bad|screw-?up)"

_WE = r"(?:we|i)(?:'ve|\shave|'re|\sare|'m|\sam)?"
# Owning it in the words people use: "the mistakes we've made", "we didn't do more",
# "we failed to prevent", "we inadvertently took projects offline", "we should have seen
# it coming", "I'm responsible", "hold me accountable", "it's our responsibility", "we own it".
_OWNING_IT = (
    rf"\b(?:mistakes?|errors?|failures?|misjudgements?)\s(?:that\s)?{_WE}\s(?:made|committed)\b"
    rf"|\b(?:an?|the)\s(?:\w{{1,15}}\s)?(?:change|operation|action|maintenance|migration|upgrade|deploy(?:ment)?)\s(?:that\s)?(?:we|i)\s(?:performed|did|ran|carried\sout|made|pushed)\b"
    rf"|\b{_WE}\s(?:\w{{1,10}}\s)?got\s(?:things|it|this|that)\s(?:\w{{1,10}}\s)?wrong\b"
    rf"|\b(?:we|i)\s(?:didn't|did\snot)\s(?:do\s(?:more|enough|better)|act\s(?:sooner|faster|quickly\senough)|live\sup)\b"
    rf"|\b{_WE}\sfailed\s(?:to\s(?:prevent|protect|catch|detect|deliver|communicate|meet|live\sup|keep|plan|test)|on\s(?:our|my)|you|our\s(?:customers|users|members|clients|community))\b"
    rf"|\b{_WE}\s(?:may\shave\s|have\s)?(?:inadvertently|accidentally|mistakenly|unintentionally|wrongly)\s[a-z]{{3,20}}"
    rf"|\b{_WE}\s(?:underestimated|misjudged|miscalculated|overlooked|mishandled)\b"
    rf"|\b(?:we|i)\s(?:released|launched|shipped|rolled\sout|pushed)\s(?:it|this|that|the\s\w{{1,15}})\stoo\s(?:soon|early|quickly)\b"
    rf"|\b(?:we|i|this\s\w{{1,15}}|it)\sshould\shave\s(?:\w{{1,12}}\s)?(?:anticipated|seen|known|caught|tested|gone|engaged|communicated|responded|spotted|noticed|checked|planned)\b"
    rf"|\b(?:we|i)\s(?:made|said)\s(?:a|an)\s(?:\w{{1,15}}\s){{0,2}}?(?:hurtful|thoughtless|insensitive|careless|wrong|bad|poor|terrible)\s(?:\w{{1,15}}\s)?(?:comment|remark|decision|call|choice|statement)\b"
    rf"|\b(?:i'm|we're)\s(?:fully\s|solely\s|entirely\s)?(?:responsible|accountable|to\sblame)\b|\bhold\s(?:me|us)\s(?:\w{{1,10}}\s)?accountable\b"
    rf"|\b(?:we|i)\s(?:\w{{1,12}}\s)(?:take|accept|own|bear|assume)\s(?:full\s|complete\s|total\s|sole\s)?(?:responsibility|ownership|accountability|the\sblame)\b"
    rf"|\b(?:it's|it\sis)\s(?:our|my)\s(?:responsibility|fault|job)\b|\bwe\sown\s(?:it|this|that|the\s(?:mistake|failure|outage|problem))\b"
    rf"|\b(?:(?:we|i)\s\w{{1,10}}\s)?let\s(?:you|our\s\w{{1,15}}|many\sof\sour\s\w{{1,15}}|so\smany\sof\syou|everyone|them|her|him)\sdown\b"
    rf"|\b(?:we|i)(?:'ve|\shave)?\scaused\s(?:some|serious|significant|real|so\smuch|this|the|an?)\b|\b(?:the\s)?(?:\w{{1,15}}\s)?(?:experience|disruption|pain|harm|frustration|damage)\s(?:that\s)?{_WE}\scaused\b"
    rf"|\b(?:this|that|it)\s(?:is|was|'s)\s(?:all\s|entirely\s)?on\s(?P<firm>[a-z][\w&.-]{{1,30}})\b"
)

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
    rf"|\bshould\shave\s(?:done|acted|been|moved|caught|prevented|told)\b|\bcould\shave\s(?:done|acted|moved|caught|prevented|told)\b"
    rf"|\b{_US}\s(?:have\s|'ve\s)?(?:let|failed|disappointed)\s(?:you|our\s(?:customers|users|members|clients|community|passengers|players))\b"
    rf"|\b{_US}\s(?:have\s|'ve\s)?(?:fell|fallen|fall)\sshort\b"
    rf"|\b{_US}\s(?:have\s|'ve\s)?(?:screwed|messed|fouled)\sup\b"
    rf"|\b{_US}\s(?:got\sthis|got\sit)\swrong\b"
    rf"|\b{_OUR}\s(?:own\s)?(?:mistake|error|fault|failure)\b"
    rf"|\b(?:a|the)\s(?:\w{{1,15}}\s)?(?:change|deploy(?:ment)?|configuration|update|bug|release|migration|decision)\s(?:that\s)?{_US}\s(?:had\s)?(?:made|deployed|pushed|introduced|shipped|rolled\sout|released|applied)\b"
    rf"|\b(?:caused|triggered|introduced)\sby\s(?:a|an)\s(?:\w{{1,15}}\s)?(?:change|deploy(?:ment)?|update|error|mistake)\s{_US}\s(?:made|deployed|pushed)\b"
    rf"|\bthere\sis\sno\sexcuse\b|\b(?:no|without)\sexcuses?\b"
)
OWNING_IT_RE = at_word_start(_OWNING_IT)
# Making it right, concretely: free service or credit, a price cut, hardship help,
# a review whose findings are published, a named change made so it cannot recur.
_MAKING_IT_RIGHT = (
    r"\bfree\s(?:\w{1,15}\s){0,2}?(?:data|game|download|days?|service|credit|access|upgrade)\b"
    r"|\b(?:receive|get|offer(?:ing)?|give|giving|provid(?:e|ing))\s(?:an\s|a\s)?(?:additional|extra|bonus)\s(?:\w{1,10}\s){0,2}?(?:days?|months?|weeks?|hours?|credit|service)\b"
    r"|\bcredit(?:ing|ed)\s(?:them|customers|users|those\s(?:customers|users|accounts)|accounts|every|each)\b"
    r"|\b(?:reducing|reduce|cut|cutting|lowering|lower)\s(?:the\s)?prices?\b|\bout\sof\spocket\b"
    r"|\b(?:identity|credit)\s(?:theft\s)?(?:protection|monitoring)\b|\bfinancial\shardship\s(?:measures|support|assistance|help)\b"
    r"|\b(?:will|'ll|plan\sto|intend\sto|commit\sto|going\sto)\s(?:be\s)?(?:publish(?:ing)?|shar(?:e|ing)|post(?:ing)?|releas(?:e|ing)|provid(?:e|ing)|have|writ(?:e|ing))\s"
    r"(?:a\s|an\s|the\s|our\s)?(?:\w{1,15}\s){0,2}?(?:post-?mortem|post\smortem|post-?incident|root[- ]cause|rca|summary|retrospective|write-?up)"
    r"|\b(?:follow\sup|be\sback|come\sback)\swith\s(?:a|an|the)\s(?:\w{1,15}\s)?(?:summary|post-?mortem|report|review|analysis|write-?up|rca)\b"
    r"|\b(?:post-?incident|post-?mortem|root[- ]cause|incident)\s(?:review|report|analysis)\s(?:to\s(?:share|publish|release))\b"
    r"|\b(?:have|'ve|has)\spublished\s(?:a|an|the|our)\s(?:\w{1,15}\s){0,2}?(?:post-?incident|post-?mortem|review|report|blog|analysis|write-?up|rca|root[- ]cause)"
    r"|\b(?:conducting|conduct|undertaking|commissioned|launched|launching|initiated)\s(?:a|an)\s(?:\w{1,15}\s){0,2}?(?:post-?mortem|post\smortem|review|audit|inquiry)\b"
    r"|\b(?:share|publish)\s(?:the\s)?(?:\w{1,12}\s)?(?:outcomes|findings|results|lessons|conclusions)\b"
    r"|\bso\s(?:that\s)?(?:it|this|they)\s(?:would|will|can)\snot\s(?:fail|happen|break|recur)\b"
    r"|\b(?:we|i)\s(?:have\s|'ve\s)?(?:changed|updated|revised|tightened|strengthened|modified)\s(?:our|the)\s(?:\w{1,15}\s)?"
    r"(?:polic(?:y|ies)|process(?:es)?|procedures?|controls|review|deployment|testing|release)\b"
    r"|\b[a-z][\w&.-]{1,30}\swill\simplement\s(?:\w{1,15}\s){0,3}?(?:safeguards?|controls?|measures|checks|changes|protections|improvements|processes)\b"
    r"|\b(?:pulling|withdrawing|removing)\s(?:the\s)?(?:content|ad|advert|campaign)\b"
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
MAKING_IT_RIGHT_RE = at_word_start(_MAKING_IT_RIGHT)


def find_responsibility(text: str) -> tuple[Evidence, ...]:
    """Phrases in which the organisation owns the failure."""
    # "This is on Maxis" owns it; "this is on track" and "it was on Monday" do not: the owner is written as a name.
    found = [m for m in first_of((RESPONSIBILITY_RE, OWNING_IT_RE), fold(text), 6)
             if named_group(text, m, "firm") is not False]
    return match_evidence(text, found[:3])


def find_make_good(text: str) -> tuple[Evidence, ...]:
    """Concrete commitments to review, fix for good, or compensate."""
    return match_evidence(text, first_of((MAKE_GOOD_RE, MAKING_IT_RIGHT_RE), fold(text), 3))
