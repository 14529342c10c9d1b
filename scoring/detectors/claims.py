"""Factual claims a message makes: customer counts, regions, data exposure.

``accuracy`` compares them with the scenario facts, ``consistency`` with what
the team said earlier. Only explicit claims are extracted; a message that
says nothing about a topic makes no claim about it.
"""

from __future__ import annotations

import re
from functools import cache

from ..resources import region_aliases, region_parents
from ..patterns import Pattern, compile_lazily
from ..text import at_word_start, evidence, fold, per_text, phrase_pattern
from ..types import Evidence

# A count of people: "about 2,300 merchants", "1,200 of our customers",
# "50 affected users". Not times ("14:05 users"), percentages, ordinals or money.
_WHO = (r"customers?|users?|accounts?|merchants?|clients?|people|organi[sz]ations?|businesses|subscribers?"
        r"|members?|patients?|stores?")
_QUAL = (r"about|around|approximately|approx\.|roughly|nearly|almost|some|over|more\sthan|at\sleast|fewer\sthan"
         r"|less\sthan|under|up\sto|an\sestimated|estimated|just\sover|just\sunder")
_COUNT_RE = at_word_start(
    rf"(?P<qual>\b(?:{_QUAL})\s)?"
    r"(?<![:.,$#/\d])\b(?P<num>\d{1,3}(?:,\d{3}){1,3}|\d{1,9}(?:\.\d{1,2})?)(?![\d:%]|[.,]\d|(?:st|nd|rd|th)\b)"
    r"\s?(?P<mult>k\b|thousand\b|million\b|m\b)?\s?"
    r"(?P<of>of\s(?:our\s|the\s|all\s)?)?(?P<mod>[a-z-]{1,20}\s)?"
    rf"(?P<who>{_WHO})\b",
)
# Only a count that states the total number affected is a claim about it.
# Such a count is named as affected ("2,300 affected merchants"), follows
# a verb of impact ("affecting 50 customers") or is the subject of one
# ("about 2,300 merchants in the EU are affected"). Sub-groups ("40 enterprise
# customers", "the remaining 1,400"), parts of a whole ("1,700 of the 3,100
# customers", "214 people in 37 organisations") and earlier figures ("up from
# 1,200 customers") are not.
_TOTAL_MODIFIERS = frozenset({"affected", "impacted"})
_CUE_BEFORE_RE = compile_lazily(
    r"(?:\baffect(?:s|ed|ing)?|\bimpact(?:s|ed|ing)?|\bhit(?:s|ting)?|\bhurt(?:s|ing)?|\ba\stotal\sof|\btotal(?:s|l?ing)?"
    r"|\b(?:grown|grew|risen|rose|increased|climbed|fallen|fell|dropped|decreased|revised(?:\s(?:up|down)(?:wards?)?)?)\sto"
    r"|\b(?:failing|failed|fails|down|unavailable|degraded|broken|disrupted|interrupted|slow|offline|errors?|outage|not\sworking)\sfor"
    r"|\b(?:impact|affected|impacted|scope)\s?:)"
    r"(?:\s(?:only|just|currently|now|still))?\s$"
)
_PART_BEFORE_RE = compile_lazily(
    r"\b(?:of|in|at|across|within|among|amongst|from|between|than|remaining|other|additional|further|another|extra"
    r"|first|last|next|these|those|each|per|every)\s(?:the\s|our\s|all\s)?$"
)
_PART_AFTER_RE = compile_lazily(
    rf"\s(?:in|at|across|within|among|from|of|out\sof)\s(?:the\s|our\s|all\s)?(?:(?:{_QUAL})\s)?\d"
)
_PREDICATE_AFTER_RE = compile_lazily(
    r"(?:\s(?:in|across|on|from|at|using)\s[a-z][^.,;:!?\d()]{0,40}?)?"
    r"\s(?:(?:are|were|is|was|have\sbeen|has\sbeen|had\sbeen|remain|remained|may\sbe|might\sbe|could\sbe"
    r"|may\shave\sbeen|might\shave\sbeen|have|has|had)\s)?"
    r"(?:(?:currently|now|still|already|also|likely|potentially|reportedly|all|being)\s)?"
    r"(?:affected|impacted|unable|experiencing|seeing|having|facing|hit|cannot|can't|can\snot|could\snot|couldn't"
    r"|failing|down|offline|locked\sout|blocked|unavailable|disrupted|encountering|without\s(?:access|service))\b"
)
_DIGIT_RE = compile_lazily(r"\d")
# Words without which no data-exposure claim can be made: skips two scans on most texts.
_DATA_WORD_RE = compile_lazily(r"data|information|record|detail|credential|password|unauthori|address")
_MULTIPLIER = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "million": 1_000_000}

