"""Recording hot-wash items from the debrief (h): the form, the list, the report written again, the store."""

from __future__ import annotations

import argparse
import json

from textual.widgets import Select, TextArea

from drill.cli.recording import new_drill_recorder
from drill.engine import HotWashItem
from drill.library import load_builtin
from drill.live import LiveDrill
from drill.store import Store, rebuild, reopen
from drill.tui.launch import make_app
from drill.tui.screens.confirm_end import ConfirmEndScreen
from drill.tui.screens.debrief import DebriefScreen
from drill.tui.screens.hot_wash import HotWashScreen
from tui_helpers import pilot_test, report_path, running, screen_text

HOSTILE = "[b]x[/b] [@click=app.quit]quit[/] \x1b[31mred"


def hot_wash_events(app) -> list[dict]:
    return [event.data for event in app.live.engine.log if event.kind == "hot_wash_noted"]


def debrief_text(app) -> str:
    return " ".join(screen_text(app).split())


def error_text(app) -> str:
    return str(app.screen.query_one("#hot-wash-error").render())


async def at_debrief(pilot) -> None:
    pilot.app.advance_clock(120)
    pilot.app.end_drill(then_exit=False)
    await pilot.pause()
    await pilot.pause()
    assert isinstance(pilot.app.screen, DebriefScreen)


async def open_form(pilot) -> HotWashScreen:
    await pilot.press("h")
    await pilot.pause()
    assert isinstance(pilot.app.screen, HotWashScreen)
    return pilot.app.screen


def fill(form: HotWashScreen, text: str, kind: str = "improvement", priority: str | None = None,
         objective: str | None = None) -> None:
    form.query_one("#hot-wash-text", TextArea).text = text
    form.query_one("#hot-wash-kind", Select).value = kind
    if priority is not None:
        form.query_one("#hot-wash-priority", Select).value = priority
    if objective is not None:
        form.query_one("#hot-wash-objective", Select).value = objective


@pilot_test
async def test_an_item_is_recorded_listed_and_the_report_written_again_with_it(build, tmp_path, monkeypatch):
    import drill.session

    written_with = []  # the hot-wash texts each report was built with
    real_report_for = drill.session.report_for

    def report_for(engine, generated_at=None):
        report = real_report_for(engine, generated_at)
        report["hot_wash_seen"] = [event.data["text"] for event in engine.log if event.kind == "hot_wash_noted"]
        written_with.append(report["hot_wash_seen"])
        return report

    monkeypatch.setattr(drill.session, "report_for", report_for)
    app = build()
    async with running(app) as pilot:
        await at_debrief(pilot)
        assert "None yet" in debrief_text(app)
        assert json.loads(report_path(tmp_path).read_text())["hot_wash_seen"] == []
        form = await open_form(pilot)
        assert app.focused.id == "hot-wash-text"
        fill(form, "Comms waited for the IC before the first status page post.", priority="high",
             objective="first-public")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert hot_wash_events(app) == [{
            "item_id": 1, "text": "Comms waited for the IC before the first status page post.",
            "kind": "improvement", "priority": "high", "author": "Facilitator", "objective": "first-public"}]
        shown = debrief_text(app)
        assert "Improvement (high priority): Comms waited for the IC before the first status page post." in shown
        assert "objective: Post a first public update" in shown
        assert "None yet" not in shown
        report = json.loads(report_path(tmp_path).read_text())
        assert report["hot_wash_seen"] == ["Comms waited for the IC before the first status page post."]
        assert app.report["hot_wash_seen"] == report["hot_wash_seen"]  # what drill prints on exit
        assert f"Written to {report_path(tmp_path)}" in shown

        form = await open_form(pilot)
        fill(form, "Support had the macro ready.", kind="strength", priority="low")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert hot_wash_events(app)[1]["kind"] == "strength"
        assert hot_wash_events(app)[1]["priority"] is None  # a strength is not ranked
        assert "2. Strength: Support had the macro ready." in debrief_text(app)
        assert written_with[-1] == ["Comms waited for the IC before the first status page post.",
                                    "Support had the macro ready."]
        app.live.send(HotWashItem("Observer: the [i]exec[/i] ask was missed.", author="Observer 1"))  # not the form's
        await pilot.pause()
        assert "3. Improvement: Observer: the [i]exec[/i] ask was missed. by Observer 1" in debrief_text(app)
        await pilot.press("enter")  # Enter still quits the debrief
    assert not app.is_running and app.return_code == 0


@pilot_test
async def test_empty_text_is_refused_in_the_form_with_a_clear_error(build):
    app = build()
    async with running(app) as pilot:
        await at_debrief(pilot)
        form = await open_form(pilot)
        fill(form, "  \n ")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "Write the item first" in error_text(app)
        assert hot_wash_events(app) == []


@pilot_test
async def test_a_refused_item_shows_why_and_keeps_the_text(build):
    app = build()
    too_long = "x" * 20_001
    async with running(app) as pilot:
        await at_debrief(pilot)
        form = await open_form(pilot)
        fill(form, too_long)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and app.is_running
        assert "Not recorded: the item is longer than 20,000 characters" in error_text(app)
        assert form.query_one("#hot-wash-text", TextArea).text == too_long
        assert hot_wash_events(app) == []


@pilot_test
async def test_hostile_text_is_listed_literally(build):
    app = build()
    async with running(app) as pilot:
        await at_debrief(pilot)
        form = await open_form(pilot)
        fill(form, HOSTILE)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen) and app.is_running
        assert hot_wash_events(app)[0]["text"] == "[b]x[/b] [@click=app.quit]quit[/] [31mred"  # ESC removed as typed
        assert "[b]x[/b] [@click=app.quit]quit[/] [31mred" in debrief_text(app)


