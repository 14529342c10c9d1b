"""Following a drill another process (or machine) is playing: its new events as they are stored.

The events table is the truth. On PostgreSQL, a writer's ``NOTIFY drill_events`` ("drill D has
events up to seq N") only wakes the follower early; it reads what is new either way, so a
notification missed (sent before it listened, or while it was reading) costs at most one
``poll_seconds`` of delay, never an event. SQLite has no notifications: the follower reads every
``poll_seconds``.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Callable, Iterator

from drill.store.postgres_backend import NOTIFY_CHANNEL
from drill.store.store import Store

if TYPE_CHECKING:  # pragma: no cover
    from drill.engine.events import Event

POLL_SECONDS = 1.0


def follow(store: Store, drill_id: str, after: int = 0, *, poll_seconds: float = POLL_SECONDS,
           stop: Callable[[], bool] = lambda: False, wait: Callable[[float], None] = time.sleep) -> Iterator["Event"]:
    """Every event of the drill after seq ``after``, in order, as it is stored; ends after ``drill_ended``
    (or when ``stop()`` says so). Raises StoreError (an unknown drill, a store that fails)."""
    store.drill(drill_id)  # an unknown id is an error, not a wait for ever
    listener = None
    if store.kind == "postgresql":
        with store._translated():
            listener = _Listener(store)
    try:
        last = after
        while True:
            for event in store.events(drill_id, after=last):
                last = event.seq
                yield event
                if event.kind == "drill_ended":
                    return
            if stop():
                return
            if listener is not None:
                with store._translated():
                    listener.wait(drill_id, poll_seconds)
            else:
                wait(poll_seconds)
    finally:
        if listener is not None:
            listener.close()


class _Listener:
    """A second connection that LISTENs: the store's own may be busy with a query when a wake-up comes."""

    def __init__(self, store: Store):
        import psycopg

        self._conn = psycopg.connect(store._db.url, autocommit=True)
        self._conn.execute(f"LISTEN {NOTIFY_CHANNEL}")

    def wait(self, drill_id: str, seconds: float) -> None:
        """Until a notification about ``drill_id`` comes, or ``seconds`` pass."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            for note in self._conn.notifies(timeout=left, stop_after=1):
                if note.payload.split(" ", 1)[0] == drill_id:
                    return

    def close(self) -> None:
        self._conn.close()
