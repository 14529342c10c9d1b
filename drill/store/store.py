"""The drill store: drills and their event logs in one SQLite file.

WAL journal with synchronous=FULL: a committed batch survives a crash or a
power cut, and readers (``drill history``) never wait for a running drill.
Every write is one explicit transaction taken with BEGIN IMMEDIATE, so a
busy store makes the writer wait up to the busy timeout, then fail clearly.
"""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, NamedTuple

from drill.store.errors import StoreError, store_error
from drill.store.ids import new_drill_id
from drill.store.schema import migrate

if TYPE_CHECKING:  # pragma: no cover - `drill history` reads no events, so it does not load them
    from drill.engine.events import Event

BUSY_TIMEOUT_SECONDS = 5.0
RUNNING, ENDED = "running", "ended"

_SUMMARY_COLUMNS = ("id, scenario_id, scenario_file, title, seed, created_at, status, clock, participants, score, "
                    "draft_text, draft_role, draft_channel, "
                    "(SELECT coalesce(max(seq), 0) FROM events WHERE drill_id = drills.id) AS events")


class DrillRecord(NamedTuple):
    """One stored drill; ``scenario_source`` is only read when a single drill is asked for."""

    id: str
    scenario_id: str
    scenario_file: str
    title: str
    seed: int
    created_at: str
    status: str
    clock: int
    participants: dict[str, str]
    score: float | None
    draft_text: str
    draft_role: str | None
    draft_channel: str | None
    events: int
    scenario_source: str | None = None

    def summary(self) -> dict[str, Any]:
        """The plain-JSON view used by ``drill history --json``."""
        return {
            "id": self.id, "scenario": self.scenario_id, "title": self.title, "seed": self.seed,
            "created_at": self.created_at, "status": self.status, "clock": self.clock,
            "participants": self.participants, "score": self.score, "events": self.events,
        }


class SeatToken(NamedTuple):
    """One token of a served drill's seat, as stored: its SHA-256, never the token itself."""

    token_sha256: str
    seat: str
    kind: str  # "facilitator", "observer" or "role"
    role: str | None
    revoked: bool = False


