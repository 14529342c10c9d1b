"""Playing a drill through the UI, driven by Pilot with the clock in the test's hands."""

from __future__ import annotations

import json

import pytest
from textual.widgets import Input, Select, SelectionList, TextArea

from drill.files import json_text
from drill.engine import Advance, DrillEngine, Respond
from drill.simulate import simulate
from drill.tui.screens.briefing import BriefingScreen
from drill.tui.screens.debrief import DebriefScreen
from drill.tui.screens.play import PlayScreen
from drill.tui.screens.press_call import PressCallScreen
from drill.engine.events import Event
from drill.tui.support.public import mood, press
from drill.tui.widgets.composer import Composer
from drill.tui.widgets.feed_log import FeedLog
from drill.tui.widgets.open_asks import OpenAsks
from drill.tui.widgets.social_feed import SocialFeed
from drill.wiring import start_drill
from recorders import HandWriter
from tui_helpers import (
    SIZE, FlakyRecorder, feed_kinds, log_text, notifications, pilot_test, rendered, report_path, running, screen_text, send_requests, type_and_send, drill_started,
)


@pilot_test
async def test_play_starts_with_the_composer_focused_and_the_first_alert_shown(build):
    app = build()
    async with running(app) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.focused.id == "composer-text"
        assert "Card authorisation success rate" in log_text(app)
        assert "T+00:00" in str(app.screen.query_one("DrillHeader").render())


@pilot_test
async def test_the_clock_advances_and_pauses(build):
    app = build()
    async with running(app) as pilot:
        app.advance_clock(0.5)
        assert app.clock == 0  # half a second waits for the other half
        app.advance_clock(0.5)
        app.advance_clock(179)
        await pilot.pause()
        assert app.clock == 180
        assert "On-call engineer" in log_text(app)  # chat-eng-1 falls due at 3m
        await pilot.press("f2")
        assert app.paused and app.engine.paused
        app.advance_clock(60)
        assert app.clock == 180
        await pilot.press("f2")
        app.advance_clock(60)
        assert app.clock == 240 and not app.paused
        assert "T+04:00" in str(app.screen.query_one("DrillHeader").render())


@pilot_test
async def test_the_timer_turns_real_time_into_scenario_time_at_the_chosen_speed(build, monkeypatch):
    app = build(speed=5)
    now = [100.0]
    monkeypatch.setattr("drill.tui.app.monotonic", lambda: now[0])
    async with running(app) as pilot:
        app._last_tick = now[0]
        now[0] += 0.5
        app._tick()
        assert app.clock == 2  # 2.5 s: the half second waits for the next tick
        await pilot.press("f3")  # 5x -> 10x
        now[0] += 0.5
        app._tick()
        assert app.speed == 10 and app.clock == 7
        now[0] += 30.0  # the UI stalled: the drill does not jump five minutes ahead
        app._tick()
        assert app.clock == 17


@pilot_test
async def test_started_paused_the_clock_stays_until_resumed(build):
    app = build(paused=True)
    async with running(app) as pilot:
        app.advance_clock(120)
        assert app.clock == 0 and app.paused
        await pilot.press("f4")  # jumping is refused while paused, with a notification
        await pilot.pause()
        assert app.clock == 0
        assert any("paused" in message for message in notifications(pilot))


@pilot_test
async def test_next_inject_jumps_the_clock(build):
    app = build()
    async with running(app) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        assert app.clock == 180  # past the public's minute ticks, to the next scripted inject
        assert feed_kinds(app).count("inject_delivered") == 2
        app.advance_clock(70 * 60)
        await pilot.pause()
        await pilot.press("escape", "escape")  # any press call still ringing
        await pilot.press("f4")
        await pilot.pause()
        assert app.clock == 73 * 60 and any("No more injects" in m for m in notifications(pilot))


