"""Which incident phase a message states: investigating, identified, monitoring, resolved.

Statuspage's four phases, read from the wording rather than from a label:
"we are investigating" / "we have identified the cause" / "a fix has been
deployed and we are monitoring" / "this incident has been resolved". When a
message mixes cues, the rules below pick what a careful reader would take
as the state of the main issue.
"""

from __future__ import annotations

import re

from ..patterns import compile_lazily
from ..text import at_word_start, first_matches, fold, match_evidence, per_text
from ..types import Evidence

PHASES: tuple[str, ...] = ("investigating", "identified", "monitoring", "resolved")
PHASE_ORDER = {phase: i for i, phase in enumerate(PHASES)}

_FIND_VERB = r"(?:identify|determine|understand|find|pinpoint|isolate|diagnose|locate)"
# Investigation phrasing: "we are investigating", "looking into", "working to
# identify the cause". A bare "to find" ("we had to find this") is not enough,
# nor is a finished search ("we were able to identify the cause").
_INVESTIGATING_RE = at_word_start(
    r"(?<!also\s)\binvestigat(?:e|es|ing|ions?)\b|\b(?:being|be)\sinvestigated\b"
    r"|\blooking\sinto\b"
    rf"|\b(?:continu\w{0,4}|trying|working|attempting|aiming|efforts?|still|need|needs)\sto\s{_FIND_VERB}\b"
    r"|(?<!able\s)(?<!managed\s)(?<!had\s)\bto\s(?:identify|determine|understand|pinpoint|diagnose)\b"
    rf"|(?<!able\s)(?<!managed\s)(?<!had\s)\bto\s{_FIND_VERB}\s(?:the\s|a\s)?(?:root\s|underlying\s)?(?:cause|source|origin|reason)\b"
    r"|\b(?:identify|determin|understand|find|pinpoint|isolat|diagnos|locat)ing\s(?:the\s|a\s)?(?:root\s|underlying\s)?(?:cause|source|origin|reason)\b"
    r"|\bidentifying\sthe\b"
    r"|\bworking\son\sidentifying\b"
)
# "We are aware of ..." says only that something is wrong: investigating, unless
# the message says more.
_AWARE_RE = compile_lazily(r"\b(?:are|'re)\s(?:now\s)?aware\sof\b")
# Investigation that is explicitly about the cause keeps the phase at investigating
# even when an issue has been "found".
_CAUSE_UNKNOWN_RE = compile_lazily(
    r"\binvestigat\w{0,6}\s(?:the\s)?(?:root\s)?cause|\b(?:identify|determine|understand|find)\s(?:the\s)?(?:root\s)?cause",
)
_CAUSE_FOUND_RE = compile_lazily(
    r"\b(?:have\s|has\s|we\s)?identified\s(?:the\s|a\s|an\s)?(?:root\scause|cause|source|issue|problem)"
    r"|\bfound\s(?:the\s|what\swe\sbelieve\sto\sbe\sthe\s)?(?:root\s)?cause\b",
)
_IDENTIFIED_RE = at_word_start(
    r"\bidentified\b"
    r"|\bfound\s(?:the\s|an\s|a\s)?(?:root\s)?(?:cause|source|issue|problem)\b"
    r"|\bfound\sand\sare\b"
    r"|\b(?:root\s)?cause\s(?:is|was|has\sbeen)\b"
    r"|\bmitigat(?:e|ing|ion|ions)\b"
    r"|\b(?:a|the)\s(?:hot)?fix\b"
    r"|\bhotfix\b"
    r"|\b(?:implement|deploy|roll)ing\s(?:out\s)?(?:a|the)\s(?:hot)?fix"
    r"|\b(?:rolling\sout|rollout)\b"
    r"|\bremediat\w{0,5}"
    r"|\bworking\s(?:on|to|towards)\s(?:restor|recover|repair|fix|address|apply)\w{0,5}"
    r"|\b(?:restoring|addressing|resolving|reindexing|reverting|rolling\sback)\b"
    r"|\bdue\sto\b|\bcaused\sby\b"
)
_MONITORING_RE = at_word_start(
    r"\bmonitor(?:ing)?\b"
    r"|\bseeing\s(?:signs\sof\s|some\s|a\s)?(?:recovery|improvement)"
    r"|\b(?:are|is|continu\w{0,4}\sto)\s(?:slowly\s)?(?:recovering|improving|recover)\b"
    r"|\brecovery\s(?:is\s)?(?:in\sprogress|underway)"
    r"|\b(?:toward|towards)\sfull\srecovery"
    r"|\b(?:have|has|is|are)\s(?:now\s)?(?:been\s)?(?:fully\s)?(?:recovered|mitigated|restored|reverted)\b"
    r"|\b(?:applied|deployed|rolled\sout|implemented|shipped)\s(?:a|the|our)\s(?:\w{1,15}\s)?(?:fix|mitigation|hotfix|change)"
    r"|\b(?:beginning|starting|begun|started)\sto\ssee\b"
    r"|\b(?:fix|mitigation|hotfix)\s(?:is\s|has\sbeen\s)(?:in\splace|deployed|applied|live)"
    r"|\bwith\sthe\sfix\sdeployed\b"
    r"|\bcaught\sup\b|\bback\sto\snormal\b|\breturn(?:ed|ing)?\sto\snormal\b"
    r"|\b(?:running|working|available)\sagain\b"
    r"|\b(?:processing|process)\s(?:the|our|a)\s(?:\w{1,15}\s)?backlog"
    r"|\bbacklog\s(?:continues|is\sbeing)"
    r"|\bcontinu\w{0,4}\sto\ssee\s(?:improvement|recovery)"
    r"|\bwe\s(?:have\s)?(?:mitigated|resolved|restored|addressed)\b"
    r"|\b(?:is|are)\s(?:now\s)?(?:operating|functioning)\snormally\b"
)
_RESOLVED_RE = at_word_start(
    r"\b(?:has|have)\sbeen\s(?:fully\s)?resolved\b"
    r"|\b(?:is|are)\s(?:now\s)?(?:fully\s)?resolved\b"
    r"|\bincident\s(?:is|has\sbeen)\s(?:closed|resolved|over)"
    r"|\b(?:is|are)\s(?:now\s)?(?:complete|up\sto\sdate|fully\soperational)\b"
    r"|\bfully\s(?:recovered|restored|operational)\b"
    r"|\b(?:all\s)?(?:services?|systems?)\s(?:are|is)\s(?:now\s)?(?:operating|functioning|working)\s(?:normally|as\sexpected)"
    r"|\bprocessed\sas\snormal\b"
    r"|\bno\slonger\s(?:experiencing|affected|impacted|seeing)\b"
    r"|\b(?:is|are)\s(?:now\s)?(?:fully\s)?back\s(?:online|up)(?:\sand\srunning)?\s(?:everywhere|for\s(?:all|everyone|everybody))"
    r"|\brestored\s(?:\w{1,15}\s){0,3}?(?:to|for)\sall\s(?:\w{1,15}\s)?(?:customers|users|members|players|regions)"
    r"|\bshould\s(?:now\s)?be\s(?:working|operating|functioning)\s(?:as\sexpected|normally)"
    r"|\b(?:working|operating|functioning)\snormally\sagain\b"
)
# A time window in the past tense marks a retrospective: "From 17:39-18:12 UTC GitHub was down".
_RETROSPECTIVE_RE = compile_lazily(
    r"^\s{0,5}(?:from|between)\s\d{1,2}:?\d{2}\s?(?:utc)?\s?(?:-|to|and|until)\s?\d{1,2}:?\d{2}"
    r"|\bwe\s(?:recently\s|briefly\s)?experienced\s(?:an?\s|the\s|some\s)?(?:\w{1,15}\s){0,3}?(?:incident|outage|disruption|issue|degradation|interruption)"
    r"|\bthe\s(?:root\s)?cause\sof\s(?:this|the|today's|yesterday's)\s(?:\w{1,15}\s){0,2}?(?:outage|incident|disruption|issue)\swas\b",
)
# "until this is resolved" looks ahead; it does not say the incident is resolved.
_CONDITIONAL_RE = compile_lazily(r"\b(?:until|once|when|after|before|if)\b")
# Work still going on keeps a "resolved" wording at monitoring. A plain
# statement that the incident is resolved ("this incident has been resolved")
# is only held back by explicit ongoing work, not by words such as "will" or
# "working normally".
_ONGOING_RE = compile_lazily(
    r"\b(?:still|continu\w{0,4}|remain\w{0,3}|except|but\swe|once|expect\w{0,3}|should|will"
    r"|working\s(?:on|to|towards|through))\b")
