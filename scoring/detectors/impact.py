"""Impact: who or what is affected, how many, where, since when.

Four kinds of statement count: *who* (a group of users or customers), *how
many* (a number or share), *where* (a region) and *what happens to them* (a
concrete consequence such as delays, failures, being unable to sign in). A
bare "X is experiencing degraded performance" names the problem but not the
impact, so it does not count here (it counts for ``acknowledge``).
"""

from __future__ import annotations

import re
from ..patterns import compile_lazily
from ..text import at_word_start, first_matches, match_evidence, fold
from ..types import Evidence
from .claims import extract_claims

# What can be affected besides people, counted when a share of it is named ("all of the resources", "some apps").
_THINGS = r"(?:resources|endpoints|instances|databases|clusters|apps|applications|projects|repositories|sites|machines|devices|orders|payments|builds|jobs|workflows|requests|sessions|deployments|messages|emails|calls|flights|transactions)"
_PEOPLE = (
    r"(?:users?|customers?|clients?|accounts?|developers?|organi[sz]ations?|merchants?|members?|subscribers?|people|visitors?|players?|patients?|businesses|teams?"
    # People outside software's vocabulary: a statement's passengers, guests and families.
    r"|men|women|individuals|passengers|guests|families|travell?ers|riders|drivers|fans|shoppers|residents|consumers|callers|students|viewers)"
)

WHO_RE = at_word_start(
    rf"\b(?:some|many|most|all|several|multiple|numerous|affected|impacted|few|fewer|certain|\d[\d,.]{{0,12}}%?|\d{{1,3}}(?:,\d{{3}})+"
    rf"|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands|millions)\s(?:of\s)?(?:our\s|the\s)?(?:[A-Za-z-]{{1,20}}\s)?{_PEOPLE}\b"
    rf"|\b(?:some|many|most|all|several|affected|impacted|certain)\s(?:of\s)?(?:our\s|the\s|your\s)?(?:[a-z-]{{1,20}}\s)?{_THINGS}\b(?!\s(?:should|are|is|have\sbeen|were)\s(?:now\s)?(?:be\s)?(?:back|recovered|restored|healthy|operational|operating|working|up\b))"
    rf"|\ba\s(?:very\s)?(?:small\s|large\s|limited\s|significant\s|tiny\s)?(?:number|subset|percentage|portion|fraction|share|minority|majority)\sof\s"
    # ... of someone or something that can be affected, not "a number of government entities".
    rf"(?:(?:our|the|your|those|these|its|their)\s)?(?:[\w-]{{1,20}}\s){{0,2}}?(?:{_PEOPLE}|{_THINGS}|runs|pipelines|servers|hosts|nodes|services|domains|websites|pages|traffic|calls|stores|restaurants|regions)\b"
    rf"|\b{_PEOPLE}\s(?:in|on|of|using|with|who|that|trying|attempting|connecting|accessing|located)\b"
    rf"|\b(?:Users|Customers|Clients)\s(?:may|might|will|can|should|are|cannot|can't)\b"
    rf"|\b(?:impacts?|affects?|affecting|impacting)\s(?:some|many|most|all|our|the)?\s?(?:{_PEOPLE}|{_THINGS})\b"
    rf"|\b(?:not\s(?:be\s)?|un)(?:impacted|affected)\b"
)
HOW_MANY_RE = at_word_start(
    r"\b\d{1,3}(?:\.\d{1,2})?\s?(?:%|percent\b)"
    r"|\b(?:about|around|approximately|roughly|nearly|over|under|fewer\sthan|less\sthan|more\sthan|up\sto)\s\d[\d,]{0,12}\b",
)
CONSEQUENCE_RE = at_word_start(
    r"\b(?:(?:elevated|increased|higher|high|an\sincrease\sin)\s(?:levels?\sof\s)?(?:[a-z]{2,15}\s)?(?:error\srates?|errors|response\stimes|failure\srates?|timeouts)"
    r"|not\saccessible|out\sof\sservice|slowly"
    r"|delay(?:s|ed)?|latency|slow(?:er|ness)?|queue\stimes|wait\stimes|timeouts?|timing\sout|time\sout"
    r"|(?<!hardware\s)(?<!power\s)(?<!disk\s)(?<!host\s)fail(?:s|ing|ures?|ed(?!\shardware))?|unable|cannot|can't|could\snot|not\sable|stalled|missing|not\sappearing"
    r"|not\sbe(?:ing)?\sdelivered|not\sdelivered|lost|incorrect(?:ly)?|unavailable|inaccessible|outage\swith"
    # "prevents users from signing in", not "to prevent this from happening again" or "prevented an attempt".
    r"|errors?\swhen|prevent(?:s|ed|ing)?\s(?!(?:this|it|that|such|similar|further|future|any|recurrence|an?\s(?:[\w-]{1,20}\s){0,3}?(?:attempt|recurrence|repeat|attack)"
    r"|the\s(?:issue|problem|incident|outage|same|attack|attacker|cybercriminal|hackers?))\b)|blocked|interrupted|disconnect\w{0,3}|connection\s(?:resets|timeouts))\b"
)
# A service with its symptom: "the website is offline", "issues affecting billing",
# "degraded performance", "delays in processing". Weaker than a consequence for
# people; the trained impact model decides how much it is worth.
SYMPTOM_RE = at_word_start(
    r"\b(?:is|are|was|were)\s(?:currently\s|now\s|still\s|partially\s|completely\s)?(?:offline|down|degraded|unavailable|slow|delayed|not\sworking|failing|inaccessible|unreachable|disrupted)\b"
    r"|\b(?:issues?|problems?|errors?|delays?|failures?|disruptions?|outages?|interruptions?)\s(?:affecting|with|related\sto|when|for|in|to|impacting|on)\s"
    r"|\b(?:degraded|degradation|delay(?:s|ed|ing)?|latency|interruption|outage|disruption|backlog|connectivity\sissues|sign-?in\sissues|login\sissues)\b"
    r"|\b(?:affect|affects|affected|affecting|impact|impacts|impacted|impacting)\s(?:\w{1,20}\s){0,3}"
    r"|\b(?:may|might|could)\sbe\s(?:affected|impacted)\b"
    r"|\bnot\s(?:receiving|loading|responding|processing|sending|syncing|available)\b"
)
SINCE_RE = at_word_start(
    r"\b(?:since|starting\sat|beginning\sat|started\sat|from)\s\d{1,2}:?\d{2}\b|\bsince\s(?:about\s|around\s)?\d{1,2}\s?[ap]\.?m\b",
)


