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
from ..text import at_word_start, clause_around, first_matches, fold, match_evidence, per_text, sentences
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
# An investigation told as done, whose findings follow ("based on our investigation, ...", "after
# investigating, we determined", "the investigation has found"), or one that is only begun or promised
# ("we launched an investigation", "we will make an in-depth investigation"), says nothing of the service now.
_INVESTIGATION_TOLD_RE = at_word_start(
    r"\b(?:based\son|following|after|upon|from|through)\s(?:a\s|an\s|the\s|our\s|its\s|their\s|this\s)?(?:\w{1,15}\s){0,3}?"
    r"(?:investigation|investigating|review)s?\b"
    r"|\b(?:the|our|its|this|an|their)\s(?:\w{1,15}\s){0,3}?investigation\s(?:to\sdate\s|so\sfar\s)?"
    r"(?:has\s|had\s|have\s)?(?:now\s)?(?:found|determined|confirmed|shown|showed|revealed|concluded|established|traced)\b"
    r"|\b(?:launched|opened|began|started|commissioned|did|conducted|completed|concluded)\s(?:a\s|an\s|the\s|our\s)?"
    r"(?:\w{1,15}\s){0,3}?investigation\b"
    r"|\b(?:will|to)\s(?:make|do|conduct|carry\sout|launch|undertake)\s(?:a\s|an\s)?(?:\w{1,15}\s){0,3}?investigation\b"
    r"|\b(?:engaged|hired|retained|brought\sin)\s(?:\w{1,15}\s){0,5}?to\sinvestigate\b"
)
# "We are aware of ..." says only that something is wrong: investigating, unless
# the message says more.
_AWARE_RE = compile_lazily(
    r"\b(?:are|is|'re|been\smade)\s(?:now\s)?aware\sof\b"
    r"|\b(?:have|has)\s(?:received|had)\s(?:\w{1,20}\s){0,2}?reports\b"
    r"|\b(?:are|'re)\saware\s(?:and\b|(?:that\s)?(?:some|many|a\snumber\sof)\s(?:\w{1,15}\s)?(?:users|customers|people|members|players)\b)")
