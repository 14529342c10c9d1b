"""Seat tokens: made at random, kept only as SHA-256 hashes, revoked and reissued by the facilitator.

The book is in memory; with a store it writes every change through, so a drill
resumed with ``--resume`` admits the tokens printed when it started. A token
says which seat it opens and, kept even when revoked, why it no longer does.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from drill.serve.seating import Seat
from drill.seats.protocol import CLOSE_BAD_TOKEN


def new_token() -> str:
    """A seat's secret: 32 URL-safe characters, never starting with "-", which a command line
    would read as an option (`drill join URL --token -x...` fails)."""
    while (token := secrets.token_urlsafe(24)).startswith("-"):
        pass
    return token


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Refusal:
    """Why a token opens no seat: the close code and a reason a person reads."""

    code: int
    reason: str


class TokenBook:
    """Which token hash opens which seat of one drill; ``store`` (with ``drill_id``) keeps every change."""

    def __init__(self, drill_id: str | None = None, store=None) -> None:
        self.drill_id, self.store = drill_id, store
        self.seats: dict[str, Seat] = {}
        self._open: dict[str, Seat] = {}  # hash -> seat
        self._revoked: set[str] = set()

    @classmethod
    def load(cls, drill_id: str, store) -> "TokenBook":
        """The book of a stored drill, revoked tokens included."""
        book = cls(drill_id, store)
        for stored in store.seat_tokens(drill_id):
            seat = book.seats.setdefault(stored.seat, Seat(stored.seat, stored.kind, stored.role))
            if stored.revoked:
                book._revoked.add(stored.token_sha256)
            else:
                book._open[stored.token_sha256] = seat
        return book

    def issue(self, seats: list[Seat]) -> dict[str, str]:
        """A new token for each seat (seat id -> token), kept before it is returned."""
        tokens = {seat.seat: new_token() for seat in seats}
        if self.store is not None:
            from drill.store import SeatToken

            self.store.add_seat_tokens(self.drill_id, [SeatToken(token_hash(tokens[seat.seat]), seat.seat,
                                                                 seat.kind, seat.role) for seat in seats])
        for seat in seats:
            self.seats[seat.seat] = seat
            self._open[token_hash(tokens[seat.seat])] = seat
        return tokens

    def revoke(self, seat_id: str, reissue: bool = True) -> str | None:
        """Revoke a seat's tokens; with ``reissue``, its new token."""
        seat = self.seats[seat_id]
        token = new_token() if reissue else None
        if self.store is not None:
            from drill.store import SeatToken

            replacement = SeatToken(token_hash(token), seat.seat, seat.kind, seat.role) if token else None
            self.store.revoke_seat_token(self.drill_id, seat_id, replacement)
        for digest in [digest for digest, open_seat in self._open.items() if open_seat.seat == seat_id]:
            del self._open[digest]
            self._revoked.add(digest)
        if token is not None:
            self._open[token_hash(token)] = seat
        return token

    def seat_of(self, token: str) -> Seat | Refusal:
        """The seat a token opens, or why it opens none."""
        digest = token_hash(token)
        seat = self._open.get(digest)
        if seat is not None:
            return seat
        if digest in self._revoked:
            return Refusal(CLOSE_BAD_TOKEN, "this token was revoked by the facilitator; ask them for a new one")
        other = self._drill_of(digest)
        if other is not None and other != self.drill_id:
            return Refusal(CLOSE_BAD_TOKEN, f"this token is for drill {other}, not drill {self.drill_id}")
        return Refusal(CLOSE_BAD_TOKEN, "unknown token: check it was copied whole")

    def _drill_of(self, digest: str) -> str | None:
        if self.store is None:
            return None
        try:
            return self.store.drill_of_token(digest)
        except Exception:  # the store is failing: the plain "unknown token" answer still holds
            return None
