"""Rows of an MSEL sheet as a format 2 scenario: the plain data, its YAML, and the scenario it loads as.

Each row is one inject. A row with an expected action (or a response time) asks for an answer from
its recipients; its answer goes on the public channel its type or method names, else the incident
channel. Every problem in the sheet is collected before anything is refused; wherever a value is
guessed, a warning says so. The YAML is loaded with drill's own loader before it is returned, so
nothing that does not load is ever written.

Sheet text is taken as written: braces are doubled, so no ``{placeholder}`` is ever filled.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from drill.durations import format_duration, parse_duration
from drill.msel.columns import Column, Columns, normalise, recognise
from drill.msel.kinds import (
    CATEGORIES,
    INTERNAL_CHANNEL,
    STANDARD_CHANNELS,
    Kind,
    answer_channel,
    audience_of,
    inject_kind,
)
from drill.msel.mapfile import ColumnMap
from drill.msel.problems import SheetError, SheetProblem
from drill.msel.roles import RoleBook, slug
from drill.msel.sheet import HEADER_SEARCH_ROWS, Cell, Sheet
from drill.msel.times import CLOCK, Reading, TimeError, format_clock_start, read_length, read_time, relative_times
from drill.msel.yamltext import flow, scenario_text
from drill.scenario.limits import (
    MAX_ASK_CHANNELS,
    MAX_ASK_ROLES,
    MAX_CHANNELS,
    MAX_DURATION,
    MAX_GUIDE_ITEMS,
    MAX_ID_CHARS,
    MAX_INJECTS,
    MAX_META_CHARS,
    MAX_NAME_CHARS,
    MAX_SOURCE_BYTES,
    MAX_TEXT_CHARS,
)
from drill.scenario.model import FACILITATOR, INJECT_TYPES, Scenario
from drill.scenario.problems import ScenarioError

DEFAULT_WITHIN = 15 * 60
TAIL = 30 * 60  # the drill runs this long past its last inject,
ROUND_TO = 15 * 60  # rounded up to a quarter of an hour
NO_ASK = {normalise(word) for word in ("none", "n/a", "na", "no", "-", "--", "—", "not required", "no response")}
# What a sheet writes in a cell it means to leave empty ("-" in an Artifacts column): nothing to keep.
NOTHING = {normalise(word) for word in ("-", "--", "—", "none", "n/a", "nil")}
# What the exporter writes in Inject Type, said again by whether the row asks for an answer.
DERIVED_CATEGORIES = {normalise(word) for word in ("Contextual", "Expected action")}
_BULLET = re.compile(r"^\s*(?:[-*•▪‣]|\d{1,2}[.)])\s+")
_AUDIENCE_SAID = re.compile(r"(.*?)\s*\((public|internal)\)", re.IGNORECASE)
_LIST_SPLIT = re.compile(r"[,;\n]+")


@dataclass
class Imported:
    text: str  # the scenario's YAML
    scenario: Scenario
    warnings: list[SheetProblem]
    set_name: str  # the column set the headers were read as ("" for none)
    sheet: str  # the worksheet read ("" for a CSV file)
    rows: int


def import_sheets(sheets: list[Sheet], scenario_id: str, title: str, column_map: ColumnMap | None = None,
                  sheet_name: str | None = None, attachment_exists: Callable[[str], bool] | None = None,
                  target: str = "<scenario>") -> Imported:
    """The scenario the first sheet with a header row describes; raises SheetError with every problem
    (the warnings found beside them included)."""
    column_map = column_map or ColumnMap()
    source = sheets[0].source if sheets else "<sheet>"
    wanted = sheet_name or column_map.sheet
    if wanted is not None:
        chosen = [sheet for sheet in sheets if sheet.name == wanted]
        if not chosen:
            names = ", ".join(repr(sheet.name) for sheet in sheets)
            raise SheetError([SheetProblem(source, 1, 0, f"no worksheet {wanted!r} (the workbook has {names})")])
        sheets = chosen
    for sheet in sheets:
        found = _header(sheet, column_map)
        if found is not None:
            return _Importer(sheet, found[0], found[1], scenario_id, title, column_map, attachment_exists,
                             target).run()
    raise SheetError([SheetProblem(source, 1, 0, "no header row found: a sheet needs a time column (Time, Scenario "
                                                 "Time...) and an inject column (Inject, Description, Message...); "
                                                 "name yours with --map")])


def _header(sheet: Sheet, column_map: ColumnMap) -> tuple[int, Columns] | None:
    """The index (in ``sheet.rows``) of the header row and what its columns hold."""
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        if column_map.header_row is not None and row[0].row != column_map.header_row:
            continue
        columns = recognise([cell_text(cell.value) for cell in row], column_map.columns)
        if "time" in columns.by_field and {"text", "title", "read_aloud"} & columns.by_field.keys():
            return index, columns
    return None


def cell_text(value: object) -> str:
    """A cell as text: trimmed, line breaks as ``\\n``, a whole number without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(" ", "seconds")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def literal(text: str) -> str:
    """Sheet text as a scenario template that delivers it unchanged: braces doubled."""
    return text.replace("{", "{{").replace("}", "}}")


