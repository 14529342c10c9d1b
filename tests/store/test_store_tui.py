"""Recording a live drill, and resuming it in the terminal UI (driven by Pilot)."""

from __future__ import annotations

import argparse
import asyncio

import pytest
from textual.widgets import Select, TextArea

from drill.cli.main import main
from drill.cli.recording import finish_recording, new_drill_recorder
from drill.cli.resume import resumed_app
from drill.engine import End
from drill.library import load_builtin
from drill.session import report_for
from drill.store import Store, StoreError, rebuild
from drill.store.rebuild import read_log
from drill.tui.launch import make_app
from drill.tui.screens.play import PlayScreen
from drill.live.replay import ReplaySource
from drill.tui.widgets.composer import Composer
from tui.tui_helpers import notifications, pilot_test, posted, running, type_and_send


def store_args(db, no_store: bool = False) -> argparse.Namespace:
    return argparse.Namespace(db=str(db), no_store=no_store, team="")


async def play_some(db, tmp_path) -> tuple[str, list]:
    """A drill run in the UI with recording on, left running mid-way (as if the terminal died)."""
    recorder = new_drill_recorder(store_args(db), lambda: app.scenario)
    app = make_app(load_builtin("checkout-outage"), briefing=False, realtime=False, out=tmp_path / "report",
                   recorder=recorder)
    async with running(app) as pilot:
        app.advance_clock(200)
        await type_and_send(pilot, "We are investigating failed card payments in Europe.")
        app.advance_clock(100)
        app.screen.query_one("#composer-text", TextArea).text = "Half-written update"
        app.screen.query_one("#composer-role", Select).value = "comms"
        app.screen.query_one("#composer-channel", Select).value = "social"
        await pilot.pause()
        app.flush_recorder()
        log = list(app.engine.log)
    recorder.store.close()
    return recorder.drill_id, log


@pilot_test
async def test_run_records_every_event_before_it_is_shown(tmp_path):
    db = tmp_path / "drill.db"
    drill_id, log = await play_some(db, tmp_path)
    with Store(db) as store:
        assert store.events(drill_id) == log
        record = store.drill(drill_id)
        assert record.status == "running" and record.clock == 300
        draft = (record.draft_text, record.draft_role, record.draft_channel)
        assert draft == ("Half-written update", "comms", "social")
        assert record.scenario_source.startswith("format: 1")


@pilot_test
async def test_resume_reopens_paused_with_responses_and_draft_in_place(tmp_path):
    db = tmp_path / "drill.db"
    drill_id, log = await play_some(db, tmp_path)
    store = Store(db)
    app, recorder = resumed_app(store, drill_id, realtime=False, out=tmp_path / "resumed")
    async with running(app) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.paused and app.clock == 300
        assert len(app.engine.state.responses) == 1
        assert 0 < app.grades[1].score <= 100  # the earlier message keeps its grade
        assert app.screen.query_one("#composer-text", TextArea).text == "Half-written update"
        composer = app.screen.query_one(Composer)
        assert (composer.role, composer.channel) == ("comms", "social")
        composer.query_one("#composer-channel", Select).value = "status_page"
        await pilot.press("f2")  # resume the clock; the drill goes on and is recorded into the same drill
        app.advance_clock(60)
        await type_and_send(pilot, "Update: payments are recovering; next update in 30 minutes.")
        app.end_drill(then_exit=False)
        await pilot.pause()
        final = list(app.engine.log)
    assert finish_recording(recorder, app.report) == f"recorded as drill {drill_id} in {db}"
    with Store(db) as store:
        assert store.events(drill_id) == final
        assert final[: len(log)] == log
        assert store.drill(drill_id).status == "ended"
        live = dict(app.report)
        assert live["generated_at"].endswith(" UTC")  # dated by the drill's start time, which its log keeps
        assert report_for(rebuild(store, drill_id).engine) == live


def test_an_ended_drill_is_not_played_on_but_reopened_for_its_debrief(tmp_path):
    from drill.store import reopen

    db = tmp_path / "drill.db"
    drill_id, _ = asyncio.run(play_some(db, tmp_path))
    with Store(db) as store:
        engine = rebuild(store, drill_id).engine
        store.append(drill_id, engine.handle(End()))
        with pytest.raises(StoreError, match="has ended"):
            reopen(store, drill_id)  # as `drill serve --resume` reopens one: never an ended drill
        stored = store.events(drill_id)
        app, _ = resumed_app(store, drill_id)  # `drill resume`: its debrief, for the hot wash
        assert app.live.ended and store.events(drill_id) == stored  # no pause recorded after the end


