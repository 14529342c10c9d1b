"""`drill simulate SCENARIO`: a whole drill at full speed, with responses from a file."""

from __future__ import annotations

import argparse
from pathlib import Path

from drill.cli.output import fail, print_problems
from drill.cli.pretty_option import add_pretty_argument
from drill.cli.recording import add_store_arguments
from drill.cli.start_option import add_start_time_argument, start_time_for
from drill.cli.store_options import open_store
from drill.cli.seed_option import add_seed_argument
from drill.scenario.problems import ScenarioError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", metavar="SCENARIO", help="a built-in scenario id (see `drill list`) or a YAML file")
    parser.add_argument("--responses", metavar="FILE",
                        help="scripted responses (YAML); default: the example shipped with a built-in scenario, "
                             "or NAME.responses.yaml beside NAME.yaml")
    parser.add_argument("--no-responses", action="store_true", help="run with no responses at all (a silent team)")
    add_seed_argument(parser)
    parser.add_argument("--out", metavar="DIR", help="output folder (default: ./SCENARIO-report)")
    add_pretty_argument(parser)
    add_start_time_argument(parser)
    add_store_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from drill.library import builtin_responses, read_source, scenario_file
    from drill.responses import load_responses
    from drill.session import finish_headless
    from drill.store import StoreError

    try:
        source = scenario_file(args.scenario)
        scenario = source.load()
        responses = []
        if args.responses:
            responses = load_responses(read_source(args.responses), scenario, args.responses)
        elif not args.no_responses:
            example = builtin_responses(scenario.id) if args.scenario == scenario.id else _beside(args.scenario)
            if example is not None:
                responses = load_responses(example[0], scenario, example[1])
                if args.scenario != scenario.id:
                    print(f"using the responses in {example[1]} (beside the scenario; --no-responses runs without)")
        out = Path(args.out) if args.out else Path(f"{scenario.id}-report")
        record = None if args.no_store else _recorder(args, source)
        start_time = start_time_for(args.start_time, scenario.start)
        result = finish_headless(scenario, responses, args.seed, out, record, start_time, pretty=args.pretty)
    except ScenarioError as error:
        return print_problems(error)
    except StoreError as error:
        return fail(f"{error} (--no-store runs without recording)")
    except OSError as error:
        return fail(f"cannot write the report: {error.strerror or error}")
    print(result.summary)
    if result.store_error is not None:
        return fail(f"the drill was not recorded: {result.store_error} (the report above was written; "
                    "--no-store runs without recording)")
    return 0


def _beside(scenario_path: str) -> tuple[bytes, str] | None:
    """``NAME.responses.yaml`` beside ``NAME.yaml``, as `drill validate` pairs them, if there is one."""
    from drill.library import RESPONSES_SUFFIX, read_source

    path = Path(scenario_path)
    beside = path.with_name(path.name.split(".", 1)[0] + RESPONSES_SUFFIX)
    return (read_source(beside), str(beside)) if beside.is_file() else None


def _recorder(args: argparse.Namespace, source):
    """Keep the finished drill in the store, so `drill history`, `export` and `report ID` find it."""
    from drill.store import record_finished

    def record(engine, report) -> str:
        with open_store(args) as store:
            drill_id = record_finished(store, engine, source.text.decode("utf-8"), source.name, report,
                                       team=args.team)
            return f"recorded as drill {drill_id} in {store.label}"

    return record
