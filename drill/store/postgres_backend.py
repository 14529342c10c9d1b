"""The drill store on PostgreSQL, for an organisation: many machines, one database.

The same tables and guarantees as the SQLite file: every batch is one transaction,
committed before it is acknowledged. Appends to one drill are serialised by locking its row
(``SELECT ... FOR UPDATE``), so two processes playing it cannot fork its log; the events'
primary key (drill, seq) is the last word. After each commit a ``NOTIFY drill_events`` says
"drill D has events up to seq N": only a wake-up for followers, who read the table, which is
the truth.

Credentials come from the URL, ``PGPASSFILE``/``~/.pgpass`` or the ``PG*`` environment
variables, as libpq reads them; a password never appears in a message.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Sequence

from drill.store.backend import Backend
from drill.store.errors import StoreError
from drill.store.target import redacted, scrub

CONNECT_TIMEOUT_SECONDS = 10
NOTIFY_CHANNEL = "drill_events"
MIGRATION_LOCK = 7_391_104  # an advisory lock id: one process migrates at a time


def _driver():
    try:
        import psycopg
    except ImportError:  # pragma: no cover - a dependency; only a broken install lacks it
        raise StoreError("a PostgreSQL store needs psycopg 3: pip install 'psycopg[binary]'") from None
    return psycopg


class PostgresBackend(Backend):
    """One connection to a PostgreSQL store, in autocommit mode: every transaction is explicit."""

    kind = "postgresql"
    greatest = "GREATEST"
    insertion_order = "ord"  # a BIGSERIAL column: PostgreSQL rows have no rowid
    lock_drill = " FOR UPDATE"

    def __init__(self, url: str, *, create: bool, timeout: float | None):
        self.url = url
        self.label = redacted(url)
        self.spill_folder = Path.cwd()
        self._conn = None
        psycopg = _driver()
        with self.translated():
            self._conn = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_SECONDS)
        if timeout is not None:  # a live drill must not freeze on a lock another process holds
            with self.translated():
                self._conn.execute(f"SET lock_timeout = {int(timeout * 1000)}")

    @contextmanager
    def translated(self) -> Iterator[None]:
        psycopg = _driver()
        try:
            yield
        except psycopg.Error as error:
            raise StoreError(self._message(error)) from None

    def _message(self, error: BaseException) -> str:
        psycopg = _driver()
        text = scrub(" ".join(str(error).split()), self.url)
        state = getattr(getattr(error, "diag", None), "sqlstate", None) or ""
        if isinstance(error, psycopg.OperationalError) and self._conn is None:
            return f"cannot reach the drill store {self.label}: {text}"
        if state in ("55P03", "40P01"):  # lock_not_available, deadlock_detected
            return (f"the drill store {self.label} is busy: another drill process holds what this one needs; "
                    "try again when it has finished")
        if state == "53100":  # disk_full
            return (f"the drill store {self.label} is full (the server has no space left); the last change was "
                    "not saved, nothing stored before it was lost")
        if state.startswith("08") or isinstance(error, psycopg.OperationalError):
            return f"the drill store {self.label} stopped answering: {text}"
        return f"the drill store {self.label} failed: {text}"

    def execute(self, sql: str, params: Sequence = ()):
        return self.connection.execute(sql.replace("?", "%s"), tuple(params))

    def executemany(self, sql: str, rows: list[Sequence]) -> None:
        with self.connection.cursor() as cursor:
            cursor.executemany(sql.replace("?", "%s"), rows)

    def begin(self) -> None:
        self.connection.execute("BEGIN")

    def begin_migration(self) -> None:
        self.begin()
        self.connection.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))

    def commit(self) -> None:
        self.connection.execute("COMMIT")

    def rollback(self) -> None:
        psycopg = _driver()
        if self._conn is not None and self._conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            try:
                self._conn.execute("ROLLBACK")
            except psycopg.Error:  # the connection is gone: the server has rolled back already
                pass

    def table_names(self) -> set[str]:
        rows = self.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
        return {row[0] for row in rows}

    def check(self) -> None:
        """PostgreSQL checks its own pages; a store that answers is a store that can be written."""
        with self.translated():
            self.execute("SELECT 1").fetchone()

    def is_duplicate(self, error: BaseException) -> bool:
        return isinstance(error, _driver().errors.UniqueViolation)

    def notify(self, drill_id: str, seq: int) -> None:
        """Wake followers of ``drill_id``: it has events up to ``seq`` (sent when the transaction commits)."""
        self.execute("SELECT pg_notify(?, ?)", (NOTIFY_CHANNEL, f"{drill_id} {seq}"))