_EXPLICIT_ONGOING_RE = compile_lazily(
    r"\b(?:still|continu\w{0,4}|remain\w{0,3}|except|but\s(?:we|some)|however|once|expect\w{0,3}|until"
    r"|not\s(?:yet|fully|all))\b")
_INCIDENT_RESOLVED_RE = at_word_start(
    r"\b(?:this|the|our)\s(?:incident|issue|outage|problem|disruption)\s(?:is|has|was)\s(?:now\s)?(?:been\s)?(?:now\s)?"
    r"(?:fully\s)?(?:resolved|closed|over)\b"
    r"|\bwe\s(?:have\s|'ve\s)?(?:now\s)?(?:fully\s)?resolved\s(?:this|the)\s(?:incident|outage)\b"
)


# A status label the writer put first ("Investigating:", "Identified -", "RESOLVED"), as
# Statuspage and most status pages print it: the writer's own word for the phase.
_LABEL_RE = compile_lazily(
    r"^\W{0,3}(investigating|identified|monitoring|resolved)\b\s{0,3}(?:[:\-\u2013\u2014|]|\n|$)", re.IGNORECASE)


def stated_label(text: str) -> tuple[str, Evidence] | None:
    """The phase a leading status label names, with its span."""
    m = _LABEL_RE.match(text)
    if not m:
        return None
    return m.group(1).lower(), Evidence(m.start(1), m.end(1), text[m.start(1):m.end(1)])


