"""Which part of the composer's text a send takes, and which part it leaves.

Ctrl+S sends what the box holds at that moment; keys typed after it (a paste still
arriving, a fast typist) belong to the next message. The box is cleared of a sent
message only once the app has taken it, so until then a message is *pending*: its
text and where it starts in the box. A second Ctrl+S before the first is answered
takes only what follows the pending messages.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Pending:
    """A message handed to the app and not answered yet: its text and where it starts in the box."""

    text: str
    offset: int

    def span(self, box: str) -> tuple[int, int] | None:
        """Where the message still is in ``box``: where it was taken, else its first occurrence;
        None if it was edited away meanwhile."""
        end = self.offset + len(self.text)
        if box[self.offset:end] == self.text:
            return self.offset, end
        found = box.find(self.text)
        return (found, found + len(self.text)) if found >= 0 else None


def next_message(box: str, pending: list[Pending]) -> Pending:
    """What a new send takes from ``box``: everything after the messages still pending."""
    start = 0
    for message in pending:
        span = message.span(box)
        if span is not None:
            start = max(start, span[1])
    return Pending(box[start:], start)


def remove_sent(box: str, sent: Pending, pending: list[Pending]) -> tuple[int, int] | None:
    """The span of ``box`` to delete now that ``sent`` was taken (None: it was edited away); the
    pending messages after it move to where they will be once it is gone."""
    span = sent.span(box)
    if span is None:
        return None
    start, end = span
    for other in pending:
        if other is not sent and other.offset >= end:
            other.offset -= end - start
    return span
