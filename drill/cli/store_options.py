"""The --db option shared by every command that reads or writes the drill store."""

from __future__ import annotations

import argparse


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="PATH",
                        help="the drill store (default: $DRILL_DB, else drill.db in your user data folder)")


def open_store(args: argparse.Namespace, create: bool = True):
    """The store named by --db / $DRILL_DB / the default; raises StoreError with a clear message."""
    from drill.store import Store, resolve_db_path

    return Store(resolve_db_path(args.db), create=create)
