"""Copying drills between stores (SQLite to PostgreSQL and back), idempotently and verified.

A drill keeps its id, dates, summary, seat tokens, drafts, results and every event as stored
(the JSON text itself, byte for byte). Copying again is safe: a drill already there with the
same log is left as it is; one whose log is a prefix of the source's (it was copied while it
was still being played) gets the events it lacks; one whose log differs is refused, untouched.
After each copy the destination's event count and checksum are read back and compared.
"""

from __future__ import annotations

import hashlib
from typing import Iterable, Iterator, NamedTuple

from drill.store.errors import StoreError
from drill.store.store import Store

COPIED, EXTENDED, SAME = "copied", "extended", "already there"
_DRILL_COLUMNS = ("id, scenario_id, scenario_file, scenario_source, title, seed, created_at, status, clock, "
                  "participants, score, draft_text, draft_role, draft_channel, team")
_BATCH = 2_000  # events per INSERT batch while copying


class Copied(NamedTuple):
    drill_id: str
    outcome: str  # copied, extended or already there
    events: int
    checksum: str


def log_checksum(store: Store, drill_id: str, upto: int | None = None) -> tuple[int, str]:
    """The drill's event count and the SHA-256 of its events as stored (seq, time, kind, data), up to
    event ``upto`` if given."""
    digest = hashlib.sha256()
    count = 0
    for seq, at, kind, data in _event_rows(store, drill_id):
        if upto is not None and seq > upto:
            break
        digest.update(f"{seq}\t{at}\t{kind}\t{data}\n".encode("utf-8"))
        count += 1
    return count, digest.hexdigest()


def _event_rows(store: Store, drill_id: str, after: int = 0) -> Iterator[tuple]:
    rows = store.rows("SELECT seq, at, kind, data FROM events WHERE drill_id = ? AND seq > ? ORDER BY seq",
                      (drill_id, after))
    for seq, at, kind, data in rows:
        yield int(seq), int(at), kind, data


def copy_drills(source: Store, destination: Store, drill_ids: Iterable[str]) -> Iterator[Copied]:
    """Copy each drill; yields how each went. Raises StoreError for a drill that differs at the destination
    (after the drills before it were copied)."""
    for drill_id in drill_ids:
        yield _copy_one(source, destination, drill_id)


def _copy_one(source: Store, destination: Store, drill_id: str) -> Copied:
    count, checksum = log_checksum(source, drill_id)
    there = _stored_count(destination, drill_id)
    if there is None:
        outcome = COPIED
        _insert_drill(source, destination, drill_id)
    else:
        prefix_count, prefix_checksum = log_checksum(destination, drill_id)
        if (prefix_count, prefix_checksum) == (count, checksum):
            outcome = SAME
        elif prefix_count < count and log_checksum(source, drill_id, prefix_count)[1] == prefix_checksum:
            outcome = EXTENDED
        else:
            raise StoreError(f"drill {drill_id} differs in {destination.label} ({prefix_count} events) from "
                             f"{source.label} ({count} events); it was left untouched there")
    if outcome != SAME:
        _copy_events(source, destination, drill_id, after=0 if outcome == COPIED else there)
        _copy_summary(source, destination, drill_id)
    copied = log_checksum(destination, drill_id)
    if copied != (count, checksum):
        raise StoreError(f"drill {drill_id}: {destination.label} read back {copied[0]} events (checksum "
                         f"{copied[1][:12]}) where {source.label} has {count} ({checksum[:12]})")
    return Copied(drill_id, outcome, count, checksum)


def _stored_count(store: Store, drill_id: str) -> int | None:
    rows = store.rows("SELECT (SELECT coalesce(max(seq), 0) FROM events WHERE drill_id = drills.id) "
                      "FROM drills WHERE id = ?", (drill_id,))
    return int(rows[0][0]) if rows else None


def _insert_drill(source: Store, destination: Store, drill_id: str) -> None:
    found = source.rows(f"SELECT {_DRILL_COLUMNS} FROM drills WHERE id = ?", (drill_id,))
    if not found:
        raise StoreError(f"no drill {drill_id!r} in {source.label} (see `drill history`)")
    placeholders = ", ".join("?" for _ in found[0])
    with destination._transaction() as db:
        db.execute(f"INSERT INTO drills ({_DRILL_COLUMNS}) VALUES ({placeholders})", tuple(found[0]))


def _copy_events(source: Store, destination: Store, drill_id: str, after: int) -> None:
    rows = list(_event_rows(source, drill_id, after))
    with destination._transaction() as db:  # one transaction: a failed copy leaves the drill as it was
        for start in range(0, len(rows), _BATCH):
            db.executemany("INSERT INTO events (drill_id, seq, at, kind, data) VALUES (?, ?, ?, ?, ?)",
                           [(drill_id, *row) for row in rows[start:start + _BATCH]])


def _copy_summary(source: Store, destination: Store, drill_id: str) -> None:
    """What follows the log: status, clock, participants, score, drafts, seats and results."""
    [summary] = source.rows("SELECT status, clock, participants, score, draft_text, draft_role, draft_channel "
                            "FROM drills WHERE id = ?", (drill_id,))
    tokens = source.rows("SELECT token_sha256, seat, kind, role, revoked, created_at FROM seat_tokens "
                         f"WHERE drill_id = ? ORDER BY {source.insertion_order}", (drill_id,))
    drafts = source.rows("SELECT seat, text, channel FROM seat_drafts WHERE drill_id = ?", (drill_id,))
    results = source.rows("SELECT overall, speed, quality, first_public_s, promises_kept, promises_made "
                          "FROM drill_results WHERE drill_id = ?", (drill_id,))
    misses = source.rows("SELECT criterion, misses FROM drill_misses WHERE drill_id = ?", (drill_id,))
    with destination._transaction() as db:
        db.execute("UPDATE drills SET status = ?, clock = ?, participants = ?, score = ?, draft_text = ?, "
                   "draft_role = ?, draft_channel = ? WHERE id = ?", (*summary, drill_id))
        for token in tokens:
            db.execute("INSERT INTO seat_tokens (token_sha256, drill_id, seat, kind, role, revoked, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (token_sha256) DO UPDATE SET revoked = excluded.revoked",
                       (token[0], drill_id, *token[1:]))
        for seat, text, channel in drafts:
            db.execute("INSERT INTO seat_drafts (drill_id, seat, text, channel) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (drill_id, seat) DO UPDATE SET text = excluded.text, channel = excluded.channel",
                       (drill_id, seat, text, channel))
        db.execute("DELETE FROM drill_results WHERE drill_id = ?", (drill_id,))
        for row in results:
            db.execute("INSERT INTO drill_results (drill_id, overall, speed, quality, first_public_s, promises_kept, "
                       "promises_made) VALUES (?, ?, ?, ?, ?, ?, ?)", (drill_id, *row))
        db.execute("DELETE FROM drill_misses WHERE drill_id = ?", (drill_id,))
        for criterion, count in misses:
            db.execute("INSERT INTO drill_misses (drill_id, criterion, misses) VALUES (?, ?, ?)",
                       (drill_id, criterion, count))
