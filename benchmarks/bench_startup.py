"""Benchmark of start-up: every command against `python -c pass`, measured in the same run.

    python benchmarks/bench_startup.py [--repeat N]

Each command runs in a fresh process, interleaved with the baseline (these machines
are noisy), on compiled bytecode (a warm start, as for anyone who has run drill once);
the figure is the median wall time. A small store with two drills serves `history`,
`export` and `report`. Target for `validate`, `list`, `score TEXT` and `history`:
under 6x `python -c pass`. The terminal UI's first paint is measured by bench_tui.py
and bench_feed.py.
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


def commands(folder: Path, drill_id: str) -> dict[str, list[str]]:
    out = str(folder / "report")
    return {
        "--help": ["--help"],
        "validate": ["validate", str(ROOT / "scenarios" / "checkout-outage.yaml")],
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
    args = parser.parse_args()
    compileall.compile_dir(str(ROOT / "drill"), quiet=1)
    compileall.compile_dir(str(ROOT / "scoring"), quiet=1)
    python = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "DRILL_DB": str(folder / "drill.db")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for seed in (1, 2):  # two drills in the store
            subprocess.run([python, "-m", "drill.cli.main", "simulate", "checkout-outage", "--seed", str(seed),
                            "--out", str(folder / f"sim{seed}")], check=True, capture_output=True, env=env, cwd=folder)
        history = subprocess.run([python, "-m", "drill.cli.main", "history", "--json"], check=True,
                                 capture_output=True, env=env, cwd=folder, text=True).stdout
        import json

        drill_id = json.loads(history)[0]["id"]
        runs = commands(folder, drill_id)
        times: dict[str, list[float]] = {label: [] for label in runs}
        baseline = []
        for _ in range(args.repeat):
            baseline.append(wall_time([python, "-c", "pass"], env, folder))
            for label, argv in runs.items():
                times[label].append(wall_time([python, "-m", "drill.cli.main", *argv], env, folder))
    base = statistics.median(baseline)
    print(f"{'python -c pass':<18} {base * 1000:6.0f} ms")
    for label, values in times.items():
        median = statistics.median(values)
        target = "  (target < 6x)" if label in TARGETED else ""
        print(f"drill {label:<12} {median * 1000:6.0f} ms  {median / base:5.1f}x{target}")


if __name__ == "__main__":
    main()
