"""What each viewer has been shown: the events it may see, each encoded once, in seq order.

Every shown event is admitted to the audience filter exactly once, in order; then
each viewer ("facilitator", "observer", each role) that sees it gets its view.
Viewers given the same view share one encoding (one bytes object), so a batch
costs one encoding per distinct view of each event, however many seats there are.
Catch-up (``Hello.after``) and previews read the same lists.
"""

from __future__ import annotations

from bisect import bisect_right

from drill.engine.events import Event
from drill.serve.wire import encode_event


class Feeds:
    def __init__(self, audience, viewers: list[str]) -> None:
        """``audience``: an ``AudienceFilter`` (admit / sees / view) for the drill's scenario."""
        self.audience = audience
        self.viewers = list(viewers)
        self._seqs: dict[str, list[int]] = {viewer: [] for viewer in self.viewers}
        self._encoded: dict[str, list[bytes]] = {viewer: [] for viewer in self.viewers}
        self.last_seq = 0

    def admit(self, events: list[Event]) -> dict[str, list[bytes]]:
        """Take a shown batch; each viewer's new encoded events (viewers that see none are left out)."""
        fresh: dict[str, list[bytes]] = {}
        for event in events:
            if event.seq <= self.last_seq:
                continue  # shown before (a held batch shown again): each event once
            self.audience.admit(event)
            self.last_seq = event.seq
            distinct: list[tuple[dict, bytes]] = []  # the views made of this event so far, encoded
            for viewer in self.viewers:
                if not self.audience.sees(viewer, event):
                    continue
                view = self.audience.view(viewer, event)
                encoded = next((done for made, done in distinct if made == view), None)
                if encoded is None:
                    encoded = encode_event(view)
                    distinct.append((view, encoded))
                self._seqs[viewer].append(event.seq)
                self._encoded[viewer].append(encoded)
                fresh.setdefault(viewer, []).append(encoded)
        return fresh

    def after(self, viewer: str, seq: int) -> list[bytes]:
        """The viewer's encoded events with a seq above ``seq`` (a client catching up)."""
        return self._encoded[viewer][bisect_right(self._seqs[viewer], seq):]
