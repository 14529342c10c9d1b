"""Sentence splitting for press quotes: correctness and time per text, ours against pysbd.

    python benchmarks/bench_sentences.py [--repeat N]

The texts are tests/sentence_cases.py: domains, URLs, counts, shares, times,
abbreviations, quotes and line breaks, each with the sentences it holds.
pysbd is measured only when it is installed (it is not a dependency).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from drill.world.sentences import split_sentences  # noqa: E402
from sentence_cases import CASES  # noqa: E402


def measure(name: str, split, repeat: int) -> None:
    correct, per_text, failures = 0, [], []
    for text, expected in CASES:
        got = split(text)
        correct += got == expected
        if got != expected:
            failures.append((text, got))
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            split(text)
            times.append(time.perf_counter() - started)
        per_text.append(statistics.median(times))
    print(f"{name}: n={len(CASES)} correct={correct} "
          f"median {statistics.median(per_text) * 1000:.3f} ms/text, max {max(per_text) * 1000:.3f} ms/text")
    for text, got in failures:
        print(f"  wrong: {text!r} -> {got!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    measure("drill.world.sentences", split_sentences, args.repeat)
    try:
        started = time.perf_counter()
        import pysbd
    except ImportError:
        print("pysbd: not installed")
        return
    imported = time.perf_counter() - started
    segmenter = pysbd.Segmenter(language="en", clean=False)
    started = time.perf_counter()
    segmenter.segment(CASES[0][0])
    first = time.perf_counter() - started
    version = getattr(pysbd, "__version__", "")
    print(f"pysbd {version}: import {imported * 1000:.0f} ms, first text {first * 1000:.0f} ms")
    measure("pysbd", lambda text: [part.strip() for part in segmenter.segment(text) if part.strip()], args.repeat)


if __name__ == "__main__":
    main()
