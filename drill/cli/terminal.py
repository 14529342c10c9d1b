"""What the commands print reaches a terminal as text: never an escape code, never a traceback.

Scenario titles, messages and file names can carry terminal controls (an OSC 52
clipboard write, a screen clear). Every line a command prints goes through
``drill.textsafe.printable`` on its way out; JSON is written with those characters
escaped (``json_text``), so it reads back unchanged and prints nothing raw.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from typing import Any, Iterator, TextIO

from drill.textsafe import json_safe, printable


class SafeText:
    """A text stream whose writes are made printable first; everything else is the stream's."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(printable(text))

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def json_text(data: Any, **options: Any) -> str:
    """``json.dumps`` (UTF-8 kept readable) with terminal controls and invisible characters escaped."""
    return json_safe(json.dumps(data, ensure_ascii=False, **options))


@contextmanager
def safe_output() -> Iterator[None]:
    """Standard output and standard error made safe while a command runs (the terminal UI draws
    through ``sys.__stderr__`` itself, so it is untouched)."""
    saved = sys.stdout, sys.stderr
    sys.stdout = SafeText(sys.stdout)  # type: ignore[assignment]
    sys.stderr = SafeText(sys.stderr)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def flush_output() -> str | None:
    """Flush standard output; why it failed (a full disk, a closed pipe), or None. After a failure the
    rest of the output is discarded, so Python's own flush at exit has nothing left to fail on."""
    try:
        sys.stdout.flush()
        return None
    except BrokenPipeError:
        reason = None  # the reader went away (`drill history | head`): not an error
    except OSError as error:
        reason = error.strerror or str(error)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.__stdout__.fileno())
    os.close(devnull)
    return reason
