"""`drill export-msel SCENARIO`: a scenario as an HSEEP-style MSEL spreadsheet (CSV or XLSX).

`drill import` reads the file back: every column it writes is one the importer knows.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from drill.cli.output import fail, print_problems
from drill.scenario.problems import ScenarioError

FORMATS = ("csv", "xlsx")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", metavar="SCENARIO", help="a built-in scenario id (see `drill list`) or a YAML file")
    parser.add_argument("--format", choices=FORMATS,
                        help="csv or xlsx (default: from --out's suffix, else csv)")
    parser.add_argument("--out", metavar="FILE", help="the file to write (default: ID-msel.csv or ID-msel.xlsx)")


def run(args: argparse.Namespace) -> int:
    from drill.files import write_bytes_atomic, write_text_atomic
    from drill.library import resolve_scenario
    from drill.msel.exporter import csv_text, msel, xlsx_bytes

    try:
        scenario = resolve_scenario(args.scenario)
    except ScenarioError as error:
        return print_problems(error)
    suffix = Path(args.out).suffix.lower().lstrip(".") if args.out else ""
    chosen = args.format or (suffix if suffix in FORMATS else "csv")
    target = Path(args.out) if args.out else Path(f"{scenario.id}-msel.{chosen}")
    sheet = msel(scenario)
    try:
        if chosen == "xlsx":
            write_bytes_atomic(target, xlsx_bytes(sheet, scenario.title))
        else:
            write_text_atomic(target, csv_text(sheet))
    except OSError as error:
        return fail(f"cannot write {target}: {error.strerror or error}")
    print(f"wrote {target}: {scenario.id} as {len(sheet.rows)} rows of {len(sheet.headers)} columns")
    return 0
