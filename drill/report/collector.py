"""Holding the cyclic garbage collector while a report is built or rendered.

A long drill's report is a large tree of small dicts, lists and tuples, and its document is
hundreds of thousands more, none of them in a reference cycle. While they are being made the
collector runs again and again and re-scans everything made so far, which costs more than the
work itself. Reference counting still frees everything as usual; only cycle detection waits.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused() -> Iterator[None]:
    """Disable the cyclic collector for the ``with`` block; it is enabled again only if it was before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
