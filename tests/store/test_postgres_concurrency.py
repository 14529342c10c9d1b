"""Many writers on one PostgreSQL database: each drill's log stays whole and in order."""

from __future__ import annotations

import threading

import psycopg
import pytest

from drill.engine import Advance, Respond
from drill.library import ScenarioFile
from drill.store import Store, StoreError, begin_recording, rebuild
from drill.wiring import start_drill
from scenario_text import MINIMAL


@pytest.fixture
def url(postgres_url):
    Store(postgres_url, migrate=True).close()
    return postgres_url


def new_drill(store: Store, seed: int = 3):
    source = ScenarioFile(MINIMAL.encode(), "tiny.yaml")
    engine = start_drill(source.load(), seed=seed)
    return engine, begin_recording(store, engine, MINIMAL, source.name)


def test_writers_on_separate_connections_keep_every_drill_whole(url):
    logs, errors = {}, []

    def play(seed: int) -> None:
        try:
            with Store(url) as store:
                engine, recorder = new_drill(store, seed)
                for n in range(25):
                    recorder.record(engine.handle(Respond("comms", "status_page", f"update {n} from {seed}")))
                    recorder.record(engine.handle(Advance(by=10)))
                logs[recorder.drill_id] = engine.log
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=play, args=(seed,)) for seed in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors and len(logs) == 6
    with Store(url) as store:
        for drill_id, log in logs.items():
            assert store.events(drill_id) == log


def test_a_second_process_playing_the_same_drill_is_refused(url):
    with Store(url) as first, Store(url) as second:
        engine, recorder = new_drill(first)
        twin = rebuild(second, recorder.drill_id).engine
        recorder.record(engine.handle(Advance(to=200)))
        with pytest.raises(StoreError, match="changed elsewhere"):
            second.append(recorder.drill_id, twin.handle(Advance(to=100)))
        assert first.events(recorder.drill_id) == engine.log


def test_a_live_writer_does_not_wait_long_on_a_drill_another_session_holds(url):
    with Store(url) as store:
        engine, recorder = new_drill(store)
    stored = list(engine.log)
    with psycopg.connect(url, autocommit=True) as other, Store(url, timeout=0.2) as live:
        other.execute("BEGIN")
        other.execute("SELECT 1 FROM drills WHERE id = %s FOR UPDATE", (recorder.drill_id,))
        with pytest.raises(StoreError, match="is busy") as error:
            live.append(recorder.drill_id, engine.handle(Advance(to=60)))
        assert "s3cret" not in str(error.value)
        other.execute("ROLLBACK")
        assert live.events(recorder.drill_id) == stored  # the refused batch left nothing behind
        live.append(recorder.drill_id, engine.log[len(stored):])  # and goes in once the row is free
        assert live.events(recorder.drill_id) == engine.log
