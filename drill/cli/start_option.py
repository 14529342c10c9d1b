"""`--start-time`: the fiction's wall time at T+0, shared by the commands that start or grade a drill."""

from __future__ import annotations

import argparse

from drill.scenario.start import EXAMPLES, parse_start
from drill.session_clock import start_time_for

HELP = ("the fiction's clock time at T+0, e.g. 14:00 (UTC on the drill's day) or 2024-05-03T14:00Z; "
        "overrides the scenario's start:, and resolves promises like 'by 14:45 UTC'")


def checked_start(text: str) -> str:
    try:
        parse_start(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text


def add_start_time_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--start-time", type=checked_start, metavar="TIME", help=HELP)


__all__ = ["EXAMPLES", "add_start_time_argument", "start_time_for"]
