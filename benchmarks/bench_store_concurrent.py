"""Benchmark: many drills written at once, into one PostgreSQL database and into one SQLite file.

    python benchmarks/bench_store_concurrent.py [--drills 20] [--events 10000] [--pg-url URL]

Each of ``--drills`` processes records its own drill of ``--events`` events, batch by batch as
`drill run` and `drill serve` store them (every batch one durable transaction, committed before it
is acknowledged), all at the same time into the same store. The batches are those of a real drill
of checkout-outage (played once, the public reacting), so the rows are the sizes drills write.

Printed for each backend: events/s over the wall time of the whole run, commits/s, and the
median and p99 commit latency (one ``Store.append``) over every commit of every writer.

PostgreSQL is a server started for the run (initdb into a temporary folder, a free port on
127.0.0.1, as the tests do) unless ``--pg-url`` names one; SQLite is a file in the temporary folder.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bench_store import play  # noqa: E402  (the same drill, batch for batch)


def writer(target: str, batches, text: str, name: str, start, results) -> None:
    from drill.store import Store

    with Store(target, timeout=60) as store:
        start.wait()
        latencies = []
        began = time.perf_counter()
        drill_id = store.create_drill(batches[0], text, name)
        latencies.append(time.perf_counter() - began)
        for batch in batches[1:]:
            began = time.perf_counter()
            store.append(drill_id, batch)
            latencies.append(time.perf_counter() - began)
        results.put((drill_id, latencies))


def run(target: str, drills: int, batches, text: str, name: str) -> dict[str, float]:
    from drill.store import Store

    Store(target, migrate=True).close()
    context = multiprocessing.get_context("spawn")
    start, results = context.Event(), context.Queue()
    processes = [context.Process(target=writer, args=(target, batches, text, name, start, results))
                 for _ in range(drills)]
    for process in processes:
        process.start()
    time.sleep(2.0)  # every writer has imported drill and connected before the clock starts
    began = time.perf_counter()
    start.set()
    collected = [results.get(timeout=3600) for _ in processes]
    wall = time.perf_counter() - began
    for process in processes:
        process.join()
    latencies = sorted(latency for _, per_writer in collected for latency in per_writer)
    events = drills * sum(len(batch) for batch in batches)
    with Store(target) as store:  # every drill whole
        stored = sum(store.drill(drill_id).events for drill_id, _ in collected)
    assert stored == events, f"stored {stored} events of {events}"
    return {"events_per_s": events / wall, "commits_per_s": len(latencies) / wall, "wall_s": wall,
            "p50_ms": 1000 * statistics.median(latencies), "p99_ms": 1000 * latencies[int(0.99 * (len(latencies) - 1))]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--drills", type=int, default=20)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--pg-url", help="a PostgreSQL database to use (default: a server started for the run)")
    args = parser.parse_args()

    batches, text, name = play(args.events)
    per_drill = sum(len(batch) for batch in batches)
    print(f"{args.drills} drills at once, each {per_drill:,} events in {len(batches):,} batches (checkout-outage)")
    server = None
    url = args.pg_url
    if url is None:
        from postgres_server import PostgresServer, find_binaries

        binaries = find_binaries()
        if binaries is None:
            sys.exit("PostgreSQL's initdb/pg_ctl not found: install postgresql or pass --pg-url")
        server = PostgresServer(binaries)
        server.start()
        url = server.new_database()
    try:
        with tempfile.TemporaryDirectory() as folder:
            for label, target in (("PostgreSQL", url), ("SQLite", str(Path(folder) / "drills.db"))):
                figures = run(target, args.drills, batches, text, name)
                print(f"{label:<10}  {figures['events_per_s']:>9,.0f} events/s  {figures['commits_per_s']:>7,.0f} commits/s  "
                      f"commit p50 {figures['p50_ms']:6.1f} ms  p99 {figures['p99_ms']:7.1f} ms  "
                      f"({figures['wall_s']:.1f} s)", flush=True)
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