# Work on the problem with nothing found yet, read like awareness, only when no other phase is said: "we're
# working to resolve it", "our team is on the case", "we are diagnosing", "responding to a cybersecurity incident".
_ON_IT_RE = at_word_start(
    r"\bworking\s(?:\w{1,15}\s){0,3}?to\s(?:resolve|get\s(?:this|it|things|the\s\w{1,15})\s(?:fixed|resolved|sorted)"
    r"|have\s(?:this|it)\sfixed)\b"
    r"|\bon\sthe\scase\b|\bdiagnosing\b|\bgetting\sto\sthe\sbottom\sof\b|^\W{0,3}checking\b"
    r"|\bresponding\sto\s(?:a|an|the)\s(?:\w{1,15}\s)?(?:incident|attack|outage|issue|problem)\b"
    r"|\bto\s(?:fully|better|properly)\s(?:understand|determine|identify)\b"
    r"|\b(?:work\w{0,3}|attempt\w{0,3}|try\w{0,3}|continu\w{0,4})\s(?:\w{1,15}\s){0,2}?(?:to|towards|on)\smitigat(?:e|ing)\b"
)
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
    # A mitigation in hand ("deploying a mitigation", "mitigating the change"), not work towards one ("we are
    # working to mitigate the issue"), which says only that the team is on it.
    r"|(?<!to\s)(?<!towards\s)(?<!on\s)\bmitigat(?:e|ing)\b|\bmitigations?\b"
    r"|\b(?:a|an|the)\s(?:\w{1,15}\s)?(?:hot)?(?:fix|patch)\b"
    r"|\b(?:is|are)\scausing\b|\bas\sa\sresult\sof\s(?!(?:this|the|that|an?|any)\s(?:\w{1,15}\s)?(?:incident|attack|breach|outage))"
    r"|\b(?:has|had)\sa\sbug\b"
    r"|\bpreparing\sto\s(?:add|deploy|roll|apply|release|restore)\b"
    r"|\b(?:fixing|repairing|replacing|rebuilding)\b|\brestoration\b"
    r"|\bhotfix\b"
    r"|\b(?:implement|deploy|roll)ing\s(?:out\s)?(?:a|the)\s(?:hot)?fix"
    r"|\b(?:rolling\sout|rollout)\b"
    r"|\bremediat\w{0,5}"
    r"|\bworking\s(?:[\w/-]{1,15}\s){0,2}?(?:on|to|towards)\s(?:restor|recover|repair|fix|address|apply)\w{0,5}"
    r"|\b(?:restoring|addressing|resolving|reindexing|reverting|rolling\sback)\b"
    r"|\bdue\sto\b|\bcaused\sby\b"
    # The cause named before its effect, or the fix under way: "the faulty software that has caused these
    # issues is being decommissioned", "steps have been taken to remedy these issues".
    r"|\b(?:that|which)\s(?:has\s|have\s|had\s)?caused\s(?:the|these|this|those|our)\s(?:\w{1,15}\s)?"
    r"(?:issues?|problems?|outages?|disruptions?|errors?|failures?)\b"
    r"|\bbeing\s(?:decommissioned|rolled\sback|reverted|replaced|patched|removed|repaired)\b"
    r"|\b(?:work\w{0,3}|steps|actions?|measures)\s(?:\w{1,15}\s){0,5}?to\s(?:fix|repair|remedy)\b"
)
_MONITORING_RE = at_word_start(
    # Not a service offered to those affected: "free credit monitoring", "identity monitoring".
    r"(?<!credit\s)(?<!identity\s)(?<!fraud\s)(?<!web\s)\bmonitor(?:ing)?\b"
    r"|\bseeing\s(?:signs\sof\s|some\s|a\s|continu\w{0,4}\s)?(?:recovery|improvement)"
    r"|\b(?:are|is|continu\w{0,4}\sto)\s(?:slowly\s)?(?:recovering|improving|recover)\b"
    r"|\brecovery\s(?:is\s)?(?:in\sprogress|underway)"
    r"|\b(?:toward|towards)\sfull\srecovery"
    r"|\b(?:have|has|is|are)\s(?:now\s)?(?:been\s)?(?:\w{1,12}ly\s)?(?:recovered|mitigated|restored|reverted)\b"
    r"|\b(?:applied|deployed|rolled\sout|implemented|shipped)\s(?:a|the|our)\s(?:\w{1,15}\s)?(?:fix|mitigation|hotfix|change|patch)"
    r"|\b(?:beginning|starting|begun|started)\sto\ssee\b"
    r"|\b(?:beginning|starting|begun|began|started)\s(?:\w{1,12}ly\s)?(?:restoring|recovering|to\srestore|to\srecover)\b"
    r"|\b(?:fix|mitigation|hotfix)\s(?:is\s|has\sbeen\s)(?:in\splace|deployed|applied|live)"
    r"|\bwith\sthe\sfix\sdeployed\b"
    r"|\bcaught\sup\b|\bback\sto\snormal\b|\breturn(?:ed|ing)?\sto\snormal\b"
    r"|\b(?:running|working|available)\sagain\b"
    r"|\b(?:processing|process)\s(?:the|our|a)\s(?:\w{1,15}\s)?backlog"
    r"|\bbacklog\s(?:continues|is\sbeing)"
    # Data caught up after the fix: "we've reindexed half of the pull requests", "reprocessing of pushes continues".
    r"|(?<!will\sbe\s)(?<!to\s)\b(?:reprocess|reindex|backfill|resync)(?:ing|ed)?\b"
    r"|\b(?:is|are)\snow\s(?:partially\s)?available\s(?:again|in|for|to)\b"
    r"|\bcontinu\w{0,4}\sto\ssee\s(?:improvement|recovery)"
    r"|\bwe\s(?:have\s)?(?:mitigated|resolved|restored|addressed)\b"
    r"|\b(?:is|are)\s(?:now\s)?(?:operating|functioning)\snormally\b"
    r"|\b(?:is|are)\s(?:already\s|now\s)?back\s(?:up|online)\b"
    r"|\bpartially\s(?:restored|recovered|resolved|available)\b"
    r"|(?<!will\s)\bcontinu\w{0,4}\sto\s(?:operate|work|function)\snormally\b"
    # A tail hedged: "users may still be experiencing some issues".
    r"|\b(?:may|might|could)\sstill\sbe\s(?:experiencing|seeing|affected|impacted)\b"
    # Recovery told as under way: "coming back online now", "operations are resuming gradually", "services are
    # gradually being restored", "traffic is being allowed incrementally", "running at 50 percent of capacity".
    r"|\b(?:coming|come)\sback\s(?:online|up)\b"
    r"|\b(?:is|are)\s(?:now\s)?(?:gradually\s|slowly\s|steadily\s|progressively\s)?resuming\b|\bresuming\s(?:gradually|slowly|steadily)\b"
    r"|\b(?:is|are)\s(?:now\s)?(?:gradually\s|slowly\s|steadily\s|progressively\s)?being\s(?:restored|reconnected|brought\sback)\b"
    r"|\bbeing\s\w{2,15}ed\s(?:incrementally|gradually|progressively|in\sstages)\b"
    r"|\brunning\sat\s(?:about\s|approximately\s|around\s|roughly\s)?\d+\s?(?:%|percent|per\scent)\sof\s(?:its\s|our\s)?(?:normal\s)?capacity\b"
)
_PROBLEM_FIXED = (
    r"\b(?:has|have|'ve)\s(?:now\s)?(?:identified\sand\s)?(?:fully\s)?(?:resolved?|fixed|corrected)\s"
    r"(?:the|this|these|all|an|their)\s(?:\w{1,15}\s){0,2}?(?:issues?|problems?|incidents?|outages?|errors?|failures?)\b"
    r"|\b(?:issues?|problems?|errors?|failures?)\s(?:has|have)\sbeen\s(?:fixed|corrected|repaired)\b"
    r"|\b(?:issues?|problems?|errors?|failures?|bugs?)\s(?:[\w-]{1,15}\s){0,3}?(?:is|are)\s(?:now\s)?(?:fully\s)?(?:fixed|corrected|repaired)\b"
    r"|\bdeclared\s(?:the|this)\s(?:issue|incident|outage)\sresolved\b"
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
    # The problem itself said to be fixed: "the team has resolved the issue", "we have fixed the problem".
    rf"|{_PROBLEM_FIXED}"
    r"|\b(?:is|are)\s(?:now\s(?:fully\s)?|back\s(?:up\s)?(?:and\s)?|back\sto\sbeing\s)(?:operational|healthy)\b"
    r"|\b(?:has|have)\s(?:now\s|since\s)?(?:been\s)?(?:fully\s)?(?:recovered|restored)\b"
    r"|\b(?:has|have)\s(?:now\s)?(?:returned|been\sreturned)\b"
    r"|\breturned\sto\snormal\s(?:operations?|levels?|traffic|performance|service)\b"
    r"|\b(?:fix|change|rollback)\s(?:was|has\sbeen)\s(?:successful|effective)\b"
    r"|\b(?:issues?|problems?|incidents?|outages?)\s(?:was|were)\s(?:fully\s)?(?:resolved|fixed)\b"
    r"|\bshould\s(?:now\s)?be\s(?:fully\s)?resolved(?:\snow)?\b"
    r"|\b(?:resumed|returned\sto)\s(?:normal|regular)\s(?:operations?|service)\b"
    r"|\bnow\sworking\sproperly\b"
    # Fixed or addressed as a state: "issues which have now been fixed", "the cause has been addressed".
    r"|\b(?:has|have)\s(?:now\s|since\s|already\s)?been\s(?:fixed|corrected|repaired|addressed)\b"
    r"|\b(?:have|has|'ve)\s(?:already\s|now\s)?(?:fixed|corrected|addressed)\s(?:the|this|these|that)\s(?:\w{1,15}\s){0,2}?"
    r"(?:issues?|problems?|bugs?|faults?|errors?|cause)\b"
    # A security incident ended: contained, stopped or shut off.
    r"|\b(?:attack|breach|intrusion|compromise|incident|access|threat|activity)\s(?:has|had|was|have|were)\s(?:now\s)?(?:been\s)?"
    r"(?:fully\s)?(?:contained|stopped|shut\s(?:off|down)|closed\soff|blocked|ended)\b"
    r"|\b(?:contained|stopped|closed\soff|shut\soff|blocked|ended)\s(?:the|this|that|an?)\s(?:\w{1,15}\s){0,2}?"
    r"(?:attack|breach|intrusion|unauthori[sz]ed\saccess|access)\b"
    # Use given back: "users should once again be able to sign in", "customers can use the app as normal".
    r"|\b(?:should\s(?:now\s)?)?once\sagain\s(?:be\s)?able\sto\b"
    r"|\b(?:can|could)\s(?:now\s)?(?:once\sagain\s)?(?:use|access)\s(?:\w{1,15}\s){0,3}?(?:as\snormal|normally)\b"
)
# A time window in the past tense marks a retrospective: "From 17:39-18:12 UTC GitHub was down".
_CLOCK = r"\d{1,2}(?::\d{2})?\s?(?:am|pm)?"
_DATE = r"(?:\d{4}[/.-]\d{1,2}[/.-]\d{1,2}\s)?"
_ZONE = r"(?:\(?[a-z]{2,4}\)?\s?)?"
_ON_DAY = r"(?:on\s[a-z]{3,9}\s\d{1,2}(?:st|nd|rd|th)?\s)?"
_WINDOW = (rf"(?:from|between)\s{_DATE}\d{{1,2}}:\d{{2}}\s?(?:am|pm)?\s?{_ZONE}{_ON_DAY}(?:-|\u2013|to|and|until)\s?{_DATE}{_CLOCK}"
           rf"|began\s(?:at\s|around\s|about\s)?\d{{1,2}}:\d{{2}}\s?(?:am|pm)?\s?{_ZONE}and\s(?:ended|end)\s(?:at\s|around\s|about\s)?{_CLOCK}")
