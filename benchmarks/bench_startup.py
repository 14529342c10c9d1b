"""Benchmark of start-up: every command against `python -c pass`, measured in the same run.

    python benchmarks/bench_startup.py [--repeat N] [--against DIR]

Each command runs in a fresh process, interleaved with the baseline (these machines
are noisy), on compiled bytecode (a warm start, as for anyone who has run drill once);
the figure is the median wall time. A small store with two drills serves `history`,
`export` and `report`. Target for `validate`, `list`, `score TEXT` and `history`:
under 6x `python -c pass`. The terminal UI's first paint is measured by bench_tui.py
and bench_feed.py.

``--against DIR`` also runs every command on another checkout of drill (for example one
made with ``git worktree add /tmp/before HEAD``), each launch beside this checkout's, and
prints the two side by side against the same baseline.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETED = {"validate", "list", "score TEXT", "history"}
MESSAGE = "We are investigating failed card payments in Europe. Next update in 30 minutes."


def commands(root: Path, folder: Path, drill_id: str) -> dict[str, list[str]]:
    out = str(folder / "report")
    return {
        "--help": ["--help"],
        "validate": ["validate", str(root / "scenarios" / "checkout-outage.yaml")],
        "list": ["list"],
        "score TEXT": ["score", MESSAGE],
        "history": ["history"],
        "export ID": ["export", drill_id],
        "report ID": ["report", drill_id, "--out", out],
        "simulate --help": ["simulate", "--help"],
        "run --help": ["run", "--help"],
        "resume --help": ["resume", "--help"],
        "replay --help": ["replay", "--help"],
    }


def wall_time(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, env=env, cwd=cwd)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--against", metavar="DIR", help="also measure the drill checked out in DIR")
    args = parser.parse_args()
    roots = [ROOT] + ([Path(args.against).resolve()] if args.against else [])
    for root in roots:
        compileall.compile_dir(str(root / "drill"), quiet=1)
        compileall.compile_dir(str(root / "scoring"), quiet=1)
    python = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        envs = [{**os.environ, "PYTHONPATH": str(root), "DRILL_DB": str(folder / "drill.db")} for root in roots]
        for env in envs:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
        env = envs[0]
        for seed in (1, 2):  # two drills in the store
            subprocess.run([python, "-m", "drill.cli.main", "simulate", "checkout-outage", "--seed", str(seed),
                            "--out", str(folder / f"sim{seed}")], check=True, capture_output=True, env=env, cwd=folder)
        history = subprocess.run([python, "-m", "drill.cli.main", "history", "--json"], check=True,
                                 capture_output=True, env=env, cwd=folder, text=True).stdout
        import json

        drill_id = json.loads(history)[0]["id"]
        runs = [commands(root, folder, drill_id) for root in roots]
        times: list[dict[str, list[float]]] = [{label: [] for label in runs[0]} for _ in roots]
        baseline = []
        for _ in range(args.repeat):
            baseline.append(wall_time([python, "-c", "pass"], env, folder))
            for label in runs[0]:
                for run, measured, env in zip(runs, times, envs):  # each checkout's launch beside the other's
                    measured[label].append(wall_time([python, "-m", "drill.cli.main", *run[label]], env, folder))
    base = statistics.median(baseline)
    print(f"{'python -c pass':<18} {base * 1000:6.0f} ms")
    if args.against:
        print(f"{'':<19}{'this checkout':>17}    {args.against}")
    for label in times[0]:
        figures = []
        for measured in times:
            median = statistics.median(measured[label])
            figures.append(f"{median * 1000:6.0f} ms  {median / base:5.1f}x")
        target = "  (target < 6x)" if label in TARGETED else ""
        print(f"drill {label:<12} {'    '.join(figures)}{target}")


if __name__ == "__main__":
    main()
