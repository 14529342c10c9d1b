"""Benchmark of the drill store: append rate and resume time.

    python benchmarks/bench_store.py [--events N] [--repeat N]

A drill of checkout-outage is played (the public reacting, a response every few
scenario seconds) until it has N events (default 10,000). Then:

- append, one commit per batch: each engine batch stored as the UI stores it,
  in its own durable (synchronous=FULL) transaction;
- append, one big batch: the whole log in one transaction, as `drill simulate` does;
- resume: open the store, read the drill and its events, parse its stored
  scenario and fold the log into an engine (target: under 1 s).

The store is written to a temporary folder on the same disk as the system's
temporary files; fsync speed dominates the first figure.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drill.engine import Advance, DrillEngine, Respond  # noqa: E402
from drill.library import scenario_file  # noqa: E402
from drill.scenario import load_scenario  # noqa: E402
from drill.store import Store  # noqa: E402
from drill.wiring import rebuild_drill, start_drill

from bench_core import PHRASES as TEXTS  # noqa: E402  (the same realistic messages)


def play(events_wanted: int) -> tuple[list[list], str, str]:
    """Batches of a drill with at least ``events_wanted`` events (whole batches, as a store holds a
    drill: a response is never cut from its grade), and its scenario text and name."""
    source = scenario_file("checkout-outage")
    engine = start_drill(source.load(), seed=5)
    batches = [list(engine.log)]
    roles, channels = list(engine.scenario.roles), list(engine.scenario.channels)
    count, n = 1, 0
    while count < events_wanted:
        n += 1
        last_second = engine.scenario.duration - 1  # stay open: a drill being resumed has not ended
        command = (Respond(roles[n % len(roles)], channels[n % len(channels)], TEXTS[n % len(TEXTS)])
                   if n % 2 or engine.clock >= last_second else Advance(to=min(engine.clock + 3, last_second)))
        batch = engine.handle(command)
        if batch:
            batches.append(batch)
            count += len(batch)
    return batches, source.text.decode("utf-8"), source.name


def append_per_batch(folder: Path, batches, text: str, name: str) -> float:
    with Store(folder / "per-batch.db") as store:
        started = time.perf_counter()
        drill_id = store.create_drill(batches[0], text, name)
        for batch in batches[1:]:
            store.append(drill_id, batch)
        return time.perf_counter() - started


def append_one_batch(folder: Path, batches, text: str, name: str, index: int) -> tuple[float, Path, str]:
    path = folder / f"one-batch-{index}.db"
    everything = [event for batch in batches for event in batch]
    with Store(path) as store:
        started = time.perf_counter()
        drill_id = store.create_drill(everything, text, name)
        return time.perf_counter() - started, path, drill_id


def resume(path: Path, drill_id: str) -> dict[str, float]:
    started = time.perf_counter()
    with Store(path, create=False) as store:
        record = store.drill(drill_id)
        events = store.events(drill_id)
        loaded = time.perf_counter()
        scenario = load_scenario(record.scenario_source, record.scenario_file)
        parsed = time.perf_counter()
        engine = rebuild_drill(scenario, events, clock=record.clock)
        folded = time.perf_counter()
    assert engine.state.seq == len(events)
    return {"load": loaded - started, "parse": parsed - loaded, "fold": folded - parsed, "total": folded - started}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    batches, text, name = play(args.events)
    events = sum(len(batch) for batch in batches)
    print(f"drill: {events:,} events in {len(batches):,} batches (checkout-outage, the public reacting)")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        per_batch = append_per_batch(folder, batches, text, name)
        print(f"append, one commit per batch: {events / per_batch:,.0f} events/s, "
              f"{len(batches) / per_batch:,.0f} commits/s ({per_batch:.2f} s)")
        one = [append_one_batch(folder, batches, text, name, index) for index in range(args.repeat)]
        best = min(seconds for seconds, _, _ in one)
        print(f"append, one big batch: {events / best:,.0f} events/s ({best * 1000:.0f} ms)")
        _, path, drill_id = one[0]
        runs = [resume(path, drill_id) for _ in range(args.repeat)]
        median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
        print(f"resume {events:,} events: {median['total'] * 1000:.0f} ms (read {median['load'] * 1000:.0f} ms, "
              f"parse scenario {median['parse'] * 1000:.0f} ms, fold {median['fold'] * 1000:.0f} ms); target < 1 s")


if __name__ == "__main__":
    main()
