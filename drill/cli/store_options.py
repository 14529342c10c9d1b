"""The --db option shared by every command that reads or writes the drill store."""

from __future__ import annotations

import argparse


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="PATH",
                        help="the drill store: an SQLite file, or a postgresql:// URL (default: $DRILL_DB, else drill.db "
                             "in your user data folder)")


# How long a live drill's store writer waits for a store another process holds before the batch counts
# as failed: the banner then shows within about a second, while the screen never waits at all.
LIVE_BUSY_SECONDS = 0.4


def open_store(args: argparse.Namespace, create: bool = True, *, live: bool = False):
    """The store named by --db / $DRILL_DB / the default; raises StoreError with a clear message.
    ``create`` (the commands that record drills) also refuses a store that fails SQLite's quick check.
    ``live``: for a drill played in the terminal, which must not freeze while the store is busy."""
    from drill.store import Store, resolve_db_path

    store = Store(resolve_db_path(args.db), create=create, timeout=LIVE_BUSY_SECONDS if live else None)
    if create:  # a command that writes drills: never into a damaged store
        try:
            store.check()
        except BaseException:
            store.close()
            raise
    return store
