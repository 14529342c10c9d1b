"""Messages about the drill store."""

from __future__ import annotations

from textual.message import Message


class StoreAnswered(Message):
    """The store's writer thread finished a write: the app reads what it stored, on its own thread.
    Posted from that thread (``post_message`` is safe there); the drill's state changes only here."""
