"""Launching the terminal UI without the garbage collector.

Up to its first frame the UI makes a few hundred thousand objects that live as long as
the process (modules, Textual's styles and widgets, the scenario) and next to no
garbage, yet the collector would run over a hundred times over them: about a tenth of
the time to the first frame. The commands that open the UI pause collection before they
import it, and the app resumes collection once its first screen is painted.

No Textual here: this is imported before it.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collection_paused() -> Iterator[None]:
    """Around a command that opens the UI: collection is off until the app resumes it (or the command ends)."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def resume_collection() -> None:
    gc.enable()
