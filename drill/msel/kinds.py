"""A row's Delivery Method and Inject Type as a drill inject type, and the channel its answer goes on.

A drill type's id or label ("press_call", "Press call") and the common names of a medium
("E-mail", "Slack", "Tweet") are read as they are, with or without a note in brackets ("Email (read
aloud)"); a value that only mentions one ("Phone call from a reporter", "Helpdesk escalation", "News
alert (email)") is a guess, and the importer warns where it guessed.
HSEEP's inject categories (Contextual, Expected action, Contingency) say nothing about the medium.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drill.msel.columns import normalise
from drill.scenario.model import INJECT_TYPE_LABELS

# Read as they are: the drill's own names, and names of a medium that leave no doubt.
_EXACT = {normalise(name): type_id for type_id, label in INJECT_TYPE_LABELS.items() for name in (type_id, label)}
_EXACT.update({normalise(name): type_id for type_id, names in {
    "alert": ("Alert", "Alarm", "Page", "Pager", "Monitoring alert", "SIEM alert", "EDR alert", "System alert"),
    "chat": ("Chat", "Slack", "Teams", "Teams chat", "Instant message", "IM", "SMS", "Text message"),
    "email": ("Email", "E-mail", "Mail", "Letter", "Memo"),
    "ticket": ("Ticket", "Support ticket", "Helpdesk ticket", "Service desk ticket"),
    "press_call": ("Press call", "Media call", "Media inquiry", "Media enquiry", "Press inquiry", "Press enquiry",
                   "Reporter call", "Journalist call"),
    "social_post": ("Social media", "Social", "Tweet", "Twitter", "X", "X post", "Facebook", "LinkedIn", "Reddit",
                    "Mastodon", "Social media post"),
    "exec_request": ("Executive request", "Exec request", "Leadership request", "Board request"),
    "fact_update": ("Fact update", "Situation report", "Sitrep", "Situation update", "Intel update"),
    "note": ("Note", "Facilitator note", "Controller note", "Narrative", "Read aloud", "SimCell", "Sim Cell",
             "Exercise control", "Controller", "Facilitator"),
}.items() for name in names})

_NOTE = re.compile(r"\(([^)]*)\)")  # a parenthesised note in a value: "News alert (email)"

# Words that suggest a type, tried in this order: the first type with a word in the value wins.
_HINTS = (
    ("press_call", ("press", "media", "reporter", "journalist", "newspaper", "tv", "radio")),
    ("social_post", ("social", "tweet", "twitter", "facebook", "linkedin", "reddit", "instagram", "tiktok", "post",
                     "forum", "blog", "news")),
    ("email", ("email", "mail", "letter", "memo", "fax", "outlook")),
    ("ticket", ("ticket", "helpdesk", "servicedesk", "jira", "servicenow", "support", "queue", "case")),
    ("exec_request", ("executive", "exec", "ceo", "cfo", "coo", "board", "leadership", "management")),
    ("alert", ("alert", "alarm", "page", "pager", "monitoring", "siem", "edr", "ids", "dashboard", "system",
               "log", "logs", "detection", "notification")),
    ("fact_update", ("update", "sitrep", "intel", "intelligence", "briefing", "report", "fact", "facts")),
    ("note", ("facilitator", "controller", "simcell", "narrative", "scenario", "note", "read", "verbal",
              "inperson", "person", "handout", "video")),
    ("chat", ("chat", "slack", "teams", "message", "messenger", "whatsapp", "signal", "sms", "text", "phone",
              "call", "telephone", "voicemail", "conversation", "meeting", "bridge")),
)
_PRESS_SENDERS = ("reporter", "journalist", "press", "media", "news", "editor", "correspondent", "daily", "herald",
                  "gazette", "tribune", "journal", "magazine", "times", "chronicle", "radio", "tv")
# HSEEP's categories of inject: what kind of injection, not how it is delivered.
CATEGORIES = {normalise(name) for name in (
    "Contextual", "Contextual inject", "Expected action", "Expected action inject", "Contingency",
    "Contingency inject", "Information", "Informational", "Action", "Decision", "Scripted", "Ad hoc", "Ad-hoc",
    "Requested action", "Event",
)}

# The channels an answer can go on that the importer knows how to declare: id -> (audience, max_chars, name).
STANDARD_CHANNELS = {
    "incident_chat": ("internal", None, "Incident channel"),
    "status_page": ("public", 1500, "Status page"),
    "social": ("public", 280, "Social media"),
    "press": ("public", None, "Press statement"),
    "support_reply": ("public", 1200, "Support reply to customers"),
    "exec_brief": ("internal", 1200, "Executive brief"),
}
INTERNAL_CHANNEL = "incident_chat"
_PUBLIC_WORDS = ("public", "customer", "customers", "status", "social", "press", "media", "website", "statement")


@dataclass(frozen=True)
class Kind:
    type: str  # a drill inject type
    guessed: bool  # not read exactly: the importer warns
    source: str  # which value it was read from ("method", "type" or "" for the default)


def inject_kind(method: str, category: str, sender: str = "") -> Kind:
    """The type a row's Delivery Method (``method``) and Inject Type (``category``) describe.

    The method comes first (it names the medium); an HSEEP category in Inject Type names none.
    """
    for value, source in ((method, "method"), (category, "type")):
        exact = _EXACT.get(normalise(value)) or _EXACT.get(normalise(_NOTE.sub(" ", value)))
        if exact:  # "Email" or "Email (read aloud)"
            return Kind(exact, False, source)
    for value, source in ((method, "method"), (category, "type")):
        if not value.strip() or normalise(value) in CATEGORIES:
            continue
        noted = [_EXACT.get(normalise(note)) for note in _NOTE.findall(value)]
        noted = [type_id for type_id in noted if type_id and type_id != "note"]
        if noted:  # "News alert (email)": the note names the medium ("(facilitator)" names who plays it)
            return Kind(noted[0], True, source)
        guess = _guess(value, sender)
        return Kind(guess, True, source)
    return Kind("chat", True, "")


def _guess(value: str, sender: str) -> str:
    words = set(re.findall(r"[a-z0-9]+", value.lower()))
    words |= {normalise(value)}
    if {"status", "page"} <= words or "statuspage" in words:  # a request to post there, not a pager
        return "chat"
    for type_id, hints in _HINTS:
        if words & set(hints):
            if type_id == "chat" and words & {"phone", "call", "telephone", "voicemail"} and _is_press(sender):
                return "press_call"
            return type_id
    return "chat"


def _is_press(sender: str) -> bool:
    return bool(set(re.findall(r"[a-z]+", sender.lower())) & set(_PRESS_SENDERS))


def answer_channel(inject_type: str, method: str) -> str:
    """Where an answer to a row goes: a public channel its type or method names, else the incident channel."""
    words = set(re.findall(r"[a-z]+", method.lower()))
    if "status" in words and ("page" in words or "statuspage" in normalise(method)) or "statuspage" in words:
        return "status_page"
    return {"press_call": "press", "social_post": "social", "ticket": "support_reply"}.get(inject_type, INTERNAL_CHANNEL)


def audience_of(name: str) -> tuple[str, bool]:
    """A new channel's audience from its name, and whether that was a guess (always, but for 'internal')."""
    words = set(re.findall(r"[a-z]+", name.lower()))
    if "internal" in words:
        return "internal", False
    if words & set(_PUBLIC_WORDS):
        return "public", True
    return "internal", True
