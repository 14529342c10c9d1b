"""The store's tables and how an older store is brought up to date, on SQLite and PostgreSQL alike.

``MIGRATIONS[n]`` takes a store from version n to n + 1; the version is kept in the ``meta``
table and every pending step runs in one transaction, so a store is never left half-migrated.
A store from a newer drill is refused, never altered.

One set of statements serves both backends: BIGINT and DOUBLE PRECISION are what PostgreSQL
needs and what SQLite reads as INTEGER and REAL. Where rows must come back in the order they
were written, PostgreSQL gets an ``ord`` column (SQLite has its rowid).
"""

from __future__ import annotations

from typing import Callable

from drill.store.errors import StoreError


def _order_column(db) -> str:
    return ", ord BIGSERIAL" if db.insertion_order == "ord" else ""


def _create_tables(db) -> None:
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(f"""
        CREATE TABLE drills (
            id TEXT PRIMARY KEY,
            scenario_id TEXT NOT NULL,
            scenario_file TEXT NOT NULL,      -- where it was read from, for messages
            scenario_source TEXT NOT NULL,    -- the YAML as played: the drill rebuilds even if the file changes
            title TEXT NOT NULL,
            seed BIGINT NOT NULL,
            created_at TEXT NOT NULL,         -- wall time, UTC, ISO 8601
            status TEXT NOT NULL CHECK (status IN ('running', 'ended')),
            clock BIGINT NOT NULL DEFAULT 0,  -- the last scenario time reached, events or not
            participants TEXT NOT NULL DEFAULT '{{}}',
            score DOUBLE PRECISION,
            draft_text TEXT NOT NULL DEFAULT '',
            draft_role TEXT,
            draft_channel TEXT{_order_column(db)}
        )""")
    db.execute("CREATE INDEX drills_by_date ON drills (created_at)")
    db.execute("""
        CREATE TABLE events (
            drill_id TEXT NOT NULL REFERENCES drills (id),
            seq BIGINT NOT NULL,
            at BIGINT NOT NULL,
            kind TEXT NOT NULL,
            data TEXT NOT NULL,               -- JSON, as the engine wrote it (key order kept)
            PRIMARY KEY (drill_id, seq)
        )""")


def _add_seats(db) -> None:
    """Seats of a drill served to many people (`drill serve`): their tokens and unsent drafts."""
    db.execute(f"""
        CREATE TABLE seat_tokens (
            token_sha256 TEXT PRIMARY KEY,    -- only the hash: the store never holds a token itself
            drill_id TEXT NOT NULL REFERENCES drills (id),
            seat TEXT NOT NULL,               -- "facilitator", "observer", "comms", "comms-2"...
            kind TEXT NOT NULL CHECK (kind IN ('facilitator', 'observer', 'role')),
            role TEXT,                        -- the role a role seat plays
            revoked INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL{_order_column(db)}
        )""")
    db.execute("CREATE INDEX seat_tokens_by_drill ON seat_tokens (drill_id, seat)")
    db.execute("""
        CREATE TABLE seat_drafts (
            drill_id TEXT NOT NULL REFERENCES drills (id),
            seat TEXT NOT NULL,
            text TEXT NOT NULL,
            channel TEXT,
            PRIMARY KEY (drill_id, seat)
        )""")


def _add_progress(db) -> None:
    """Progress across drills: a team label, and each ended drill's headline figures for `drill trends`."""
    db.execute("ALTER TABLE drills ADD COLUMN team TEXT NOT NULL DEFAULT ''")
    db.execute("CREATE INDEX drills_by_team ON drills (team, created_at)")
    db.execute("""
        CREATE TABLE drill_results (
            drill_id TEXT PRIMARY KEY REFERENCES drills (id),
            overall DOUBLE PRECISION,
            speed DOUBLE PRECISION,
            quality DOUBLE PRECISION,
            first_public_s DOUBLE PRECISION,  -- seconds to the first public update (null: none)
            promises_kept INTEGER NOT NULL DEFAULT 0,
            promises_made INTEGER NOT NULL DEFAULT 0
        )""")
    db.execute("""
        CREATE TABLE drill_misses (
            drill_id TEXT NOT NULL REFERENCES drills (id),
            criterion TEXT NOT NULL,          -- a message-quality criterion id
            misses INTEGER NOT NULL,          -- the drill's graded messages that failed it
            PRIMARY KEY (drill_id, criterion)
        )""")


MIGRATIONS: list[Callable] = [
    _create_tables,  # 0 -> 1
    _add_seats,  # 1 -> 2
    _add_progress,  # 2 -> 3
]
SCHEMA_VERSION = len(MIGRATIONS)


def stored_version(db) -> int:
    tables = db.table_names()
    if "meta" not in tables:
        if tables:
            raise StoreError(f"{db.label} is a database but not a drill store; it was left untouched: "
                             "use --db for another store")
        return 0
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    try:
        return int(row[0])
    except (TypeError, ValueError):
        raise StoreError(f"{db.label} has no readable schema version; it was left untouched") from None


def pending_steps(db) -> int:
    """How many migrations the store at ``db`` still needs (refusing one newer than this drill)."""
    return SCHEMA_VERSION - _checked(db)


def migrate(db) -> int:
    """Bring the store at ``db`` (a backend, in autocommit mode) to SCHEMA_VERSION; the steps run."""
    if _checked(db) == SCHEMA_VERSION:
        return 0
    db.begin_migration()
    try:
        version = _checked(db)  # another process may have migrated while we waited for the lock
        for step in MIGRATIONS[version:]:
            step(db)
        db.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(SCHEMA_VERSION),))
        db.commit()
    except BaseException:
        db.rollback()
        raise
    return SCHEMA_VERSION - version


def _checked(db) -> int:
    version = stored_version(db)
    if version > SCHEMA_VERSION:
        raise StoreError(f"the drill store {db.label} was written by a newer drill (store version {version}; "
                         f"this drill reads up to {SCHEMA_VERSION}): upgrade drill, or use --db for another store")
    return version