_RETROSPECTIVE_RE = compile_lazily(
    rf"^\W{{0,5}}(?:on\s(?:\w{{1,12}}\s){{1,4}}?(?:\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?),?\s)?(?:{_WINDOW})"
    r"|\bwe\s(?:recently\s|briefly\s)?experienced\s(?:an?\s|the\s|some\s)?(?:\w{1,15}\s){0,3}?(?:incident|outage|disruption|issue|degradation|interruption)"
    r"|\bthe\s(?:root\s)?cause\sof\s(?:this|the|today's|yesterday's)\s(?:\w{1,15}\s){0,2}?(?:outage|incident|disruption|issue)\swas\b"
    # A disruption told with its length, in the past: "users experienced errors for 12 minutes".
    r"|\b(?:experienced|saw|suffered)\s(?:\w{1,15}\s){0,4}?(?:for|of)\s(?:about\s|approximately\s|around\s|roughly\s|~)?"
    r"\d+\s(?:minutes?|mins?|hours?|seconds?)\b"
    r"|\b(?:had|experienced|saw)\san?\s(?:brief\s)?\d+[\s-](?:minute|hour|second)\b",
)
# An incident named by the day it happened ("Thursday's outage", "the outage on 5/27/2014", "our outage
# last Friday", "in May of 2020, we discovered"): a look back, unless something is said to go on.
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
          r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)")
