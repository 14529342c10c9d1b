"""`--pretty`: the report's JSON indented for people, on the commands that write it.

Without it report.json is compact (one line), which the standard library writes several times
faster: most of the difference in writing a long drill's report.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def add_pretty_argument(parser: argparse.ArgumentParser, what: str = "report.json") -> None:
    parser.add_argument("--pretty", action="store_true",
                        help=f"indent {what} for people to read (by default it is compact: one line, "
                             "written several times faster)")


def indent_written_json(report: dict[str, Any], written: list[Path]) -> None:
    """Write the report.json among ``written`` again, indented (for a report written compactly
    by a step that takes no layout). Raises OSError if it cannot be written."""
    from drill.files import write_json

    for path in written:
        if path.name == "report.json":
            write_json(path, report, pretty=True)
