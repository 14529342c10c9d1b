"""The terminal UI with the store writing on its own thread (driven by Pilot): a locked or stuck
store never freezes the screen, nothing is shown before it is stored, and nothing is lost.

The clock is the test's (``advance_clock``); the only waits are for the writer's thread to hand
over, each a condition with a generous timeout, never a sleep that a slow machine could outrun.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
import time

from textual.widgets import TextArea

from drill.cli.recording import finish_recording
from drill.cli.store_options import LIVE_BUSY_SECONDS
from drill.library import load_builtin, scenario_file_of
from drill.store import Store, StoreRecorder
from drill.store import writer as writer_module
from drill.tui import controls
from drill.tui.launch import make_app
from drill.tui.screens.debrief import DebriefScreen
from tui.tui_helpers import log_text, notifications, pilot_test, rendered, running

HAND_OFF = 10.0  # seconds a thread hand-off may take on a slow, shared machine before the test fails
ON_CALL = "On-call engineer"  # chat-eng-1, due at T+3m


def recorder_for(db, busy_seconds: float) -> StoreRecorder:
    """What `drill run` records with, but with the busy wait the test needs."""
    def scenario_text():
        file = scenario_file_of(load_builtin("checkout-outage"))
        return file.text.decode("utf-8"), file.name

    return StoreRecorder(Store(db, timeout=busy_seconds), scenario_text=scenario_text)


def background_app(recorder, tmp_path):
    app = make_app(load_builtin("checkout-outage"), briefing=False, realtime=False, out=tmp_path / "report",
                   recorder=recorder)
    assert app.record_in_background()  # as the real-time app does; the clock stays in the test's hands
    return app


async def until(pilot, condition, what: str) -> None:
    """Let the app handle the writer's messages until ``condition()`` holds."""
    deadline = time.monotonic() + HAND_OFF
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.005)  # the writer's thread posts to the app's loop: give it a turn
        await pilot.pause()


def stored(db, drill_id) -> list:
    with Store(db) as store:
        return store.events(drill_id)


class Lock:
    """Another process writing: the store is locked until ``release``."""

    def __init__(self, db) -> None:
        self.connection = sqlite3.connect(db, isolation_level=None)
        self.connection.execute("BEGIN EXCLUSIVE")

    def release(self) -> None:
        if self.connection is not None:
            self.connection.execute("ROLLBACK")
            self.connection.close()
            self.connection = None


@pilot_test
async def test_a_locked_store_never_freezes_the_screen_and_nothing_unstored_is_shown(tmp_path, monkeypatch):
    monkeypatch.setattr(writer_module, "STUCK_SECONDS", 600)  # this store is only slow: never called stuck
    db = tmp_path / "drill.db"
    recorder = recorder_for(db, busy_seconds=60)  # the writer waits for the lock as long as the test needs
    app = background_app(recorder, tmp_path)
    async with running(app) as pilot:
        await until(pilot, lambda: app.shown_log, "the first event to be stored")
        app.advance_clock(170)
        await until(pilot, lambda: not app.live.waiting, "the first minutes to be stored")
        lock = Lock(db)
        try:
            app.advance_clock(20)  # chat-eng-1 falls due, and the store cannot take it
            app.advance_clock(30)
            assert app.clock == 220 and app.live.waiting
            await pilot.press("f3")  # the keys still answer ...
            app.screen.query_one("#composer-text", TextArea).text = "Investigating failed card payments."
            await pilot.press("end", "full_stop")
            await pilot.pause()
            assert app.speed == 2
            assert app.screen.query_one("#composer-text", TextArea).text.endswith("payments..")
            assert ON_CALL not in log_text(app)  # ... and nothing the store has not taken is shown
            assert app.shown_log == stored(db, recorder.drill_id)  # readers never wait for a writer
            assert app.store_error is None and not app.paused
        finally:
            lock.release()
        await until(pilot, lambda: ON_CALL in log_text(app), "the held batches to be stored and shown")
        await until(pilot, lambda: not app.live.waiting, "the last batch to be stored")
        assert app.shown_log == app.engine.log == stored(db, recorder.drill_id)
        seqs = [event.seq for event in app.shown_log]
        assert seqs == list(range(1, len(seqs) + 1))
        app.end_drill(then_exit=False)
        await until(pilot, lambda: isinstance(app.screen, DebriefScreen), "the debrief")
        final = list(app.engine.log)
    assert finish_recording(recorder, app.report) == f"recorded as drill {recorder.drill_id} in {db}"
    assert stored(db, recorder.drill_id) == final and final[-1].kind == "drill_ended"


