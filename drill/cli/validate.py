"""`drill validate PATH...`: every problem in every file, as file:line:col.

Responses files (``NAME.responses.yaml``, ``NAME.poor.responses.yaml``) are
checked against their scenario: ``NAME.yaml`` beside them, or ``--scenario``.
"""

from __future__ import annotations

import argparse
import sys

from drill.cli.output import problems_found


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="scenario or responses YAML files (or built-in ids)")
    parser.add_argument("--scenario", metavar="S",
                        help="the scenario that responses files are checked against (default: NAME.yaml beside them)")


def run(args: argparse.Namespace) -> int:
    from drill.report.collector import collector_paused

    problems = 0
    # What loading imports and builds (YAML, the loader, the model) lives to the end, and reading makes no cycles.
    with collector_paused():
        from drill.scenario.problems import ScenarioError

        for path in args.paths:
            try:
                print(f"{path}: ok ({_check(path, args.scenario)})")
            except ScenarioError as error:
                for problem in error.problems:
                    print(problem, file=sys.stderr)
                problems += len(error.problems)
    if problems:
        print(problems_found(problems), file=sys.stderr)
        return 1
    return 0


def _check(path: str, scenario_name: str | None) -> str:
    from pathlib import Path

    from drill.library import RESPONSES_SUFFIX, builtin_files, read_source, resolve_scenario, scenario_file, scenarios_folder
    from drill.scenario import load_scenario
    from drill.scenario.problems import Problem, ScenarioError

    if not path.endswith(RESPONSES_SUFFIX):
        file = scenario_file(path)
        builtin = path in {entry.id for entry in builtin_files()}
        folder = scenarios_folder() if builtin else Path(file.name).parent
        scenario = load_scenario(file.text, file.name, attachment_exists=lambda attached: (folder / attached).is_file())
        for warning in scenario.warnings:  # they do not fail the check
            print(warning, file=sys.stderr)
        return f"{scenario.id}: {_count(len(scenario.injects), 'inject')}, {_count(len(scenario.roles), 'role')}"
    from drill.responses import ScriptedChoice, ScriptedRelease, load_responses

    if scenario_name is None:
        beside = Path(path).with_name(Path(path).name.split(".", 1)[0] + ".yaml")
        if not beside.exists():
            raise ScenarioError([Problem(path, 1, 1, f"responses file: no scenario {beside.name} beside it; "
                                                     "name one with --scenario")])
        scenario_name = str(beside)
    scenario = resolve_scenario(scenario_name)
    entries = load_responses(read_source(path), scenario, path)
    choices = sum(isinstance(entry, ScriptedChoice) for entry in entries)
    releases = sum(isinstance(entry, ScriptedRelease) for entry in entries)
    parts = [_count(len(entries) - choices - releases, "response")]
    parts += [_count(count, noun) for count, noun in ((choices, "choice"), (releases, "release")) if count]
    return f"{', '.join(parts)} for {scenario.id}"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