@pilot_test
async def test_a_typed_message_is_sent_and_appears_in_the_feed(build):
    app = build()
    async with running(app) as pilot:
        app.advance_clock(120)
        await type_and_send(pilot, "We are investigating failed card payments\nfor merchants in Europe.")
        assert send_requests(pilot) == [
            ("We are investigating failed card payments\nfor merchants in Europe.", "ic", "status_page", None)]
        response = app.engine.state.responses[-1].data
        assert (response["role"], response["channel"]) == ("ic", "status_page")
        assert "failed card payments" in log_text(app)
        assert "SENT" in log_text(app) and "grade" in log_text(app)  # training mode grades at once
        assert app.screen.query_one("#composer-text", TextArea).text == ""
        assert app.draft == ""


@pilot_test
async def test_a_message_answers_the_ask_it_replies_to(build):
    app = build()
    async with running(app) as pilot:
        app.advance_clock(60)
        await pilot.pause()
        composer = app.screen.query_one(Composer)
        composer.prefill(app.engine.state.asks["alert-1"])
        assert (composer.role, composer.channel, composer.reply_to) == ("ic", "incident_chat", "alert-1")
        await type_and_send(pilot, "Looking at the gateway now; IC is me.")
        assert send_requests(pilot) == [("Looking at the gateway now; IC is me.", "ic", "incident_chat", "alert-1")]
        assert app.engine.state.asks["alert-1"].status == "answered"
        assert "alert-1 answered in 1m" in log_text(app)


@pilot_test
async def test_a_message_over_the_channel_limit_is_not_sent(build):
    app = build()
    async with running(app) as pilot:
        app.screen.query_one("#composer-channel", Select).value = "social"
        await type_and_send(pilot, "x" * 300)
        assert not app.engine.state.responses
        assert "300/280 chars" in str(app.screen.query_one("#composer-count").render())
        assert any("Too long" in message for message in notifications(pilot))


@pilot_test
async def test_a_rejected_command_becomes_a_notification(build):
    app = build()
    async with running(app) as pilot:
        await type_and_send(pilot, "   ")
        assert any("Type a message" in message for message in notifications(pilot))
        assert app.send(Respond("ic", "incident_chat", "hello", "nonexistent")) is None
        await pilot.pause()
        assert any("names nothing delivered" in message for message in notifications(pilot))
        assert isinstance(app.screen, PlayScreen)


@pilot_test
async def test_a_press_call_rings_and_a_missed_call_becomes_a_missed_ask(build):
    app = build()
    async with running(app) as pilot:
        app.advance_clock(18 * 60)
        await pilot.pause()
        assert isinstance(app.screen, PressCallScreen)
        assert "Can you confirm" in str(app.screen.query_one(".dialog-body").render())
        app.advance_clock(5 * 60 + 1)  # the ask goes overdue: the phone stops ringing by itself
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.engine.state.asks["press-call-1"].overdue
        assert "press-call-1 is overdue" in log_text(app)
        app.end_drill(then_exit=False)
        await pilot.pause()
        assert app.engine.state.asks["press-call-1"].status == "missed"


@pilot_test
async def test_letting_a_call_ring_leaves_the_ask_open(build):
    app = build()
    async with running(app) as pilot:
        app.advance_clock(18 * 60)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.engine.state.asks["press-call-1"].is_open


@pilot_test
async def test_answering_a_press_call_sets_up_the_reply(build):
    app = build()
    async with running(app) as pilot:
        app.advance_clock(18 * 60)
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        composer = app.screen.query_one(Composer)
        assert (composer.role, composer.channel, composer.reply_to) == ("comms", "press", "press-call-1")
        assert app.focused.id == "composer-text"
        await type_and_send(pilot, "We can confirm some card payments in Europe are failing. We do not speculate on causes.")
        assert app.engine.state.asks["press-call-1"].status == "answered"


