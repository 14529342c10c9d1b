"""Shared helpers for commands: printing problems and errors (files are written by drill.files)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - commands that print no problems do not load them
    from drill.scenario.problems import ScenarioError


def print_problems(error: ScenarioError) -> int:
    for problem in error.problems:
        print(problem, file=sys.stderr)
    print(problems_found(len(error.problems)), file=sys.stderr)
    return 1


def problems_found(count: int) -> str:
    return f"{count} problem{'s' if count != 1 else ''} found"


def fail(message: str, status: int = 1) -> int:
    print(f"drill: error: {message}", file=sys.stderr)
    return status
