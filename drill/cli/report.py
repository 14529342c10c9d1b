"""`drill report SOURCE`: the report of a stored drill, an exported event log, or a report.json.

`drill report --compare A B` puts two drills of the same scenario side by side.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from drill.cli.output import fail, print_problems
from drill.cli.pretty_option import add_pretty_argument
from drill.cli.store_options import add_db_argument
from drill.files import json_text, write_text_atomic
from drill.scenario.problems import ScenarioError

from drill.report import REPORT_FORMATS as FORMATS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SOURCE", nargs="?",
                        help="a drill id (see `drill history`), an events .jsonl from `drill export`, or a report.json")
    parser.add_argument("--compare", nargs=2, metavar=("A", "B"),
                        help="compare two drills of one scenario (A is the baseline); each is a SOURCE as above")
    parser.add_argument("--out", metavar="DIR", help="output folder (default: ./SCENARIO-report or ./SCENARIO-compare)")
    parser.add_argument("--format", default=",".join(FORMATS), metavar="LIST",
                        help=f"comma-separated formats to write, from {', '.join(FORMATS)} (default: all)")
    parser.add_argument("--scenario", metavar="SCENARIO",
                        help="the scenario of an exported log, if it is not the built-in one it names")
    add_pretty_argument(parser, "report.json (or compare.json)")
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    from drill.report_sources import SourceError
    from drill.store import StoreError

    formats = [name.strip() for name in args.format.split(",") if name.strip()]
    unknown = [name for name in formats if name not in FORMATS]
    if unknown or not formats:
        return fail(f"unknown format {unknown[0]!r} (choose from {', '.join(FORMATS)})" if unknown
                    else "--format needs at least one format", 2)
    if (args.source is None) == (args.compare is None):
        return fail("give either SOURCE or --compare A B", 2)
    try:
        if args.compare:
            return _compare(args, formats)
        return _report(args, formats)
    except ScenarioError as error:
        return print_problems(error)
    except (SourceError, StoreError) as error:
        return fail(str(error))
    except OSError as error:
        return fail(f"cannot write the report: {error.strerror or error}")


def _report(args: argparse.Namespace, formats: list[str]) -> int:
    from drill.report.output import write_report
    from drill.report_sources import load_report_source
    from drill.session import summarise

    report = load_report_source(args.source, args.db, args.scenario).report
    out = Path(args.out) if args.out else Path(f"{report['scenario']['id']}-report")
    print(summarise(report, write_report(report, out, formats, pretty=args.pretty)))
    return 0


def _compare(args: argparse.Namespace, formats: list[str]) -> int:
    from drill.report.compare import CompareError, compare_reports, compare_to_html, compare_to_markdown, describe
    from drill.report_sources import load_report_source

    first, second = (load_report_source(source, args.db, args.scenario).report for source in args.compare)
    labels = ("A", "B")  # each drill is described by its team, date and seed, not by the file it came from
    try:
        comparison = compare_reports(first, second, labels)
    except CompareError as error:
        return fail(str(error))
    out = Path(args.out) if args.out else Path(f"{comparison['scenario']['id']}-compare")
    renderers = {
        "json": lambda: json_text(comparison, args.pretty),
        "md": lambda: compare_to_markdown(first, second, labels),
        "html": lambda: compare_to_html(first, second, labels),
    }
    written = []
    for name in formats:
        path = out / f"compare.{name}"
        write_text_atomic(path, renderers[name]())
        written.append(path)
    print(f"{comparison['scenario']['title']}:")
    for key, label, source in (("a", labels[0], args.compare[0]), ("b", labels[1], args.compare[1])):
        print(f"  {label}{' (baseline)' if key == 'a' else ''}: {describe(comparison['drills'][key])} — from {source}")
    for heading, sentences in (("improved", comparison["improved"]), ("regressed", comparison["regressed"])):
        print(f"  {heading}: {len(sentences)}")
        for sentence in sentences:
            print(f"    - {sentence}")
    for path in written:
        print(f"  wrote {path}")
    return 0
