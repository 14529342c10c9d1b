"""The store keeps a drill's log and summary, and rebuilds the drill from them."""

from __future__ import annotations

import sqlite3

import pytest

from drill.engine import Advance, AssignRoles, DrillEngine, End, Respond
from drill.library import ScenarioFile
from drill.session import report_for
from drill.store import Store, StoreError, StoreRecorder, begin_recording, rebuild
from drill.store import schema
from drill.wiring import start_drill
from scenario_text import MINIMAL


@pytest.fixture
def sqlite_store(tmp_path):
    with Store(tmp_path / "drill.db") as opened:
        yield opened


def start(store: Store, text: str = MINIMAL, seed: int = 3) -> tuple[DrillEngine, StoreRecorder]:
    source = ScenarioFile(text.encode(), "tiny.yaml")
    engine = start_drill(source.load(), seed=seed)
    return engine, begin_recording(store, engine, text, source.name)


def play(engine: DrillEngine, recorder: StoreRecorder, *commands) -> None:
    for command in commands:
        recorder.record(engine.handle(command))


def test_a_recorded_drill_reads_back_event_for_event(store):
    engine, recorder = start(store)
    play(engine, recorder, Advance(to=120), AssignRoles({"comms": "Ana", "support": "Ben"}),
         Respond("comms", "status_page", "We are investigating errors at checkout."), Advance(by=60))
    assert store.events(recorder.drill_id) == engine.log
    record = store.drill(recorder.drill_id)
    assert (record.scenario_id, record.title, record.seed, record.status) == ("tiny", "Tiny drill", 3, "running")
    assert record.participants == {"comms": "Ana", "support": "Ben"}
    assert record.clock == engine.clock == 180 and record.events == len(engine.log)
    assert record.scenario_source == MINIMAL
    play(engine, recorder, End())
    assert store.drill(recorder.drill_id).status == "ended"


def test_clock_and_draft_are_kept(store):
    engine, recorder = start(store)
    play(engine, recorder, Advance(to=30))  # a step that delivers nothing still moves the clock
    recorder.set_clock(engine.clock)
    recorder.save_draft("We are looking into", "comms", "status_page")
    recorder.set_clock(10)  # never goes back
    record = store.drill(recorder.drill_id)
    assert record.clock == 30
    assert (record.draft_text, record.draft_role, record.draft_channel) == ("We are looking into", "comms", "status_page")


def test_rebuild_continues_exactly_like_the_original(store):
    engine, recorder = start(store)
    play(engine, recorder, Advance(to=200), Respond("comms", "status_page", "Investigating."), Advance(to=250))
    recorder.set_clock(engine.clock)
    twin = rebuild(store, recorder.drill_id).engine
    assert twin.clock == 250
    for command in (Respond("support", "chat", "Told them."), Advance(to=900), End()):
        assert twin.handle(command) == engine.handle(command)
    assert report_for(twin) == report_for(engine)


def test_generated_text_is_read_back_never_regenerated(sqlite_store):
    store = sqlite_store
    engine, recorder = start(store)
    play(engine, recorder, Advance(to=300))
    conn = store.connection
    conn.execute("UPDATE events SET data = json_set(data, '$.text', 'as delivered') "
                 "WHERE drill_id = ? AND kind = 'inject_delivered'", (recorder.drill_id,))
    twin = rebuild(store, recorder.drill_id).engine
    assert {event.data["text"] for event in twin.state.deliveries} == {"as delivered"}


def test_the_stored_scenario_is_used_even_if_the_file_changes(store, tmp_path):
    engine, recorder = start(store)
    play(engine, recorder, Advance(to=200))
    (tmp_path / "tiny.yaml").write_text("this file was edited since")
    assert rebuild(store, recorder.drill_id).engine.state.seq == len(engine.log)


def test_a_second_writer_on_the_same_drill_is_refused(store):
    engine, recorder = start(store)
    twin = rebuild(store, recorder.drill_id).engine
    play(engine, recorder, Advance(to=200))
    with pytest.raises(StoreError, match="changed elsewhere"):
        recorder.record(twin.handle(Advance(to=100)))
    assert store.events(recorder.drill_id) == engine.log


def test_drills_are_listed_oldest_first_with_their_summary(store):
    first, _ = start(store)
    _, second = start(store, seed=9)
    listed = store.drills()
    assert [d.seed for d in listed] == [3, 9]
    assert listed[1].id == second.drill_id and listed[1].scenario_source is None
    assert listed[1].summary()["events"] == len(first.log)


def test_unknown_drill(store):
    with pytest.raises(StoreError, match="no drill 'nope'"):
        store.drill("nope")
    with pytest.raises(StoreError, match="no drill 'nope'"):
        store.append("nope", start_drill(ScenarioFile(MINIMAL.encode(), "t").load()).log[:1])


def test_the_store_is_in_wal_mode_with_full_sync(sqlite_store):
    conn = sqlite_store.connection
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_an_older_store_is_migrated_in_place(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    Store(path).close()

    def add_notes(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE drills ADD COLUMN notes TEXT")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, add_notes])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", len(schema.MIGRATIONS))
    with Store(path) as store:
        columns = {row[1] for row in store.connection.execute("PRAGMA table_info(drills)")}
        assert "notes" in columns
        assert store.schema_version() == len(schema.MIGRATIONS)


def test_a_recorder_can_create_its_drill_from_the_first_batch(store):
    recorder = StoreRecorder(store, scenario_text=lambda: (MINIMAL, "tiny.yaml"))
    recorder.save_draft("nothing to keep yet")  # no drill before its first event
    recorder.set_clock(5)
    engine = start_drill(ScenarioFile(MINIMAL.encode(), "tiny.yaml").load())
    recorder.record(engine.log)
    play(engine, recorder, Advance(to=60))
    assert store.events(recorder.drill_id) == engine.log
    assert store.drill(recorder.drill_id).draft_text == ""


def test_a_batch_that_failed_is_stored_ahead_of_the_next(tmp_path):
    path = tmp_path / "drill.db"
    with Store(path, timeout=0.05) as store:
        engine, recorder = start(store)
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreError, match="locked"):
            recorder.record(engine.handle(Advance(to=120)))
        recorder.set_clock(engine.clock)  # not past events still waiting
        other.execute("ROLLBACK")
        other.close()
        assert recorder.pending > 0 and store.drill(recorder.drill_id).clock == 0
        recorder.record(engine.handle(Respond("comms", "status_page", "Investigating.")))
        assert recorder.pending == 0
        assert store.events(recorder.drill_id) == engine.log