@pilot_test
async def test_keys_typed_in_the_form_stay_text_and_esc_keeps_the_draft(build):
    app = build()
    async with running(app) as pilot:
        await at_debrief(pilot)
        form = await open_form(pilot)
        await pilot.press("q", "space", "h", "enter", "y")  # the debrief's keys and Enter: all typed
        assert app.screen is form and app.is_running
        assert form.query_one("#hot-wash-text", TextArea).text == "q h\ny"
        form.query_one("#hot-wash-kind", Select).value = "strength"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen) and hot_wash_events(app) == []
        form = await open_form(pilot)  # opened again with what was typed
        assert form.query_one("#hot-wash-text", TextArea).text == "q h\ny"
        assert form.query_one("#hot-wash-kind", Select).value == "strength"
        assert form.query_one("#hot-wash-priority", Select).disabled
        await pilot.press("ctrl+q")  # quitting would throw the text away: asked first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmEndScreen) and app.is_running
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is form and form.query_one("#hot-wash-text", TextArea).text == "q h\ny"
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
    assert not app.is_running and app.return_code == 0


@pilot_test
async def test_an_item_recorded_at_the_debrief_is_in_the_store(tmp_path):
    db = tmp_path / "drill.db"
    recorder = new_drill_recorder(argparse.Namespace(db=str(db), no_store=False, team=""), lambda: app.scenario)
    app = make_app(load_builtin("checkout-outage"), briefing=False, realtime=False, out=tmp_path / "report",
                   recorder=recorder)
    async with running(app) as pilot:
        await at_debrief(pilot)
        form = await open_form(pilot)
        fill(form, "Legal signed off quickly.", kind="strength")
        await pilot.press("ctrl+s")
        await pilot.pause()
        log = list(app.engine.log)
    recorder.store.close()
    with Store(db) as store:
        assert store.events(recorder.drill_id) == log
        rebuilt = rebuild(store, recorder.drill_id)  # as `drill report ID` reads it
        assert [event.data["text"] for event in rebuilt.engine.state.hot_wash] == ["Legal signed off quickly."]


def test_a_resumed_drill_keeps_its_hot_wash_items(tmp_path):
    from drill.store import StoreRecorder
    from drill.library import scenario_file_of

    scenario = load_builtin("checkout-outage")
    file = scenario_file_of(scenario)
    with Store(tmp_path / "drill.db") as store:
        recorder = StoreRecorder(store, scenario_text=lambda: (file.text.decode("utf-8"), file.name))
        live = LiveDrill.new(scenario, recorder=recorder)
        live.begin()
        live.send(HotWashItem("The IC named a Customer Liaison early.", kind="strength"))
        rebuilt, resumed_recorder = reopen(store, recorder.drill_id)
        resumed = LiveDrill.resume(rebuilt.engine, resumed_recorder)
        assert [event.data["text"] for event in resumed.state.hot_wash] == ["The IC named a Customer Liaison early."]
        resumed.send(HotWashItem("Nobody owned the status page.", priority="medium"))
        assert [event.data["item_id"] for event in resumed.state.hot_wash] == [1, 2]


@pilot_test
async def test_a_report_that_cannot_be_written_again_says_so(build, tmp_path, monkeypatch):
    import drill.session

    real_write_report = drill.session.write_report
    calls = []

    def write_report(report, out, *args, **kwargs):
        calls.append(out)
        if len(calls) > 1:
            raise OSError(28, "No space left on device")
        return real_write_report(report, out, *args, **kwargs)

    monkeypatch.setattr(drill.session, "write_report", write_report)
    app = build()
    async with running(app) as pilot:
        await at_debrief(pilot)
        form = await open_form(pilot)
        fill(form, "Nobody owned the status page.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert calls == [tmp_path / "report", tmp_path / "report"]  # the same folder as at the end
        assert "Nobody owned the status page." in debrief_text(app)  # recorded all the same
        assert f"The report could not be written: {tmp_path / 'report'}: No space left on device" in debrief_text(app)
        await pilot.press("q")
    assert app.return_code == 1  # and drill's exit says how to write it from the store


@pilot_test
async def test_resuming_an_ended_drill_opens_its_debrief_for_the_hot_wash(tmp_path):
    """A drill served to many seats ends with them; `drill resume ID` opens its debrief afterwards."""
    from drill.cli.resume import resumed_app
    from drill.engine import End
    from drill.library import scenario_file
    from drill.store import begin_recording, reopen as reopen_running
    from drill.wiring import start_drill

    source = scenario_file("checkout-outage")
    db = tmp_path / "drill.db"
    with Store(db) as store:
        engine = start_drill(source.load(), seed=3)
        recorder = begin_recording(store, engine, source.text.decode("utf-8"), source.name)
        recorder.record(engine.handle(End()))
        drill_id = recorder.drill_id
        try:
            reopen_running(store, drill_id)  # `drill serve --resume` still refuses an ended drill
        except Exception as error:  # noqa: BLE001
            assert "has ended" in str(error)
        else:
            raise AssertionError("an ended drill was reopened to be played")
    store = Store(db)
    app, recorder = resumed_app(store, drill_id, out=tmp_path / "report", realtime=False)
    async with running(app) as pilot:
        assert isinstance(app.screen, DebriefScreen)
        form = await open_form(pilot)
        fill(form, "Nobody owned the status page.", priority="high")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Nobody owned the status page." in debrief_text(app)
    store.close()
    with Store(db) as store:
        items = [event.data for event in store.events(drill_id) if event.kind == "hot_wash_noted"]
        assert [(item["text"], item["priority"]) for item in items] == [("Nobody owned the status page.", "high")]
        assert not any(event.kind == "drill_paused" for event in store.events(drill_id))
