"""`drill replay ID`: watch a stored drill again in the terminal, read-only, at any speed.

The app is opened read-only on the drill as it was at T+0; a playback then hands
it the stored events as their scenario time comes round, the way a live drill
hands its widgets each new batch (the app's ``engine`` and ``drill_events``).
Nothing is recomputed: every event, generated text included, is the stored one.
"""

from __future__ import annotations

import argparse
import asyncio
from bisect import bisect_right

from drill.cli.output import fail
from drill.cli.run import _speed
from drill.cli.store_options import add_db_argument, open_store

TICK_SECONDS = 0.2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("drill_id", metavar="ID", help="a drill id (see `drill history`)")
    parser.add_argument("--speed", type=_speed, default=10.0, metavar="X",
                        help="scenario seconds per real second (default 10)")
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    from drill.store import StoreError, rebuild

    try:
        with open_store(args, create=False) as store:
            rebuilt = rebuild(store, args.drill_id)
            events = store.events(args.drill_id)
    except StoreError as error:
        return fail(str(error))
    playback = Playback(rebuilt.scenario, events, rebuilt.record.clock)
    app = playback.app(speed=args.speed)
    app.run(auto_pilot=playback.drive)
    return 0


class Playback:
    """Feeds a stored log to a read-only app as scenario time passes."""

    def __init__(self, scenario, events, end_clock: int):
        self.scenario = scenario
        self.events = events
        self.times = [event.at for event in events]
        self.end_clock = max(end_clock, self.times[-1] if self.times else 0)
        self.clock = 0.0
        self.shown = 0

    def app(self, **options):
        from drill.engine import DrillEngine
        from drill.tui.app import make_app

        start = DrillEngine.from_events(self.scenario, self.events[:1])
        self.shown = 1
        self._app = make_app(engine=start, read_only=True, realtime=False, **options)
        return self._app

    @property
    def finished(self) -> bool:
        return self.clock >= self.end_clock and self.shown == len(self.events)

    def advance(self, scenario_seconds: float) -> list:
        """Show every stored event up to the new replay time; return them."""
        from drill.engine import DrillEngine

        app = self._app
        self.clock = min(self.clock + scenario_seconds, self.end_clock)
        upto = bisect_right(self.times, self.clock)
        new = self.events[self.shown:upto]
        if new:
            # Folding the stored prefix is the engine's one public way in; it is fast (10,000 events in ~40 ms).
            app.engine = DrillEngine.from_events(self.scenario, self.events[:upto])
            self.shown = upto
        app.clock = int(self.clock)
        app.paused, app.ended = app.engine.paused, app.engine.ended
        app.phase = str(app.engine.state.facts.get("phase") or "")
        if new:
            app.drill_events.publish(new)
        return new

    async def drive(self, pilot) -> None:
        """Real time to replay time at the app's speed, until the log is shown (then the view stays)."""
        while not self.finished:
            await asyncio.sleep(TICK_SECONDS)
            self.advance(TICK_SECONDS * self._app.speed)
        self._app.notify("End of the replay. Ctrl+Q quits.", markup=False)