_DATA = r"(?:data|information|records?|details|credentials|passwords|email\saddresses)"
_EXPOSE = r"(?:exposed|accessed|leaked|compromised|lost|stolen|affected|viewed|downloaded|breached|exfiltrated)"
# "No cardholder data was exposed", "no customer or payment data has been
# accessed", "data was not exposed", "there is no sign of any data exposure".
DATA_DENIED_RE = compile_lazily(
    rf"\b(?:no|none\sof\s(?:the|your|our)|not\sany)\s(?:[a-z-]{{1,20}}\s){{0,3}}?{_DATA}\s(?:was|were|has\sbeen|have\sbeen|is|are)\s"
    rf"(?:\w{{1,12}}\s)?{_EXPOSE}"
    rf"|\b{_DATA}\s(?:was|were|has|have|is|are|had)(?:\snot|\snever|n't)\s(?:been\s)?(?:\w{{1,12}}\s)?{_EXPOSE}"
    r"|\b(?:no|not\s(?:seen|found)\sany|found\sno|seen\sno)\s(?:sign|signs|evidence|indication|indications|reason\sto\sbelieve)"
    rf"\s(?:of|that)\s(?:any\s)?(?:[a-z-]{{1,20}}\s){{0,3}}?(?:{_DATA}|unauthori[sz]ed\saccess|access)"
    rf"|\b(?:your|all|[a-z]{{1,20}})\s{_DATA}\s(?:is|remains|was|were|are|remained)\s(?:completely\s|fully\s)?(?:safe|secure|protected|unaffected)",
)
# "Some data was exposed", "exposed cardholder data", "a data breach".
DATA_EXPOSED_RE = compile_lazily(
    rf"\b{_DATA}\s(?:was|were|has\sbeen|have\sbeen|may\shave\sbeen|might\shave\sbeen|could\shave\sbeen)\s(?!not\s|never\s)(?:\w{{1,12}}\s)?"
    r"(?:exposed|accessed|leaked|compromised|stolen|viewed|downloaded|exfiltrated|breached)"
    rf"|\b(?:exposed|leaked|exposure\sof|exfiltrated|stole|(?:unauthori[sz]ed|gained|obtained)\saccess\sto)\s(?:some\s|the\s)?(?:[a-z-]{{1,20}}\s){{0,2}}?{_DATA}"
    r"|\baccessed\s(?:some\s)?(?:customer|personal|user|sensitive|payment|account|cardholder)\s(?:data|information|records|details)"
    r"|\bdata\s(?:breach|leak|exposure)\b|\bunauthori[sz]ed\saccess\b",
)
# A denial shortly before an exposure phrase: "there is no sign of a data breach".
_DATA_NEGATION_RE = compile_lazily(
    r"(?:\b(?:no|not|never|nothing|none|without|neither|nor)\b|n't\b)(?:\s[\w'-]{1,15}){0,6}\s$")
_DATA_HEDGE_RE = compile_lazily(r"\brule[sd]?\sout\b|\bexclude\b")
# "If any data was exposed, we will tell you" claims nothing either way.
_DATA_CONDITIONAL_RE = compile_lazily(r"\b(?:if|whether|in\scase|unless)\b")
REVISION_RE = compile_lazily(
    r"\b(?:now|updated?|revised|increased|decreased|grown|risen|rose|fell|correction|corrected|up\sfrom|down\sfrom|latest|new\sestimate|has\sgrown|so\sfar)\b",
)


class CountClaim:
    __slots__ = ("low", "high", "span")

    def __init__(self, low: float, high: float, span: Evidence):
        self.low = low
        self.high = high
        self.span = span


class Claims:
    __slots__ = ("counts", "regions", "data_exposed")

    def __init__(self, counts: tuple[CountClaim, ...], regions: dict[str, Evidence],
                 data_exposed: tuple[bool, Evidence] | None):
        self.counts = counts
        self.regions = regions
        self.data_exposed = data_exposed


@cache
def _region_re() -> Pattern:
    return phrase_pattern(region_aliases().keys())


