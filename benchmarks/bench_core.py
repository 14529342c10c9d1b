"""Benchmark of the core: command start-up and headless simulate throughput.

    python benchmarks/bench_core.py [--repeat N]

Start-up is compared with `python -c pass` measured in the same run, because
these machines are noisy; the simulate figure uses a generated 8-hour scenario
with 5,000 injects and 1,000 responses (target: under 1 s).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drill.engine import Advance, DrillEngine, Respond  # noqa: E402
from drill.scenario import load_scenario  # noqa: E402
from drill.wiring import start_drill

PHRASES = [
    "We are investigating failed card payments for merchants in Europe since 14:05 UTC.",
    "We're sorry: checkout is failing for about 2,300 merchants. We don't know the cause yet.",
    "Card payments are recovering; we are monitoring. Next update in 30 minutes.",
    "Acknowledged, I'm IC. Liaison, open the customer thread; comms, draft the status post.",
]


def wall_time(argv: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def generated_scenario(injects: int = 5000, duration: int = 8 * 3600, seed: int = 1) -> str:
    """The benchmark scenario as YAML: ``injects`` injects spread over ``duration`` seconds."""
    return yaml.safe_dump(generated_document(injects, duration, seed))


def generated_document(injects: int = 5000, duration: int = 8 * 3600, seed: int = 1) -> dict:
    """The benchmark scenario as the document its YAML holds."""
    rng = random.Random(seed)
    roles = ["ic", "liaison", "comms", "support", "legal", "exec"]
    channels = {"status_page": "public", "social": "public", "press": "public", "chat": "internal"}
    items = []
    for index in range(injects):
        inject = {
            "id": f"i{index}",
            "at": rng.randrange(duration),
            "type": rng.choice(["alert", "chat", "ticket", "press_call", "social_post", "email"]),
            "from": "{fake.name}" if index % 10 == 0 else "Monitoring",
            "to": [rng.choice(roles)],
            "text": "Customers report failures ({fact.customers_affected} affected)." if index % 7 == 0 else "Errors rising.",
        }
        if index % 3 == 0:
            inject["expects"] = {"role": rng.choice(roles), "channel": rng.choice(sorted(channels)), "within": "10m"}
        if index % 50 == 0:
            inject["facts"] = {"customers_affected": rng.randrange(100, 10000)}
        if index % 97 == 0:
            inject["unless"] = {"posted": "status_page"}
        items.append(inject)
    document = {
        "format": 1, "id": "bench", "title": "Benchmark", "duration": duration,
        "facts": {"customers_affected": 100, "phase": "investigating"},
        "roles": {role: {"name": role} for role in roles},
        "channels": {name: {"audience": audience} for name, audience in channels.items()},
        "injects": items,
    }
    return document


def generated_responses(count: int, duration: int, seed: int = 2) -> list[tuple[int, str, str, str]]:
    rng = random.Random(seed)
    roles = ["ic", "liaison", "comms", "support", "legal", "exec"]
    channels = ["status_page", "social", "press", "chat"]
    return sorted((rng.randrange(duration), rng.choice(roles), rng.choice(channels), rng.choice(PHRASES))
                  for _ in range(count))


def run_simulation(scenario, responses):
    engine = start_drill(scenario, 1)
    for at, role, channel, text in responses:
        if at > engine.clock:
            engine.handle(Advance(to=at))
        engine.handle(Respond(role, channel, text))
    engine.handle(Advance(to=scenario.duration))
    return engine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    python = sys.executable
    drill = [python, "-m", "drill.cli.main"]
    baseline = wall_time([python, "-c", "pass"], args.repeat)
    help_time = wall_time([*drill, "--help"], args.repeat)
    validate_time = wall_time([*drill, "validate", str(ROOT / "scenarios" / "checkout-outage.yaml")], args.repeat)
    score_time = wall_time([*drill, "score", "We are investigating failed card payments in Europe. Next update in "
                                                "30 minutes."], args.repeat)
    print(f"python -c pass           {baseline * 1000:7.0f} ms")
    print(f"drill --help             {help_time * 1000:7.0f} ms  ({help_time / baseline:.1f}x python -c pass)")
    print(f"drill validate           {validate_time * 1000:7.0f} ms  ({validate_time / baseline:.1f}x python -c pass)")
    print(f"drill score TEXT         {score_time * 1000:7.0f} ms  ({score_time / baseline:.1f}x python -c pass)")

    text = generated_scenario()
    started = time.perf_counter()
    scenario = load_scenario(text, "bench.yaml")
    load_time = time.perf_counter() - started
    responses = generated_responses(1000, scenario.duration)
    runs = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        engine = run_simulation(scenario, responses)
        runs.append(time.perf_counter() - started)
    simulate_time = statistics.median(runs)
    print(f"load 5,000-inject scenario {load_time * 1000:5.0f} ms")
    print(f"simulate 8 h, 5,000 injects, 1,000 responses: {simulate_time * 1000:.0f} ms "
          f"({len(engine.log):,} events, {len(engine.log) / simulate_time:,.0f} events/s; target < 1000 ms)")
    from drill.grading import grade_drill
    from drill.report.data import build_report

    started = time.perf_counter()
    report = build_report(scenario, engine.log, grade_drill(scenario, engine.log))
    grade_time = time.perf_counter() - started
    print(f"grade + report data for that drill: {grade_time * 1000:.0f} ms ({len(report['responses'])} responses)")


if __name__ == "__main__":
    main()
