"""Benchmark of how the headless drill scales: the cost per event and per inject as a drill grows.

    python benchmarks/bench_scaling.py [--scales 1,2,4,8,16] [--repeat 3] [--against DIR]

At scale N the drill is bench_core.py's 8-hour drill made N times as long: N x 5,000 injects and
N x 1,000 responses over N x 8 hours, with the public reacting and every response graded, simulated
in process (``run_simulation``). Each scale is run a few times, in rounds, and the median kept; the cost per
event and per inject is printed as a ratio to 1x (target: at most 1.3x at 16x). The 1x run is the
plain 8-hour simulate (target: under 0.8 s).

Times are the process's CPU time (``time.process_time``): these machines are shared, and the wall
time of a run mostly measures what else was running. The wall time is printed beside it.

The scenario format caps a file (its size, its injects and asks, and a drill's duration), so the
longer drills cannot be written as one YAML file. Each is built in process: the document is made as
bench_core.py makes it, each 8-hour stretch of it is loaded with ``load_scenario`` as a scenario of
its own (checked as any scenario is), and the stretches' injects are joined into one ``Scenario``
of the whole duration. At 1x that is exactly the scenario bench_core.py loads.

``--against DIR`` runs the same measurement, in a subprocess, on another checkout of drill (for
example one made with ``git worktree add /tmp/before HEAD``) and prints the two side by side; the
slower code can take a few minutes at 16x.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# The code measured is the drill on the path (PYTHONPATH first, as --against uses): its packages are
# imported before bench_core, which puts this checkout first on sys.path for anything imported later.
try:
    import drill  # noqa: F401
    import scoring  # noqa: F401
except ImportError:
    sys.path.insert(0, str(ROOT))
    import drill  # noqa: F401
    import scoring  # noqa: F401

from bench_core import generated_document, generated_responses, run_simulation  # noqa: E402
from drill.scenario import load_scenario  # noqa: E402
from drill.scenario.model import Scenario  # noqa: E402

BASE_INJECTS = 5000
BASE_RESPONSES = 1000
BASE_DURATION = 8 * 3600
TARGET_RATIO = 1.3
TARGET_SIMULATE_MS = 800


def scaled_scenario(scale: int) -> Scenario:
    """The benchmark drill at ``scale``: ``scale`` times the injects over ``scale`` times the duration.

    The injects of each 8-hour stretch are loaded as one 8-hour scenario of their own, their times
    taken back to the stretch's start, then put back in place and in the document's order.
    """
    document = generated_document(BASE_INJECTS * scale, BASE_DURATION * scale)
    stretches: dict[int, list[dict]] = {}
    for item in document["injects"]:
        stretches.setdefault(item["at"] // BASE_DURATION, []).append(item)
    placed, head = {}, None
    for stretch, items in sorted(stretches.items()):
        offset = stretch * BASE_DURATION
        part = dict(document, duration=BASE_DURATION, injects=[dict(item, at=item["at"] - offset) for item in items])
        loaded = load_scenario(yaml.safe_dump(part), f"bench-x{scale}.yaml")
        head = head or loaded
        placed.update((inject.id, dataclasses.replace(inject, at=inject.at + offset)) for inject in loaded.injects)
    return dataclasses.replace(head, duration=document["duration"],
                               injects=tuple(placed[item["id"]] for item in document["injects"]))


def simulate_once(scenario: Scenario, responses: list) -> tuple[float, float, int]:
    """One simulation: its CPU time, its wall time and the number of events it logged."""
    gc.collect()
    started, wall = time.process_time(), time.perf_counter()
    engine = run_simulation(scenario, responses)
    return time.process_time() - started, time.perf_counter() - wall, len(engine.log)


def run_all(scales: list[int], repeat: int, budget: float) -> dict:
    """Rounds of one run at each scale (two at 1x), so a busy spell on the machine is shared out among
    the scales; no new round starts once ``budget`` seconds have gone by."""
    drills = {}
    for scale in scales:
        scenario = scaled_scenario(scale)
        drills[scale] = (scenario, generated_responses(BASE_RESPONSES * scale, scenario.duration))
    run_simulation(*drills[1])  # imports and compiled patterns, before anything is timed
    runs: dict[int, list[tuple[float, float]]] = {scale: [] for scale in scales}
    events: dict[int, int] = {}
    started = time.perf_counter()
    for _ in range(repeat):
        for scale in scales:
            for _ in range(2 if scale == 1 else 1):
                cpu, wall, events[scale] = simulate_once(*drills[scale])
                runs[scale].append((cpu, wall))
        print(f"  round {len(runs[scales[-1]])}: " + ", ".join(f"{scale}x {runs[scale][-1][0]:.2f} s"
                                                                for scale in scales), file=sys.stderr, flush=True)
        if time.perf_counter() - started > budget:
            break
    rows = [{"scale": scale, "injects": len(drills[scale][0].injects), "responses": len(drills[scale][1]),
             "events": events[scale], "runs": len(runs[scale]),
             "seconds": statistics.median(cpu for cpu, _ in runs[scale]),
             "fastest": min(cpu for cpu, _ in runs[scale]),
             "wall": statistics.median(wall for _, wall in runs[scale]),
             "times": [cpu for cpu, _ in runs[scale]]} for scale in scales]
    return {"code": str(Path(sys.modules["drill.engine.state"].__file__).parents[2]), "rows": rows}


def ratios(rows: list[dict], key: str = "seconds") -> list[tuple[float, float]]:
    """Each scale's cost per event and per inject as a ratio to 1x, from its median time (or ``key``)."""
    base = next(row for row in rows if row["scale"] == 1)
    per_event = base[key] / base["events"]
    per_inject = base[key] / base["injects"]
    return [((row[key] / row["events"]) / per_event, (row[key] / row["injects"]) / per_inject) for row in rows]


