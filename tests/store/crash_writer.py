"""A drill that streams responses into the store until it is killed (used by test_crash.py).

    python crash_writer.py DB [DRILL_ID]

Starts a new drill of checkout-outage, or resumes DRILL_ID from the store, then
loops: respond, record the batch, print "ACK n" (n is the response id) once it
is committed; advance a second, record, store the clock; now and then save a
draft. It prints "DRILL id" first.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from drill.engine import Advance, Respond  # noqa: E402
from drill.library import scenario_file  # noqa: E402
from drill.store import Store, StoreRecorder, begin_recording, rebuild  # noqa: E402
from drill.wiring import start_drill  # noqa: E402


def main(db: str, drill_id: str | None) -> None:
    store = Store(db)
    if drill_id is None:
        source = scenario_file("checkout-outage")
        engine = start_drill(source.load(), seed=11)
        recorder = begin_recording(store, engine, source.text.decode("utf-8"), source.name)
    else:
        engine = rebuild(store, drill_id).engine
        recorder = StoreRecorder(store, drill_id)
    print(f"DRILL {recorder.drill_id}", flush=True)
    roles, channels = list(engine.scenario.roles), list(engine.scenario.channels)
    last_second = engine.scenario.duration - 1  # never reach the end: the drill must stay open
    while True:
        n = len(engine.state.responses) + 1
        role, channel = roles[n % len(roles)], channels[n % len(channels)]
        recorder.record(engine.handle(Respond(role, channel, f"update {n}")))
        print(f"ACK {n}", flush=True)
        if engine.clock < last_second:
            recorder.record(engine.handle(Advance(by=1)))
            recorder.set_clock(engine.clock)
        if n % 7 == 0:
            recorder.save_draft(f"draft after {n}", role, channel)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
