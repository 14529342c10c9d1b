"""Writing files safely: a crash or a full disk never leaves half a report behind."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def write_text_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path`` and rename, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def json_text(data: Any, pretty: bool = False) -> str:
    """``data`` as JSON text, ending in a newline.

    Compact by default: with no indent the standard library encodes in C, about four times faster
    than with one (a long drill's report.json in a tenth of a second rather than nearly half a
    second). ``pretty`` indents it by two spaces, for people to read. Either way non-ASCII text
    is written as itself, not as ``\\u`` escapes.
    """
    if pretty:
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_json(path: Path, data: Any, pretty: bool = False) -> None:
    write_text_atomic(path, json_text(data, pretty))
