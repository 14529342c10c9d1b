"""The store's tables and how an older store is brought up to date.

``MIGRATIONS[n]`` takes a store from version n to n + 1; the version is kept in
the ``meta`` table and every pending step runs in one transaction, so a store is
never left half-migrated. A store from a newer drill is refused, never altered.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Callable

from drill.store.errors import StoreError


def _create_tables(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("""
        CREATE TABLE drills (
            id TEXT PRIMARY KEY,
            scenario_id TEXT NOT NULL,
            scenario_file TEXT NOT NULL,      -- where it was read from, for messages
            scenario_source TEXT NOT NULL,    -- the YAML as played: the drill rebuilds even if the file changes
            title TEXT NOT NULL,
            seed INTEGER NOT NULL,
            created_at TEXT NOT NULL,         -- wall time, UTC, ISO 8601
            status TEXT NOT NULL CHECK (status IN ('running', 'ended')),
            clock INTEGER NOT NULL DEFAULT 0, -- the last scenario time reached, events or not
            participants TEXT NOT NULL DEFAULT '{}',
            score REAL,
            draft_text TEXT NOT NULL DEFAULT '',
            draft_role TEXT,
            draft_channel TEXT
        )""")
    conn.execute("CREATE INDEX drills_by_date ON drills (created_at)")
    conn.execute("""
        CREATE TABLE events (
            drill_id TEXT NOT NULL REFERENCES drills (id),
            seq INTEGER NOT NULL,
            at INTEGER NOT NULL,
            kind TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (drill_id, seq)
        )""")


def _add_seats(conn: sqlite3.Connection) -> None:
    """Seats of a drill served to many people (`drill serve`): their tokens and unsent drafts."""
    conn.execute("""
        CREATE TABLE seat_tokens (
            token_sha256 TEXT PRIMARY KEY,    -- only the hash: the store never holds a token itself
            drill_id TEXT NOT NULL REFERENCES drills (id),
            seat TEXT NOT NULL,               -- "facilitator", "observer", "comms", "comms-2"...
            kind TEXT NOT NULL CHECK (kind IN ('facilitator', 'observer', 'role')),
            role TEXT,                        -- the role a role seat plays
            revoked INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        )""")
    conn.execute("CREATE INDEX seat_tokens_by_drill ON seat_tokens (drill_id, seat)")
    conn.execute("""
        CREATE TABLE seat_drafts (
            drill_id TEXT NOT NULL REFERENCES drills (id),
            seat TEXT NOT NULL,
            text TEXT NOT NULL,
            channel TEXT,
            PRIMARY KEY (drill_id, seat)
        )""")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _create_tables,  # 0 -> 1
    _add_seats,  # 1 -> 2
]
SCHEMA_VERSION = len(MIGRATIONS)


def stored_version(conn: sqlite3.Connection, path: Path) -> int:
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "meta" not in tables:
        if tables:
            raise StoreError(f"{path} is an SQLite database but not a drill store; it was left untouched: "
                             "use --db for another file")
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    try:
        return int(row[0])
    except (TypeError, ValueError):
        raise StoreError(f"{path} has no readable schema version; it was left untouched") from None


def migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the store at ``conn`` to SCHEMA_VERSION (the connection is in autocommit mode)."""
    if _checked(conn, path) == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = _checked(conn, path)  # another process may have migrated while we waited for the lock
        for step in MIGRATIONS[version:]:
            step(conn)
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _checked(conn: sqlite3.Connection, path: Path) -> int:
    version = stored_version(conn, path)
    if version > SCHEMA_VERSION:
        raise StoreError(f"the drill store {path} was written by a newer drill (store version {version}; "
                         f"this drill reads up to {SCHEMA_VERSION}): upgrade drill, or use --db for another store")
    return version