IMPACT_KINDS = ("who", "how_many", "where", "since", "consequence", "symptom")
_DIGIT_RE = compile_lazily(r"\d")
REGION_WORD_RE = compile_lazily(r"\bregions?\b|\bgeographic\sarea\b|\bdata\s?cent(?:er|re)\b")


# "No notifications were lost", "no data has been lost": a loss denied is no consequence.
_DENIAL_RE = compile_lazily(r"\b(?:no|nor|never)\s(?:[a-z]+\s){0,3}(?:(?:was|were|has|have|had)\s)?(?:been\s)?$")


def _denied(norm: str, start: int) -> bool:
    if not norm.startswith("lost", start):
        return False
    return _DENIAL_RE.search(norm, max(0, start - 60), start) is not None


def find_impact(text: str) -> dict[str, tuple[Evidence, ...]]:
    """Impact statements by kind: ``who``, ``how_many``, ``where``, ``since``, ``consequence``."""
    norm = fold(text)
    has_digit = _DIGIT_RE.find(norm) is not None
    regions = tuple(extract_claims(text).regions.values())[:3]
    where = regions or match_evidence(text, first_matches(REGION_WORD_RE, norm, 2))
    found = {
        "who": match_evidence(text, first_matches(WHO_RE, norm, 3)),
        "how_many": match_evidence(text, first_matches(HOW_MANY_RE, norm, 3)) if has_digit else (),
        "where": where,
        "since": match_evidence(text, first_matches(SINCE_RE, norm, 2)) if has_digit else (),
        "consequence": tuple(e for e in match_evidence(text, first_matches(CONSEQUENCE_RE, norm, 3))
                             if not _denied(norm, e.start)),
    }
    if not found["consequence"] and not found["who"]:
        found["symptom"] = match_evidence(text, first_matches(SYMPTOM_RE, norm, 2))
    return {kind: spans for kind, spans in found.items() if spans}
