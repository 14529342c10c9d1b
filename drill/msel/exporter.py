"""Any scenario as an HSEEP-style MSEL: one row per delivery, in time order, as CSV or XLSX.

The columns carry what ``drill import`` reads back: time, type, from, to, title, text, expected
actions, each ask's response time, channel and roles, notes, tags, attachments, severity, the
read-aloud script and the meta kept with each inject. What a row cannot hold, it says in words in a
Condition column: an inject that waits for another or for a post, is skipped after a post, or
repeats until one. A repeating inject is one row for each of its deliveries.

Text is written as the scenario says it: a ``{placeholder}`` stays as written, ``{{`` is a brace.
No cell is ever a formula: a text that starts like one is written with a leading quote in CSV (the
importer takes it off) and as a text cell in XLSX. A workbook cannot hold control characters, so
there each is written as its visible symbol (ESC as ␛); CSV keeps them.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass

from drill.msel.kinds import STANDARD_CHANNELS
from drill.msel.times import format_exercise_time, format_length
from drill.scenario.limits import move_of
from drill.scenario.model import FACILITATOR, INJECT_TYPE_LABELS, Inject, Scenario

CORE = ("Seq No", "Move", "Time", "Inject Type", "Delivery Method", "From", "To", "Title", "Inject", "Expected Action",
        "Response Time", "Response Channel", "Response Role", "Notes")
# Written only when some row has a value for them.
OPTIONAL = ("Tags", "Attachments", "Severity", "Read Aloud", "Discussion Questions", "Red Flags", "Success Criteria",
            "Hints", "Options", "Condition")
ALWAYS = {"Seq No", "Time", "Inject Type", "Delivery Method", "From", "To", "Inject", "Expected Action",
          "Response Time", "Notes"}
# Meta keys the columns above already carry.
_CARRIED_META = {"serial", "source_row", "inject_type"}
_FORMULA_START = re.compile(r"[=+\-@\t\r]")


@dataclass(frozen=True)
class Msel:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def msel(scenario: Scenario) -> Msel:
    """The scenario's rows under the columns some row fills (the core columns always)."""
    times = earliest_times(scenario)
    explicit = {role for inject in scenario.injects if set(inject.to) != set(scenario.roles) for role in inject.to}
    every_role_named = set(scenario.roles) <= explicit
    meta_keys = [key for key in dict.fromkeys(key for inject in scenario.injects if inject.guide
                                              for key in inject.guide.meta) if key not in _CARRIED_META]
    records = []
    for order, inject in enumerate(scenario.injects):
        for occurrence in range(1, (inject.repeat.count if inject.repeat else 1) + 1):
            at = times[inject.id] + (occurrence - 1) * (inject.repeat.every if inject.repeat else 0)
            records.append((at, order, occurrence, _record(scenario, inject, occurrence, at, every_role_named,
                                                           meta_keys)))
    records.sort(key=lambda record: record[:3])
    headers = [name for name in (*CORE, *OPTIONAL, *meta_keys)
               if name in ALWAYS or any(record[3].get(name) for record in records)]
    rows = tuple(tuple(record[3].get(name, "") for name in headers) for record in records)
    return Msel(tuple(headers), rows)


def earliest_times(scenario: Scenario) -> dict[str, int]:
    """Each inject's time: its ``at``, or the earliest it can follow (a post at T+0, the inject it follows)."""
    times: dict[str, int] = {}

    def time_of(inject: Inject, seen: frozenset[str] = frozenset()) -> int:
        if inject.id in times:
            return times[inject.id]
        if inject.at is not None:
            value = inject.at
        elif inject.after is None:  # `release: manual` alone: the facilitator's, from the start
            value = 0
        else:
            found = [time for trigger in inject.after.triggers
                     if (time := trigger_time(trigger, seen | {inject.id})) is not None]
            value = min(found, default=0)
        times[inject.id] = value
        return value

    def trigger_time(trigger, seen: frozenset[str]) -> int | None:
        """None for a condition on the inject itself (a loop's) or on one that waits for it."""
        ref = trigger.ref.rpartition(".")[0] if trigger.kind == "chose" else trigger.ref
        if trigger.kind == "posted":
            return trigger.delay
        if ref in seen:
            return None
        return time_of(scenario.inject(ref), seen) + trigger.delay

    for inject in scenario.injects:
        time_of(inject)
    return times


