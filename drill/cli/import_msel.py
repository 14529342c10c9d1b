"""`drill import FILE`: an MSEL spreadsheet (.csv or .xlsx) as a format 2 scenario file.

Every problem in the sheet is printed as ``file:row:column: message`` and nothing is written;
warnings (values read by a guess) are printed the same way, with ``warning:``, and the file is
written. The scenario is loaded by drill's own loader before it is written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from drill.cli.output import fail, print_problems, problems_found


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the spreadsheet: .csv (UTF-8) or .xlsx")
    parser.add_argument("--out", metavar="SCENARIO",
                        help="write the scenario here (default: FILE's name with .yaml, never over an existing file)")
    parser.add_argument("--map", metavar="MAP", help="a YAML map file naming what each column holds")
    parser.add_argument("--title", metavar="TITLE", help="the scenario's title (default: from the file's name)")
    parser.add_argument("--sheet", metavar="NAME", help="the worksheet to read (default: the first with a header row)")


def run(args: argparse.Namespace) -> int:
    from drill.files import write_text_atomic
    from drill.msel.importer import import_sheets
    from drill.msel.mapfile import read_map
    from drill.msel.problems import SheetError
    from drill.msel.roles import slug
    from drill.msel.sheet import read_sheets
    from drill.scenario.limits import MAX_ID_CHARS, MAX_NAME_CHARS
    from drill.scenario.problems import ScenarioError

    source = Path(args.file)
    target = Path(args.out) if args.out else source.with_suffix(".yaml")
    if args.out is None and target.exists():
        return fail(f"{target} exists: name the file to write with --out")
    title = " ".join((args.title or source.stem.replace("_", " ").replace("-", " ")).split())
    if not title or len(title) > MAX_NAME_CHARS:
        return fail(f"a title is 1 to {MAX_NAME_CHARS} characters", 2)
    scenario_id = slug(source.stem)[:MAX_ID_CHARS].strip("-") or "imported"
    folder = target.parent
    try:
        column_map = read_map(Path(args.map)) if args.map else None
        imported = import_sheets(read_sheets(source), scenario_id, title[:1].upper() + title[1:], column_map,
                                 args.sheet, attachment_exists=lambda path: (folder / path).is_file(),
                                 target=str(target))
    except ScenarioError as error:  # the map file
        return print_problems(error)
    except SheetError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(problems_found(len(error.errors)), file=sys.stderr)
        return 1
    for warning in imported.warnings:
        print(warning, file=sys.stderr)
    try:
        write_text_atomic(target, imported.text)
    except OSError as error:
        return fail(f"cannot write {target}: {error.strerror or error}")
    scenario = imported.scenario
    asks = sum(1 for inject in scenario.injects if inject.expects is not None)
    read_as = f", read as {imported.set_name}" if imported.set_name else ""
    print(f"wrote {target}: {scenario.id} ({len(scenario.injects)} injects, {len(scenario.roles)} roles, "
          f"{asks} asks{read_as})")
    return 0
