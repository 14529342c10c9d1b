"""Message-quality grading throughput, in messages per second on one core.

Usage: bench_scoring.py [--data PATH ...] [--seconds N]

Grades each real corpus when it is present (GitHub's updates and the eleven
other organisations' updates in ../shared/data/), otherwise a deterministic
set of generated messages. Every criterion runs, the trained detectors
included; per-text caches are cleared between passes.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from scoring import ChannelInfo, MessageContext, PriorMessage, grade_message  # noqa: E402
from scoring.detectors.claims import extract_claims  # noqa: E402
from scoring.detectors.phase import detect_phase  # noqa: E402
from scoring.detectors.speculation import find_speculation  # noqa: E402
from scoring.learned.features import extract, sentences_besides_apologies, spoken, with_each_apology  # noqa: E402
from scoring.learned.model import read  # noqa: E402
from scoring.text import fold, normalise  # noqa: E402

# Per-text caches must not turn repeated passes over the corpus into cache hits.
CACHED = (extract_claims, detect_phase, normalise, fold, extract, spoken, sentences_besides_apologies, read,
          with_each_apology,
          find_speculation)

DATA_DIR = REPO.parent / "shared" / "data"
DEFAULT_DATA = [DATA_DIR / "github-status-updates.jsonl", DATA_DIR / "statuspage-updates.jsonl"]

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, nargs="+", default=DEFAULT_DATA)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args(argv)
    for path in args.data:
        bench(path, args.seconds)
    return 0


def bench(path: Path, seconds: float) -> None:
    texts = corpus_texts(path)
    start_time = datetime(2024, 1, 1, 12, 0, tzinfo=timezone.utc)
    earlier = (PriorMessage(ChannelInfo("social", max_chars=280), 300.0,
                            "We are investigating failed payments for about 2,000 customers."),)
    context = MessageContext(channel=ChannelInfo("status_page", max_chars=1500), at=900.0,
                             facts={"phase": "identified", "customers_affected": 2000, "regions": ["eu-west"]},
                             earlier=earlier, start_time=start_time)
    for text in texts[:50]:  # warm caches (word lists, compiled patterns)
        grade_message(text, context)
    graded = 0
    began = time.perf_counter()
    while time.perf_counter() - began < seconds:
        for cached in CACHED:
            cached.cache_clear()
        for text in texts:
            grade_message(text, context)
        graded += len(texts)
    elapsed = time.perf_counter() - began
    source = path.name if path.exists() else "generated"
    print(f"{graded / elapsed:,.0f} msg/s ({graded} messages of {source} in {elapsed:.2f}s, one core)")


if __name__ == "__main__":
    raise SystemExit(main())