@pilot_test
async def test_an_adhoc_inject_arrives(build):
    app = build()
    async with running(app) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        modal = app.screen
        modal.query_one("#adhoc-type", Select).value = "exec_request"
        modal.query_one("#adhoc-to", SelectionList).select("exec")
        modal.query_one("#adhoc-text", TextArea).text = "The board wants numbers in ten minutes."
        modal.query_one("#adhoc-role", Select).value = "exec"
        modal.query_one("#adhoc-channel", Select).value = "exec_brief"
        modal.query_one("#adhoc-within", Input).value = "10m"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        shown = " ".join(log_text(app).split())  # as read, whatever the width wraps
        assert "The board wants numbers" in shown and "(ad hoc)" in shown
        ask = app.engine.state.asks["adhoc-1"]
        assert (ask.roles, ask.channels, ask.within) == (("exec",), ("exec_brief",), 600)


@pilot_test
async def test_an_adhoc_inject_with_a_bad_time_stays_open_with_a_notification(build):
    app = build()
    async with running(app) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        app.screen.query_one("#adhoc-text", TextArea).text = "Hello"
        app.screen.query_one("#adhoc-within", Input).value = "soon"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.engine.state.adhoc_count == 0
        assert any("cannot read 'soon'" in message for message in notifications(pilot))


@pilot_test
@pytest.mark.parametrize("pretty", [False, True])
async def test_the_report_json_is_indented_only_when_asked(build, tmp_path, pretty):
    app = build(pretty=pretty)
    async with running(app) as pilot:
        app.advance_clock(30)
        await pilot.press("ctrl+q", "enter")
        await pilot.pause()
    text = report_path(tmp_path).read_text()
    assert text == json_text(json.loads(text), pretty=pretty)
    assert (text.count("\n") > 100) == pretty


@pilot_test
async def test_ctrl_q_confirms_writes_the_report_and_exits(build, tmp_path):
    app = build()
    async with running(app) as pilot:
        app.advance_clock(90)
        await type_and_send(pilot, "Investigating payment failures.")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("n")  # changed their mind
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and not app.engine.ended
        await pilot.press("ctrl+q", "enter")
        await pilot.pause()
    assert app.return_code == 0
    report = json.loads(report_path(tmp_path).read_text())
    assert report["ended"] == {"at": 90, "reason": "facilitator"}
    assert report["responses"][0]["text"] == "Investigating payment failures."


@pilot_test
async def test_markup_and_escape_sequences_are_shown_literally(build):
    hostile = "[@click=app.quit]quit[/] [bold red]loud \x1b[31mred\x1b[0m"
    app = build()
    async with running(app) as pilot:
        await type_and_send(pilot, hostile)
        shown = " ".join(log_text(app).split())
        # Markup is shown as typed; the escape bytes never got into the box, so they are not sent either.
        assert "[@click=app.quit]quit[/] [bold red]loud [31mred[0m" in shown
        assert "\x1b" not in app.engine.state.responses[-1].data["text"]
        assert app.is_running and isinstance(app.screen, PlayScreen)
        await pilot.press("f5")
        await pilot.pause()
        app.screen.query_one("#adhoc-from", Input).value = "[@click=app.quit]Mallory"
        app.screen.query_one("#adhoc-text", TextArea).text = hostile
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "[@click=app.quit]Mallory" in log_text(app)
        assert app.is_running


@pilot_test
async def test_feed_filters_by_role_and_marks_facilitator_notes(build):
    app = build()
    async with running(app) as pilot:
        app.advance_clock(66 * 60)
        await pilot.pause()
        await pilot.press("escape")  # the second press call may still ring
        assert "◆ FACILITATOR ONLY" in log_text(app)
        screen = app.screen
        screen.query_one("#filter-role", Select).value = "legal"
        await pilot.pause()
        shown = log_text(app)
        assert "General Counsel" in shown and "Payments monitoring" not in shown
        screen.query_one("#filter-role", Select).value = "facilitator"
        await pilot.pause()
        assert "Hot wash prompt" in log_text(app) and "General Counsel" not in log_text(app)
        screen.query_one("#filter-role", Select).value = "*"
        screen.query_one("#filter-channel", Select).value = "press"
        await pilot.pause()
        assert "PRESS CALL" in log_text(app) and "General Counsel" not in log_text(app)


