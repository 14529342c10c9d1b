"""The drill a server hosts: a new one started (paused, for the room to join) or a stored one resumed.

Either way the drill is paused until the facilitator resumes it, its first events
are stored before any seat can join, and its seats have tokens: new ones for a new
drill, the stored ones for a resumed drill (tokens printed when it started still work).
"""

from __future__ import annotations

from datetime import datetime

from drill.live import LiveDrill
from drill.serve.drafts import DraftBook
from drill.serve.host import HostedDrill
from drill.serve.seating import seats_for
from drill.serve.tokens import TokenBook


def new_hosted_drill(scenario, *, seed: int | None = None, start_time: datetime | None = None, store=None,
                     scenario_text=None, seats_per_role: int = 1, observers: int = 1, team: str = "") -> HostedDrill:
    """Start a drill at T+0, paused. ``store`` with ``scenario_text`` (() -> (YAML, file name)) records it.
    Raises StoreError when the store cannot take its first events."""
    recorder = None
    if store is not None:
        from drill.store import StoreRecorder

        recorder = StoreRecorder(store, scenario_text=scenario_text, team=team)
    live = LiveDrill.new(scenario, seed=seed, start_time=start_time, recorder=recorder)
    live.begin()
    if live.store_error is not None:
        from drill.store import StoreError

        raise StoreError(live.store_error)
    live.start_clock({}, paused=True)
    if recorder is not None:
        drill_id = recorder.drill_id
    else:
        from drill.store.ids import new_drill_id

        drill_id = new_drill_id()
    book = TokenBook(drill_id, store)
    tokens = book.issue(seats_for(list(scenario.roles), seats_per_role, observers))
    return HostedDrill(drill_id, live, book, DraftBook(drill_id, store), tokens, recorder)


def resumed_hosted_drill(store, drill_id: str, *, seats_per_role: int = 1, observers: int = 1,
                         new_tokens: bool = False) -> HostedDrill:
    """A stored drill rebuilt and paused where it stopped. A drill never served before (played with
    ``drill run``) gets new seat tokens, as does every seat with ``new_tokens`` (the old ones revoked:
    for a facilitator who lost theirs). Raises StoreError (no such drill, it has ended...)."""
    from drill.store import reopen

    rebuilt, recorder = reopen(store, drill_id)
    live = LiveDrill.resume(rebuilt.engine, recorder)
    book = TokenBook.load(drill_id, store)
    if not book.seats:
        tokens = book.issue(seats_for(list(rebuilt.scenario.roles), seats_per_role, observers))
    elif new_tokens:
        tokens = {seat: book.revoke(seat) for seat in list(book.seats)}
    else:
        tokens = {}
    return HostedDrill(drill_id, live, book, DraftBook(drill_id, store, store.seat_drafts(drill_id)), tokens, recorder)
