"""`drill resume ID`: reopen a stored drill in the terminal, paused where it stopped.

The drill is rebuilt from its log (the scenario text stored with it, generated
text read back), so it continues exactly as it would have; responses and the
unsent draft are in place, and recording carries on into the same drill.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from drill.cli.output import fail
from drill.cli.pretty_option import add_pretty_argument
from drill.cli.run import parse_speed
from drill.cli.store_options import add_db_argument, open_store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("drill_id", metavar="ID", help="a running drill's id (see `drill history`)")
    parser.add_argument("--speed", type=parse_speed, default=1.0, metavar="X",
                        help="scenario seconds per real second (default 1; F3 cycles 1, 2, 5, 10)")
    parser.add_argument("--out", metavar="DIR", help="report folder (default: ./drill-SCENARIO-YYYYMMDD-HHMMSS)")
    parser.add_argument("--exam", action="store_true",
                        help="exam mode: keep message grades for the debrief instead of showing them at once")
    add_pretty_argument(parser)
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    from drill.cli.recording import check_out_argument, finish_live_drill
    from drill.store import StoreError

    refused = check_out_argument(args)  # now, not at the debrief
    if refused is not None:
        return refused
    try:
        store = open_store(args, create=False, live=True)
    except StoreError as error:
        return fail(str(error))
    try:
        app, recorder = resumed_app(store, args.drill_id, speed=args.speed, exam=args.exam,
                                    out=Path(args.out) if args.out else None, pretty=args.pretty)
    except StoreError as error:
        store.close()
        return fail(str(error))
    app.run()
    return finish_live_drill(app, recorder)


def resumed_app(store, drill_id: str, **options):
    """The app for a stored drill, paused, recording into it: (app, recorder). Raises StoreError."""
    from drill.scenario_cache import load_scenario_kept
    from drill.store import reopen

    rebuilt, recorder = reopen(store, drill_id, ended_ok=True, read_scenario=load_scenario_kept)
    engine = rebuilt.engine

    from drill.tui.launch import make_app  # Textual only from here on

    app = make_app(engine=engine, recorder=recorder, created_at=rebuilt.record.created_at, **options)
    record = rebuilt.record  # the unsent text, back in the composer as the role and on the channel it was for
    app.draft, app.draft_role, app.draft_channel = record.draft_text, record.draft_role, record.draft_channel
    return app, recorder
