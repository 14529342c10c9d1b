"""The embedded store: one SQLite file.

WAL journal with synchronous=FULL: a committed batch survives a crash or a power cut, and
readers (``drill history``) never wait for a running drill. Every write is one explicit
transaction taken with BEGIN IMMEDIATE, so a busy store makes the writer wait up to the busy
timeout, then fail clearly.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Sequence

from drill.store.backend import Backend
from drill.store.errors import StoreError, store_error

BUSY_TIMEOUT_SECONDS = 5.0


class SQLiteBackend(Backend):
    """One connection to an SQLite store, and the SQL words that differ from PostgreSQL's."""

    kind = "sqlite"
    greatest = "max"  # SQLite's two-argument max() is PostgreSQL's GREATEST
    insertion_order = "rowid"  # rows in the order they were written
    lock_drill = ""  # BEGIN IMMEDIATE has locked the whole file already

    def __init__(self, path: Path, *, create: bool, timeout: float | None):
        self.path = path
        self.label = str(path)
        self.spill_folder = path.parent
        if not create and not path.exists():
            raise StoreError(f"no drill store at {path}: drills are recorded by `drill simulate` and `drill run`")
        if path.is_dir():
            raise StoreError(f"the drill store {path} is a folder, not a file")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the folder for the drill store {path}: {error.strerror or error}") from None
        self._conn: sqlite3.Connection | None = None
        with self.translated():
            # isolation_level=None: no implicit transactions; every write says where its transaction starts.
            # check_same_thread=False: a recorder writes a draft from its timer thread, taking turns
            # with its caller under its own lock; nothing else shares a connection across threads.
            self._conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS if timeout is None else timeout,
                                         isolation_level=None, check_same_thread=False)
            try:
                self._conn.execute("PRAGMA journal_mode = WAL")  # fails here, before any write, if it is not a database
                self._conn.execute("PRAGMA synchronous = FULL")
                self._conn.execute("PRAGMA foreign_keys = ON")
            except BaseException:
                self._conn.close()
                raise

    @contextmanager
    def translated(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as error:
            raise store_error(error, self.path) from None

    def execute(self, sql: str, params: Sequence = ()):
        return self.connection.execute(sql, params)

    def executemany(self, sql: str, rows: list[Sequence]) -> None:
        self.connection.executemany(sql, rows)

    def begin(self) -> None:
        self.connection.execute("BEGIN IMMEDIATE")

    def begin_migration(self) -> None:
        self.begin()

    def commit(self) -> None:
        self.connection.execute("COMMIT")

    def rollback(self) -> None:
        # SQLite may already have rolled back (a full disk can do that); never roll back twice.
        if self.connection.in_transaction:
            self.connection.execute("ROLLBACK")

    def table_names(self) -> set[str]:
        return {row[0] for row in self.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def check(self) -> None:
        """Refuse a damaged store (SQLite's quick check) before anything is written into it."""
        with self.translated():
            findings = [row[0] for row in self.execute("PRAGMA quick_check").fetchall()]
        if findings != ["ok"]:
            lines = [line for finding in findings for line in finding.splitlines() if not line.startswith("***")]
            raise StoreError(f"the drill store {self.path} is damaged ({(lines or findings)[0]}); nothing was "
                             "written to it. "
                             "`drill history` and `drill export ID` read what they still can; move the file "
                             "aside to start a new store")

    def is_duplicate(self, error: BaseException) -> bool:
        return isinstance(error, sqlite3.IntegrityError)
