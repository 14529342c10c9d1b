"""Each seat's unsent text: kept in memory at once, written to the store with the clock (about once a second).

A seat types faster than a store should be written; a crash loses at most a
second of one seat's typing, never a message (messages are acknowledged only
once stored).
"""

from __future__ import annotations


class DraftBook:
    def __init__(self, drill_id: str | None = None, store=None,
                 saved: dict[str, tuple[str, str | None]] | None = None) -> None:
        self.drill_id, self.store = drill_id, store
        self._drafts: dict[str, tuple[str, str | None]] = dict(saved or {})
        self._dirty: set[str] = set()

    def get(self, seat: str) -> tuple[str, str | None]:
        return self._drafts.get(seat, ("", None))

    def set(self, seat: str, text: str, channel: str | None = None) -> None:
        draft = (text, channel if text else None)
        if self._drafts.get(seat, ("", None)) != draft:
            self._drafts[seat] = draft
            self._dirty.add(seat)

    def flush(self) -> None:
        """Write the changed drafts; one that fails waits for the next flush."""
        if self.store is None:
            self._dirty.clear()
            return
        for seat in sorted(self._dirty):
            text, channel = self._drafts[seat]
            try:
                self.store.save_seat_draft(self.drill_id, seat, text, channel)
            except Exception:  # the store is failing: the drill says so; the draft is tried again
                return
            self._dirty.discard(seat)