@pilot_test
async def test_social_posts_appear_in_their_own_panel(build):
    app = build()
    async with running(app) as pilot:
        assert "has not noticed yet" in rendered(app, "#meter-summary")
        app.advance_clock(12 * 60)
        await pilot.pause()
        social = log_text(app, "#social-posts")
        assert "Is @acmepay down?" in social  # the scenario's own social post
        assert "The public has noticed" in social
        tick = [event.data for event in app.engine.log if event.kind == "public_tick"][-1]
        assert f"+{tick['posts']} posts this minute" in social  # a count, not a line a post
        flat = " ".join(social.split())  # long lines wrap in the narrow panel
        for sample in tick["samples"]:
            assert f"{sample['handle']} {sample['text']}" in flat
        assert f"↳ {tick['causes'][0]}" in flat
        assert mood(tick["sentiment"]) in rendered(app, "#meter-mood")
        assert f"{tick['posts']}/min" in rendered(app, "#meter-posts")
        assert press(tick["press_interest"]) in rendered(app, "#meter-press")


@pilot_test
async def test_the_social_panel_appends_each_item_once_as_it_arrives(build):
    app = build()
    async with running(app) as pilot:
        app.advance_clock(10 * 60)
        await pilot.pause()
        posts = app.screen.query_one("#social-posts", FeedLog)
        before = len(posts.items)
        rendered_items = []
        draw = posts._render_item
        posts._render_item = lambda item: rendered_items.append(item) or draw(item)
        for _ in range(5):
            app.advance_clock(60)
            await pilot.pause()
        new_items = posts.items[before:]
        assert len(new_items) >= 5 and rendered_items  # the newest are drawn as they arrive
        assert all(any(item is new for new in new_items) for item in rendered_items)  # nothing old drawn again
        assert len({id(item) for item in rendered_items}) == len(rendered_items)  # nor anything twice


@pilot_test
async def test_a_published_story_shows_in_the_social_panel_and_the_feed(build):
    app = build()
    async with running(app) as pilot:
        app.advance_clock(18 * 60)
        await pilot.pause()
        await pilot.press("escape")  # let the reporter's call ring out
        app.advance_clock(20 * 60)
        await pilot.pause()
        story = next(event.data for event in app.engine.log if event.kind == "public_story")
        social = " ".join(log_text(app, "#social-posts").split())
        feed = " ".join(log_text(app).split())
        for shown in (social, feed):
            assert "PRESS" in shown and story["headline"] in shown and story["outlet"] in shown
            assert story["text"][:60] in shown and f"↳ {story['cause']}" in shown
        app.screen.query_one("#filter-channel", Select).value = "press"
        await pilot.pause()
        assert story["headline"] in log_text(app)  # the story belongs to the press call's channel


@pilot_test
async def test_at_80x24_the_meter_is_one_line(build):
    app = build()
    async with running(app, size=(80, 24)) as pilot:
        app.advance_clock(12 * 60)
        await pilot.pause()
        assert app.screen.has_class("-short")
        meter = app.screen.query_one("#pressure")
        assert meter.region.height == 1 and not app.screen.query_one("#meter-mood").display
        tick = [event.data for event in app.engine.log if event.kind == "public_tick"][-1]
        assert rendered(app, "#meter-summary").startswith(mood(tick["sentiment"]))
        assert app.screen.query_one("#social-posts").region.height >= 4


