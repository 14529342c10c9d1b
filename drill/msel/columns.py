"""Which column holds what: headers read case- and punctuation-insensitively.

Three column sets are known by their headers (an HSEEP-style MSEL, a Conducttr MEL and a CMU
Blueprint export), and any column's header is looked up on its own, so a sheet that mixes them, or
adds columns of its own, still reads. A column no field claims is kept in each inject's ``meta``
under its header's name; a map file (``drill.msel.mapfile``) names the columns of any other sheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# The fields an inject is built from; `meta` keeps a column as written, `ignore` drops it.
FIELDS = (
    "serial", "time", "type", "method", "from", "to", "text", "title", "expected", "within", "notes",
    "tags", "attachments", "channel", "responders", "severity", "read_aloud", "questions", "red_flags",
    "success", "hints", "meta", "ignore",
)

# Header (normalised) -> (field, rank). When two columns claim one field, the lower rank wins and
# the other is kept in meta: a CMU sheet's Exercise Time is when an inject is delivered, its
# Simulated Time the fiction's clock.
_ALIASES: dict[str, tuple[str, int]] = {}


def _add(field_name: str, rank: int, *headers: str) -> None:
    for header in headers:
        _ALIASES[normalise(header)] = (field_name, rank)


def normalise(header: str) -> str:
    """``"Expected Action(s)"`` -> ``expectedaction``; ``"Inject #"`` -> ``injectno``."""
    text = header.lower().replace("#", " no ").replace("(s)", "")
    return "".join(re.findall(r"[a-z0-9]+", text))


_add("serial", 0, "Seq No", "Seq", "Sequence", "Sequence No", "Sequence Number", "Serial", "Serial No",
     "Serial Number", "Inject No", "Inject Number", "Inject ID", "Inject Ref", "MSEL No", "MSEL Number", "MSEL ID",
     "Event No", "Event Number", "Event ID", "No", "Number", "ID", "Ref", "Reference")
_add("time", 0, "Exercise Time", "Inject Time", "Delivery Time", "Release Time", "Time", "Timing", "When", "T+",
     "T+ min", "T+ minute", "H+", "Real Time", "Elapsed Time", "Time Offset")
_add("time", 1, "Scenario Time", "Designated Scenario Time", "Start Time", "Start", "Clock Time")
_add("time", 2, "Simulated Time")
_add("type", 0, "Inject Type", "Type", "Category", "Kind", "Event Type")
_add("method", 0, "Delivery Method", "Method", "Delivery", "Medium", "Mode", "Channel", "Delivery Channel",
     "Inject Method", "Inject Mode", "Delivery Mechanism", "Means")
_add("from", 0, "From", "Originator", "Sender", "Source", "Sent By", "From Originator", "Character", "Persona")
_add("to", 0, "To", "Recipient", "Recipients", "Player", "Players", "Target", "Sent To", "To Role",
     "To Recipient", "To Recipient Player", "Recipient Player", "Intended Player", "Intended Recipient", "Audience")
_add("text", 0, "Inject", "Inject Text", "Inject Description", "Inject Message", "Message", "Message Text")
_add("text", 1, "Description", "Event Description", "Content", "Content Summary", "Inject Content",
     "Inject Summary", "Event Synopsis", "Synopsis", "Body", "Event", "Statement")
_add("title", 0, "Title", "Subject", "Inject Title", "Inject Name", "Headline")
_add("title", 1, "Name", "Summary")
_add("expected", 0, "Expected Action", "Expected Actions", "Expected Outcome", "Expected Player Action",
     "Expected Response", "Expected Player Response", "Expected Player Actions", "Expected Participant Action",
     "Expected Participant Response", "Desired Outcome")
_add("within", 0, "Response Time", "Maximum", "Max Response Time", "Response Within", "Within", "Time Limit",
     "Response Window", "Time To Respond", "Respond Within", "Response Time Maximum")
_add("notes", 0, "Notes", "Note", "Controller Notes", "Facilitator Notes", "Notes Remarks")
_add("notes", 1, "Details", "Remarks", "Comments", "Comment")
_add("tags", 0, "Tag", "Tags", "Label", "Labels", "Keywords")
_add("attachments", 0, "Attachment", "Attachments", "File", "Files", "Document", "Documents", "Media",
     "Artifact", "Artifacts", "Supporting Documents", "Exhibit", "Exhibits", "Attached File")
_add("channel", 0, "Response Channel", "Reply Channel", "Respond On", "Answer On", "Response Via")
_add("responders", 0, "Response Role", "Response Roles", "Responder", "Responders", "Responding Role",
     "Answered By")
_add("severity", 0, "Severity", "Sev")
_add("read_aloud", 0, "Read Aloud", "Script", "Facilitator Script")
_add("questions", 0, "Discussion Questions", "Discussion Question", "Key Questions", "Questions", "Question",
     "Discussion Points", "Prompts For Discussion")
_add("red_flags", 0, "Red Flags", "Red Flag", "Warning Signs", "Pitfalls", "Watch For")
_add("success", 0, "Success Criteria", "Success Criterion", "Measure Of Success", "Measures Of Success",
     "Evaluation Criteria")
_add("hints", 0, "Hints", "Hint", "Prompts", "Facilitator Prompts", "Nudges")

# Columns kept in meta under a fixed key, so a sheet's own spelling does not change the key.
_META_KEYS = {normalise(header): key for header, key in (
    ("Group", "group"), ("Move", "move"), ("Status", "status"), ("Faction", "faction"), ("Team", "team"),
    ("Order", "order"), ("Assigned To", "assigned_to"), ("Date", "date"), ("Objective", "objective"),
    ("Objectives", "objective"), ("Exercise Objective", "objective"), ("Core Capability", "capability"),
    ("Capability", "capability"), ("Responsible Controller", "controller"),
    ("Location", "location"), ("Priority", "priority"), ("Condition", "condition"), ("Trigger", "condition"),
    ("Controller", "controller"), ("Owner", "owner"), ("Responsible", "owner"),
)}

# The sets we know, by their headers as their own templates spell them.
COLUMN_SETS = {
    "an HSEEP-style MSEL": ("Seq No", "Scenario Time", "Inject Type", "Delivery Method", "From", "Originator", "To",
                            "Recipient", "Player", "Inject", "Expected Action", "Response Time", "Notes"),
    "a Conducttr MEL": ("Time", "From", "Faction", "To", "Team", "Method", "Subject", "Message", "Expected action",
                        "Tag"),
    "a CMU Blueprint export": ("Order", "Group", "Move", "Assigned To", "Status", "Exercise Time", "Simulated Time",
                               "Title", "Description", "To", "From", "Details", "Expected Actions"),
}
_SET_KEYS = {name: {normalise(header) for header in headers} for name, headers in COLUMN_SETS.items()}


@dataclass(frozen=True)
class Column:
    index: int  # 0-based
    header: str
    field: str  # one of FIELDS
    meta_key: str = ""  # for field "meta"


@dataclass(frozen=True)
class Columns:
    """What each column of a sheet holds."""

    columns: tuple[Column, ...]
    set_name: str  # which known set the headers are most like, or "" for none
    by_field: dict[str, Column] = field(default_factory=dict)

    def recognised(self) -> int:
        return sum(1 for column in self.columns if column.field not in ("meta", "ignore"))


def recognise(headers: list[str], mapped: dict[str, str] | None = None) -> Columns:
    """The field of each header; ``mapped`` (normalised header -> field) comes first.

    A field claimed twice goes to the column of lower rank (the first of equal rank), the
    others to meta; an unknown header goes to meta under its own name, an empty one is ignored.
    """
    mapped = mapped or {}
    claims: list[tuple[int, str, int, str]] = []  # (index, field, rank, meta key)
    for index, header in enumerate(headers):
        key = normalise(header)
        if not key:
            claims.append((index, "ignore", 0, ""))
        elif key in mapped:
            chosen = mapped[key]
            claims.append((index, chosen, -1, meta_key(header) if chosen == "meta" else ""))
        elif key in _META_KEYS:
            claims.append((index, "meta", 0, _META_KEYS[key]))
        else:
            found = _lookup(header)
            claims.append((index, found[0], found[1], "") if found else (index, "meta", 0, meta_key(header)))
    winners: dict[str, tuple[int, int]] = {}
    for index, field_name, rank, _ in claims:
        if field_name in ("meta", "ignore"):
            continue
        if field_name not in winners or rank < winners[field_name][1]:
            winners[field_name] = (index, rank)
    columns = []
    for index, field_name, _, key in claims:
        if field_name not in ("meta", "ignore") and winners[field_name][0] != index:
            field_name, key = "meta", meta_key(headers[index])
        columns.append(Column(index, headers[index], field_name, key))
    by_field = {column.field: column for column in columns if column.field not in ("meta", "ignore")}
    return Columns(tuple(columns), _set_name(headers), by_field)


def meta_key(header: str) -> str:
    """A header as a meta key: ``"Owner Name"`` -> ``owner_name``."""
    key = _META_KEYS.get(normalise(header))
    if key:
        return key
    words = re.findall(r"[a-z0-9]+", header.lower().replace("#", " no "))
    return "_".join(words)[:64] or "column"


def _lookup(header: str) -> tuple[str, int] | None:
    """A header's field: as written, without a parenthesised note ("Response Time (minutes)"),
    singular, or by the first of its ``/``-separated names that is known ("From / Originator")."""
    candidates = [header, re.sub(r"\([^)]*\)", " ", header)]
    candidates += [part for part in re.split(r"[/|]", header) if part.strip()]
    for candidate in candidates:
        key = normalise(candidate)
        for variant in (key, key[:-1] if key.endswith("s") else None):
            if variant and variant in _ALIASES:
                return _ALIASES[variant]
    return None


def _set_name(headers: list[str]) -> str:
    keys = {normalise(header) for header in headers}
    scores = {name: len(keys & set_keys) for name, set_keys in _SET_KEYS.items()}
    best = max(scores, key=lambda name: scores[name])
    return best if scores[best] >= 3 else ""