_PAST_DAY = (rf"(?:last\s(?:{_WEEKDAY}|week|night|weekend|month)|(?:on\s)?{_WEEKDAY}"
             rf"|yesterday|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|{_MONTH}\s\d{{1,2}}(?:st|nd|rd|th)?,?\s\d{{4}})")
_INCIDENT_NOUN = r"(?:outages?|incidents?|disruptions?|interruptions?|attacks?|breach|failures?|problems?|issues?)"
_DAY_NAMED = (rf"\b(?:{_WEEKDAY}|yesterday|last\snight)'?s\s(?:\w{{1,15}}\s){{0,2}}?{_INCIDENT_NOUN}\b"
              rf"|\b{_INCIDENT_NOUN}\s(?:\w{{1,15}}\s){{0,3}}?(?:on|last)\s(?:\w{{1,12}}\s)?{_PAST_DAY}"
              rf"|\b{_INCIDENT_NOUN}\s(?:that\s|which\s)?(?:\w{{1,15}}\s){{0,3}}?(?:faced|had|suffered|experienced)\s(?:on\s|last\s){_PAST_DAY}"
              rf"|^\W{{0,3}}in\s{_MONTH}\s(?:of\s)?\d{{4}},\s(?:we|an?|the)\b")
# A past window further on ("users may have seen errors between 15:30 and 15:46 UTC") looks back only if
# nothing is said to be still going on.
_WINDOW_RE = compile_lazily(rf"\b(?:{_WINDOW})|{_DAY_NAMED}")
# A window ahead ("between 10:00 and 12:00 UTC we will upgrade") is a plan, not a look back.
_AHEAD_RE = compile_lazily(r"\b(?:will|scheduled|planned|plan\sto|expect\w{0,3}|upcoming|maintenance\swindow)\b")
_SORRY_RE = compile_lazily(r"\b(?:sorry|apologi[sz]e\w{0,2}|regret\w{0,3}|inconvenience|frustrat\w{0,5})\b")
# "until this is resolved" looks ahead; it does not say the incident is resolved.
_CONDITIONAL_RE = compile_lazily(r"\b(?:until|once|when|after|before|if)\b"
                                  # an aim: "working to get the wait time back to normal"
                                  r"|\b(?:to|and)\s(?:get|bring|return)\b")
