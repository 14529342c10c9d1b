"""Playing a drill through the UI, driven by Pilot with the clock in the test's hands."""

from __future__ import annotations

import json

from textual.widgets import Input, Select, SelectionList, TextArea

from drill.engine import Advance, DrillEngine, Respond
from drill.simulate import simulate
from drill.tui.screens.debrief import DebriefScreen
from drill.tui.screens.play import PlayScreen
from drill.tui.screens.press_call import PressCallScreen
from drill.tui.widgets.composer import Composer
from tui_helpers import SIZE, feed_kinds, log_text, notifications, pilot_test, report_path, screen_text


async def type_and_send(pilot, text: str) -> None:
    pilot.app.screen.query_one("#composer-text", TextArea).text = text
    await pilot.press("ctrl+s")
    await pilot.pause()


@pilot_test
async def test_play_starts_with_the_composer_focused_and_the_first_alert_shown(build):
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.focused.id == "composer-text"
        assert "Card authorisation success rate" in log_text(app)
        assert "T+00:00" in str(app.screen.query_one("DrillHeader").render())


@pilot_test
async def test_the_clock_advances_and_pauses(build):
    app = build()
    async with app.run_test(size=SIZE) as pilot:
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
    async with app.run_test(size=SIZE) as pilot:
        app._last_tick = now[0]
        now[0] += 2.0
        app._tick()
        assert app.clock == 10
        await pilot.press("f3")  # 5x -> 10x
        now[0] += 1.0
        app._tick()
        assert app.speed == 10 and app.clock == 20


@pilot_test
async def test_started_paused_the_clock_stays_until_resumed(build):
    app = build(paused=True)
    async with app.run_test(size=SIZE) as pilot:
        app.advance_clock(120)
        assert app.clock == 0 and app.paused
        await pilot.press("f4")  # jumping is refused while paused, with a notification
        await pilot.pause()
        assert app.clock == 0
        assert any("paused" in message for message in notifications(app))


@pilot_test
async def test_next_inject_jumps_the_clock(build):
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        assert app.clock == 180
        assert feed_kinds(app).count("inject_delivered") == 2


@pilot_test
async def test_a_typed_message_is_sent_and_appears_in_the_feed(build):
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        app.advance_clock(120)
        await type_and_send(pilot, "We are investigating failed card payments\nfor merchants in Europe.")
        response = app.engine.state.responses[-1].data
        assert (response["role"], response["channel"]) == ("ic", "status_page")
        assert "failed card payments" in log_text(app)
        assert "SENT" in log_text(app) and "grade" in log_text(app)  # training mode grades at once
        assert app.screen.query_one("#composer-text", TextArea).text == ""
        assert app.draft == ""


@pilot_test
async def test_a_message_answers_the_ask_it_replies_to(build):
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        app.advance_clock(60)
        await pilot.pause()
        composer = app.screen.query_one(Composer)
        composer.prefill(app.engine.state.asks["alert-1"])
        assert (composer.role, composer.channel, composer.reply_to) == ("ic", "incident_chat", "alert-1")
        await type_and_send(pilot, "Looking at the gateway now; IC is me.")
        assert app.engine.state.asks["alert-1"].status == "answered"
        assert "alert-1 answered in 1m" in log_text(app)


@pilot_test
async def test_a_message_over_the_channel_limit_is_not_sent(build):
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#composer-channel", Select).value = "social"
        await type_and_send(pilot, "x" * 300)
        assert not app.engine.state.responses
        assert "300/280 chars" in str(app.screen.query_one("#composer-count").render())
        assert any("Too long" in message for message in notifications(app))


@pilot_test
async def test_a_rejected_command_becomes_a_notification(build):
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await type_and_send(pilot, "   ")
        assert any("Type a message" in message for message in notifications(app))
        assert app.send(Respond("ic", "incident_chat", "hello", "nonexistent")) is None
        await pilot.pause()
        assert any("names nothing delivered" in message for message in notifications(app))
        assert isinstance(app.screen, PlayScreen)


@pilot_test
async def test_a_press_call_rings_and_a_missed_call_becomes_a_missed_ask(build):
    app = build()
    async with app.run_test(size=SIZE) as pilot:
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
    async with app.run_test(size=SIZE) as pilot:
        app.advance_clock(18 * 60)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.engine.state.asks["press-call-1"].is_open


