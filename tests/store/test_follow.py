"""Following a drill another process plays: every new event once, in order, notifications or not."""

from __future__ import annotations

import threading

import pytest

from drill.engine import Advance, End, Respond
from drill.library import ScenarioFile
from drill.store import Store, StoreError, begin_recording
from drill.store.follow import follow
from drill.wiring import start_drill
from scenario_text import MINIMAL


def test_a_follower_gets_every_event_in_order_and_stops_at_the_end(store_target):
    with Store(store_target) as writer_store, Store(store_target) as reader_store:
        source = ScenarioFile(MINIMAL.encode(), "tiny.yaml")
        engine = start_drill(source.load(), seed=3)
        recorder = begin_recording(writer_store, engine, MINIMAL, source.name)
        recorder.record(engine.handle(Advance(to=60)))  # stored before anyone follows: read, not notified
        seen_first = threading.Event()
        got = []

        def play_on():
            seen_first.wait(30)
            for n in range(20):
                recorder.record(engine.handle(Respond("comms", "status_page", f"update {n}")))
                recorder.record(engine.handle(Advance(by=30)))
            recorder.record(engine.handle(End()))

        writer = threading.Thread(target=play_on)
        writer.start()
        try:
            for event in follow(reader_store, recorder.drill_id, poll_seconds=0.05):
                got.append(event)
                seen_first.set()
        finally:
            seen_first.set()
            writer.join(30)
        assert got == engine.log  # nothing missed, nothing twice, the same order
        assert got[-1].kind == "drill_ended"


def test_following_from_a_seq_and_an_unknown_drill(store_target):
    with Store(store_target) as store:
        source = ScenarioFile(MINIMAL.encode(), "tiny.yaml")
        engine = start_drill(source.load(), seed=3)
        recorder = begin_recording(store, engine, MINIMAL, source.name)
        recorder.record(engine.handle(Advance(to=300)))
        recorder.record(engine.handle(End()))
        assert list(follow(store, recorder.drill_id, after=2)) == engine.log[2:]
        with pytest.raises(StoreError, match="no drill 'nope'"):
            list(follow(store, "nope"))


def test_a_follower_of_a_quiet_drill_stops_when_asked(store_target):
    with Store(store_target) as store:
        source = ScenarioFile(MINIMAL.encode(), "tiny.yaml")
        engine = start_drill(source.load(), seed=3)
        recorder = begin_recording(store, engine, MINIMAL, source.name)
        rounds = iter(range(3))
        events = list(follow(store, recorder.drill_id, poll_seconds=0.01, stop=lambda: next(rounds, None) is None,
                             wait=lambda seconds: None))
        assert events == engine.log  # what was there, then nothing new until told to stop


def test_a_server_resumes_a_drill_another_machine_started(postgres_url):
    """Two processes on one PostgreSQL database: one starts the drill, the other serves it on."""
    from drill.serve.drills import resumed_hosted_drill

    with Store(postgres_url, migrate=True) as first_machine:
        source = ScenarioFile(MINIMAL.encode(), "tiny.yaml")
        engine = start_drill(source.load(), seed=3)
        recorder = begin_recording(first_machine, engine, MINIMAL, source.name)
        recorder.record(engine.handle(Advance(to=120)))
        drill_id = recorder.drill_id
    with Store(postgres_url) as second_machine:
        hosted = resumed_hosted_drill(second_machine, drill_id)
        served = hosted.live.engine
        assert served.clock == 120 and served.log[:len(engine.log)] == engine.log  # then paused, for the room
        assert "facilitator" in hosted.tokens
        hosted.live.send(Respond("comms", "status_page", "Served from the second machine."))
    with Store(postgres_url) as first_machine_again:
        texts = [event.data["text"] for event in first_machine_again.events(drill_id) if event.kind == "response_recorded"]
        assert texts == ["Served from the second machine."]