# The state of the parts the incident spared: "all other Actions services are operating normally".
_OTHER_PARTS_RE = compile_lazily(r"^\W{0,3}(?:all\s|the\s)?other\s|\bunaffected\b|\bnot\s(?:impacted|affected)\b")
# Work still going on keeps a "resolved" wording at monitoring. A plain
# statement that the incident is resolved ("this incident has been resolved")
# is only held back by explicit ongoing work, not by words such as "will" or
# "working normally".
_ONGOING_RE = compile_lazily(
    r"\b(?:still|continu\w{0,4}|remain\w{0,3}|except|but\swe|once|(?<!to\s)expect\w{0,3}|should|will"
    r"|working\s(?:on|to|towards|through)|(?:are|is|'re)\s(?:\w{1,12}ly\s)?monitoring|while\swe\s(?:\w{1,12}ly\s)?monitor"
    r"|(?:is|are)\sbeing\s\w{2,20}(?:ed|en))\b")
# Restored for a share or a part ("for 40% of users", "across a number of sites"): recovery under way.
_PART_RE = compile_lazily(
    r"\d\s?%|\bper\s?cent\b|\b(?:some|most|many|several|a\snumber\sof|a\s(?:subset|portion|majority)\sof|partial(?:ly)?)\b")
# A sentence about the reader's own next step, the aftermath or thanks says nothing of work still going on:
# "if you continue to see errors, contact support", "our teams will be working on a post-incident report",
# "thank you for your continued patience", "keeping customers connected remains our priority".
_NOT_THE_SERVICE_RE = compile_lazily(
    r"^\W{0,3}(?:if|should\syou|please)\b"
    r"|\b(?:thank\w{0,3}|patience|apolog\w{0,5}|sorry|priority|post[\s-]?(?:incident|mortem)|postmortem"
    r"|root\scause|review|prevent\w{0,3}|recur\w{0,6}|reoccur\w{0,6}|happen\sagain|learn\w{0,3}"
    r"|avoid\w{0,3}|improvements?|do\sbetter|in\sthe\sfuture|moving\sforward|going\sforward)\b"
    # Making good to those affected, promised: "members will automatically receive 5 days of service", "affected
    # customers will be contacted", "we will credit this month's fees" (not "some still see failed refunds").
    r"|\bwill\s(?:\w{1,15}\s){0,2}?(?:receive|credit|refund|compensate|be\s(?:contacted|credited|refunded|compensated|notified))\b")
