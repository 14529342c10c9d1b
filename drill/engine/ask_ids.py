"""How an inject's ask is named: apart from the drill's state, so the terminal UI can name asks before
it loads the engine (its play screen is painted before a new drill's engine starts)."""

from __future__ import annotations


def ask_id_for(inject_id: str, occurrence: int) -> str:
    """The id of an inject's ask: the inject's id. An inject opens one ask, at its first delivery, however
    often it repeats; drills recorded before that rule also hold ``id#2``, ``id#3``... for later deliveries."""
    return inject_id if occurrence == 1 else f"{inject_id}#{occurrence}"
