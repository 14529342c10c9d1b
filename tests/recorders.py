"""A recorder for tests: a store that fails on demand and keeps what it could not store."""

from __future__ import annotations


class FlakyRecorder:
    """Keeps a failed batch and stores it ahead of the next one, like the store's recorder."""

    def __init__(self):
        self.stored, self.pending, self.failing = [], [], False

    def record(self, events):
        self.pending.extend(events)
        if self.failing:
            raise OSError("No space left on device")
        self.stored.extend(self.pending)
        self.pending = []

    def save_draft(self, text, role=None, channel=None):
        if self.failing:
            raise OSError("No space left on device")

    def set_clock(self, seconds):
        pass
