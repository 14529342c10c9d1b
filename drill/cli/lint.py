"""`drill lint SCENARIO...`: warnings about a drill's design (see drill.scenario.lint), as file:line:col.

Exit status 0 when every scenario lints clean, 1 when any has a warning or does not load.
"""

from __future__ import annotations

import argparse
import sys

from drill.cli.output import problems_found
from drill.scenario.problems import ScenarioError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenarios", nargs="+", metavar="SCENARIO", help="scenario files or built-in ids")


def run(args: argparse.Namespace) -> int:
    from drill.library import scenario_file
    from drill.scenario.lint import lint

    warnings = problems = 0
    for name in args.scenarios:
        try:
            file = scenario_file(name)
            found = lint(file.text, file.name)
        except ScenarioError as error:
            for problem in error.problems:
                print(problem, file=sys.stderr)
            problems += len(error.problems)
            continue
        for warning in found:
            print(warning)
        warnings += len(found)
        if not found:
            print(f"{name}: no warnings")
    if problems:
        print(problems_found(problems) + " (`drill validate` explains them)", file=sys.stderr)
    if warnings:
        print(f"{warnings} warning{'s' if warnings != 1 else ''}", file=sys.stderr)
    return 1 if warnings or problems else 0
