"""A locked, full, corrupt or newer store fails with a clear message and loses nothing."""

from __future__ import annotations

import sqlite3

import pytest

from drill.cli.main import main
from drill.engine import Advance, DrillEngine, Respond
from drill.library import ScenarioFile
from drill.store import Store, StoreError, begin_recording, schema, sqlite_backend
from drill.wiring import start_drill
from scenario_text import MINIMAL


def recorded_drill(path):
    store = Store(path)
    engine = start_drill(ScenarioFile(MINIMAL.encode(), "tiny.yaml").load(), seed=1)
    recorder = begin_recording(store, engine, MINIMAL, "tiny.yaml")
    recorder.record(engine.handle(Advance(to=200)))
    return store, engine, recorder


def cli_fails_cleanly(capsys, *argv) -> str:
    assert main(list(argv)) == 1
    err = capsys.readouterr().err
    assert err.startswith("drill: error: ") and "Traceback" not in err
    return err


# --- locked -------------------------------------------------------------------


def test_a_locked_store_makes_writers_wait_then_fail_clearly(tmp_path):
    store, engine, recorder = recorded_drill(tmp_path / "drill.db")
    other = sqlite3.connect(tmp_path / "drill.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process is writing
    stored = list(engine.log)
    try:
        with Store(tmp_path / "drill.db", timeout=0.1) as waiting:
            with pytest.raises(StoreError, match="is locked by another drill process"):
                waiting.append(recorder.drill_id, engine.handle(Respond("comms", "status_page", "Investigating.")))
            assert len(waiting.drills()) == 1  # readers never wait for a writer (WAL)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.events(recorder.drill_id) == stored
    store.close()


def test_cli_on_a_locked_store(tmp_path, monkeypatch, capsys):
    db = tmp_path / "drill.db"
    Store(db).close()
    monkeypatch.setattr(sqlite_backend, "BUSY_TIMEOUT_SECONDS", 0.1)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        err = cli_fails_cleanly(capsys, "simulate", "checkout-outage", "--db", str(db), "--out", str(tmp_path / "out"))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert "locked" in err and "--no-store" in err


# --- full ---------------------------------------------------------------------


def test_a_full_store_keeps_everything_already_stored(tmp_path):
    store, engine, recorder = recorded_drill(tmp_path / "drill.db")
    before = store.events(recorder.drill_id)
    pages = store.connection.execute("PRAGMA page_count").fetchone()[0]
    store.connection.execute(f"PRAGMA max_page_count = {pages}")  # as if the disk had just filled up
    batch = engine.handle(Respond("comms", "status_page", "x" * 15_000))
    with pytest.raises(StoreError, match="is full"):
        recorder.record(batch)
    store.close()
    with sqlite3.connect(tmp_path / "drill.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Store(tmp_path / "drill.db") as reopened:
        assert reopened.events(recorder.drill_id) == before
        reopened.append(recorder.drill_id, batch)  # with room again, the same batch goes in
        assert reopened.events(recorder.drill_id)[-1] == batch[-1]


# --- corrupt ------------------------------------------------------------------


def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(tmp_path, capsys):
    path = tmp_path / "drill.db"
    path.write_bytes(b"my notes, not a database\n" * 200)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a drill store or is damaged"):
        Store(path)
    err = cli_fails_cleanly(capsys, "history", "--db", str(path))
    assert "left untouched" in err
    cli_fails_cleanly(capsys, "simulate", "checkout-outage", "--db", str(path), "--out", str(tmp_path / "out"))
    assert path.read_bytes() == before


def test_a_damaged_store_is_reported_not_repaired(tmp_path, capsys):
    path = tmp_path / "drill.db"
    store, _, recorder = recorded_drill(path)
    store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(path.read_bytes())
    page = 4096
    data[page:] = b"\xff" * (len(data) - page)  # every page but the header's
    path.write_bytes(bytes(data))
    err = cli_fails_cleanly(capsys, "export", recorder.drill_id, "--db", str(path))
    assert "damaged" in err or "not a drill store" in err
    assert path.read_bytes() == bytes(data)


def test_another_programs_database_is_not_taken_over(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE accounts (id INTEGER)")
    conn.close()
    with pytest.raises(StoreError, match="not a drill store"):
        Store(path)


# --- newer --------------------------------------------------------------------


def test_a_store_from_a_newer_drill_is_refused(tmp_path, capsys):
    path = tmp_path / "drill.db"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(schema.SCHEMA_VERSION + 1),))
    conn.close()
    with pytest.raises(StoreError, match="newer drill"):
        Store(path)
    err = cli_fails_cleanly(capsys, "history", "--db", str(path))
    assert f"store version {schema.SCHEMA_VERSION + 1}" in err and "upgrade drill" in err


# --- missing ------------------------------------------------------------------


def test_reading_commands_never_create_a_store(tmp_path, capsys):
    path = tmp_path / "none.db"
    err = cli_fails_cleanly(capsys, "export", "abc", "--db", str(path))
    assert "no drill store" in err
    assert main(["history", "--db", str(path)]) == 0
    assert not path.exists()


def test_a_store_that_fails_its_quick_check_is_refused_by_the_commands_that_write(tmp_path, capsys):
    db = tmp_path / "drill.db"
    assert main(["simulate", "checkout-outage", "--db", str(db), "--out", str(tmp_path / "one")]) == 0
    with Store(db) as store:
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = db.stat().st_size // 4096
    with open(db, "r+b") as raw:  # scribble over the last pages: the events' tree, not the schema
        for page in range(pages - 6, pages - 1):
            raw.seek(4096 * page + 8)
            raw.write(b"\x07" * 300)
    before = db.read_bytes()
    capsys.readouterr()
    assert main(["simulate", "checkout-outage", "--db", str(db), "--out", str(tmp_path / "two")]) == 1
    error = capsys.readouterr().err
    assert "is damaged" in error and "nothing was written to it" in error and "Traceback" not in error
    assert db.read_bytes() == before
    assert (tmp_path / "two" / "report.html").exists()  # the report is the user's work: written anyway
    assert main(["history", "--db", str(db)]) == 0  # what is readable still reads


def test_a_live_drill_waits_less_than_half_a_second_for_a_busy_store(tmp_path):
    import argparse

    from drill.cli.store_options import open_store

    store = open_store(argparse.Namespace(db=str(tmp_path / "drill.db")), live=True)
    with store:
        waits_ms = store.connection.execute("PRAGMA busy_timeout").fetchone()[0]
    # Recorded synchronously, a failed batch costs two waits (the batch, then the pause it records) before
    # the banner shows; `drill run` records in the background: one wait, and the screen never waits with it.
    assert 2 * waits_ms < 1000
    with open_store(argparse.Namespace(db=str(tmp_path / "drill.db"))) as patient:
        assert patient.connection.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000  # commands that can wait


def _drill_with_event_data(tmp_path, data: str) -> tuple[Store, str]:
    """A stored drill whose second event's data, as the log holds it, is ``data``."""
    store, _engine, recorder = recorded_drill(tmp_path / "drill.db")
    with sqlite3.connect(tmp_path / "drill.db") as conn:
        conn.execute("UPDATE events SET data = ? WHERE drill_id = ? AND seq = 2", (data, recorder.drill_id))
    return store, recorder.drill_id


@pytest.mark.parametrize("data", ['{"a": 1', '{"a": 1}{"b": 2}', '{"a": 1},{"b": 2}', '[1, 2]', '"text"', "", "nul"])
def test_an_event_whose_data_is_damaged_is_named(tmp_path, data):
    store, drill_id = _drill_with_event_data(tmp_path, data)
    with store, pytest.raises(StoreError, match=rf"drill {drill_id}: event 2 in .* is damaged"):
        store.events(drill_id)


def test_an_event_written_with_white_space_around_its_data_reads_as_json_does(tmp_path):
    store, drill_id = _drill_with_event_data(tmp_path, ' {"kept": [1, 2]}\n')
    with store:
        assert store.events(drill_id)[1].data == {"kept": [1, 2]}