@pilot_test
async def test_generated_public_text_is_shown_literally(build):
    hostile = "[@click=app.quit]quit[/] \x1b[31mred"
    app = build()
    async with running(app) as pilot:
        tick = Event(999, 0, "public_tick", {
            "minute": 1, "public": True, "posts": 2, "volume": 2.0, "sentiment": -0.5, "press_interest": 0.1,
            "samples": [{"handle": "[b]@x[/b]", "mood": "angry", "text": hostile, "cause": hostile,
                         "quotes_response": None}], "causes": [hostile]})
        story = Event(1000, 0, "public_story", {"kind": "declined", "outlet": "[@click=app.quit]Herald",
                                                "headline": hostile, "text": hostile, "cause": hostile})
        app.screen.query_one(SocialFeed).show_events([tick, story])
        await pilot.pause()
        shown = log_text(app, "#social-posts")
        assert "[b]@x[/b]" in shown and "[@click=app.quit]quit[/] ␛[31mred" in shown
        assert "[@click=app.quit]Herald" in shown
        assert app.is_running and isinstance(app.screen, PlayScreen)


@pilot_test
async def test_ending_by_time_writes_the_report_and_opens_the_debrief(build, tmp_path):
    app = build(exam=True)
    async with running(app) as pilot:
        app.advance_clock(60)
        await type_and_send(pilot, "We are investigating failed card payments in Europe.")
        assert "grade" not in log_text(app)  # exam mode keeps grades for the debrief
        app.advance_clock(75 * 60)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        text = " ".join(screen_text(app).split())
        assert "not scored" in text or "/100" in text
        assert "What slowed the first public update" in text
        assert "report.json" in text
        assert "Message grades" in text
        await pilot.press("q")
    assert report_path(tmp_path).exists()
    assert app.return_code == 0


@pilot_test
async def test_f10_ends_the_drill_into_the_debrief(build, tmp_path):
    app = build()
    async with running(app) as pilot:
        await pilot.press("f10", "y")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert report_path(tmp_path).exists()
        assert app.engine.state.asks["alert-1"].status == "missed"


@pilot_test
async def test_ending_with_a_call_ringing_closes_it_and_opens_the_debrief(build):
    app = build()
    async with running(app) as pilot:
        app.advance_clock(18 * 60 + 30)
        await pilot.pause()
        assert isinstance(app.screen, PressCallScreen)
        app.end_drill(then_exit=False)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert not any(isinstance(screen, PressCallScreen) for screen in app.screen_stack)


@pytest.mark.parametrize("briefing", [True, False])
@pilot_test
async def test_the_first_screen_is_painted_before_the_drill_starts(build, briefing, monkeypatch):
    app = build(briefing=briefing)
    started_at_first_paint = []
    display = type(app)._display

    def spy(self, screen, renderable):  # Textual hands each frame to _display
        if not started_at_first_paint:
            started_at_first_paint.append(self.engine is not None)
        return display(self, screen, renderable)

    monkeypatch.setattr(type(app), "_display", spy)
    async with app.run_test(size=SIZE) as pilot:
        await drill_started(pilot)
        assert isinstance(app.screen, BriefingScreen if briefing else PlayScreen)
        assert app.engine is not None and app.engine.log[0].kind == "drill_started"
        if not briefing:
            assert "Card authorisation success rate" in log_text(app)
    assert started_at_first_paint == [False]


@pytest.mark.parametrize("briefing", [True, False])
@pilot_test
async def test_garbage_collection_paused_for_the_launch_resumes_once_the_drill_has_started(build, briefing):
    import gc

    from drill.tui.startup import collection_paused

    app = build(briefing=briefing)
    with collection_paused():
        async with app.run_test(size=SIZE) as pilot:
            await drill_started(pilot)
            await pilot.pause()
            assert gc.isenabled()
    assert gc.isenabled()


@pilot_test
async def test_start_pressed_before_the_drill_has_started_still_starts_it(build):
    app = build(briefing=True)
    async with app.run_test(size=SIZE) as pilot:
        app.start_play({"ic": "Sam"})  # as if Ctrl+S beat the first paint
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.engine.state.participants == {"ic": "Sam"}
        assert [event.kind for event in app.engine.log].count("drill_started") == 1