def _record(scenario: Scenario, inject: Inject, occurrence: int, at: int, every_role_named: bool,
            meta_keys: list[str]) -> dict[str, str]:
    guide = inject.guide
    meta = guide.meta if guide else {}
    serial = str(meta.get("serial", inject.id))
    expects = inject.expects
    record = {
        "Seq No": serial if occurrence == 1 else f"{serial}-{occurrence}",
        "Time": format_exercise_time(at),
        "Inject Type": str(meta.get("inject_type", "Expected action" if expects else "Contextual")),
        "Delivery Method": INJECT_TYPE_LABELS.get(inject.type, inject.type),
        "From": as_written(inject.sender),
        "To": _recipients(scenario, inject.to, every_role_named),
        "Title": guide.title if guide else "",
        "Inject": as_written(inject.text_for(occurrence)),
        "Expected Action": "\n".join(guide.expected) if guide else "",
        "Response Time": format_length(expects.within) if expects else ("none" if guide and guide.expected else ""),
        "Notes": guide.notes if guide else "",
        "Condition": _condition(inject, occurrence),
    }
    if expects is not None:
        record["Response Channel"] = ", ".join(_channel(scenario, channel_id) for channel_id in expects.channels)
        if set(expects.roles) != set(inject.to):
            record["Response Role"] = _recipients(scenario, expects.roles or tuple(scenario.roles), every_role_named,
                                                  all_word=not expects.roles)
    if guide is not None:
        record.update({"Tags": ", ".join(guide.tags), "Attachments": ", ".join(guide.attachments),
                       "Severity": guide.severity, "Read Aloud": guide.read_aloud,
                       "Red Flags": "\n".join(guide.red_flags), "Success Criteria": "\n".join(guide.success),
                       "Hints": "\n".join(hint.text for hint in guide.hints)})
    if scenario.in_moves:
        record["Move"] = str(move_of(at))
    if occurrence == 1:
        record["Discussion Questions"] = "\n".join(question.text for question in inject.questions)
        record["Options"] = "\n".join(option.text for option in inject.options)
    for key in meta_keys:
        if key in meta:
            value = meta[key]
            record[key] = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return record


def as_written(template: str) -> str:
    """A template as a person reads it: ``{{`` is one brace, a placeholder stays as written."""
    return template.replace("{{", "{").replace("}}", "}")


def _recipients(scenario: Scenario, role_ids: tuple[str, ...], every_role_named: bool, all_word: bool = False) -> str:
    if role_ids == (FACILITATOR,):
        return "Facilitator"
    if all_word or (set(role_ids) == set(scenario.roles) and every_role_named and len(scenario.roles) > 1):
        return "All"
    names = []
    for role_id in role_ids:
        role = scenario.roles.get(role_id)
        name = role.name if role is not None else role_id
        names.append(role_id if re.search(r"[,;\n]", name) else name)
    return ", ".join(names)


def _channel(scenario: Scenario, channel_id: str) -> str:
    """A channel's id, with its audience beside it unless the importer knows the channel by its id."""
    channel = scenario.channels.get(channel_id)
    if channel is None or (channel_id in STANDARD_CHANNELS and STANDARD_CHANNELS[channel_id][0] == channel.audience):
        return channel_id
    return f"{channel_id} ({channel.audience})"


def _condition(inject: Inject, occurrence: int) -> str:
    parts = []
    if occurrence == 1 and inject.after is not None:
        parts.append(" or ".join(_trigger_text(trigger) for trigger in inject.after.triggers))
    if inject.max_fires > 1:
        parts.append(f"fires up to {inject.max_fires} times")
    if inject.manual:
        parts.append("released by the facilitator")
    if inject.unless_posted:
        parts.append(f"skipped if the team has posted on {inject.unless_posted}")
    if inject.repeat is not None:
        parts.append(f"delivery {occurrence} of {inject.repeat.count}"
                     + (f", stops once the team posts on {inject.repeat.until_posted}" if inject.repeat.until_posted else ""))
    return "; ".join(parts)


def _trigger_text(trigger) -> str:
    if trigger.kind == "posted":
        return f"{format_length(trigger.delay)} after the team's first post on {trigger.ref}"
    if trigger.kind == "chose":
        inject_id, _, option = trigger.ref.rpartition(".")
        return f"{format_length(trigger.delay)} after {option} is chosen at {inject_id}"
    return f"{format_length(trigger.delay)} after inject {trigger.ref}"


def csv_text(sheet: Msel) -> str:
    """The MSEL as CSV (with a byte-order mark, so a spreadsheet reads it as UTF-8)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(sheet.headers)
    for row in sheet.rows:
        writer.writerow(["'" + cell if _FORMULA_START.match(cell) else cell for cell in row])
    return "\ufeff" + buffer.getvalue()


def xlsx_bytes(sheet: Msel, title: str = "MSEL") -> bytes:
    """The MSEL as a workbook of one sheet; every cell is text, never a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(_sheet_title(title))
    worksheet.freeze_panes = "A2"
    for index, header in enumerate(sheet.headers):
        width = 60 if header in ("Inject", "Expected Action", "Notes", "Read Aloud") else 18
        worksheet.column_dimensions[_letter(index)].width = width

    def cell(value: str, bold: bool = False) -> WriteOnlyCell:
        made = WriteOnlyCell(worksheet, value=_storable(value))
        made.data_type = "s"  # a text that starts with "=" stays text
        if bold:
            made.font = Font(bold=True)
        else:
            made.alignment = Alignment(wrap_text=True, vertical="top")
        return made

    worksheet.append([cell(header, bold=True) for header in sheet.headers])
    for row in sheet.rows:
        worksheet.append([cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _storable(text: str) -> str:
    """A workbook cannot hold control characters (XML forbids them): each is written as its visible symbol."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    from drill.textsafe import printable

    return ILLEGAL_CHARACTERS_RE.sub(lambda match: printable(match.group()), text)


def _sheet_title(title: str) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31]
    return cleaned or "MSEL"


def _letter(index: int) -> str:
    from drill.msel.problems import column_letter

    return column_letter(index)
