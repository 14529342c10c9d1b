"""Importing a sheet written by a test, the way `drill import` does."""

from __future__ import annotations

from pathlib import Path

from drill.msel.importer import Imported, import_sheets
from drill.msel.mapfile import parse_map
from drill.msel.sheet import read_sheets

FIXTURES = Path(__file__).parent / "fixtures"


def import_file(path: Path, map_text: str | None = None, title: str = "Imported", **options) -> Imported:
    column_map = parse_map(map_text, "map.yaml") if map_text is not None else None
    return import_sheets(read_sheets(path), "imported", title, column_map, **options)


def import_csv(tmp_path: Path, text: str, name: str = "sheet.csv", encoding: str = "utf-8", **options) -> Imported:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return import_file(path, **options)


def located(problems) -> list[str]:
    """Each problem as ``row:column: message``, without the file."""
    return [str(problem).split(":", 1)[1] for problem in problems]
