"""The store's writer thread, and a live drill recording in the background: nothing waits for the
store, nothing is shown before it is stored, nothing is lost.

Thread hand-offs are waited for with conditions (``StoreWriter.wait``) and generous timeouts; time
that matters (a write that has not come back) is the test's own clock.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time

import pytest

from drill.engine import Advance, CommandRejected, Respond
from drill.library import ScenarioFile, load_builtin
from drill.live import LiveDrill
from drill.store import Store, StoreError, begin_recording
from drill.store import writer as writer_module
from drill.store.writer import StoreWriter
from drill.wiring import start_drill
from recorders import HandWriter
from scenario_text import MINIMAL

CHECKOUT = load_builtin("checkout-outage")
HAND_OFF = 10.0  # seconds a thread hand-off may take on a slow, shared machine before the test fails
DRAFT_WAIT_AND_MORE = 0.5  # a writer in a loop would have tried again many times over by then


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Gate:
    """A store whose appends wait until the test opens the gate: a write that does not come back."""

    def __init__(self, store: Store) -> None:
        self.store, self.append = store, store.append
        self.entered, self.open = threading.Event(), threading.Event()
        self.batches: list[int] = []  # how many events each append wrote
        store.append = self._append

    def _append(self, drill_id, events):
        self.batches.append(len(events))
        self.entered.set()
        assert self.open.wait(HAND_OFF), "the test never opened the gate"
        return self.append(drill_id, events)


@pytest.fixture
def recorded(tmp_path):
    """A drill stored with its first event, and a recorder for the rest."""
    store = Store(tmp_path / "drill.db", timeout=30)
    engine = start_drill(ScenarioFile(MINIMAL.encode(), "tiny.yaml").load(), seed=3)
    recorder = begin_recording(store, engine, MINIMAL, "tiny.yaml")
    yield engine, recorder
    try:
        recorder.close()
    except StoreError:
        pass
    store.close()


def stored_draft(store: Store, drill_id: str) -> str:
    return store.drill(drill_id).draft_text


def test_batches_drafts_and_the_clock_are_written_in_the_order_given(recorded):
    engine, recorder = recorded
    notified = threading.Semaphore(0)
    writer = recorder.write_in_background(notified.release)
    writer.save_draft("We are", "comms", "status_page")
    writer.submit(engine.handle(Advance(to=60)))
    writer.submit(engine.handle(Respond("comms", "status_page", "We are investigating.")))  # clears the draft
    writer.save_draft("Next update", "comms", "status_page")  # typed after the send: kept
    ticket = writer.set_clock(90)
    assert writer.wait(ticket, HAND_OFF)
    store = recorder.store
    assert store.events(recorder.drill_id) == engine.log
    assert store.drill(recorder.drill_id).clock == 90
    assert writer.progress() == (ticket, engine.log[-1].seq, None)
    assert notified.acquire(timeout=HAND_OFF)  # told from its thread after each write
    recorder.close()
    assert stored_draft(store, recorder.drill_id) == "Next update" and not writer.running


def test_batches_queued_behind_a_slow_write_go_in_one_transaction(recorded):
    engine, recorder = recorded
    gate = Gate(recorder.store)
    writer = recorder.write_in_background()
    writer.submit(engine.handle(Advance(to=30)))
    assert gate.entered.wait(HAND_OFF)
    behind = [engine.handle(Advance(to=at)) for at in (60, 90, 120)]
    for batch in behind:
        ticket = writer.submit(batch)
    gate.open.set()
    assert writer.wait(ticket, HAND_OFF)
    assert gate.batches[1:] == [sum(map(len, behind))]  # the three behind the slow one, as one
    assert recorder.store.events(recorder.drill_id) == engine.log


def test_a_waiting_draft_is_written_by_the_writers_thread_when_its_time_comes(recorded):
    engine, recorder = recorded
    writer = recorder.write_in_background()
    writer.save_draft("one", "comms", "status_page")
    assert writer.wait(timeout=HAND_OFF)
    ticket = writer.save_draft("one two", "comms", "status_page")  # within the quarter second: waits
    assert writer.wait(ticket, HAND_OFF)
    written = threading.Event()
    real = recorder.store.save_draft
    recorder.store.save_draft = lambda *args: (real(*args), written.set())
    assert written.wait(HAND_OFF)  # nobody called again: the writer's own wait wrote it
    assert stored_draft(recorder.store, recorder.drill_id) == "one two"


def test_a_waiting_draft_the_store_refuses_is_tried_again_with_the_next_write_not_in_a_loop(recorded):
    engine, recorder = recorded
    writer = recorder.write_in_background()
    writer.save_draft("one", "comms", "status_page")
    assert writer.wait(timeout=HAND_OFF)
    tries = []
    again = threading.Event()

    def full(*args):
        tries.append(args)
        if len(tries) > 1:
            again.set()
        raise StoreError("the drill store is full")

    recorder.store.save_draft = full
    writer.save_draft("one two", "comms", "status_page")  # waits out the quarter second, then fails
    assert writer.wait(timeout=HAND_OFF)
    first = time.monotonic()
    while not tries:
        assert time.monotonic() - first < HAND_OFF, "the waiting draft was never tried"
        threading.Event().wait(0.01)
    assert not again.wait(DRAFT_WAIT_AND_MORE)  # a slow machine can only make this pass, never fail
    assert writer.progress().failure == "the drill store is full"
    assert writer.wait(writer.set_clock(30), HAND_OFF) and len(tries) == 2  # with the next write


def test_a_write_that_does_not_come_back_is_reported_as_failing(recorded):
    engine, recorder = recorded
    gate = Gate(recorder.store)
    clock = Clock()
    writer = StoreWriter(recorder, clock=clock)
    writer.submit(engine.handle(Advance(to=60)))
    assert gate.entered.wait(HAND_OFF)
    clock.now += writer_module.STUCK_SECONDS - 0.5
    assert writer.progress().failure is None
    clock.now += 1
    assert "has not answered for 2 s" in writer.progress().failure
    gate.open.set()
    assert writer.wait(timeout=HAND_OFF)
    assert writer.progress() == (1, engine.log[-1].seq, None)
    assert writer.close(HAND_OFF)


def test_closing_on_a_store_that_does_not_answer_keeps_the_events_beside_it(recorded, monkeypatch):
    engine, recorder = recorded
    stored = list(engine.log)
    gate = Gate(recorder.store)
    writer = recorder.write_in_background()
    writer.submit(engine.handle(Advance(to=60)))
    writer.submit(engine.handle(Respond("comms", "status_page", "We are investigating.")))
    assert gate.entered.wait(HAND_OFF)
    monkeypatch.setattr(writer_module, "STUCK_SECONDS", 0.05)
    with pytest.raises(StoreError, match="did not answer within 0.05 s") as raised:
        recorder.close()
    kept = recorder.unstored_file
    assert kept is not None and kept.parent == recorder.store.path.parent and str(kept) in str(raised.value)
    lines = [json.loads(line) for line in kept.read_text().splitlines()]
    assert [(line["seq"], line["kind"], line["data"]) for line in lines] == [
        (event.seq, event.kind, event.data) for event in engine.log[len(stored):]]
    assert {line["drill_id"] for line in lines} == {recorder.drill_id}
    with pytest.raises(StoreError, match="still has not answered"):  # never waits on the writer's lock
        recorder.record([])
    gate.open.set()
    writer._thread.join(HAND_OFF)


def test_the_last_try_after_the_drill_keeps_what_a_locked_store_refused(tmp_path):
    path = tmp_path / "drill.db"
    with Store(path, timeout=0.05) as store:
        engine = start_drill(ScenarioFile(MINIMAL.encode(), "tiny.yaml").load(), seed=3)
        recorder = begin_recording(store, engine, MINIMAL, "tiny.yaml")
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            with pytest.raises(StoreError, match="locked"):
                recorder.record(engine.handle(Advance(to=120)))
            recorder.close()
            with pytest.raises(StoreError, match="kept in") as raised:
                recorder.record([])
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert str(recorder.unstored_file) in str(raised.value)
        assert len(recorder.unstored_file.read_text().splitlines()) == recorder.pending == len(engine.log) - 1


# --- a live drill recording in the background, with a writer the test moves by hand --------------


def background_drill() -> tuple[LiveDrill, HandWriter, list]:
    writer, shown = HandWriter(), []
    live = LiveDrill.new(CHECKOUT, 7, recorder=writer)
    notified = []
    assert live.record_in_background(lambda: notified.append(1))
    live.subscribe(shown.extend)
    live.begin()
    return live, writer, shown


def test_send_returns_at_once_and_shows_the_batch_once_it_is_stored():
    live, writer, shown = background_drill()
    live.start_clock({})
    caused = live.tick(200)
    assert caused and shown == [] and live.shown_log == [] and live.clock == 200 and live.waiting
    assert live.collect() == []  # nothing stored yet: nothing shown
    writer.write()
    assert live.collect() == live.engine.log == shown and not live.waiting
    assert [event.seq for event in shown] == list(range(1, len(shown) + 1))


def test_the_clock_keeps_moving_while_the_store_is_slow_and_everything_comes_in_order():
    live, writer, shown = background_drill()
    live.start_clock({})
    for _ in range(6):
        live.tick(60)  # the store has not answered any of it
    assert live.clock == 360 and shown == []
    live.send(Respond("comms", "status_page", "We are investigating failed card payments."))
    writer.write()
    live.collect()
    assert shown == live.engine.log == writer.stored


def test_a_failing_store_pauses_the_drill_and_f2_retries_then_resumes_once_it_works():
    live, writer, shown = background_drill()
    live.start_clock({})
    writer.write()
    live.collect()
    before = len(shown)
    held = live.tick(200)
    writer.write("the drill store is locked by another drill process")
    live.collect()
    assert live.store_error.startswith("the drill store is locked") and live.paused
    assert not any(event in shown for event in held) and len(shown) == before
    assert live.engine.log[-1].kind == "drill_paused"
    with pytest.raises(CommandRejected, match="store is failing"):
        live.send(Respond("comms", "status_page", "Investigating."))
    assert live.tick(60) == [] and live.clock == 200

    assert live.toggle_pause() == [] and live.retrying  # F2: asked, answered later
    writer.write("the drill store is locked by another drill process")
    live.collect()
    assert not live.retrying and live.store_error is not None and live.paused

    live.toggle_pause()
    writer.write()
    live.collect()
    assert live.store_error is None and not live.retrying
    assert not live.paused and live.engine.log[-1].kind == "drill_resumed"  # resumed once it worked
    writer.write()
    live.collect()
    assert shown == live.engine.log == writer.stored
    kinds = [event.kind for event in writer.stored]
    assert kinds[-2:] == ["drill_paused", "drill_resumed"]


def test_a_store_that_recovers_before_anyone_looked_costs_no_pause():
    live, writer, shown = background_drill()
    live.start_clock({})
    live.tick(100)
    writer.write("locked")  # failed once ...
    live.tick(100)
    writer.write()  # ... and took both batches with the next one
    live.collect()
    assert live.store_error is None and not live.paused and shown == live.engine.log


def test_drafts_and_the_clock_queue_behind_the_batches():
    live, writer, shown = background_drill()
    live.start_clock({})
    live.tick(30)
    live.flush(("half a thought", "comms", "status_page"))
    writer.write()
    live.collect()
    assert writer.drafts == ["half a thought"] and ("clock", 30) not in writer.jobs
    live.send(Respond("comms", "status_page", "half a thought"))
    live.flush(("", None, None))  # the composer cleared: the batch before it already cleared the draft
    assert [kind for _, kind, _ in writer.jobs] == ["record"]


def test_a_drill_with_an_ordinary_recorder_stays_synchronous():
    from recorders import FlakyRecorder

    recorder = FlakyRecorder()
    live = LiveDrill.new(CHECKOUT, 7, recorder=recorder)
    assert not live.record_in_background(lambda: None) and not live.in_background
    live.begin()
    assert live.shown_log == live.engine.log == recorder.stored and not live.waiting