@pilot_test
async def test_the_recorder_sees_every_event_before_the_screen_and_the_draft_and_clock(build):
    class Recording:
        def __init__(self):
            self.events, self.drafts, self.clocks = [], [], []

        def record(self, events):
            assert not any(event.seq <= (self.events[-1].seq if self.events else 0) for event in events)
            self.events.extend(events)

        def save_draft(self, text, role=None, channel=None):
            self.drafts.append((text, role, channel))

        def set_clock(self, seconds):
            self.clocks.append(seconds)

    recorder = Recording()
    app = build(recorder=recorder)
    async with running(app) as pilot:
        app.advance_clock(200)
        app.screen.query_one("#composer-text", TextArea).text = "half a thought"
        await pilot.pause()
        app.flush_recorder()
        app.screen.query_one("#composer-channel", Select).value = "press"
        await pilot.pause()
        app.flush_recorder()
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.flush_recorder()
        assert recorder.events[0].kind == "drill_started"
        assert recorder.events == app.engine.log
        # Each change as it happens; the batch that recorded the message cleared the draft with it.
        assert recorder.drafts == [("half a thought", "ic", "status_page"), ("half a thought", "ic", "press")]
        assert any(event.kind == "response_recorded" for event in recorder.events)
        assert recorder.clocks == [200]


@pilot_test
async def test_the_briefing_assigns_roles_and_starts_play(build):
    app = build(briefing=True)
    async with running(app) as pilot:
        await pilot.pause()
        assert "busy Friday afternoon" in screen_text(app)
        app.screen.query_one("#role-ic", Input).value = "Sam"
        app.screen.query_one("#role-comms", Input).value = "Priya [b]P[/b]"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.engine.state.participants == {"ic": "Sam", "comms": "Priya [b]P[/b]"}