_EXPLICIT_ONGOING_RE = compile_lazily(
    r"\b(?:still|continu\w{0,4}|remain\w{0,3}|except|but\s(?:we|some)|however|once|expect\w{0,3}|until"
    r"|not\s(?:yet|fully|all))\b")
_INCIDENT_RESOLVED_RE = at_word_start(
    r"\b(?:this|the|our)\s(?:incident|issue|outage|problem|disruption)\s(?:is|has|was)\s(?:now\s)?(?:been\s)?(?:now\s)?"
    r"(?:fully\s)?(?:resolved|closed|over)\b"
    r"|\bwe\s(?:have\s|'ve\s)?(?:now\s)?(?:fully\s)?resolved\s(?:this|the)\s(?:incident|outage)\b"
    rf"|{_PROBLEM_FIXED}"
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


# An account of the failure in the past, told from a clock time or by what the product went through:
# "At 15:46 UTC today, a configuration update triggered a bug", "Google Cloud ... experienced increased
# 503 errors", "two incidents on Heroku's side caused errors". A look back only when nothing in the
# message is said to be going on now.
_ACCOUNT_FROM_A_CLOCK_RE = compile_lazily(
    r"\W{0,5}at\s(?:about\s|approximately\s|around\s)?\d{1,2}:\d{2}\s?(?:[ap]\.?m\.?)?\s?(?:[a-z]{2,4}\b)?,?\s?"
    r"(?:(?:today|yesterday|on\s[\w, ]{3,30}?),?\s)?(?:[\w'-]{1,20}\s){1,12}?"
    r"(?:triggered|caused|executed|began|started|failed|experienced|went|deployed|pushed|introduced|was|were)\b"
)  # matched at the start of the message
_PAST_ACCOUNT_RE = at_word_start(
    r"\b(?:experienced|suffered|saw)\s(?:an?\s|the\s|some\s)?(?:\w{1,15}\s){0,3}?(?:errors|failures|outages?|disruptions?|downtime)\b"
    r"|\b(?:caused|resulted\sin|led\sto)\s(?:\w{1,15}\s){0,3}?(?:errors|failures|an?\soutage|downtime|disruption|saturation)\b"
    r"|\bwe\shad\san?\s(?:\w{1,15}\s){0,2}?(?:problem|issue|outage|fault|failure)\b"
)
# Said to be going on now: "we are investigating", "users are seeing errors", "is being rolled out".
_GOING_ON_NOW_RE = compile_lazily(
    r"\b(?:are|is|'re|am)\s(?:\w{1,12}ly\s|now\s|still\s)?(?:investigating|working|looking|monitoring|seeing|experiencing|deploying"
    r"|rolling|applying|continuing|restoring|recovering|affected|impacted|unable|down|unavailable|degraded|being)\b"
    r"|\b(?:continu\w{0,4}|ongoing|remains?|still|currently|until|once|will|expect\w{0,3})\b"
)

# The service told as settled, in so many words and nothing more: "HCP Boundary clusters are operational",
# "all systems nominal", "failed hardware has been replaced", "we no longer observe latency". Resolved only
# where no other phase is said (a cause or a fix is not "nothing more") and nothing is said to go on now.
_SETTLED_RE = at_word_start(
    r"\b(?:is|are|remains?|remaining)\s(?:now\s)?(?:fully\s)?(?:operational|healthy|nominal|stable)\b"
    r"|\bsystems\s(?:appear\s|are\s)?nominal\b|\bback\sto\sbaseline\b"
    r"|\b(?:has|have)\s(?:now\s)?been\s(?:completed|replaced)\b"
    r"|\bno\slonger\s(?:occurring|happening|present|observed|encountering)\b|\bwe\sno\slonger\s(?:observe|see|detect)\b"
)

# A fix still going out ("we are deploying a fix and are monitoring it", "we continue to monitor the rollout of
# the fix"): watching its rollout is not yet watching a service with the fix in place.
_FIX_GOING_OUT_RE = compile_lazily(
    r"\b(?:deploying|rolling\sout|implementing|applying)\s(?:a|the|our)\s(?:\w{1,15}\s)?fix\b"
    r"|\bmonitor\w{0,3}\s(?:the\s)?(?:rollout|roll-out|deployment)\b"
)


@per_text(1024)  # read for the phase, and again for the features
def find_retrospective(text: str) -> tuple[Evidence, ...]:
    """A past time window or "we experienced an outage": the message looks back."""
    norm = fold(text)
    looks_back = first_matches(_RETROSPECTIVE_RE, norm, 3)
    if not looks_back:
        looks_back = [m for m in first_matches(_WINDOW_RE, norm, 1) if not _still_going(norm, [m])]
    if not looks_back:
        # Read first, as it is rarely there and cheap to rule out (a match at the start, words indexed).
        clock = _ACCOUNT_FROM_A_CLOCK_RE.match(norm)
        account = [clock] if clock else first_matches(_PAST_ACCOUNT_RE, norm, 1)
        if account and not _said_to_go_on_now(norm):
            looks_back = account
    looks_back = [m for m in looks_back if not _AHEAD_RE.search(norm, *_sentence_around(norm, m.start()))]
    return match_evidence(text, looks_back[:1])


def _said_to_go_on_now(norm: str) -> bool:
    """Whether a sentence about the service says something goes on now; the apology, the thanks and the
    promises about the future ("we will do better", "to prevent this happening again") do not."""
    return _said_of_the_service(norm, _GOING_ON_NOW_RE)


def _sentence_around(text: str, at: int) -> tuple[int, int]:
    for start, end in sentences(text):
        if start <= at < end:
            return start, end
    return at, at


def _harm_caused(norm: str, m) -> bool:
    """"The inconvenience this is causing": what an apology says is caused is harm, not a cause found."""
    return m.group().startswith("is causing") and _SORRY_RE.search(norm, *_sentence_around(norm, m.start())) is not None


def _clause_start(norm: str, at: int, reach: int) -> int:
    """Where the clause that ``at`` is in begins, looking back at most ``reach`` characters."""
    start = max(0, at - reach)
    for mark in ".,;:!?\n":
        start = max(start, norm.rfind(mark, start, at) + 1)
    return start


def _conditional(norm: str, at: int) -> bool:
    """Whether the clause before ``at`` makes what follows a condition: "once the service is operational"."""
    return _CONDITIONAL_RE.search(norm, _clause_start(norm, at, 40), at) is not None


def _not_the_service_now(norm: str, at: int) -> bool:
    """Whether the clause before ``at`` makes what follows a condition or an aim, or is about the parts not
    affected ("all other services are operating normally")."""
    start = _clause_start(norm, at, 60)
    return (_CONDITIONAL_RE.search(norm, max(start, at - 40), at) is not None
            or _OTHER_PARTS_RE.search(norm[start:at]) is not None)


def _restored_for_a_share(norm: str, m) -> bool:
    """Whether the clause of the resolved wording names a share: "restored for 40% of users", "some services
    have been restored". Who was affected, told in another clause ("some customers saw errors, which have
    now been fixed", "most importantly, service is restored"), is not a share restored."""
    start, end = _sentence_around(norm, m.start())
    left, right = clause_around(norm[start:end], m.start() - start, m.end() - start)
    which = norm.rfind(" which ", start + left, m.start())
    return _PART_RE.search(norm, which + 1 if which >= 0 else start + left, start + right) is not None


def _still_going(norm: str, resolved: list) -> bool:
    """Whether work on the service is said to go on, beside wording that says it is resolved (cues inside
    that wording itself, "should now be working normally", do not count)."""
    return _said_of_the_service(norm, _ONGOING_RE, resolved)


def _said_of_the_service(norm: str, cues, besides: list = ()) -> bool:
    """Whether ``cues`` match outside the spans ``besides`` in a sentence about the service, not about the
    reader's next step, the aftermath or thanks."""
    for start, end in sentences(norm):
        if not cues.may_match_in(norm, start, end):
            continue
        sentence = norm[start:end]
        if _NOT_THE_SERVICE_RE.search(sentence):
            continue
        for m in cues.finditer(sentence):
            at = start + m.start()
            if not any(r.start() <= at < r.end() for r in besides):
                return True
    return False


@per_text(1024)  # earlier messages are re-read for every new message
def detect_phase(text: str) -> tuple[str | None, tuple[Evidence, ...]]:
    """The phase the message states, with the phrases that decided it."""
    norm = fold(text)
    retro = find_retrospective(text)
    if retro:
        return "resolved", retro
    investigating = first_matches(_INVESTIGATING_RE, norm, 3)
    if investigating:
        told = first_matches(_INVESTIGATION_TOLD_RE, norm, 5)
        if told:
            investigating = [m for m in investigating
                             if not any(t.start() <= m.start() < t.end() for t in told)]
    if investigating:
        cause_found = first_matches(_CAUSE_FOUND_RE, norm, 1)
        if cause_found and not _CAUSE_UNKNOWN_RE.find(norm):
            return "identified", match_evidence(text, cause_found)
        return "investigating", match_evidence(text, investigating)
    resolved = [m for m in first_matches(_RESOLVED_RE, norm, 3)
                if not _not_the_service_now(norm, m.start())]
    monitoring = [m for m in first_matches(_MONITORING_RE, norm, 3)
                  if not _not_the_service_now(norm, m.start())]
    if resolved:
        explicit = [m for m in first_matches(_INCIDENT_RESOLVED_RE, norm, 3)
                    if not _conditional(norm, m.start())]
        if explicit and not _EXPLICIT_ONGOING_RE.find(norm) and not any(
                _restored_for_a_share(norm, m) for m in explicit):
            return "resolved", match_evidence(text, explicit)
        if not _still_going(norm, resolved) and not any(_restored_for_a_share(norm, m) for m in resolved):
            return "resolved", match_evidence(text, resolved)
        return "monitoring", match_evidence(text, resolved)
    if monitoring:
        if all(m.group().startswith("monitor") for m in monitoring):
            going_out = first_matches(_FIX_GOING_OUT_RE, norm, 1)
            if going_out:
                return "identified", match_evidence(text, going_out)
        return "monitoring", match_evidence(text, monitoring)
    identified = [m for m in first_matches(_IDENTIFIED_RE, norm, 3) if not _harm_caused(norm, m)]
    if not identified:
        settled = first_matches(_SETTLED_RE, norm, 1)
        if settled and not _said_to_go_on_now(norm):
            return "resolved", match_evidence(text, settled)
    if identified:
        return "identified", match_evidence(text, identified)
    on_it = first_matches(_AWARE_RE, norm, 1) or first_matches(_ON_IT_RE, norm, 1)
    if on_it:
        return "investigating", match_evidence(text, on_it)
    return None, ()

