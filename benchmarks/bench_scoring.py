"""Message-quality grading throughput, in messages per second on one core.

Usage: bench_scoring.py [--data PATH ...] [--seconds N] [--rounds N] [--before REV | --no-before]

Grades each real corpus when it is present (GitHub's updates and the eleven
other organisations' updates in ../shared/data/), otherwise a deterministic
set of generated messages. Every criterion runs, the trained detectors
included. After one unmeasured pass (so that compiled patterns and the like are
warm, as in a grader that has been running), per-text caches are cleared
between passes, so a pass over a corpus reads each of its messages afresh.

In the same run it measures the scorer as it was at git revision ``--before``
(default: the revision before grading was made faster), taken into a
temporary folder and run the same way. Rounds alternate between the two, one
process at a time, and each figure is the median of its rounds. Time is the
process's CPU time, so that other work on a shared machine does not count
against either; the target is 3,000 messages a second.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA_DIR = REPO.parent / "shared" / "data"
DEFAULT_DATA = [DATA_DIR / "statuspage-updates.jsonl", DATA_DIR / "github-status-updates.jsonl"]
# The scorer before the throughput work: the baseline every run compares with.
BEFORE = "349764773ffbbb62e92ceb447990a2347a4f582b"
TARGET = 3000.0

_PARTS = (
    ["We are investigating", "We have identified the cause of", "A fix has been deployed for", "We have resolved"],
    ["failed logins", "delayed payments", "slow page loads", "errors when uploading files"],
    ["for some customers in Europe.", "affecting about 2,000 users.", "in the US East region.", "since 14:05 UTC."],
    ["Next update in 30 minutes.", "We will keep you updated.", "We are sorry for the disruption.", ""],
)


def corpus_texts(path: Path) -> list[str]:
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            return [json.loads(line)["body"] for line in fh if line.strip()]
    rng = random.Random(7)
    return [" ".join(rng.choice(part) for part in _PARTS).strip() for _ in range(500)]


def _text_caches():
    """Every cache that holds something read from one text, in whichever scorer is on the path."""
    import importlib

    names = [
        ("scoring.detectors.claims", "extract_claims"), ("scoring.detectors.phase", "detect_phase"),
        ("scoring.text", "normalise"), ("scoring.text", "fold"), ("scoring.learned.features", "extract"),
        ("scoring.learned.features", "spoken"), ("scoring.learned.features", "sentences_besides_apologies"),
        ("scoring.learned.model", "read"), ("scoring.learned.features", "with_each_apology"),
        ("scoring.detectors.speculation", "find_speculation"),
    ]
    caches = []
    for module, name in names:
        cached = getattr(importlib.import_module(module), name, None)
        if hasattr(cached, "cache_clear"):
            caches.append(cached.cache_clear)
    try:  # the faster scorer says itself what it keeps per text
        from scoring.text import clear_text_caches
    except ImportError:
        pass
    else:
        caches.append(clear_text_caches)
    return caches


def measure(path: Path, seconds: float) -> dict:
    """Grade the corpus at ``path`` over and over for ``seconds`` of CPU time, with the scorer on sys.path."""
    from scoring import ChannelInfo, MessageContext, PriorMessage, grade_message

    texts = corpus_texts(path)
    start_time = datetime(2024, 1, 1, 12, 0, tzinfo=timezone.utc)
    earlier = (PriorMessage(ChannelInfo("social", max_chars=280), 300.0,
                            "We are investigating failed payments for about 2,000 customers."),)
    context = MessageContext(channel=ChannelInfo("status_page", max_chars=1500), at=900.0,
                             facts={"phase": "identified", "customers_affected": 2000, "regions": ["eu-west"]},
                             earlier=earlier, start_time=start_time)
    # One pass first, as a grader that has been running a while: what it keeps across messages (compiled
    # patterns, word lists, what each word and feature weighs) is warm; what it keeps per text is cleared.
    for text in texts:
        grade_message(text, context)
    clear = _text_caches()
    graded = 0
    began = time.process_time()
    while time.process_time() - began < seconds:
        for cache_clear in clear:
            cache_clear()
        for text in texts:
            grade_message(text, context)
        graded += len(texts)
    elapsed = time.process_time() - began
    return {"graded": graded, "seconds": elapsed, "rate": graded / elapsed}


def _run_child(scoring_home: Path, path: Path, seconds: float) -> dict:
    env = {**os.environ, "PYTHONPATH": str(scoring_home), "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run([sys.executable, __file__, "--child", str(scoring_home), "--data", str(path),
                          "--seconds", str(seconds)], env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _checkout(rev: str, folder: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev, "scoring"], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, nargs="+", default=DEFAULT_DATA)
    parser.add_argument("--seconds", type=float, default=2.0, help="CPU seconds a round (default 2)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds for each scorer (default 3)")
    parser.add_argument("--before", default=BEFORE, help="git revision of the scorer to compare with")
    parser.add_argument("--no-before", action="store_true", help="measure this scorer only")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        sys.path.insert(0, str(args.child))
        print(json.dumps(measure(args.data[0], args.seconds)))
        return 0
    with tempfile.TemporaryDirectory() as folder:
        scorers = {"now": REPO}
        if not args.no_before:
            scorers["before"] = _checkout(args.before, Path(folder))
        for path in args.data:
            source = path.name if path.exists() else "generated messages"
            rates: dict[str, list[float]] = {name: [] for name in scorers}
            for _ in range(args.rounds):
                for name, home in scorers.items():
                    rates[name].append(_run_child(home, path, args.seconds)["rate"])
            now = statistics.median(rates["now"])
            verdict = "met" if now >= TARGET else "MISSED"
            line = (f"{source}: {now:,.0f} msg/s (rounds {', '.join(f'{r:,.0f}' for r in rates['now'])}); "
                    f"target >= {TARGET:,.0f}/s: {verdict}")
            if "before" in rates:
                before = statistics.median(rates["before"])
                line += (f"; before ({args.before[:10]}): {before:,.0f} msg/s "
                         f"(rounds {', '.join(f'{r:,.0f}' for r in rates['before'])}), {now / before:.2f}x")
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
