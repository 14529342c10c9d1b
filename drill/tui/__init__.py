"""The facilitator's terminal UI (`drill run`): a thin Textual view over the pure engine.

Only ``drill.tui.app`` and the screens and widgets import Textual; ``drill.tui.support`` and
``drill.live.recorder`` are plain Python so they can be tested and reused without it.
"""