@per_text(1024)  # earlier messages are re-read for every new message
def extract_claims(text: str) -> Claims:
    norm = fold(text)
    counts: tuple[CountClaim, ...] = ()
    if _DIGIT_RE.find(norm):
        counts = tuple(_count_claim(text, m) for m in _COUNT_RE.first(norm, 10)
                       if _claims_total(norm, m))[:5]
    aliases = region_aliases()
    regions: dict[str, Evidence] = {}
    for m in _region_re().first(norm, 10):
        regions.setdefault(aliases[m.group().lower()], evidence(text, m.start(), m.end()))
    if not _DATA_WORD_RE.find(norm):
        return Claims(counts, regions, None)
    return Claims(counts, regions, _data_claim(text, norm))


def _claims_total(norm: str, m: re.Match[str]) -> bool:
    """Whether the count at ``m`` states the total number affected."""
    mod = (m.group("mod") or "").strip()
    if mod and mod not in _TOTAL_MODIFIERS:
        return False  # "40 enterprise customers", "30 minutes users"
    before = norm[max(0, m.start() - 40):m.start()]
    if _PART_BEFORE_RE.search(before) and not _CUE_BEFORE_RE.search(before):
        return False  # "of the 3,100 customers", "in 37 organisations", "the remaining 1,400"
    after = norm[m.end():m.end() + 80]
    if _PART_AFTER_RE.match(after):
        return False  # "214 people in 37 organisations"
    if mod or _CUE_BEFORE_RE.search(before):
        return True
    return _PREDICATE_AFTER_RE.match(after) is not None


def _data_claim(text: str, norm: str) -> tuple[bool, Evidence] | None:
    """(True, span) for an admitted exposure, (False, span) for a denial, else None.

    An exposure that is not denied outweighs a denial about other data ("no
    card data was exposed, but email addresses were accessed").
    """
    denials = [m.span() for m in DATA_DENIED_RE.first(norm, 10)]
    for m in DATA_EXPOSED_RE.first(norm, 10):
        if any(s <= m.start() < e or m.start() <= s < m.end() for s, e in denials):
            continue
        before = norm[max(0, m.start() - 80):m.start()]
        clause = before[max(before.rfind(c) for c in ".;:!?,") + 1:]
        if _DATA_CONDITIONAL_RE.search(clause):
            continue  # "if any data was exposed"
        if _DATA_NEGATION_RE.search(clause) and not _DATA_HEDGE_RE.search(clause):
            continue  # "no sign of a data breach"
        return True, evidence(text, m.start(), m.end())
    if denials:
        return False, evidence(text, *denials[0])
    return None


def _count_claim(text: str, m: re.Match[str]) -> CountClaim:
    value = float(m.group("num").replace(",", ""))
    value *= _MULTIPLIER.get((m.group("mult") or "").lower(), 1)
    qual = " ".join((m.group("qual") or "").split())
    if qual in {"over", "more than", "at least", "just over"}:
        low, high = value, float("inf")
    elif qual in {"fewer than", "less than", "under", "up to", "just under"}:
        low, high = 0.0, value
    elif qual:  # about, around, approximately ...
        low, high = value * 0.7, value * 1.3
    else:  # a plain figure is usually rounded
        low, high = value * 0.85, value * 1.15
    return CountClaim(low, high, evidence(text, m.start(), m.end()))


def canonical_regions(names, extra_aliases=None) -> set[str]:
    """Canonical names for region strings from the facts (unknown names kept as given).

    ``extra_aliases`` is the scenario's own ``{alias: region}`` map (the ``aliases`` fact),
    for names the built-in list does not know ("Acme North" for eu-west).
    """
    aliases = region_aliases()
    if isinstance(extra_aliases, dict):
        aliases = dict(aliases)
        for alias, target in extra_aliases.items():
            key = str(target).strip().lower()
            aliases[str(alias).strip().lower()] = aliases.get(key, key)
    if isinstance(names, str):
        names = [names]
    return {aliases.get(str(n).strip().lower(), str(n).strip().lower()) for n in names or ()}


def _lineage(region: str) -> list[str]:
    parents = region_parents()
    chain = [region]
    while chain[-1] in parents and len(chain) < 6:
        chain.append(parents[chain[-1]])
    return chain


def regions_overlap(region: str, fact_regions: set[str]) -> bool:
    """A claimed region agrees with the facts if it is, lies in, or contains an affected region."""
    if set(_lineage(region)) & fact_regions:
        return True
    return any(region in _lineage(fact) for fact in fact_regions)
