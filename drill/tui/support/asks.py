"""How urgent an open ask looks: its countdown and its colour band."""

from __future__ import annotations

from drill.durations import format_minutes

CALM, AMBER, RED = "calm", "amber", "red"


def urgency(due_at: int, within: int, clock: int, moves: bool = False) -> str:
    """Amber once less than a third of the time to answer is left, red once overdue. In a drill of moves
    (``moves``) time stands still within a move: calm until a later move makes it overdue."""
    left = due_at - clock
    if left < 0:
        return RED
    if left * 3 < within and not moves:
        return AMBER
    return CALM


def countdown(due_at: int, clock: int, moves: bool = False) -> str:
    """'4m 30s left' or '1m 10s overdue'; in a drill of moves 'answer this move' or 'overdue'."""
    left = due_at - clock
    if moves:
        return "overdue" if left < 0 else "answer this move"
    if left < 0:
        return f"{format_minutes(-left)} overdue"
    return f"{format_minutes(left)} left"


def by_due(asks):
    """Asks in the order the facilitator sees them everywhere: the soonest due first, then by id."""
    return sorted(asks, key=lambda ask: (ask.due_at, ask.ask_id))


def answerable(asks, role: str, channel: str) -> list:
    """The asks a message from ``role`` on ``channel`` can answer, soonest due first."""
    return by_due(ask for ask in asks if ask.accepts(role, channel))
