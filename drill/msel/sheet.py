"""Reading a spreadsheet (``.csv`` or ``.xlsx``) to rows of cells that know where they stand.

A CSV file is UTF-8, with or without a byte-order mark, and its delimiter (comma, semicolon, tab
or bar) is sniffed from its first rows. A workbook is read with openpyxl in read-only mode, cached
formula results rather than formulas. Nothing here knows what a column means.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from drill.msel.problems import SheetError, SheetProblem
from drill.scenario.limits import MAX_INJECTS

MAX_FILE_BYTES = 20_000_000
MAX_COLUMNS = 200
HEADER_SEARCH_ROWS = 20  # a title block above the header row is common in MSEL templates
MAX_ROWS = MAX_INJECTS + HEADER_SEARCH_ROWS
DELIMITERS = ",;\t|"
# A cell a spreadsheet would run as a formula, written with a leading quote by the exporter.
_QUOTED_FORMULA = re.compile(r"'(?=[=+\-@\t\r])")


@dataclass(frozen=True)
class Cell:
    value: object  # text in a CSV; in a workbook, what openpyxl gives (text, number, date, time...)
    row: int  # 1-based
    column: int  # 0-based


@dataclass(frozen=True)
class Sheet:
    source: str  # the name problems are reported under
    name: str  # the worksheet's name ("" for a CSV file)
    rows: tuple[tuple[Cell, ...], ...]  # non-empty rows only, each as wide as the widest
    too_many_rows: bool = False


def read_sheets(path: Path, source: str | None = None) -> list[Sheet]:
    """Every worksheet of ``path`` (one for a CSV file), or raise SheetError."""
    source = source or str(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".xlsm", ".tsv", ".txt"):
        raise SheetError([SheetProblem(source, 1, 0, "not a spreadsheet drill reads: save it as .csv or .xlsx")])
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IsADirectoryError(f"{path} is a folder, not a file")
    except OSError as error:
        raise SheetError([SheetProblem(source, 1, 0, f"cannot read: {error.strerror or error}")]) from None
    if size > MAX_FILE_BYTES:
        raise SheetError([SheetProblem(source, 1, 0, f"larger than {MAX_FILE_BYTES // 1_000_000} MB")])
    if suffix in (".xlsx", ".xlsm"):
        return _read_workbook(path, source)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SheetError([SheetProblem(source, 1, 0, f"cannot read: {error.strerror or error}")]) from None
    return [read_csv_text(_decode(data, source), source)]


def read_csv_text(text: str, source: str) -> Sheet:
    """CSV text (already decoded) as a sheet; a formula the exporter quoted loses its quote."""
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[Cell]] = []
    too_many = False
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            if not any(field.strip() for field in record):
                continue
            if len(rows) >= MAX_ROWS:
                too_many = True
                break
            rows.append([Cell(_QUOTED_FORMULA.sub("", field, count=1), number, index)
                         for index, field in enumerate(record[:MAX_COLUMNS])])
    except csv.Error as error:
        raise SheetError([SheetProblem(source, number + 1, 0, f"cannot read this row as CSV: {error}")]) from None
    return Sheet(source, "", _padded(rows), too_many)


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first rows most consistently into more than one column.

    ``csv.Sniffer`` is asked first; its answer is kept when it is one of ours and splits the
    header-like rows, else each candidate is tried on its own.
    """
    sample = "\n".join(islice(text.splitlines(), 50))
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        sniffed = None
    scores = {delimiter: _consistency(sample, delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: scores[delimiter])
    if sniffed in scores and scores[sniffed] >= scores[best]:
        return sniffed
    return best if scores[best] > (0, 0) else ","


def _consistency(sample: str, delimiter: str) -> tuple[int, int]:
    """(rows of the most common width, that width), counting only widths above one."""
    try:
        widths = [len(row) for row in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
                  if any(field.strip() for field in row)]
    except csv.Error:
        return (0, 0)
    counts = Counter(width for width in widths if width > 1)
    if not counts:
        return (0, 0)
    width, rows = counts.most_common(1)[0]
    return (rows, width)


def _decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        raise SheetError([SheetProblem(source, row, 0, "not UTF-8 text: save the sheet as \"CSV UTF-8\"")]) from None


def _read_workbook(path: Path, source: str) -> list[Sheet]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # a damaged or foreign file can fail anywhere inside the zip and XML readers
        raise SheetError([SheetProblem(source, 1, 0, f"cannot read this workbook: {_reason(error)}")]) from None
    sheets = []
    try:
        for worksheet in workbook.worksheets:
            rows: list[list[Cell]] = []
            too_many = False
            for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
                if not any(_filled(value) for value in values):
                    continue
                if len(rows) >= MAX_ROWS:
                    too_many = True
                    break
                rows.append([Cell(value, number, index) for index, value in enumerate(values[:MAX_COLUMNS])])
            sheets.append(Sheet(source, worksheet.title, _padded(rows), too_many))
    except Exception as error:  # as above: the rows are parsed lazily, as they are read
        raise SheetError([SheetProblem(source, 1, 0, f"cannot read this workbook: {_reason(error)}")]) from None
    finally:
        workbook.close()
    return sheets


def _filled(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _padded(rows: list[list[Cell]]) -> tuple[tuple[Cell, ...], ...]:
    width = max((len(row) for row in rows), default=0)
    return tuple(tuple(row) + tuple(Cell(None, row[0].row, index) for index in range(len(row), width))
                 for row in rows)


def _reason(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text if len(text) <= 200 else text[:199] + "…"