@pilot_test
async def test_the_picker_opens_a_builtin_or_reports_a_bad_path(build, tmp_path):
    app = build(scenario=None, briefing=True)
    async with running(app) as pilot:
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(tmp_path / "missing.yaml")
        app.screen.query_one("#path", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert any("cannot read" in message for message in notifications(pilot))
        app.screen.query_one("#builtins").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.engine is not None and app.engine.scenario.id == "checkout-outage"
        assert type(app.screen).__name__ == "BriefingScreen"


@pilot_test
async def test_a_resumed_engine_continues_and_records_only_new_events(checkout, build):
    engine = start_drill(checkout)
    engine.handle(Advance(to=400))
    recorded = []

    class Recorder:
        def record(self, events):
            recorded.extend(events)

        def save_draft(self, text, role=None, channel=None):
            pass

        def set_clock(self, seconds):
            pass

    app = build(engine=engine, recorder=Recorder(), briefing=True)
    async with running(app) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert "Our customers can't pay" in log_text(app)
        app.advance_clock(200)
        assert recorded and recorded[0].at > 400 - 1 and recorded == engine.log[-len(recorded):]


@pilot_test
async def test_a_replay_changes_nothing_and_quits_without_asking(checkout, build, tmp_path):
    from drill.live import ReplaySource

    engine = simulate(checkout, seed=7)
    length = len(engine.log)
    app = build(replay=ReplaySource(checkout, engine.log, engine.clock))
    async with running(app) as pilot:
        await pilot.pause()
        assert app.read_only and app.send(Respond("ic", "incident_chat", "hello")) is None
        await pilot.press("ctrl+q")
    assert app.return_code == 0 and len(engine.log) == length
    assert not report_path(tmp_path).exists()


@pilot_test
async def test_a_resumed_draft_is_back_in_the_composer(checkout, build):
    engine = start_drill(checkout)
    engine.handle(Advance(to=120))
    app = build(engine=engine)
    app.draft, app.draft_role, app.draft_channel = "We are investig", "comms", "social"
    async with running(app) as pilot:
        await pilot.pause()
        composer = app.screen.query_one(Composer)
        assert composer.text_area.text == "We are investig"
        assert (composer.role, composer.channel) == ("comms", "social")
        assert "15/280 chars" in str(app.screen.query_one("#composer-count").render())


@pilot_test
async def test_a_failing_recorder_pauses_the_drill_and_shows_nothing_unsaved(build):
    recorder = FlakyRecorder()
    app = build(recorder=recorder)
    async with running(app) as pilot:
        app.advance_clock(170)
        await pilot.pause()
        recorder.failing = True
        app.advance_clock(20)  # chat-eng-1 falls due at 3m and cannot be saved
        await pilot.pause()
        assert app.engine.paused and app.clock == 190 and app.store_error == "No space left on device"
        assert "On-call engineer" not in log_text(app)  # never shown before it is saved
        banner = " ".join(rendered(app, "#store-error").split())
        assert "Could not save to the drill store: No space left on device" in banner
        assert "The drill is paused; nothing is lost yet" in banner and "F2 to retry" in banner
        assert app.screen.query_one("#store-error").display
        assert "NOT SAVING" in rendered(app, "DrillHeader")
        app.advance_clock(60)
        assert app.clock == 190
        await type_and_send(pilot, "Investigating.")
        assert not app.engine.state.responses and app.screen.query_one(Composer).text_area.text == "Investigating."
        assert any("drill store is failing" in message for message in notifications(pilot))

        await pilot.press("f2")  # retried while the disk is still full: nothing changes
        await pilot.pause()
        assert app.engine.paused and app.store_error is not None
        assert any("Still cannot save" in message for message in notifications(pilot))

        recorder.failing = False
        await pilot.press("f2")
        await pilot.pause()
        assert app.store_error is None and not app.engine.paused
        assert not app.screen.query_one("#store-error").display
        assert "On-call engineer" in log_text(app)
        assert recorder.stored == app.engine.log and not recorder.pending
        kinds = [event.kind for event in recorder.stored]
        assert kinds[-2:] == ["drill_paused", "drill_resumed"]
        app.advance_clock(60)
        assert app.clock == 250


@pilot_test
async def test_ending_the_drill_while_the_store_fails_still_writes_the_report(build, tmp_path):
    recorder = FlakyRecorder()
    app = build(recorder=recorder)
    async with running(app) as pilot:
        app.advance_clock(60)
        recorder.failing = True
        app.advance_clock(120)
        await pilot.pause()
        assert app.engine.paused
        await pilot.press("f10", "y")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen) and report_path(tmp_path).exists()
        assert "tried once more when drill exits" in rendered(app, "#store-error")
    assert recorder.pending and recorder.pending[-1].kind == "drill_ended"


@pilot_test
async def test_a_draft_that_cannot_be_saved_pauses_the_drill_too(build):
    recorder = FlakyRecorder()
    app = build(recorder=recorder)
    async with running(app) as pilot:
        app.advance_clock(30)
        recorder.failing = True
        app.screen.query_one("#composer-text", TextArea).text = "half a thought"  # saved as it changes
        await pilot.pause()
        assert app.engine.paused and app.store_error == "No space left on device"
        assert recorder.pending[-1].kind == "drill_paused"
        recorder.failing = False
        await pilot.press("f2")
        await pilot.pause()
        assert not app.engine.paused and recorder.stored == app.engine.log


@pytest.mark.parametrize("exam", [False, True])
@pilot_test
async def test_the_publics_reading_of_a_statement_shows_in_training_only(build, exam):
    app = build(exam=exam)
    async with running(app) as pilot:
        app.advance_clock(9 * 60)
        await type_and_send(pilot, "We are investigating failed card payments in Europe. Next update by 15:30.")
        reaction = next(event.data for event in app.engine.log if event.kind == "public_reaction")
        shown = " ".join(log_text(app, "#social-posts").split())
        assert (reaction["causes"][0] in shown) is not exam