def test_no_store_records_nothing(tmp_path):
    assert new_drill_recorder(store_args(tmp_path / "drill.db", no_store=True), lambda: None) is None
    assert not (tmp_path / "drill.db").exists()


def simulated_drill(tmp_path):
    """A store holding one simulated checkout-outage drill: (its path, the drill's id)."""
    db = tmp_path / "drill.db"
    assert main(["simulate", "checkout-outage", "--db", str(db), "--out", str(tmp_path / "sim")]) == 0
    with Store(db) as store:
        return db, store.drills()[-1].id


@pilot_test
async def test_replay_shows_the_stored_events_as_their_time_comes_and_changes_nothing(tmp_path):
    db, drill_id = simulated_drill(tmp_path)
    with Store(db) as store:
        rebuilt = rebuild(store, drill_id)
        events = store.events(drill_id)
    app = make_app(replay=ReplaySource(rebuilt.scenario, events, rebuilt.record.clock), speed=10,
                   realtime=False, out=tmp_path / "replay")
    async with running(app) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.read_only
        assert "REPLAY" in str(app.screen.query_one("DrillHeader").render())
        shown = app.advance_clock(600)
        await pilot.pause()
        assert shown and all(event.at <= 600 for event in shown) and app.clock == 600
        assert app.engine.log == events[: len(app.engine.log)]
        assert not app.screen.query(Composer) and not app.screen.query(TextArea)  # nothing to type into
        await pilot.press("ctrl+s", "f9")
        assert not posted(pilot, Composer.SendRequested)
        assert len(app.engine.state.responses) == sum(1 for e in events[: len(app.engine.log)]
                                                      if e.kind == "response_recorded")
        await pilot.press("f2")  # the viewer pauses the replay
        assert app.advance_clock(900) == [] and app.clock == 600
        await pilot.press("f2", "f3")  # and resumes it, faster
        assert app.speed == 1
        while not app.replay_finished:
            app.advance_clock(900)
        await pilot.pause()
        assert app.ended and app.engine.log == events and app.clock == rebuilt.record.clock
        assert any("End of the replay" in message for message in notifications(pilot))
    with Store(db) as store:
        assert store.events(drill_id) == events
    assert not (tmp_path / "replay").exists()


@pilot_test
async def test_a_store_that_fails_mid_drill_pauses_it_and_loses_nothing(tmp_path, monkeypatch):
    db = tmp_path / "drill.db"
    recorder = new_drill_recorder(store_args(db), lambda: app.scenario)
    app = make_app(load_builtin("checkout-outage"), briefing=False, realtime=False, out=tmp_path / "report",
                   recorder=recorder)
    async with running(app) as pilot:
        app.advance_clock(170)
        store = recorder.store
        append = store.append

        def locked(drill_id, events):
            raise StoreError(f"the drill store {db} is locked by another drill process")

        monkeypatch.setattr(store, "append", locked)
        app.advance_clock(20)
        await pilot.pause()
        assert app.paused and "is locked" in app.store_error and recorder.pending
        monkeypatch.setattr(store, "append", append)
        await pilot.press("f2")
        await pilot.pause()
        assert app.store_error is None and not app.paused and not recorder.pending
        app.end_drill(then_exit=False)
        await pilot.pause()
        final = list(app.engine.log)
    assert finish_recording(recorder, app.report) == f"recorded as drill {recorder.drill_id} in {db}"
    with Store(db) as store:
        stored = store.events(recorder.drill_id)
    assert stored == final
    assert [e.kind for e in stored].count("drill_paused") == 1 and [e.kind for e in stored].count("drill_resumed") == 1


@pilot_test
async def test_a_replay_whose_log_does_not_fold_ends_after_its_first_frame_saying_why(tmp_path):
    db, drill_id = simulated_drill(tmp_path)
    with Store(db) as store:
        late = [event for event in store.events(drill_id) if event.kind == "response_recorded"][-1]
        assert late.at > 600  # the replay's first frame is at T+0: it does not fold this far
        store.connection.execute("UPDATE events SET data = '{}' WHERE drill_id = ? AND seq = ?", (drill_id, late.seq))
        store.connection.commit()
        log = read_log(store, drill_id)
    with pytest.raises(StoreError, match=f"drill {drill_id}: its event log cannot be replayed"):
        log.fold()
    app = make_app(replay=ReplaySource(log.scenario, log.events, log.record.clock), realtime=False,
                   out=tmp_path / "replay")
    app.after_first_frame(log.fold)  # as `drill replay` checks the whole log
    async with running(app) as pilot:
        await pilot.pause()
    assert app.return_code == 1 and app.failure.startswith(f"drill {drill_id}: its event log cannot be replayed")