@dataclass
class _Row:
    number: int
    cells: dict[str, Cell]  # field -> cell
    meta: dict[str, Any] = field(default_factory=dict)


class _Importer:
    def __init__(self, sheet: Sheet, header_index: int, columns: Columns, scenario_id: str, title: str,
                 column_map: ColumnMap, attachment_exists: Callable[[str], bool] | None, target: str):
        self.sheet = sheet
        self.source = sheet.source
        self.header = sheet.rows[header_index]
        self.data_rows = sheet.rows[header_index + 1:]
        self.columns = columns
        self.scenario_id = scenario_id
        self.title = title
        self.column_map = column_map
        self.attachment_exists = attachment_exists
        self.target = target
        self.problems: list[SheetProblem] = []
        self.roles = RoleBook(column_map.roles)
        self.channels: dict[str, dict[str, Any]] = {}
        self.channel_names: dict[str, str] = {}
        self.warned: set[str] = set()
        self._created: list[tuple[int, int, str]] = []  # (row, column, role id) of each role a To cell made

    # --- reporting ---------------------------------------------------------------

    def problem(self, row: int, column: int, message: str) -> None:
        self.problems.append(SheetProblem(self.source, row, column, message))

    def warn(self, row: int, column: int, message: str, once: str | None = None) -> None:
        if once is not None:
            if once in self.warned:
                return
            self.warned.add(once)
        self.problems.append(SheetProblem(self.source, row, column, message, warning=True))

    def column_of(self, field_name: str) -> int:
        column = self.columns.by_field.get(field_name)
        return column.index if column is not None else 0

    # --- the sheet -------------------------------------------------------------------

    def run(self) -> Imported:
        header_row = self.header[0].row
        if self.sheet.too_many_rows or len(self.data_rows) > MAX_INJECTS:
            self.problem(header_row, 0, f"more than {MAX_INJECTS:,} rows: a scenario has at most {MAX_INJECTS:,} injects")
            raise SheetError(self.problems)
        rows = [row for cells in self.data_rows if (row := self._row(cells)) is not None]
        if not rows:
            self.problem(header_row, 0, "no rows below the header row")
            raise SheetError(self.problems)
        if "method" not in self.columns.by_field and "type" not in self.columns.by_field:
            self.warn(header_row, 0, "no Delivery Method or Inject Type column: every inject is a chat message")
        times, start = self._times(rows)
        injects = []
        ids: dict[str, int] = {}
        for row, at in zip(rows, times):
            inject = self._inject(row, at, ids)
            if inject is not None:
                injects.append((row, inject))
        self._check_new_roles()
        head = self._head(rows, times, start, [inject for _, inject in injects])
        errors = [problem for problem in self.problems if not problem.warning]
        if errors:
            raise SheetError(self.problems)
        text, starts = scenario_text(head, [inject for _, inject in injects])
        size = len(text.encode("utf-8"))
        if size > MAX_SOURCE_BYTES:
            self.problem(header_row, 0, f"the scenario would be {size:,} bytes; drill reads scenario files of at "
                                        f"most {MAX_SOURCE_BYTES:,} (fewer or shorter rows)")
            raise SheetError(self.problems)
        scenario = self._load(text, starts, [row for row, _ in injects])
        warnings = sorted(self.problems, key=lambda problem: (problem.row, problem.column))
        return Imported(text, scenario, warnings, self.columns.set_name, self.sheet.name, len(rows))

    def _row(self, cells: tuple[Cell, ...]) -> _Row | None:
        """A data row's cells by field; a row with nothing in its time, text and title columns
        (a section heading such as "PHASE 2") is left out with a warning."""
        by_field: dict[str, Cell] = {}
        meta: dict[str, Any] = {}
        for column in self.columns.columns:
            cell = cells[column.index] if column.index < len(cells) else None
            if cell is None or not cell_text(cell.value):
                continue
            if column.field == "meta":
                self._meta_value(meta, column, cell)
            elif column.field != "ignore":
                by_field[column.field] = cell
        number = cells[0].row
        if not {"time", "text", "title", "read_aloud"} & by_field.keys():
            shown = "; ".join(cell_text(cell.value) for cell in cells if cell_text(cell.value))
            self.warn(number, 0, f"left out: no time and no inject text ({_short(shown)!r})")
            return None
        return _Row(number, by_field, meta)

    def _meta_value(self, meta: dict[str, Any], column: Column, cell: Cell) -> None:
        key = column.meta_key or "column"
        while key in meta:
            key += "_2"
        value = cell.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            value = cell_text(value)
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        meta[key] = value

    # --- times -------------------------------------------------------------------

    def _times(self, rows: list[_Row]) -> tuple[list[int], int | None]:
        readings: list[Reading] = []
        kind = None
        for row in rows:
            cell = row.cells.get("time")
            if cell is None:
                self.problem(row.number, self.column_of("time"), "no time: when does this inject fall due?")
                readings.append(Reading(0, kind or "elapsed"))
                continue
            try:
                reading = read_time(cell.value)
            except TimeError as error:
                self.problem(row.number, cell.column, f"{self._header_of(cell)}: {error}")
                readings.append(Reading(0, kind or "elapsed"))
                continue
            if kind is None:
                kind = reading.kind
            elif reading.kind != kind:
                first = "clock times (09:15)" if kind == CLOCK else "exercise times (T+00:15)"
                self.problem(row.number, cell.column, f"{self._header_of(cell)}: {cell_text(cell.value)!r} mixes "
                                                      f"with the sheet's {first}; write every time one way")
            readings.append(reading)
        times, start = relative_times(readings)
        for row, seconds, reading in zip(rows, times, readings):
            cell = row.cells.get("time")
            if cell is not None and seconds >= MAX_DURATION:
                wrap = " (a clock time earlier than the first row's is read as the next day)" \
                    if reading.kind == CLOCK and reading.seconds < (start or 0) else ""
                self.problem(row.number, cell.column, f"{self._header_of(cell)}: T+{seconds // 3600}h"
                                                      f"{seconds % 3600 // 60:02d}m is past the longest drill "
                                                      f"(12h){wrap}")
        return times, (start if start is not None and start != 0 else None)

    # --- one row -------------------------------------------------------------------

    def _inject(self, row: _Row, at: int, ids: dict[str, int]) -> dict[str, Any] | None:
        get = row.cells.get
        text = cell_text(get("text").value) if get("text") else ""
        title = cell_text(get("title").value) if get("title") else ""
        read_aloud = cell_text(get("read_aloud").value) if get("read_aloud") else ""
        if not text and read_aloud:  # a sheet whose only message is its Script: that is what is sent
            text, read_aloud = read_aloud, ""
        if not text and title:
            text = title
        if not text:
            self.problem(row.number, self.column_of("text"), "no inject text")
        self._limit(row, "text", text, MAX_TEXT_CHARS)
        self._limit(row, "title", title, MAX_NAME_CHARS)
        sender = cell_text(get("from").value) if get("from") else ""
        self._limit(row, "from", sender, MAX_NAME_CHARS)
        kind = self._kind(row, sender)
        to = self._to(row)
        inject: dict[str, Any] = {"id": self._id(row, title, ids), "at": format_duration(at), "type": kind.type}
        if sender:
            inject["from"] = literal(sender)
        if to is not None:
            inject["to"] = flow(list(to))
        if title:
            inject["title"] = title
        inject["text"] = literal(text)
        expected = self._list(row, "expected", MAX_TEXT_CHARS, bullets=True)
        expects = self._expects(row, kind, to, bool(expected))
        if expects is not None:
            inject["expects"] = expects
        for key in ("notes", "severity", "read_aloud"):
            if key == "read_aloud":
                value = read_aloud
            else:
                value = cell_text(get(key).value) if get(key) else ""
            self._limit(row, key, value, MAX_NAME_CHARS if key == "severity" else MAX_TEXT_CHARS)
            if value:
                inject[key] = value
        if expected:
            inject["expected"] = expected
        for key in ("red_flags", "success"):
            items = self._list(row, key, MAX_TEXT_CHARS, bullets=True)
            if items:
                inject[key] = items
        hints = self._list(row, "hints", MAX_TEXT_CHARS, bullets=True)
        if hints:  # the facilitator sends them when the room stalls: a sheet gives no time for them
            inject["hints"] = [flow({"text": hint}) for hint in hints]
        questions = self._list(row, "questions", MAX_TEXT_CHARS, bullets=True)
        if questions:  # discussion prompts: answers are recorded, and graded only if the author adds a rubric
            inject["questions"] = [flow({"id": f"q{number}", "text": question})
                                   for number, question in enumerate(questions, 1)]
        tags = self._list(row, "tags", MAX_NAME_CHARS)
        if tags:
            inject["tags"] = flow(tags)
        attachments = self._attachments(row)
        if attachments:
            inject["attachments"] = attachments
        meta = dict(row.meta)
        category = cell_text(get("type").value) if get("type") else ""
        if kind.source != "type" and category and normalise(category) not in DERIVED_CATEGORIES:
            meta.setdefault("inject_type", category)  # a category of the sheet's own, or a type the method overrode
        meta["source_row"] = row.number
        if len(json.dumps(meta, ensure_ascii=False)) > MAX_META_CHARS:
            self.problem(row.number, 0, f"the columns kept in meta come to more than {MAX_META_CHARS:,} characters")
        inject["meta"] = flow(meta)
        return inject

    def _id(self, row: _Row, title: str, ids: dict[str, int]) -> str:
        """From the serial number (``inject-3`` for a bare number), else the title, else the row's place."""
        serial = cell_text(row.cells["serial"].value) if "serial" in row.cells else ""
        if serial:
            row.meta.setdefault("serial", serial)
            base = slug(serial)
            if base.replace("-", "").isdigit():
                base = f"inject-{base}"
        else:
            base = slug(title)[:40].rstrip("-")
        base = base[:MAX_ID_CHARS - 4] or f"inject-{len(ids) + 1:02d}"
        inject_id = base
        if inject_id in ids:
            number = 2
            while f"{base}-{number}" in ids:
                number += 1
            inject_id = f"{base}-{number}"
            if serial:
                self.warn(row.number, self.column_of("serial"), f"serial {serial!r} is also on row {ids[base]}; "
                                                                f"this inject's id is {inject_id}")
        ids[inject_id] = row.number
        return inject_id

    def _kind(self, row: _Row, sender: str) -> Kind:
        method = cell_text(row.cells["method"].value) if "method" in row.cells else ""
        category = cell_text(row.cells["type"].value) if "type" in row.cells else ""
        for value, source in ((method, "method"), (category, "type")):
            mapped = self.column_map.types.get(normalise(value)) if value else None
            if mapped:
                return Kind(mapped, False, source)
        kind = inject_kind(method, category, sender)
        if kind.guessed and kind.source:
            cell = row.cells[kind.source]
            self.warn(row.number, cell.column, f"{self._header_of(cell)}: {_short(cell_text(cell.value))!r} read as "
                                               f"type {kind.type} (a guess; name one of {', '.join(INJECT_TYPES)})")
        elif kind.guessed and ("method" in self.columns.by_field or "type" in self.columns.by_field):
            column = self.column_of("method") if "method" in self.columns.by_field else self.column_of("type")
            note = "an HSEEP category, not a medium" if category and normalise(category) in CATEGORIES else "empty"
            self.warn(row.number, column, f"no delivery method ({note}): read as type chat")
        return kind

    def _to(self, row: _Row) -> tuple[str, ...] | None:
        cell = row.cells.get("to")
        if cell is None:
            return None
        try:
            recipients = self.roles.read(cell_text(cell.value))
        except ValueError as error:
            self.problem(row.number, cell.column, f"{self._header_of(cell)}: {error}")
            return None
        for role_id in recipients.created:
            self._created.append((row.number, cell.column, role_id))
        if recipients.staff_dropped:
            self.warn(row.number, cell.column, f"{self._header_of(cell)}: the exercise staff named beside players; "
                                               "sent to the players only")
        return recipients.to

    def _check_new_roles(self) -> None:
        """A role the sheet makes up is a warning when it also names drill's usual roles: a typo, perhaps."""
        created = {role_id for _, _, role_id in self._created}
        if self.roles.declared or not created or not set(self.roles.used) - created:
            return
        for number, column, role_id in self._created:
            self.warn(number, column, f"{self.roles.known[role_id]!r} is not one of drill's usual roles: "
                                      f"added as role {role_id}")

    def _expects(self, row: _Row, kind: Kind, to: tuple[str, ...] | None, has_expected: bool) -> dict | None:
        cell = row.cells.get("within")
        within = None
        if cell is not None:
            if normalise(cell_text(cell.value)) in NO_ASK:
                return None
            try:
                within = read_length(cell.value)
            except TimeError as error:
                self.problem(row.number, cell.column, f"{self._header_of(cell)}: {error}")
                return None
            if within == 0 or within > MAX_DURATION:
                self.problem(row.number, cell.column, f"{self._header_of(cell)}: a response time is longer than "
                                                      "zero and at most 12h")
                return None
        elif not has_expected:
            return None
        roles = to
        if "responders" in row.cells:
            responders = row.cells["responders"]
            try:
                roles = self.roles.read(cell_text(responders.value)).to
            except ValueError as error:
                self.problem(row.number, responders.column, f"{self._header_of(responders)}: {error}")
                return None
        if roles == (FACILITATOR,):
            self.warn(row.number, self.column_of("to"), "sent to the facilitator: its expected action is guidance "
                                                        "for the facilitator, not an ask")
            return None
        if within is None:
            within = DEFAULT_WITHIN
            self.warn(row.number, self.column_of("expected"), "no response time: each ask without one gives "
                                                              "the team 15 minutes", once="within")
        expects: dict[str, Any] = {}
        if roles is not None:
            if len(roles) > MAX_ASK_ROLES:
                self.problem(row.number, self.column_of("to"), f"an ask names at most {MAX_ASK_ROLES} roles")
                return None
            expects["role"] = roles[0] if len(roles) == 1 else list(roles)
        channels = self._answer_channels(row, kind)
        if channels:
            expects["channel"] = channels[0] if len(channels) == 1 else channels
        expects["within"] = format_duration(within)
        return flow(expects)

    def _answer_channels(self, row: _Row, kind: Kind) -> list[str]:
        cell = row.cells.get("channel")
        if cell is None:
            method = cell_text(row.cells["method"].value) if "method" in row.cells else ""
            return [self._declare(answer_channel(kind.type, method))]
        found = []
        for name in (part.strip() for part in re.split(r"[,;\n/]+", cell_text(cell.value))):
            if not name:
                continue
            channel_id = self._channel(name, row, cell)
            if channel_id and channel_id not in found:
                found.append(channel_id)
        if len(found) > MAX_ASK_CHANNELS:
            self.problem(row.number, cell.column, f"an ask names at most {MAX_ASK_CHANNELS} channels")
            return []
        return found

    def _channel(self, name: str, row: _Row, cell: Cell) -> str | None:
        """A channel by its id or name; a new one is declared, public or internal as its name says
        ("customer_email (public)", as the exporter writes it), else by a guess from its words."""
        said = _AUDIENCE_SAID.fullmatch(name)
        if said:
            name = said.group(1)
        key = normalise(name)
        for channel_id, (_, _, label) in STANDARD_CHANNELS.items():
            if key in (normalise(channel_id), normalise(label)):
                return self._declare(channel_id)
        if key in self.channel_names:
            return self.channel_names[key]
        channel_id = slug(name, "_")[:MAX_ID_CHARS] or "channel"
        while channel_id in self.channels or channel_id in STANDARD_CHANNELS:
            channel_id += "_2"
        audience, guessed = (said.group(2).lower(), False) if said else audience_of(name)
        if len(self.channels) >= MAX_CHANNELS:
            self.problem(row.number, cell.column, f"a scenario has at most {MAX_CHANNELS} channels")
            return None
        self.channels[channel_id] = {"audience": audience, "name": " ".join(name.split())[:MAX_NAME_CHARS]}
        self.channel_names[key] = channel_id
        if guessed:
            self.warn(row.number, cell.column, f"new channel {channel_id} ({_short(name)!r}) taken to be {audience} "
                                               "(a guess from its name)")
        return channel_id

    def _declare(self, channel_id: str) -> str:
        if channel_id not in self.channels:
            audience, max_chars, name = STANDARD_CHANNELS[channel_id]
            body: dict[str, Any] = {"audience": audience}
            if max_chars is not None:
                body["max_chars"] = max_chars
            body["name"] = name
            self.channels[channel_id] = body
        return channel_id

    def _list(self, row: _Row, key: str, max_chars: int, bullets: bool = False) -> list[str]:
        cell = row.cells.get(key)
        if cell is None:
            return []
        text = cell_text(cell.value)
        parts = text.split("\n") if bullets else _LIST_SPLIT.split(text)
        items = [_BULLET.sub("", part).strip() if bullets else part.strip() for part in parts]
        items = [item for item in items if item and normalise(item) not in NOTHING]
        if len(items) > MAX_GUIDE_ITEMS:
            self.problem(row.number, cell.column, f"{self._header_of(cell)}: at most {MAX_GUIDE_ITEMS} items")
            return []
        for item in items:
            if len(item) > max_chars:
                self.problem(row.number, cell.column, f"{self._header_of(cell)}: an item is longer than "
                                                      f"{max_chars:,} characters")
                return []
        return items

    def _attachments(self, row: _Row) -> list[str]:
        cell = row.cells.get("attachments")
        if cell is None:
            return []
        paths = []
        for part in _LIST_SPLIT.split(cell_text(cell.value)):
            path = part.strip().replace("\\", "/")
            if not path or normalise(path) in NOTHING:
                continue
            normal = posixpath.normpath(path)
            if path.startswith("/") or (len(path) > 1 and path[1] == ":") or normal.startswith("..") or len(path) > 500:
                self.problem(row.number, cell.column, f"{self._header_of(cell)}: {_short(part)!r} must be a path "
                                                      "inside the scenario's folder")
                continue
            if self.attachment_exists is not None and not self.attachment_exists(normal):
                self.warn(row.number, cell.column, f"{self._header_of(cell)}: {_short(normal)!r} is not beside the "
                                                   "scenario yet (drill validate will ask for it)")
            paths.append(normal)
        return paths

    def _limit(self, row: _Row, key: str, value: str, most: int) -> None:
        if len(value) > most:
            cell = row.cells.get(key)
            column = cell.column if cell is not None else 0
            self.problem(row.number, column, f"{self._header_of(cell) if cell else key}: longer than {most:,} "
                                             f"characters ({len(value):,})")

    def _header_of(self, cell: Cell) -> str:
        for column in self.columns.columns:
            if column.index == cell.column:
                return _short(column.header, 40)
        return "?"

    # --- the scenario ------------------------------------------------------------

    def _head(self, rows: list[_Row], times: list[int], start: int | None, injects: list[dict]) -> dict[str, Any]:
        header_row = self.header[0].row
        if not self.roles.used:
            for role_id, name in self.roles.known.items():
                self.roles.used[role_id] = name
            self.warn(header_row, self.column_of("to"), "no row names a recipient: every inject goes to every role "
                                                        f"({', '.join(self.roles.used)})")
        last_due = max((at + _seconds(inject["expects"]["within"]) for at, inject in zip(times, injects)
                        if "expects" in inject), default=0)
        end = max(max(times) + TAIL, last_due)
        duration = min(-(-end // ROUND_TO) * ROUND_TO, MAX_DURATION)
        self._declare(INTERNAL_CHANNEL)
        channels = {INTERNAL_CHANNEL: self.channels[INTERNAL_CHANNEL],
                    **{key: value for key, value in self.channels.items() if key != INTERNAL_CHANNEL}}
        described = self.columns.set_name or "a spreadsheet"
        sheet = f" (sheet {self.sheet.name!r})" if self.sheet.name else ""
        head: dict[str, Any] = {
            "format": 2,
            "id": self.scenario_id,
            "title": self.title,
            "guide": f"Imported from {Path(self.source).name}{sheet}, read as {described}: {len(rows)} rows. "
                     "Check the roles, the channels and each ask's time before the drill.",
            "duration": format_duration(duration),
        }
        if start is not None:
            head["start"] = format_clock_start(start)
        head["roles"] = {role_id: flow({"name": name}, 200) for role_id, name in self.roles.used.items()}
        head["channels"] = {channel_id: flow(body, 200) for channel_id, body in channels.items()}
        return head

    def _load(self, text: str, starts: list[int], rows: list[_Row]) -> Scenario:
        from drill.scenario.loader import load_scenario

        try:
            return load_scenario(text, self.target)
        except ScenarioError as error:
            problems = []
            for problem in error.problems:
                index = max((i for i, line in enumerate(starts) if line <= problem.line), default=None)
                row = rows[index].number if index is not None else self.header[0].row
                problems.append(SheetProblem(self.source, row, 0, f"the scenario would not load: {problem.message}"))
            raise SheetError(problems + self.problems) from None


def _seconds(text: str) -> int:
    return parse_duration(text)


def _short(text: str, most: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1] + "…"