@pilot_test
async def test_answering_a_press_call_sets_up_the_reply(build):
    app = build()
    async with app.run_test(size=SIZE) as pilot:
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
    async with app.run_test(size=SIZE) as pilot:
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
        assert "The board wants numbers" in log_text(app) and "(ad hoc)" in log_text(app)
        ask = app.engine.state.asks["adhoc-1"]
        assert (ask.roles, ask.channels, ask.within) == (("exec",), ("exec_brief",), 600)


@pilot_test
async def test_an_adhoc_inject_with_a_bad_time_stays_open_with_a_notification(build):
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        app.screen.query_one("#adhoc-text", TextArea).text = "Hello"
        app.screen.query_one("#adhoc-within", Input).value = "soon"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.engine.state.adhoc_count == 0
        assert any("cannot read 'soon'" in message for message in notifications(app))


@pilot_test
async def test_ctrl_q_confirms_writes_the_report_and_exits(build, tmp_path):
    app = build()
    async with app.run_test(size=SIZE) as pilot:
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
    async with app.run_test(size=SIZE) as pilot:
        await type_and_send(pilot, hostile)
        shown = " ".join(log_text(app).split())
        assert "[@click=app.quit]quit[/] [bold red]loud ␛[31mred␛[0m" in shown
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
    async with app.run_test(size=SIZE) as pilot:
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
    async with app.run_test(size=SIZE) as pilot:
        app.advance_clock(10 * 60)
        await pilot.pause()
        social = log_text(app, "#social-posts")
        assert "Is @acmepay down?" in social
        assert "Social (2)" in str(app.screen.query_one("SocialFeed .panel-title").render())


@pilot_test
async def test_ending_by_time_writes_the_report_and_opens_the_debrief(build, tmp_path):
    app = build(exam=True)
    async with app.run_test(size=SIZE) as pilot:
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
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f10", "y")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert report_path(tmp_path).exists()
        assert app.engine.state.asks["alert-1"].status == "missed"


@pilot_test
async def test_the_recorder_sees_every_event_before_the_screen_and_the_draft_and_clock(build):
    class Recording:
        def __init__(self):
            self.events, self.drafts, self.clocks = [], [], []

        def record(self, events):
            assert not any(event.seq <= (self.events[-1].seq if self.events else 0) for event in events)
            self.events.extend(events)

        def save_draft(self, text):
            self.drafts.append(text)

        def set_clock(self, seconds):
            self.clocks.append(seconds)

    recorder = Recording()
    app = build(recorder=recorder)
    async with app.run_test(size=SIZE) as pilot:
        app.advance_clock(200)
        app.screen.query_one("#composer-text", TextArea).text = "half a thought"
        await pilot.pause()
        app.flush_recorder()
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.flush_recorder()
        assert recorder.events[0].kind == "drill_started"
        assert recorder.events == app.engine.log
        assert recorder.drafts == ["half a thought", ""]
        assert recorder.clocks == [200]


@pilot_test
async def test_the_briefing_assigns_roles_and_starts_play(build):
    app = build(briefing=True)
    async with app.run_test(size=SIZE) as pilot:
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
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(tmp_path / "missing.yaml")
        app.screen.query_one("#path", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert any("cannot read" in message for message in notifications(app))
        app.screen.query_one("#builtins").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.engine is not None and app.engine.scenario.id == "checkout-outage"
        assert type(app.screen).__name__ == "BriefingScreen"


@pilot_test
async def test_a_resumed_engine_continues_and_records_only_new_events(checkout, build):
    engine = DrillEngine.start(checkout)
    engine.handle(Advance(to=400))
    recorded = []

    class Recorder:
        def record(self, events):
            recorded.extend(events)

        def save_draft(self, text):
            pass

        def set_clock(self, seconds):
            pass

    app = build(engine=engine, recorder=Recorder(), briefing=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert "Our customers can't pay" in log_text(app)
        app.advance_clock(200)
        assert recorded and recorded[0].at > 400 - 1 and recorded == engine.log[-len(recorded):]


@pilot_test
async def test_read_only_replays_without_changing_anything(checkout, build, tmp_path):
    engine = simulate(checkout, seed=7)
    length = len(engine.log)
    app = build(engine=engine, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)  # the drill is over: its debrief
        await pilot.press("ctrl+q")
    assert len(engine.log) == length
    assert not report_path(tmp_path).exists()


@pilot_test
async def test_a_resumed_draft_is_back_in_the_composer(checkout, build):
    engine = DrillEngine.start(checkout)
    engine.handle(Advance(to=120))
    app = build(engine=engine)
    app.draft = "We are investig"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#composer-text", TextArea).text == "We are investig"
