"""The unsent draft: saved on every change at most every quarter second, cleared with the message sent."""

from __future__ import annotations

import pytest

from drill.engine import Advance, Respond
from drill.library import ScenarioFile
from drill.store import Store, begin_recording
from drill.store import recorder as recorder_module
from drill.store.recorder import DRAFT_SECONDS, StoreRecorder
from drill.wiring import start_drill
from scenario_text import MINIMAL


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def drill(store_target):
    store = Store(store_target)
    source = ScenarioFile(MINIMAL.encode(), "tiny.yaml")
    engine = start_drill(source.load(), seed=3)
    drill_id = begin_recording(store, engine, MINIMAL, source.name).drill_id
    clock = Clock()
    recorder = StoreRecorder(store, drill_id, clock=clock, later=False)
    yield engine, recorder, clock
    store.close()


def saved(recorder: StoreRecorder) -> tuple:
    record = recorder.store.drill(recorder.drill_id)
    return record.draft_text, record.draft_role, record.draft_channel


def test_the_first_change_is_written_at_once_and_a_burst_at_most_every_quarter_second(drill):
    _, recorder, clock = drill
    recorder.save_draft("We", "comms", "status_page")
    assert saved(recorder) == ("We", "comms", "status_page")
    clock.now += DRAFT_SECONDS / 2
    recorder.save_draft("We are", "comms", "status_page")
    assert saved(recorder)[0] == "We"  # waits out the quarter second
    clock.now += DRAFT_SECONDS
    recorder.save_draft("We are looking", "comms", "status_page")
    assert saved(recorder)[0] == "We are looking"


def test_a_waiting_draft_is_written_by_the_next_call_of_any_kind(drill):
    engine, recorder, clock = drill
    recorder.save_draft("first", "comms", "status_page")
    recorder.save_draft("first words", "comms", "status_page")
    recorder.set_clock(30)
    assert saved(recorder)[0] == "first words"
    recorder.save_draft("first words and more", "comms", "status_page")
    recorder.flush_draft()
    assert saved(recorder)[0] == "first words and more"


def test_sending_clears_the_draft_in_the_transaction_that_records_the_message(drill):
    engine, recorder, clock = drill
    recorder.record(engine.handle(Advance(to=60)))
    recorder.save_draft("We are investigating", "comms", "status_page")
    clock.now += DRAFT_SECONDS / 2
    recorder.save_draft("We are investigating errors.", "comms", "status_page")  # waiting, then sent
    recorder.record(engine.handle(Respond("comms", "status_page", "We are investigating errors.")))
    assert saved(recorder) == ("", None, None)  # not offered again after a crash
    clock.now += DRAFT_SECONDS
    recorder.flush_draft()
    assert saved(recorder) == ("", None, None)  # and the older text never comes back


def test_a_store_appended_a_sent_message_clears_its_draft(store_target):
    with Store(store_target) as store:
        source = ScenarioFile(MINIMAL.encode(), "tiny.yaml")
        engine = start_drill(source.load(), seed=3)
        drill_id = begin_recording(store, engine, MINIMAL, source.name).drill_id
        store.save_draft(drill_id, "half a message", "comms", "status_page")
        store.append(drill_id, engine.handle(Respond("comms", "status_page", "half a message")))
        assert store.drill(drill_id).draft_text == ""


def test_the_last_change_of_a_burst_is_written_by_the_timer(drill, monkeypatch):
    _, recorder, clock = drill
    started = []

    class Timer:  # the timer's wait is not the test's business: run it by hand
        def __init__(self, wait, action):
            self.wait, self.action, self.daemon = wait, action, False
            started.append(self)

        def start(self):
            pass

        def cancel(self):
            started.remove(self)

    monkeypatch.setattr(recorder_module.threading, "Timer", Timer)
    recorder._later = True
    recorder.save_draft("one", "comms", "status_page")
    clock.now += 0.05
    recorder.save_draft("one two", "comms", "status_page")
    recorder.save_draft("one two three", "comms", "status_page")
    assert len(started) == 1 and started[0].wait == pytest.approx(DRAFT_SECONDS - 0.05)
    assert saved(recorder)[0] == "one"
    started[0].action()
    assert saved(recorder)[0] == "one two three"
    recorder.close()
