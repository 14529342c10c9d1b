"""The --seed option: a whole number the store can keep (SQLite integers are signed 64-bit)."""

from __future__ import annotations

import argparse

MAX_SEED = 2**63 - 1


def parse_seed(text: str) -> int:
    try:
        seed = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 0 <= seed <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"a seed is from 0 to {MAX_SEED:,}, not {seed:,}")
    return seed


def add_seed_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seed", type=parse_seed, metavar="N", help="random seed (default: the scenario's, else 0)")