@pilot_test
async def test_recording_in_the_background_shows_each_batch_once_stored_and_f2_waits_for_the_answer(build, tmp_path):
    recorder = HandWriter()  # the store's thread is the test: it answers when the test says
    app = build(recorder=recorder)
    assert app.record_in_background()
    async with running(app) as pilot:
        await pilot.pause()
        assert app.shown_log == [] and "Card authorisation" not in log_text(app)
        recorder.write()
        await pilot.pause()
        assert "Card authorisation success rate" in log_text(app)
        app.advance_clock(190)  # chat-eng-1 falls due at 3m; the store has not answered
        await type_and_send(pilot, "Investigating.")
        assert app.clock == 190 and "On-call engineer" not in log_text(app) and not app.paused
        assert app.screen.query_one(Composer).text_area.text == ""  # the drill took it: nothing to type again

        recorder.write("No space left on device")
        await pilot.pause()
        assert app.paused and app.store_error == "No space left on device"
        assert "On-call engineer" not in log_text(app) and "NOT SAVING" in rendered(app, "DrillHeader")
        await pilot.press("f2")
        assert any("Trying the drill store again" in message for message in notifications(pilot))
        assert app.paused and app.store_error is not None  # the answer has not come yet
        recorder.write("No space left on device")
        await pilot.pause()
        assert any("Still cannot save" in message for message in notifications(pilot)) and app.paused

        await pilot.press("f2")
        recorder.write()
        await pilot.pause()
        assert app.store_error is None and not app.paused and "On-call engineer" in log_text(app)
        recorder.write()  # the resume
        await pilot.pause()
        assert app.shown_log == app.engine.log == recorder.stored
        kinds = [event.kind for event in recorder.stored]
        assert kinds.count("drill_paused") == kinds.count("drill_resumed") == 1
        assert kinds.count("response_recorded") == 1

        await pilot.press("f10", "y")  # the end waits for the store's answer before the report
        await pilot.pause()
        assert not isinstance(app.screen, DebriefScreen) and not report_path(tmp_path).exists()
        recorder.write()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen) and report_path(tmp_path).exists()
        assert app.shown_log == app.engine.log == recorder.stored and recorder.stored[-1].kind == "drill_ended"


@pilot_test
async def test_an_ask_is_listed_only_once_the_store_has_taken_it(build):
    recorder = HandWriter()
    app = build(recorder=recorder)
    assert app.record_in_background()
    async with running(app) as pilot:
        await pilot.pause()
        assert "alert-1" in app.engine.state.asks  # the engine has opened it...
        asks = app.screen.query_one(OpenAsks)
        assert asks.options.option_count == 0  # ...but nobody has seen it, so it waits with the rest
        app.advance_clock(5)  # the clock moves on while the store has not answered
        await pilot.pause()
        assert asks.options.option_count == 0
        recorder.write()
        await pilot.pause()
        assert [asks.options.get_option_at_index(i).id for i in range(asks.options.option_count)] == ["alert-1"]


@pilot_test
async def test_the_facilitator_layer_shows_under_its_inject_as_text(build):
    text = (load_builtin_text("ransomware-leak-threat")
            .replace("notes: >-", "notes: >-\n      [bold]Watch[/bold] the clock.", 1))
    from drill.scenario import load_scenario

    scenario = load_scenario(text, "ransomware.yaml")
    app = build(scenario=scenario)
    async with running(app) as pilot:
        app.advance_clock(1)
        await pilot.pause()
        shown = " ".join(log_text(app).split())
        guide = scenario.inject("alert-1").guide
        assert "◆ notes: [bold]Watch[/bold] the clock." in shown  # participant text, never markup
        assert f"◆ expected: {guide.expected[0]}" in shown


def load_builtin_text(scenario_id: str) -> str:
    from drill.library import scenarios_folder

    return (scenarios_folder() / f"{scenario_id}.yaml").read_text()
