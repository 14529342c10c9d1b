"""`drill replay ID`: watch a stored drill again in the terminal, read-only, at any speed.

The app plays the stored events back itself (``make_app(replay=...)``): they appear
as their scenario time comes round, F2 pauses and F3 changes the speed. Nothing is
recomputed: every event, generated text included, is the stored one.
"""

from __future__ import annotations

import argparse

from drill.cli.output import fail
from drill.cli.run import parse_speed
from drill.cli.store_options import add_db_argument, open_store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("drill_id", metavar="ID", help="a drill id (see `drill history`)")
    parser.add_argument("--speed", type=parse_speed, default=10.0, metavar="X",
                        help="scenario seconds per real second (default 10)")
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    from drill.scenario_cache import load_scenario_kept
    from drill.store import StoreError
    from drill.store.rebuild import read_log, unreplayable

    try:
        with open_store(args, create=False) as store:
            log = read_log(store, args.drill_id, read_scenario=load_scenario_kept)
    except StoreError as error:
        return fail(str(error))

    from drill.tui.launch import make_app  # Textual only from here on
    from drill.live.replay import ReplaySource

    try:
        app = make_app(replay=ReplaySource(log.scenario, log.events, log.record.clock), speed=args.speed,
                       created_at=log.record.created_at)
    except (ValueError, KeyError) as error:  # the log's first events cannot be folded
        return fail(str(unreplayable(args.drill_id, error)))
    # The whole log folded once, as a drill reopened is, to check that all of it replays: after the first
    # frame, which needs only its first events. A log that does not fold ends the replay with the reason.
    app.after_first_frame(log.fold)
    app.run()
    if app.failure is not None:
        return fail(app.failure)
    return 0
