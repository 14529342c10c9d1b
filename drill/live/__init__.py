"""The live drill without a UI: a drill being played (``LiveDrill``) or watched again (``ReplayDrill``).

The terminal UI, ``simulate`` and a server drive the same objects: they own the
engine, record every batch before it is shown, and read each message's grade
from the log.
"""

from drill.live.replay import ReplayCursor, ReplayDrill, ReplaySource
from drill.live.session import LiveDrill

__all__ = ["LiveDrill", "ReplayCursor", "ReplayDrill", "ReplaySource"]