class Store:
    """An open store. ``create=False`` refuses to make a new file (for commands that only read)."""

    def __init__(self, path: str | Path, *, create: bool = True, timeout: float | None = None):
        self.path = Path(path)
        if not create and not self.path.exists():
            raise StoreError(f"no drill store at {self.path}: drills are recorded by `drill simulate` and `drill run`")
        if self.path.is_dir():
            raise StoreError(f"the drill store {self.path} is a folder, not a file")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the folder for the drill store {self.path}: {error.strerror or error}") from None
        self._conn: sqlite3.Connection | None = None
        with self._translated():
            # isolation_level=None: no implicit transactions; every write below says where its transaction starts.
            # check_same_thread=False: a recorder writes a draft from its timer thread, taking turns
            # with its caller under its own lock; nothing else shares a connection across threads.
            self._conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS if timeout is None else timeout,
                                         isolation_level=None, check_same_thread=False)
            try:
                self._conn.execute("PRAGMA journal_mode = WAL")  # fails here, before any write, if it is not a database
                self._conn.execute("PRAGMA synchronous = FULL")
                self._conn.execute("PRAGMA foreign_keys = ON")
                migrate(self._conn, self.path)
            except BaseException:
                self._conn.close()
                raise

    def check(self) -> None:
        """Refuse a damaged store (SQLite's quick check) before anything is written into it."""
        with self._translated():
            findings = [row[0] for row in self.connection.execute("PRAGMA quick_check").fetchall()]
        if findings != ["ok"]:
            lines = [line for finding in findings for line in finding.splitlines() if not line.startswith("***")]
            raise StoreError(f"the drill store {self.path} is damaged ({(lines or findings)[0]}); nothing was "
                             "written to it. "
                             "`drill history` and `drill export ID` read what they still can; move the file "
                             "aside to start a new store")

    # --- lifetime ---------------------------------------------------------------

    @property
    def connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"the drill store {self.path} is closed")
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as error:
            raise store_error(error, self.path) from None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self.connection
        with self._translated():
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                # SQLite may already have rolled back (a full disk can do that); never roll back twice.
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    # --- writing ----------------------------------------------------------------

    def create_drill(self, events: Iterable[Event], scenario_source: str, scenario_file: str) -> str:
        """Store a new drill with its first events (at least ``drill_started``), in one transaction."""
        events = list(events)
        if not events or events[0].kind != "drill_started" or events[0].seq != 1:
            raise ValueError("a drill's log must begin with drill_started")
        started = events[0].data
        created_at = _now()
        with self._transaction() as conn:
            drill_id = new_drill_id()
            while conn.execute("SELECT 1 FROM drills WHERE id = ?", (drill_id,)).fetchone():
                drill_id = new_drill_id()
            conn.execute(
                "INSERT INTO drills (id, scenario_id, scenario_file, scenario_source, title, seed, created_at, status)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (drill_id, started["scenario_id"], scenario_file, scenario_source, started.get("title", ""),
                 started["seed"], created_at, RUNNING))
            self._insert(conn, drill_id, events)
        return drill_id

    def append(self, drill_id: str, events: Iterable[Event]) -> None:
        """Store one batch of new events in one transaction; it is durable when this returns."""
        events = list(events)
        if not events:
            return
        with self._transaction() as conn:
            last = conn.execute("SELECT max(seq) FROM events WHERE drill_id = ?", (drill_id,)).fetchone()[0]
            if last is None:
                raise StoreError(f"no drill {drill_id!r} in {self.path}")
            if events[0].seq != last + 1:
                # Two processes playing one drill would interleave their logs: refuse rather than fork it.
                raise StoreError(f"drill {drill_id} was changed elsewhere: it has {last} events and this batch "
                                 f"starts at event {events[0].seq}; close the other window playing it")
            self._insert(conn, drill_id, events)

    def _insert(self, conn: sqlite3.Connection, drill_id: str, events: list[Event]) -> None:
        conn.executemany(
            "INSERT INTO events (drill_id, seq, at, kind, data) VALUES (?, ?, ?, ?, ?)",
            [(drill_id, event.seq, event.at, event.kind,
              json.dumps(event.data, ensure_ascii=False, separators=(",", ":")))  # key order kept as delivered
             for event in events])
        # The summary columns follow the log in the same transaction, so history never disagrees with it.
        participants = next((e.data["participants"] for e in reversed(events) if e.kind == "participants_assigned"), None)
        if participants is not None:
            conn.execute("UPDATE drills SET participants = ? WHERE id = ?",
                         (json.dumps(participants, sort_keys=True, ensure_ascii=False), drill_id))
        if any(event.kind == "drill_ended" for event in events):
            conn.execute("UPDATE drills SET status = ? WHERE id = ?", (ENDED, drill_id))
        if any(event.kind == "response_recorded" for event in events):
            # A message sent is no longer a draft: a crash right after sending must not offer it again.
            conn.execute("UPDATE drills SET draft_text = '', draft_role = NULL, draft_channel = NULL WHERE id = ?",
                         (drill_id,))
        conn.execute("UPDATE drills SET clock = max(clock, ?) WHERE id = ?", (max(e.at for e in events), drill_id))

    def set_clock(self, drill_id: str, seconds: int) -> None:
        """Remember the scenario time reached (time passes without events); it never goes back."""
        with self._transaction() as conn:
            conn.execute("UPDATE drills SET clock = max(clock, ?) WHERE id = ?", (int(seconds), drill_id))

    def save_draft(self, drill_id: str, text: str, role: str | None = None, channel: str | None = None) -> None:
        with self._transaction() as conn:
            conn.execute("UPDATE drills SET draft_text = ?, draft_role = ?, draft_channel = ? WHERE id = ?",
                         (text, role, channel, drill_id))

    def set_score(self, drill_id: str, overall: float | None) -> None:
        with self._transaction() as conn:
            conn.execute("UPDATE drills SET score = ? WHERE id = ?", (overall, drill_id))

    def add_seat_tokens(self, drill_id: str, tokens: Iterable[SeatToken]) -> None:
        """Keep new seat tokens of a served drill (one transaction)."""
        with self._transaction() as conn:
            conn.executemany(
                "INSERT INTO seat_tokens (token_sha256, drill_id, seat, kind, role, revoked, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(token.token_sha256, drill_id, token.seat, token.kind, token.role, int(token.revoked), _now())
                 for token in tokens])

    def revoke_seat_token(self, drill_id: str, seat: str, replacement: SeatToken | None = None) -> None:
        """Revoke a seat's tokens and, with ``replacement``, give it that one, in one transaction."""
        with self._transaction() as conn:
            conn.execute("UPDATE seat_tokens SET revoked = 1 WHERE drill_id = ? AND seat = ?", (drill_id, seat))
            if replacement is not None:
                conn.execute(
                    "INSERT INTO seat_tokens (token_sha256, drill_id, seat, kind, role, revoked, created_at)"
                    " VALUES (?, ?, ?, ?, ?, 0, ?)",
                    (replacement.token_sha256, drill_id, replacement.seat, replacement.kind, replacement.role, _now()))

    def save_seat_draft(self, drill_id: str, seat: str, text: str, channel: str | None = None) -> None:
        with self._transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO seat_drafts (drill_id, seat, text, channel) VALUES (?, ?, ?, ?)",
                         (drill_id, seat, text, channel))

    # --- reading ----------------------------------------------------------------

    def seat_tokens(self, drill_id: str) -> list[SeatToken]:
        """A served drill's seat tokens, revoked ones included, oldest first."""
        with self._translated():
            rows = self.connection.execute(
                "SELECT token_sha256, seat, kind, role, revoked FROM seat_tokens WHERE drill_id = ? ORDER BY rowid",
                (drill_id,)).fetchall()
        return [SeatToken(sha, seat, kind, role, bool(revoked)) for sha, seat, kind, role, revoked in rows]

    def drill_of_token(self, token_sha256: str) -> str | None:
        """The drill a seat token belongs to, if the store knows it."""
        with self._translated():
            row = self.connection.execute("SELECT drill_id FROM seat_tokens WHERE token_sha256 = ?",
                                          (token_sha256,)).fetchone()
        return row[0] if row else None

    def seat_drafts(self, drill_id: str) -> dict[str, tuple[str, str | None]]:
        """Each seat's unsent text and the channel it was for."""
        with self._translated():
            rows = self.connection.execute("SELECT seat, text, channel FROM seat_drafts WHERE drill_id = ?",
                                           (drill_id,)).fetchall()
        return {seat: (text, channel) for seat, text, channel in rows}

    def drills(self) -> list[DrillRecord]:
        """Every drill, oldest first, without its scenario text."""
        with self._translated():
            rows = self.connection.execute(f"SELECT {_SUMMARY_COLUMNS} FROM drills ORDER BY created_at, rowid").fetchall()
        return [_record(row) for row in rows]

    def drill(self, drill_id: str) -> DrillRecord:
        with self._translated():
            row = self.connection.execute(f"SELECT {_SUMMARY_COLUMNS}, scenario_source FROM drills WHERE id = ?",
                                          (drill_id,)).fetchone()
        if row is None:
            raise StoreError(f"no drill {drill_id!r} in {self.path} (see `drill history`)")
        return _record(row[:-1], scenario_source=row[-1])

    def events(self, drill_id: str, *, defer_grades: bool = False) -> list[Event]:
        """The drill's log, in order. ``defer_grades``: each ``response_graded`` event's grade stays JSON
        text until read (``DeferredJSON``), as in the log of a drill reopened to be played or watched."""
        from drill.engine.events import DeferredJSON, Event

        with self._translated():
            rows = self.connection.execute(
                "SELECT seq, at, kind, data FROM events WHERE drill_id = ? ORDER BY seq", (drill_id,)).fetchall()
        events = []
        for seq, at, kind, data in rows:
            head = _GRADED_HEAD.match(data) if defer_grades and kind == "response_graded" else None
            if head is None:
                events.append(Event(seq, at, kind, self._event_data(drill_id, seq, data)))
            else:  # written as the engine emits it, response_id then grade: only the id is read now
                events.append(Event(seq, at, kind, {"response_id": int(head[1]), "grade": DeferredJSON(data, "grade")}))
        return events

    def _event_data(self, drill_id: str, seq: int, data: str) -> dict[str, Any]:
        try:
            parsed = json.loads(data)
        except (TypeError, ValueError):
            parsed = None
        if not isinstance(parsed, dict):
            raise StoreError(f"drill {drill_id}: event {seq} in {self.path} is damaged (its data is not readable JSON)")
        return parsed


def _now() -> str:
    """Wall time, UTC, ISO 8601 to the second."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


_GRADED_HEAD = re.compile(r'\{"response_id":(\d+),"grade":\{')  # a response_graded event's data, as stored


def _record(row: tuple, scenario_source: str | None = None) -> DrillRecord:
    (drill_id, scenario_id, scenario_file, title, seed, created_at, status, clock, participants, score,
     draft_text, draft_role, draft_channel, events) = row
    return DrillRecord(drill_id, scenario_id, scenario_file, title, seed, created_at, status, clock,
                       _participants(participants), score, draft_text, draft_role, draft_channel, events,
                       scenario_source)


def _participants(stored: str) -> dict[str, str]:
    """Who played which role; a damaged value only loses the names (the drill itself still reads)."""
    try:
        parsed = json.loads(stored)
    except (TypeError, ValueError):
        return {}
    return {str(role): str(names) for role, names in parsed.items()} if isinstance(parsed, dict) else {}
