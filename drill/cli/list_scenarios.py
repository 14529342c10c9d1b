"""`drill list`: the built-in scenarios."""

from __future__ import annotations

import argparse

from drill.cli.output import print_problems
from drill.cli.terminal import json_text
from drill.durations import format_minutes
from drill.scenario.problems import ScenarioError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args: argparse.Namespace) -> int:
    from drill.library import builtin_summaries

    try:
        scenarios = builtin_summaries()
    except ScenarioError as error:
        return print_problems(error)
    if args.json:
        print(json_text([{"id": s.id, "title": s.title, "duration": s.duration, "injects": s.injects}
                          for s in scenarios], indent=2))
        return 0
    width = max(len(s.id) for s in scenarios)
    print(f"{'ID':<{width}}  {'DURATION':>8}  TITLE")
    for scenario in scenarios:
        print(f"{scenario.id:<{width}}  {format_minutes(scenario.duration):>8}  {scenario.title}")
    return 0
