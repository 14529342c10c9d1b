"""`drill validate PATH...`: every problem in every file, as file:line:col."""

from __future__ import annotations

import argparse
import sys

from drill.scenario.problems import ScenarioError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="scenario YAML files (or built-in ids)")


def run(args: argparse.Namespace) -> int:
    from drill.library import resolve_scenario

    problems = 0
    for path in args.paths:
        try:
            scenario = resolve_scenario(path)
        except ScenarioError as error:
            for problem in error.problems:
                print(problem, file=sys.stderr)
            problems += len(error.problems)
            continue
        print(f"{path}: ok ({scenario.id}: {len(scenario.injects)} injects, {len(scenario.roles)} roles)")
    if problems:
        print(f"{problems} problem{'s' if problems != 1 else ''} found", file=sys.stderr)
        return 1
    return 0