@per_text(1024)  # read for the phase, and again for the features
def find_retrospective(text: str) -> tuple[Evidence, ...]:
    """A past time window or "we experienced an outage": the message looks back."""
    return match_evidence(text, first_matches(_RETROSPECTIVE_RE, fold(text), 1))


@per_text(1024)  # earlier messages are re-read for every new message
def detect_phase(text: str) -> tuple[str | None, tuple[Evidence, ...]]:
    """The phase the message states, with the phrases that decided it."""
    norm = fold(text)
    retro = find_retrospective(text)
    if retro:
        return "resolved", retro
    investigating = first_matches(_INVESTIGATING_RE, norm, 3)
    if investigating:
        cause_found = first_matches(_CAUSE_FOUND_RE, norm, 1)
        if cause_found and not _CAUSE_UNKNOWN_RE.find(norm):
            return "identified", match_evidence(text, cause_found)
        return "investigating", match_evidence(text, investigating)
    resolved = [m for m in first_matches(_RESOLVED_RE, norm, 3) if not _CONDITIONAL_RE.search(norm, max(0, m.start() - 14), m.start())]
    monitoring = first_matches(_MONITORING_RE, norm, 3)
    if resolved:
        explicit = [m for m in first_matches(_INCIDENT_RESOLVED_RE, norm, 3)
                    if not _CONDITIONAL_RE.search(norm, max(0, m.start() - 14), m.start())]
        if explicit and not _EXPLICIT_ONGOING_RE.find(norm):
            return "resolved", match_evidence(text, explicit)
        ongoing = _ONGOING_RE.find(norm)
        if not ongoing:
            return "resolved", match_evidence(text, resolved)
        return "monitoring", match_evidence(text, resolved)
    if monitoring:
        return "monitoring", match_evidence(text, monitoring)
    identified = first_matches(_IDENTIFIED_RE, norm, 3)
    if identified:
        return "identified", match_evidence(text, identified)
    aware = first_matches(_AWARE_RE, norm, 1)
    if aware:
        return "investigating", match_evidence(text, aware)
    return None, ()

