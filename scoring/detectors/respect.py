"""Respect: no stonewalling, no dismissive tone, no playing the incident down.

Dismissive phrases ("no comment", "nothing to worry about") always count.
Minimising words ("minor", "a handful") only count when the facts say the
impact is large, because for a genuinely small incident they are accurate.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Mapping

from ..resources import word_list
from ..text import at_word_start, first_matches, first_of, match_evidence, fold, phrase_pattern
from ..types import Evidence

# At or above this many affected customers, "a handful" or "minor" plays it down.
LARGE_IMPACT_CUSTOMERS = 500


@cache
def _dismissive_re():
    return phrase_pattern(word_list("dismissive.txt"))


@cache
def _minimiser_re():
    return phrase_pattern(word_list("minimisers.txt"))


# Playing the harm or the organisation's part down, whatever the numbers: the
# labelling guide's "minimising". Size words alone ("a small number") are
# left to the facts (``minimiser_words`` with ``impact_is_large``): for a small incident they are true.
# Its own part played down: denials of its own compromise or fault, the problem
# made everyone's, the scale turned into a boast, its defences and its team praised,
# its own loss made the story. Sizes ("less than 5%") are left to the facts.
_OWN_PART_PLAYED_DOWN = (
    # "in no way related to a breach of Ring's security", "no indication that Roku was the source",
    # "not a result of 23andMe's alleged failure", "security was not compromised", "no card numbers were compromised".
    r"\b(?:in\sno\sway|not\sin\sany\sway)\s(?:related|connected|linked|due|the\sresult|responsible)\b"
    r"|\bno\s(?:evidence|indication|sign)\s(?:of|that)\s(?:[\w'-]{1,20}\s){1,3}?(?:was|were|is)\s(?:the\ssource|responsible|at\sfault|to\sblame)\b"
    r"|\bnot\s(?:a|the)\s(?:direct\s)?(?:result|fault|cause)\sof\s(?:[\w'-]{1,20}\s){0,2}?(?:our|[\w-]{2,25}'s)\b"
    r"|\bnot\s(?:been\s)?(?:breached|compromised|hacked)\b|\bno\s(?!evidence|indication|sign|reason)(?:[\w-]{1,20}\s){1,6}?(?:were|was)\scompromised\b"
    r"|\b(?:systems?|network|platform|servers?)\s(?:were|was|remained?)\s(?:safe\sand\s)?secure\b"
    r"|\bshop\swith\s(?:complete\s|full\s)?confidence\b"
    # No action for the reader: "there are no specific actions that you need to take".
    r"|\bno\s(?:specific\s|further\s|corrective\s|additional\s)?(?:actions?|steps?)\s(?:that\s)?(?:you|customers|users)\s(?:need|needs|have|are\srequired)\sto\s(?:take|do)\b"
    r"|\bremains?\sencrypted\b"
    # Everyone's problem: "all Telcos occasionally have outages", "has happened elsewhere and could happen
    # again in any private company", "industry-wide attacks", "an evolving threat", "because things happen".
    r"|\b(?:all|every|any)\s(?:[\w-]{1,15}\s){0,2}?[a-z]{3,15}s\s(?:occasionally\s|sometimes\s|will\s|can\s|eventually\s)?"
    r"(?:have|has|experience|suffer|face|go\sdown|fail)\s(?:\w{1,10}\s)?(?:outages|issues|problems|downtime|hiccups|failures|attacks|breaches|incidents)\b"
    r"|\bhappened\s(?:elsewhere|to\sothers|to\sother\s\w{1,15})\b|\bcould\shappen\s(?:again\s)?(?:to|in)\s(?:any|every|anyone|anybody)\b"
    r"|\bindustry-?\s?wide,?\s(?:[\w-]{1,20}\s)?(?:attacks?|problems?|issues?|threats?|campaigns?|challenges?)"
    r"|\b(?:evolving|ever-?\s?evolving|ever-?\s?growing)\sthreats?\b|\bthreats?\s(?:are|is)\s(?:constantly\s|always\s|ever\s)?(?:evolving|changing)\b"
    r"|\bthings\s(?:happen|go\swrong|break)\b|\bexception\sto\sthe\s(?:norm|rule)\b"
    r"|\b(?:incredibly|extremely|very|exceptionally)\srare\b|\bonce\sin\sa\s(?:lifetime|blue\smoon|generation)\b"
    r"|\bnot\s(?:being\s)?(?:much\s)?(?:bigger|worse|larger|more\sserious)\sthan\b|\bcould\shave\sbeen\s(?:much\s|far\s|a\slot\s)?worse\b"
    r"|\bups\sand\sdowns\b"
    # The scale as a boast or an excuse: "continues to set records", "never before has", "massive demand".
    r"|\b(?:sets?|setting|broke|breaking)\s(?:new\s|all-time\s)?records?\b|\brecord-?\s?(?:breaking|setting)\b|\bnever\sbefore\shas\b"
    r"|\b(?:unprecedented|historic|massive|staggering|record|overwhelming|extraordinary)\s(?:\w{1,12}\s)?(?:demand|traffic|volume|interest|attention|attack)\b"
    # Its defences and its team praised: "robust security measures in place", "tremendous efforts of our teams",
    # "a leading financial institution", "nobody works harder", "a track record of successfully ...".
    r"|\b(?:robust|strong|rigorous|stringent|industry-leading|state-of-the-art|best-in-class)\s(?:[\w-]{1,15}\s)?(?:measures|controls|processes|safeguards|protections|policies)\s(?:in\splace|that\sprotect|to\sprotect)\b"
    r"|\b(?:processes|controls|defen[cs]es|measures)\s(?:were|are)\s(?:robust|strong|sound|adequate)\b"
    r"|\b(?:tremendous|heroic|herculean|tireless|incredible|amazing)\s(?:\w{1,15}\s)?(?:efforts?|work|employees|teams?|staff|value)\b"
    r"|\b(?:leading|largest|strongest|biggest)\s(?:[\w-]{1,20}\s){0,3}?(?:institution|company|provider|carrier|airline|bank|platform|network|operator|firm)s?\b"
    r"|\bnobody\s(?:works|tries|cares)\sharder\b|\btrack\srecord\sof\b|\bsuccessfully\s(?:prevented|stopped|thwarted|blocked|repelled|expelled|defended)\b"
    # The company's own loss as the story: "impact on the business", "our financial guidance", "a pre-tax loss".
    r"|\b(?:business\sobjectives|financial\sguidance|pre-?tax\sloss|impact\son\s(?:the|our)\sbusiness|capital\sbase)\b"
    r"|\b(?:we\sare|we're|i\sam|i'm|and\sare)\s(?:deeply\s|very\s)?disappointed\s(?:that\s)?(?:this|it)\b"
    r"|\b(?:still\s)?(?:feel\s)?(?:incredibly\s|very\s)?(?:enthusiastic|thrilled|delighted)\sabout\b"
)

MINIMISING_RE = at_word_start(
    # Harm waved away: "cannot be used for any harm", "poses no risk", "nothing to worry about".
    r"\b(?:cannot|can't|could\snot|couldn't|can\snot|would\snot|won't|will\snot)\s(?:be\sused\s(?:to|for)\s(?:any\s|cause\s)?(?:harm|fraud|anything|damage)"
    r"|cause\s(?:any\s)?(?:harm|damage))"
    r"|\b(?:poses?|posed|presents?|pose)\s(?:no|little|minimal|negligible)\s(?:\w{1,12}\s)?(?:risk|threat|danger)"
    r"|\b(?:no|little|minimal)\s(?:real\s)?(?:harm|risk)\s(?:was|has\sbeen|is|to)\b"
    r"|\bno\s(?:further\s)?(?:action|steps?)\s(?:is\s|are\s)?(?:needed|required|necessary)\b"
    r"|\b(?:do|does|need)\snot\s(?:need\sto\s)?(?:take\sany\saction|worry|be\sconcerned|be\salarmed)"
    r"|\bdon't\s(?:need\sto\s)?(?:worry|panic|be\sconcerned|be\salarmed)\b"
    # "Outages happen to everyone".
    r"|\b(?:all|every|any)\s(?:networks?|services?|providers?|companies|company|platforms?|systems?|websites?|sites?)\s(?:\w{1,10}\s)?(?:(?:have|has|experience|suffer)\s(?:outages|issues|problems|downtime|hiccups|failures)|go(?:es)?\sdown|fail)\b"
    r"|\b(?:happens?|happened)\s(?:to\s(?:everyone|everybody|the\sbest|all\sof\sus)|from\stime\sto\stime)\b"
    r"|\bit\shappens\b|\bthese\sthings\shappen\b|\bstuff\shappens\b|\bshit\shappens\b"
    # Company-centric framing: "a disappointing day for our company".
    r"|\b(?:disappointing|difficult|challenging|frustrating|tough|hard|embarrassing|unfortunate)\s(?:\w{1,12}\s)?(?:day|time|event|week|moment|situation|period)\s(?:for|to)\s(?:us|our\s(?:company|team|business|brand)|the\s(?:company|team|business))\b"
    r"|\b(?:disappointing|frustrating|embarrassing)\s(?:for|to)\s(?:us|our\s(?:company|team)|the\scompany)\b"
    r"|\b(?:upsetting|painful|sad|hard|disappointing)\s(?:\w{1,12}\s)?(?:event|day|time|moment|week)\s(?:to|for)\s(?:all\sof\s)?(?:us|our\s\w{1,12}|the\scompany)\b"
    r"|\bthe\sgood\snews\sis\b|\b(?:i'm|i\sam|we're|we\sare|also)\s(?:very\s|really\s)?(?:pleased|proud|heartened)\b"
    r"|\b(?:i|we)\s(?:would|'d)\slike\s(?:my|our)\slife\sback\b"
    # Normalising: "one of the unfortunate realities of doing business", "not our first outage".
    r"|\bunfortunate\srealit(?:y|ies)\b|\b(?:reality|nature|part)\sof\s(?:our|doing|the)\sbusiness\b"
    r"|\b(?:become|becoming)\s(?:increasingly\s)?(?:common|commonplace)\b|\bwidespread\sproblem\b"
    r"|\b(?:is|was)\snot\s(?:our|the)\sfirst\s(?:\w{1,12}\s)?(?:outage|incident|breach)"
    r"|\b(?:these\s(?:things|hiccups|issues|outages|incidents)|outages|incidents|hiccups)\s(?:can|do|will|sometimes|occasionally)\s(?:\w{1,12}\s)?(?:happen|occur)\b"
    r"|\b(?:an?\s)?(?:unfortunate\s|rare\s)?(?:isolated|one-?\s?off)\s(?:incident|event|case|occurrence|issue)\b"
    r"|\b(?:a\s)?threat\s(?:to|facing)\s(?:all|every|any)\s(?:companies|company|organi[sz]ations?|businesses|business)\b"
    r"|\b(?:it's|it\sis|that's|that\sis|this\sis)\snot\s(?:significant|material|a\sbig\sdeal|serious|a\sserious\s(?:issue|matter))\b"
    r"|\bwe\sare\snot\salone\b|\blike\sall\s(?:\w{1,15}\s){0,3}?(?:equipment|products|companies|networks|services)"
    r"|\b(?:extremely\s|very\s)?rare\soccurrence\b"
    # Euphemism and shrinking: "teething problems", "a bumpy landing", "reasonably small", "only a temporary issue".
    # "A brief outage" alone is left to the facts (``minimiser_words``): for a 20-minute outage it is true.
    r"|\bteething\s(?:problems|issues|troubles)\b|\b(?:bumpy|rocky)\b|\bhiccups?\b|\bmissteps?\b|\bnot\sideal\b"
    r"|\b(?:reasonably|relatively|very|extremely)\s(?:small|minor|limited)\b|\btiny\s(?:fraction|number|percentage)"
    r"|\b(?:only|just|merely)\s(?:a\s|an\s)?(?:temporary|brief|short|minor|small|single|limited)\s(?:\w{1,12}\s)?(?:issue|problem|disruption|period|outage|glitch|defect|delay)"
    # Reassurance ahead of the facts: "has not been breached", "remains safely protected", "doesn't mean you were affected".
    r"|\b(?:has|have|was|were)\snot\sbeen\s(?:breached|compromised|hacked)\b"
    r"|\bremains?\s(?:safely\s|fully\s|completely\s)?(?:protected|safe|secure)\b"
    r"|\b(?:your|customer|customers')\s(?:money|data|information|funds|account)\s(?:is|are|remains?)\s(?:completely\s|totally\s)?(?:safe|secure)\b"
    r"|\bno\s(?:corrective\s)?actions?\s(?:that\s)?(?:needs?|needed)\sto\sbe\s(?:taken|done)"
    r"|\bdoes(?:n't|\snot)\smean\syou\s(?:were|are|have\sbeen)\b"
    r"|\b(?:is|was)\snot\sa\s(?:security\sincident|cyber-?\s?attack|breach|nationwide\soutage|hack)"
    r"|\bnot\ssufficient\sto\senable\b|\bnot\s(?:be\s)?(?:able\sto\s)?(?:be\s)?used\sto\scommit\b"
    # Flippancy.
    r"|\b(?:oops|whoops|oopsie|lol|lmao|haha|yikes|welp)\b"
    r"|\b(?:a\s)?(?:minor|small|little|tiny|slight|brief|temporary|momentary)\s(?:hiccup|blip|glitch|bump|snafu|inconvenience)"
)
OWN_PART_PLAYED_DOWN_RE = at_word_start(_OWN_PART_PLAYED_DOWN)


def find_minimising_language(text: str) -> tuple[Evidence, ...]:
    """Phrases that play down harm or responsibility, whatever the facts say."""
    return match_evidence(text, first_of((MINIMISING_RE, OWN_PART_PLAYED_DOWN_RE), fold(text), 3))


def find_dismissive(text: str) -> tuple[Evidence, ...]:
    return match_evidence(text, first_matches(_dismissive_re(), fold(text), 3))


# A share offered as the size ("less than 1% of our customers"): true of a small incident, a way of shrinking a
# large one. Left to the facts with the size words.
_SMALL_SHARE_RE = at_word_start(
    r"\b(?:less|fewer)\sthan\s(?:\d{1,2}(?:\.\d{1,2})?\s?%|(?:\d{1,2}(?:\.\d{1,2})?|one|two|three|four|five)\s?"
    r"(?:per\s?cent|percent)\b)"
)


def minimiser_words(text: str) -> tuple[Evidence, ...]:
    """Size words that play an incident down if it is large ("a handful", "minor", "less than 2%")."""
    norm = fold(text)
    return match_evidence(text, first_of((_minimiser_re(), _SMALL_SHARE_RE), norm, 3))


def impact_is_large(facts: Mapping[str, Any]) -> bool:
    customers = facts.get("customers_affected")
    if isinstance(customers, (int, float)) and not isinstance(customers, bool):
        if customers >= LARGE_IMPACT_CUSTOMERS:
            return True
    severity = str(facts.get("severity", "")).lower()
    return severity in {"major", "critical", "sev1", "sev-1", "high"} or facts.get("data_exposed") is True
