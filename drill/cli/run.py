"""`drill run [SCENARIO]`: run a drill live in the terminal, with the facilitator at the keyboard."""

from __future__ import annotations

import argparse
from pathlib import Path

from drill.cli.output import fail, print_problems
from drill.cli.pretty_option import add_pretty_argument
from drill.cli.start_option import add_start_time_argument
from drill.cli.recording import add_store_arguments, check_out_argument, finish_live_drill, new_drill_recorder
from drill.cli.seed_option import add_seed_argument
from drill.scenario.problems import ScenarioError


def parse_speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= 1000:
        raise argparse.ArgumentTypeError("speed must be above 0 and at most 1000")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", metavar="SCENARIO", nargs="?",
                        help="a built-in scenario id or a YAML file (default: choose from a list)")
    add_seed_argument(parser)
    parser.add_argument("--speed", type=parse_speed, default=1.0, metavar="X",
                        help="scenario seconds per real second (default 1; F3 cycles 1, 2, 5, 10)")
    parser.add_argument("--paused", action="store_true", help="start with the clock paused")
    parser.add_argument("--no-briefing", action="store_true", help="skip the briefing and start at once")
    parser.add_argument("--out", metavar="DIR",
                        help="report folder (default: ./drill-SCENARIO-YYYYMMDD-HHMMSS)")
    add_pretty_argument(parser)
    parser.add_argument("--exam", action="store_true",
                        help="exam mode: keep message grades for the debrief instead of showing them at once")
    add_start_time_argument(parser)
    add_store_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from drill.library import scenario_file
    from drill.scenario_cache import load_scenario_kept

    refused = check_out_argument(args)  # now, not at the debrief an hour from now
    if refused is not None:
        return refused
    scenario, read_from = None, None
    if args.scenario:
        try:
            file = scenario_file(args.scenario)
            scenario = load_scenario_kept(file.text, file.name)
        except ScenarioError as error:
            return print_problems(error)
        read_from = (scenario, file)

    from drill.store import StoreError

    try:  # the scenario is asked for at the first event, once `app` below exists (it may be picked in the UI)
        recorder = new_drill_recorder(args, lambda: app.scenario, read_from)
    except StoreError as error:
        return fail(str(error))

    from drill.tui.launch import make_app  # Textual only from here on: it costs about 0.3 s to import

    app = make_app(scenario, seed=args.seed, speed=args.speed, paused=args.paused,
                   briefing=not args.no_briefing, exam=args.exam, out=Path(args.out) if args.out else None,
                   recorder=recorder, start_time=args.start_time, pretty=args.pretty)
    app.run()
    return finish_live_drill(app, recorder)
