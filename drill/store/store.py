"""The drill store: drills and their event logs, in one SQLite file or a PostgreSQL database.

``Store`` holds what both keep alike: the log, the summary columns that follow it in the same
transaction, seats, drafts and results. Its backend (``sqlite_backend``, ``postgres_backend``)
holds the connection and the few words of SQL that differ. Each write is one explicit
transaction, committed before the method returns.
"""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, NamedTuple

from drill.store.errors import StoreError
from drill.store.ids import new_drill_id
from drill.store.schema import SCHEMA_VERSION, migrate, pending_steps, stored_version
from drill.store.target import is_postgres_url

if TYPE_CHECKING:  # pragma: no cover - `drill history` reads no events, so it does not load them
    from drill.engine.events import Event
    from drill.store.results import DrillResults

RUNNING, ENDED = "running", "ended"

_SUMMARY_COLUMNS = ("id, scenario_id, scenario_file, title, seed, created_at, status, clock, participants, score, "
                    "draft_text, draft_role, draft_channel, team, "
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
    team: str = ""  # a free label: who played it (`--team`)
    scenario_source: str | None = None

    def summary(self) -> dict[str, Any]:
        """The plain-JSON view used by ``drill history --json``."""
        return {
            "id": self.id, "scenario": self.scenario_id, "title": self.title, "seed": self.seed,
            "created_at": self.created_at, "status": self.status, "clock": self.clock,
            "participants": self.participants, "score": self.score, "events": self.events, "team": self.team,
        }


class SeatToken(NamedTuple):
    """One token of a served drill's seat, as stored: its SHA-256, never the token itself."""

    token_sha256: str
    seat: str
    kind: str  # "facilitator", "observer" or "role"
    role: str | None
    revoked: bool = False


class Store:
    """An open store: a path (SQLite) or a ``postgresql://`` URL. ``create=False`` refuses to make a new
    SQLite file (for commands that only read); ``timeout`` bounds the wait for a store another process holds.

    A PostgreSQL store is migrated only by ``drill store migrate`` (``migrate=True``): many machines
    share it, so its schema changes when someone says so. An SQLite file migrates when opened."""

    def __init__(self, target: str | Path, *, create: bool = True, timeout: float | None = None,
                 migrate: bool | None = None):
        if is_postgres_url(target):
            from drill.store.postgres_backend import PostgresBackend

            self._db = PostgresBackend(str(target), create=create, timeout=timeout)
        else:
            from drill.store.sqlite_backend import SQLiteBackend

            self._db = SQLiteBackend(Path(target), create=create, timeout=timeout)
        try:
            with self._translated():
                self._open(self._db.kind == "sqlite" if migrate is None else migrate)
        except BaseException:
            self._db.close()
            raise

    def _open(self, migrating: bool) -> None:
        if migrating:
            self.migrated = migrate(self._db)
            return
        self.migrated = 0
        behind = pending_steps(self._db)
        if behind:
            version = SCHEMA_VERSION - behind
            state = "is empty" if version == 0 else f"is at store version {version}"
            raise StoreError(f"the drill store {self.label} {state}; this drill needs version {SCHEMA_VERSION}: "
                             f"run `drill store migrate --db {self.label}` once, then try again")

    @property
    def kind(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self._db.kind

    @property
    def label(self) -> str:
        """How messages name the store: its path, or its URL without the password."""
        return self._db.label

    @property
    def path(self) -> Path | str:
        """The SQLite file, or (PostgreSQL) the URL without its password."""
        return getattr(self._db, "path", self._db.label)

    def spill_path(self, name: str) -> Path:
        """Where a batch the store would not take is kept, as ``name``: beside an SQLite file, or here."""
        stem = self._db.path.name if self._db.kind == "sqlite" else "drill-store"
        return self._db.spill_folder / f"{stem}-{name}"

    def check(self) -> None:
        """Refuse a damaged store before anything is written into it."""
        self._db.check()

    def rows(self, sql: str, params: tuple | list = ()) -> list[tuple]:
        """Every row a read of the store's tables returns (``?`` placeholders on both backends)."""
        with self._translated():
            return self._db.execute(sql, params).fetchall()

    @property
    def insertion_order(self) -> str:
        """The column ordering a table's rows as they were written (SQLite's rowid, PostgreSQL's ord)."""
        return self._db.insertion_order

    def schema_version(self) -> int:
        with self._translated():
            return stored_version(self._db)

    # --- lifetime ---------------------------------------------------------------

    @property
    def connection(self):
        """The backend's connection (SQLite's, or psycopg's), for the store's own modules and tests."""
        return self._db.connection

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _translated(self):
        return self._db.translated()

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        db = self._db
        with self._translated():
            db.begin()
            try:
                yield db
                db.commit()
            except BaseException:
                db.rollback()
                raise

    # --- writing ----------------------------------------------------------------

    def create_drill(self, events: Iterable[Event], scenario_source: str, scenario_file: str, team: str = "") -> str:
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
                "INSERT INTO drills (id, scenario_id, scenario_file, scenario_source, title, seed, created_at, status, team)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (drill_id, started["scenario_id"], scenario_file, scenario_source, started.get("title", ""),
                 started["seed"], created_at, RUNNING, team.strip()))
            self._insert(conn, drill_id, events)
        return drill_id

    def append(self, drill_id: str, events: Iterable[Event]) -> None:
        """Store one batch of new events in one transaction; it is durable when this returns."""
        events = list(events)
        if not events:
            return
        with self._transaction() as conn:
            # On PostgreSQL the drill's row is locked until the commit: two writers to one drill take turns.
            if conn.execute(f"SELECT 1 FROM drills WHERE id = ?{conn.lock_drill}", (drill_id,)).fetchone() is None:
                raise StoreError(f"no drill {drill_id!r} in {self.label}")
            last = conn.execute("SELECT coalesce(max(seq), 0) FROM events WHERE drill_id = ?", (drill_id,)).fetchone()[0]
            if events[0].seq != last + 1:
                # Two processes playing one drill would interleave their logs: refuse rather than fork it.
                raise StoreError(f"drill {drill_id} was changed elsewhere: it has {last} events and this batch "
                                 f"starts at event {events[0].seq}; close the other window playing it")
            self._insert(conn, drill_id, events)

    def _insert(self, conn, drill_id: str, events: list[Event]) -> None:
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
        conn.execute(f"UPDATE drills SET clock = {conn.greatest}(clock, ?) WHERE id = ?",
                     (max(e.at for e in events), drill_id))
        if conn.kind == "postgresql":
            conn.notify(drill_id, events[-1].seq)

    def set_clock(self, drill_id: str, seconds: int) -> None:
        """Remember the scenario time reached (time passes without events); it never goes back."""
        with self._transaction() as conn:
            conn.execute(f"UPDATE drills SET clock = {conn.greatest}(clock, ?) WHERE id = ?", (int(seconds), drill_id))

    def save_draft(self, drill_id: str, text: str, role: str | None = None, channel: str | None = None) -> None:
        with self._transaction() as conn:
            conn.execute("UPDATE drills SET draft_text = ?, draft_role = ?, draft_channel = ? WHERE id = ?",
                         (text, role, channel, drill_id))

    def set_results(self, drill_id: str, results: "DrillResults") -> None:
        """Keep a finished drill's headline figures (its score among them), replacing any kept before."""
        with self._transaction() as conn:
            conn.execute("UPDATE drills SET score = ? WHERE id = ?", (results.overall, drill_id))
            conn.execute("DELETE FROM drill_results WHERE drill_id = ?", (drill_id,))
            conn.execute("INSERT INTO drill_results (drill_id, overall, speed, quality, first_public_s, promises_kept,"
                         " promises_made) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (drill_id, results.overall, results.speed, results.quality, results.first_public_s,
                          results.promises_kept, results.promises_made))
            conn.execute("DELETE FROM drill_misses WHERE drill_id = ?", (drill_id,))
            if results.misses:
                conn.executemany("INSERT INTO drill_misses (drill_id, criterion, misses) VALUES (?, ?, ?)",
                                 [(drill_id, criterion, count) for criterion, count in results.misses.items()])

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
            conn.execute("INSERT INTO seat_drafts (drill_id, seat, text, channel) VALUES (?, ?, ?, ?) "
                         "ON CONFLICT (drill_id, seat) DO UPDATE SET text = excluded.text, channel = excluded.channel",
                         (drill_id, seat, text, channel))

    # --- reading ----------------------------------------------------------------

    def seat_tokens(self, drill_id: str) -> list[SeatToken]:
        """A served drill's seat tokens, revoked ones included, oldest first."""
        with self._translated():
            rows = self._db.execute(
                f"SELECT token_sha256, seat, kind, role, revoked FROM seat_tokens WHERE drill_id = ? "
                f"ORDER BY {self._db.insertion_order}",
                (drill_id,)).fetchall()
        return [SeatToken(sha, seat, kind, role, bool(revoked)) for sha, seat, kind, role, revoked in rows]

    def drill_of_token(self, token_sha256: str) -> str | None:
        """The drill a seat token belongs to, if the store knows it."""
        with self._translated():
            row = self._db.execute("SELECT drill_id FROM seat_tokens WHERE token_sha256 = ?",
                                          (token_sha256,)).fetchone()
        return row[0] if row else None

    def seat_drafts(self, drill_id: str) -> dict[str, tuple[str, str | None]]:
        """Each seat's unsent text and the channel it was for."""
        with self._translated():
            rows = self._db.execute("SELECT seat, text, channel FROM seat_drafts WHERE drill_id = ?",
                                           (drill_id,)).fetchall()
        return {seat: (text, channel) for seat, text, channel in rows}

    def drills(self, *, scenario: str | None = None, team: str | None = None, since: str | None = None,
               until: str | None = None, ids: Iterable[str] | None = None) -> list[DrillRecord]:
        """Every drill, oldest first, without its scenario text; or those of a scenario, a team, a list of ids,
        created from ``since`` and before ``until`` (ISO 8601 dates or times, UTC)."""
        where, params = drills_where(scenario=scenario, team=team, since=since, until=until, ids=ids)
        with self._translated():
            rows = self._db.execute(f"SELECT {_SUMMARY_COLUMNS} FROM drills{where} "
                                    f"ORDER BY created_at, {self._db.insertion_order}", params).fetchall()
        return [_record(row) for row in rows]

    def start_times(self, drill_ids: Iterable[str]) -> dict[str, str | None]:
        """Each drill's recorded start time (from its first event, ``drill_started``), if it has one;
        an unreadable first event only loses its date."""
        starts: dict[str, str | None] = {}
        for drill_id in drill_ids:
            try:
                with self._translated():
                    row = self._db.execute("SELECT data FROM events WHERE drill_id = ? AND seq = 1 "
                                           "AND kind = 'drill_started'", (drill_id,)).fetchone()
                starts[drill_id] = json.loads(row[0]).get("start_time") if row else None
            except (StoreError, ValueError, AttributeError):
                starts[drill_id] = None
        return starts

    def drill(self, drill_id: str) -> DrillRecord:
        with self._translated():
            row = self._db.execute(f"SELECT {_SUMMARY_COLUMNS}, scenario_source FROM drills WHERE id = ?",
                                          (drill_id,)).fetchone()
        if row is None:
            raise StoreError(f"no drill {drill_id!r} in {self.label} (see `drill history`)")
        return _record(row[:-1], scenario_source=row[-1])

    def events(self, drill_id: str, *, defer_grades: bool = False, after: int = 0) -> list[Event]:
        """The drill's log (from seq ``after`` on), in order. ``defer_grades``: each ``response_graded``
        event's grade stays JSON text until read (``DeferredJSON``), as in the log of a drill reopened to
        be played or watched."""
        from drill.engine.events import DeferredJSON, Event

        with self._translated():
            rows = self._db.execute("SELECT seq, at, kind, data FROM events WHERE drill_id = ? AND seq > ? "
                                    "ORDER BY seq", (drill_id, after)).fetchall()
        events = []
        for seq, at, kind, data in rows:
            head = _GRADED_HEAD.match(data) if defer_grades and kind == "response_graded" else None
            if head is None:
                events.append(Event(seq, at, kind, self._event_data(drill_id, seq, data)))
            else:  # written as the engine emits it, response_id then grade: only the id is read now
                events.append(Event(seq, at, kind, {"response_id": int(head[1]), "grade": DeferredJSON(data, "grade")}))
        return events

    def _event_data(self, drill_id: str, seq: int, data: str) -> dict[str, Any]:
        try:  # a long log's rows, decoded without json.loads's wrappers around the scanner
            parsed, end = _scan_json(data, 0)
        except (TypeError, ValueError, StopIteration):
            parsed, end = None, -1
        if end != len(data):  # white space around the value (as json.loads allows), more after it, or damaged
            try:
                parsed = json.loads(data)
            except (TypeError, ValueError):
                parsed = None
        if not isinstance(parsed, dict):
            raise StoreError(f"drill {drill_id}: event {seq} in {self.label} is damaged (its data is not readable JSON)")
        return parsed


