"""The --seed option: a whole number the store can keep (the format's limit, ``drill.scenario.limits``)."""

from __future__ import annotations

import argparse

from drill.scenario.limits import seed_argument


def add_seed_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seed", type=seed_argument, metavar="N", help="random seed (default: the scenario's, else 0)")
