"""`drill report SOURCE`: the report of a stored drill, an exported event log, or a report.json."""

from __future__ import annotations

import argparse
from pathlib import Path

from drill.cli.output import fail, print_problems
from drill.cli.store_options import add_db_argument
from drill.scenario.problems import ScenarioError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SOURCE",
                        help="a drill id (see `drill history`), an events .jsonl from `drill export`, or a report.json")
    parser.add_argument("--out", metavar="DIR", help="output folder (default: ./SCENARIO-report)")
    parser.add_argument("--scenario", metavar="SCENARIO",
                        help="the scenario of an exported log, if it is not the built-in one it names")
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    from drill.report.sources import SourceError, load_report_source
    from drill.session import summarise, write_report
    from drill.store import StoreError

    try:
        source = load_report_source(args.source, args.db, args.scenario)
    except ScenarioError as error:
        return print_problems(error)
    except (SourceError, StoreError) as error:
        return fail(str(error))
    report = source.report
    out = Path(args.out) if args.out else Path(f"{report['scenario']['id']}-report")
    try:
        written = write_report(report, out)
    except OSError as error:
        return fail(f"cannot write the report: {error.strerror or error}")
    print(summarise(report, written))
    return 0
