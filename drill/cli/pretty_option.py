"""`--pretty`: the report's JSON indented for people, on the commands that write it.

Without it report.json is compact (one line), which the standard library writes several times
faster: most of the difference in writing a long drill's report.
"""

from __future__ import annotations

import argparse


def add_pretty_argument(parser: argparse.ArgumentParser, what: str = "report.json") -> None:
    parser.add_argument("--pretty", action="store_true",
                        help=f"indent {what} for people to read (by default it is compact: one line, "
                             "written several times faster)")