@pilot_test
async def test_a_store_locked_past_its_busy_wait_pauses_the_drill_and_f2_resumes_it(tmp_path):
    db = tmp_path / "drill.db"
    recorder = recorder_for(db, busy_seconds=LIVE_BUSY_SECONDS)  # as `drill run` waits
    app = background_app(recorder, tmp_path)
    async with running(app) as pilot:
        app.advance_clock(170)
        await until(pilot, lambda: not app.live.waiting, "the first minutes to be stored")
        lock = Lock(db)
        try:
            app.advance_clock(20)
            assert app.clock == 190  # at once: the screen did not wait for the lock
            await until(pilot, lambda: app.store_error is not None, "the banner")
            assert "is locked by another drill process" in app.store_error and app.paused
            assert "Could not save to the drill store" in rendered(app, "#store-error")
            assert ON_CALL not in log_text(app)
            app.advance_clock(60)
            assert app.clock == 190
            await pilot.press("f2")  # still locked: tried again in the background, and still failing
            assert any("Trying the drill store again" in message for message in notifications(pilot))
            await until(pilot, lambda: not app.live.retrying, "the retry's answer")
            await until(pilot, lambda: any("Still cannot save" in m for m in notifications(pilot)), "the notice")
            assert app.paused and app.store_error is not None
        finally:
            lock.release()
        await pilot.press("f2")
        await until(pilot, lambda: app.store_error is None and not app.paused, "the drill to resume")
        await until(pilot, lambda: not app.live.waiting, "the resume to be stored")
        assert ON_CALL in log_text(app) and not app.screen.query_one("#store-error").display
        app.advance_clock(60)
        assert app.clock == 250
        await until(pilot, lambda: not app.live.waiting, "the last batch to be stored")
        log = list(app.engine.log)
        assert app.shown_log == log
    recorder.close()
    recorder.store.close()
    kinds = [event.kind for event in stored(db, recorder.drill_id)]
    assert stored(db, recorder.drill_id) == log
    assert kinds.count("drill_paused") == 1 and kinds.count("drill_resumed") == 1


@pilot_test
async def test_quitting_on_a_stuck_store_writes_the_report_and_keeps_every_event(tmp_path, monkeypatch):
    monkeypatch.setattr(writer_module, "STUCK_SECONDS", 0.2)
    monkeypatch.setattr(controls, "SAVE_WAIT_SECONDS", 0.5)
    monkeypatch.setattr(controls, "SAVE_NOTICE_SECONDS", 0.1)
    db = tmp_path / "drill.db"
    recorder = recorder_for(db, busy_seconds=LIVE_BUSY_SECONDS)
    app = background_app(recorder, tmp_path)
    entered, release = threading.Event(), threading.Event()
    async with running(app) as pilot:
        app.advance_clock(170)
        await until(pilot, lambda: not app.live.waiting, "the first minutes to be stored")
        before = list(app.engine.log)
        append = recorder.store.append

        def stuck(drill_id, events):  # a disk that does not come back
            entered.set()
            release.wait(HAND_OFF)
            return append(drill_id, events)

        recorder.store.append = stuck
        app.advance_clock(20)
        await pilot.press("ctrl+q", "y")
        await until(pilot, lambda: app.report is not None, "the report")
        assert entered.is_set()
        assert any("Saving the last events" in message for message in notifications(pilot))
        assert any("has not taken the last events" in message for message in notifications(pilot))
        assert "has not answered" in app.store_error
    assert app.return_code == 0
    report = json.loads((tmp_path / "report" / "report.json").read_text())
    assert report["scenario"]["id"] == "checkout-outage"
    line = finish_recording(recorder, app.report)
    release.set()
    assert "did not answer within 0.2 s" in line and "kept in" in line
    kept = [json.loads(text) for text in recorder.unstored_file.read_text().splitlines()]
    assert str(recorder.unstored_file) in line
    assert [(event["seq"], event["kind"]) for event in kept] == [
        (event.seq, event.kind) for event in app.engine.log[len(before):]]
    assert kept[-1]["kind"] == "drill_ended"
    assert stored(db, recorder.drill_id) == before  # the store has the rest: nothing is lost