def table(result: dict) -> list[str]:
    lines = [f"code: {result['code']}",
             f"{'scale':>5} {'injects':>8} {'responses':>9} {'events':>8} {'runs':>4} {'cpu':>9} {'wall':>9} "
             f"{'us/event':>8} {'per event':>9} {'per inject':>10} {'(fastest run: per event)':>24}"]
    rows = result["rows"]
    for row, (event_ratio, inject_ratio), (fastest, _) in zip(rows, ratios(rows), ratios(rows, "fastest")):
        lines.append(f"{row['scale']:>4}x {row['injects']:>8,} {row['responses']:>9,} {row['events']:>8,} "
                     f"{row['runs']:>4} {row['seconds'] * 1000:>7,.0f}ms {row['wall'] * 1000:>7,.0f}ms "
                     f"{row['seconds'] / row['events'] * 1e6:>8.1f} {event_ratio:>8.2f}x {inject_ratio:>9.2f}x "
                     f"{fastest:>23.2f}x")
    return lines


def summary(result: dict) -> list[str]:
    rows = result["rows"]
    lines = []
    base = next(row for row in rows if row["scale"] == 1)
    lines.append(f"simulate 8 h (1x), median of {base['runs']}: {base['seconds'] * 1000:.0f} ms CPU, "
                 f"{base['wall'] * 1000:.0f} ms wall, fastest {base['fastest'] * 1000:.0f} ms CPU "
                 f"(target < {TARGET_SIMULATE_MS} ms)")
    top = max(rows, key=lambda row: row["scale"])
    event_ratio, inject_ratio = ratios(rows)[rows.index(top)]
    lines.append(f"cost per event at {top['scale']}x: {event_ratio:.2f}x of 1x, per inject {inject_ratio:.2f}x "
                 f"(target <= {TARGET_RATIO}x at 16x)")
    return lines


def against(directory: str, args: argparse.Namespace) -> dict:
    """The same measurement on the drill checked out in ``directory``, in a subprocess."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [directory, os.environ.get("PYTHONPATH")])),
               PYTHONDONTWRITEBYTECODE="1")
    command = [sys.executable, __file__, "--json", "--scales", args.scales, "--repeat", str(args.repeat),
               "--budget", str(args.budget)]
    done = subprocess.run(command, env=env, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,2,4,8,16", help="comma-separated multiples of the 8-hour drill")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of runs: one run of each scale a round, two of 1x")
    parser.add_argument("--budget", type=float, default=90.0, help="no new round after this many seconds")
    parser.add_argument("--against", metavar="DIR", help="also measure the drill checked out in DIR")
    parser.add_argument("--json", action="store_true", help="print the measurement as JSON")
    args = parser.parse_args()
    scales = sorted({int(scale) for scale in args.scales.split(",")} | {1})
    other = against(args.against, args) if args.against else None
    result = run_all(scales, args.repeat, args.budget)
    if args.json:
        print(json.dumps(result))
        return
    for name, measured in (("against", other), ("this checkout", result)):
        if measured is not None:
            print(f"--- {name}")
            print("\n".join(table(measured) + summary(measured)))
    if other is not None:
        print("--- per-event cost ratio to 1x, against -> this checkout")
        for row, (before, _), (after, _) in zip(result["rows"], ratios(other["rows"]), ratios(result["rows"])):
            print(f"{row['scale']:>4}x  {before:.2f}x -> {after:.2f}x")
        base_before = next(row for row in other["rows"] if row["scale"] == 1)["seconds"]
        base_after = next(row for row in result["rows"] if row["scale"] == 1)["seconds"]
        print(f"simulate 8 h: {base_before * 1000:.0f} ms -> {base_after * 1000:.0f} ms")


if __name__ == "__main__":
    main()