def _now() -> str:
    """Wall time, UTC, ISO 8601 to the second."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


_scan_json = json.JSONDecoder().scan_once  # one JSON value from a position: (value, where it ends)
_GRADED_HEAD = re.compile(r'\{"response_id":(\d+),"grade":\{')  # a response_graded event's data, as stored


def _record(row: tuple, scenario_source: str | None = None) -> DrillRecord:
    (drill_id, scenario_id, scenario_file, title, seed, created_at, status, clock, participants, score,
     draft_text, draft_role, draft_channel, team, events) = row
    return DrillRecord(drill_id, scenario_id, scenario_file, title, seed, created_at, status, clock,
                       _participants(participants), score, draft_text, draft_role, draft_channel, int(events),
                       team or "", scenario_source)


def drills_where(*, scenario: str | None, team: str | None, since: str | None, until: str | None,
             ids: Iterable[str] | None) -> tuple[str, list]:
    """A WHERE clause (with its parameters) choosing drills; the same SQL on both backends."""
    clauses, params = [], []
    for column, value in (("scenario_id", scenario), ("team", team)):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    if since is not None:
        clauses.append("created_at >= ?")
        params.append(since)
    if until is not None:
        clauses.append("created_at < ?")
        params.append(until)
    if ids is not None:
        wanted = list(dict.fromkeys(ids))
        clauses.append(f"id IN ({', '.join('?' for _ in wanted)})" if wanted else "1 = 0")
        params.extend(wanted)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _participants(stored: str) -> dict[str, str]:
    """Who played which role; a damaged value only loses the names (the drill itself still reads)."""
    try:
        parsed = json.loads(stored)
    except (TypeError, ValueError):
        return {}
    return {str(role): str(names) for role, names in parsed.items()} if isinstance(parsed, dict) else {}
