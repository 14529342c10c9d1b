"""Recorders for tests: a store that fails on demand and keeps what it could not store, and one that
writes in the background when the test says."""

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


class HandWriter:
    """A background recorder whose thread is the test: ``write`` answers what is queued, stored or failing."""

    def __init__(self) -> None:
        self.jobs, self.stored, self.drafts, self.failure = [], [], [], None
        self.tickets = self.answered = 0
        self.notify = None

    def write_in_background(self, notify):
        self.notify = notify
        return self

    def _queue(self, kind, value) -> int:
        self.tickets += 1
        self.jobs.append((self.tickets, kind, value))
        return self.tickets

    def submit(self, events):
        return self._queue("record", list(events))

    def save_draft(self, text, role=None, channel=None):
        return self._queue("draft", text)

    def set_clock(self, seconds):
        return self._queue("clock", seconds)

    def write(self, failure: str | None = None) -> None:
        """Answer every queued job: stored in order, or all failing with ``failure``."""
        waiting = [event for _, kind, value in self.jobs if kind == "record" for event in value]
        if failure is None:  # a failed batch was kept in the queue: it goes in now, ahead of the rest
            self.stored.extend(waiting)
            self.drafts.extend(value for _, kind, value in self.jobs if kind == "draft")
        self.failure = failure
        self.answered = self.tickets
        self.jobs = [job for job in self.jobs if job[1] == "record"] if failure else []
        self.notify()

    def progress(self):
        return self.answered, self.stored[-1].seq if self.stored else 0, self.failure

    def record(self, events):  # what a drill that never asked for the background would call
        raise AssertionError("recording in the background, send() must never wait for the store")
