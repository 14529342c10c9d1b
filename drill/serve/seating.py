"""The seats of a served drill: one facilitator, one observer seat, and each role's seats.

A seat is what a token admits: a connection's identity. Several seats may play one
role (``comms``, ``comms-2``); a *viewer* is what the audience filter is asked about:
"facilitator", "observer" or a role id.
"""

from __future__ import annotations

from dataclasses import dataclass

from drill.seats.protocol import SEAT_FACILITATOR, SEAT_OBSERVER

FACILITATOR, OBSERVER, ROLE = "facilitator", "observer", "role"


@dataclass(frozen=True)
class Seat:
    seat: str
    kind: str  # FACILITATOR, OBSERVER or ROLE
    role: str | None = None

    @property
    def viewer(self) -> str:
        """Whose view of the drill this seat gets from the audience filter."""
        return self.role if self.role is not None else self.kind


def seats_for(roles: list[str], per_role: int = 1, observers: int = 1) -> list[Seat]:
    """The facilitator, every role's seats (``comms``, ``comms-2``, ...), then the observers
    (``observer``, ``observer-2``, ...: evaluators each with a seat of their own)."""
    seats = [Seat(SEAT_FACILITATOR, FACILITATOR)]
    for role in roles:
        seats += [Seat(_numbered(role, n), ROLE, role) for n in range(1, per_role + 1)]
    return [*seats, *(Seat(_numbered(SEAT_OBSERVER, n), OBSERVER) for n in range(1, observers + 1))]


def _numbered(name: str, n: int) -> str:
    return name if n == 1 else f"{name}-{n}"
