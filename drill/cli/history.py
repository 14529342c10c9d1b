"""`drill history`: the drills in the store, oldest first.

Each drill is dated as its report dates it (``drill.report.fmt.drill_date``): its recorded
start time if it has one, else when the store created it; in UTC, with the local time beside
it when that differs.
"""

from __future__ import annotations

import argparse

from drill.cli.drill_filters import add_filter_arguments, filters_of
from drill.cli.output import fail
from drill.cli.terminal import json_text
from drill.cli.store_options import add_db_argument, open_store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    add_filter_arguments(parser)
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    from drill.store import StoreError, resolve_db_path

    target = resolve_db_path(args.db)
    if not isinstance(target, str) and not target.exists():  # nothing recorded yet is not an error
        drills = []
    else:
        try:
            with open_store(args, create=False) as store:
                drills = store.drills(**filters_of(args))
                starts = store.start_times(drill.id for drill in drills) if not args.json else {}
        except StoreError as error:
            return fail(str(error))
    if args.json:
        print(json_text([drill.summary() for drill in drills], indent=2))
        return 0
    if not drills:
        chosen = any(value is not None for value in filters_of(args).values())
        print("no drills match" if chosen else "no drills recorded yet (`drill simulate` and `drill run` record them)")
        return 0
    from drill.report.fmt import drill_date

    rows = [(d.id, drill_date(starts.get(d.id), d.created_at, local=True) or "-", d.status,
             "-" if d.score is None else f"{d.score:.0f}/100", d.scenario_id, _team(d.team), _participants(d.participants))
            for d in drills]
    header = ("ID", "DATE", "STATUS", "SCORE", "SCENARIO", "TEAM", "PARTICIPANTS")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        print("  ".join(cell.rjust(w) if i == 3 else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths)))
              + "  " + row[-1])
    return 0


def _team(team: str) -> str:
    from drill.textsafe import printable

    return printable(team) or "-"


def _participants(participants: dict[str, str]) -> str:
    from drill.textsafe import printable

    return "; ".join(f"{role}: {printable(names)}" for role, names in sorted(participants.items())) or "-"
