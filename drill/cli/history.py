"""`drill history`: the drills in the store, oldest first."""

from __future__ import annotations

import argparse
import json
from datetime import datetime

from drill.cli.output import fail
from drill.cli.store_options import add_db_argument, open_store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    from drill.store import StoreError, resolve_db_path

    if not resolve_db_path(args.db).exists():  # nothing recorded yet is not an error
        drills = []
    else:
        try:
            with open_store(args, create=False) as store:
                drills = store.drills()
        except StoreError as error:
            return fail(str(error))
    if args.json:
        print(json.dumps([drill.summary() for drill in drills], indent=2, ensure_ascii=False))
        return 0
    if not drills:
        print("no drills recorded yet (`drill simulate` and `drill run` record them)")
        return 0
    rows = [(d.id, _local_time(d.created_at), d.status, "-" if d.score is None else f"{d.score:.0f}",
             d.scenario_id, _participants(d.participants)) for d in drills]
    header = ("ID", "DATE", "STATUS", "SCORE", "SCENARIO", "PARTICIPANTS")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        print("  ".join(cell.rjust(w) if i == 3 else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths)))
              + "  " + row[-1])
    return 0


def _local_time(created_at: str) -> str:
    try:
        return datetime.fromisoformat(created_at.replace("Z", "+00:00")).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return created_at


def _participants(participants: dict[str, str]) -> str:
    from drill.textsafe import printable

    return "; ".join(f"{role}: {printable(names)}" for role, names in sorted(participants.items())) or "-"
