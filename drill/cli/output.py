"""Shared helpers for commands: printing problems and writing files safely."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

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


def write_text_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path`` and rename, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def write_json(path: Path, data: Any) -> None:
    write_text_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
