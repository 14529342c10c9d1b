"""The composer: what is sent is what was typed, counted as the scorer counts it, replying to asks it can answer."""

from __future__ import annotations

from textual.widgets import OptionList, Select, TextArea

from drill.engine import InjectAdHoc
from drill.grading import channel_info
from drill.tui.widgets.choice import ChoiceSelect
from drill.tui.widgets.composer import Composer
from scoring.detectors.length import effective_length
from tui_helpers import FlakyRecorder, burst, notifications, pilot_test, posted, rendered, running, send_requests


def box(app) -> str:
    return app.screen.query_one("#composer-text", TextArea).text


def sent_texts(app) -> list[str]:
    return [event.data["text"] for event in app.engine.state.responses]


def reply_choices(app) -> list[str]:
    """The reply-to list as shown, without its blank first line."""
    overlay = app.screen.query_one("#composer-reply", ChoiceSelect).overlay  # the list is mounted on first use
    return [str(overlay.get_option_at_index(index).prompt) for index in range(1, overlay.option_count)]


async def choose(pilot, role: str | None = None, channel: str | None = None) -> None:
    screen = pilot.app.screen
    if role is not None:
        screen.query_one("#composer-role", Select).value = role
    if channel is not None:
        screen.query_one("#composer-channel", Select).value = channel
    await pilot.pause()


# --- what is sent is what was typed ------------------------------------------------


@pilot_test
async def test_ctrl_s_sends_what_was_typed_before_it_and_keeps_what_came_after(build):
    app = build()
    async with running(app) as pilot:
        await choose(pilot, channel="incident_chat")
        await pilot.press(*"Seen it", "ctrl+s", *" on it")
        await pilot.pause()
        assert send_requests(pilot) == [("Seen it", "ic", "incident_chat", None)]
        assert sent_texts(app) == ["Seen it"]
        assert box(app) == " on it"


@pilot_test
async def test_keys_arriving_at_once_split_at_each_ctrl_s(build):
    """A paste or tmux delivers keys faster than the screen handles them: Ctrl+S still cuts between them."""
    app = build()
    async with running(app) as pilot:
        await choose(pilot, channel="incident_chat")
        await burst(pilot, *"IC here", "ctrl+s", *"Paging eng", "ctrl+s", *"Next")
        assert send_requests(pilot) == [("IC here", "ic", "incident_chat", None),
                                        ("Paging eng", "ic", "incident_chat", None)]
        assert sent_texts(app) == ["IC here", "Paging eng"]
        assert box(app) == "Next"
        assert not any("Type a message" in message for message in notifications(pilot))


@pilot_test
async def test_ctrl_s_twice_sends_once(build):
    app = build()
    async with running(app) as pilot:
        await burst(pilot, *"Investigating", "ctrl+s", "ctrl+s")
        assert sent_texts(app) == ["Investigating"] and box(app) == ""
        assert not any("Type a message" in message for message in notifications(pilot))
        await pilot.press("ctrl+s")  # nothing left: now it says so
        await pilot.pause()
        assert any("Type a message" in message for message in notifications(pilot))


@pilot_test
async def test_a_refused_message_stays_in_the_box_and_goes_once_it_can(build):
    recorder = FlakyRecorder()
    app = build(recorder=recorder)
    async with running(app) as pilot:
        recorder.failing = True
        app.advance_clock(60)
        await pilot.pause()
        await pilot.press(*"Looking", "ctrl+s", *" now")
        await pilot.pause()
        assert send_requests(pilot) == [("Looking", "ic", "status_page", None)]
        assert sent_texts(app) == [] and box(app) == "Looking now"
        assert any("drill store is failing" in message for message in notifications(pilot))
        recorder.failing = False
        await pilot.press("f2", "ctrl+s")
        await pilot.pause()
        assert sent_texts(app) == ["Looking now"] and box(app) == ""


@pilot_test
async def test_the_send_button_sends_the_same_way(build):
    app = build()
    async with running(app) as pilot:
        app.screen.query_one("#composer-text", TextArea).text = "Investigating checkout errors."
        await pilot.click("#composer-send")
        await pilot.pause()
        assert send_requests(pilot) == [("Investigating checkout errors.", "ic", "status_page", None)]
        assert box(app) == "" and "last:" in rendered(app, "#composer-grade")


# --- length as the scorer counts it -------------------------------------------------


@pilot_test
async def test_a_link_counts_as_the_scorer_counts_it_on_social(build):
    link = "https://status.acmepay.example/incidents/2025-03-14-card-payments-failing-in-europe?utm=social"
    text = f"Card payments are failing for some merchants in Europe. {'We are on it. ' * 9}Updates: {link}"
    app = build()
    async with running(app) as pilot:
        await choose(pilot, role="comms", channel="social")
        app.screen.query_one("#composer-text", TextArea).text = text
        await pilot.pause()
        counted = effective_length(text, channel_info(app.scenario.channels["social"]))
        assert len(text) > 280 >= counted
        assert f"{counted}/280 chars" in rendered(app, "#composer-count")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert sent_texts(app) == [text]


# --- reply to -----------------------------------------------------------------------


@pilot_test
async def test_reply_to_offers_only_the_asks_the_role_and_channel_can_answer(build):
    app = build()
    async with running(app) as pilot:
        app.advance_clock(13 * 60)  # open: alert-1 (IC, incident channel), ticket-1 (support), first-public-nudge (comms)
        await pilot.pause()
        reply = app.screen.query_one("#composer-reply", Select)
        assert not [choice for choice in reply_choices(app) if choice.startswith("ask ")]
        assert reply.prompt == "reply to: nothing · 3 asks are for others"
        await choose(pilot, role="comms")
        assert [c for c in reply_choices(app) if c.startswith("ask ")] == ["ask first-public-nudge · 4m left"]
        await choose(pilot, role="support", channel="support_reply")
        assert [c for c in reply_choices(app) if c.startswith("ask ")] == ["ask ticket-1 · 3m left"]
        reply.value = "ticket-1"
        await choose(pilot, role="comms")  # ticket-1 is Support's: the reply goes, rather than credit another ask
        assert reply.value is Select.NULL
        assert not any(c.startswith("ticket-1") for c in reply_choices(app))  # nor is its inject offered


@pilot_test
async def test_reply_to_countdowns_run_with_the_clock_soonest_due_first(build):
    app = build()
    async with running(app) as pilot:
        await choose(pilot, channel="incident_chat")
        app.advance_clock(60)
        app.send(InjectAdHoc(type="chat", text="Who is IC?", to=("ic",), sender="Facilitator",
                             expects_role="ic", expects_channel="incident_chat", within=60))
        await pilot.pause()
        asks = [c for c in reply_choices(app) if c.startswith("ask ")]
        assert asks == ["ask adhoc-1 · 1m left", "ask alert-1 · 4m left"]  # opened later, due sooner
        app.screen.query_one("#composer-reply", Select).value = "alert-1"
        app.advance_clock(90)
        await pilot.pause()
        asks = [c for c in reply_choices(app) if c.startswith("ask ")]
        assert asks == ["ask adhoc-1 · 30s overdue", "ask alert-1 · 2m 30s left"]
        assert app.screen.query_one("#composer-reply", Select).value == "alert-1"  # still chosen


@pilot_test
async def test_answering_from_open_asks_sets_a_role_and_channel_the_ask_accepts(build):
    app = build()
    async with running(app) as pilot:
        app.advance_clock(7 * 60)
        await pilot.pause()
        asks = app.screen.query_one("#asks-list", OptionList)
        asks.highlighted = [asks.get_option_at_index(i).id for i in range(asks.option_count)].index("ticket-1")
        asks.action_select()
        await pilot.pause()
        composer = app.screen.query_one(Composer)
        assert (composer.role, composer.channel, composer.reply_to) == ("support", "support_reply", "ticket-1")
        await pilot.press(*"Sorry", "ctrl+s")
        await pilot.pause()
        assert send_requests(pilot) == [("Sorry", "support", "support_reply", "ticket-1")]
        assert app.engine.state.asks["ticket-1"].status == "answered"


# --- around the composer ------------------------------------------------------------


@pilot_test
async def test_the_draft_is_reported_as_it_changes(build):
    app = build()
    async with running(app) as pilot:
        await pilot.press(*"Hi")
        await choose(pilot, channel="press")
        drafts = [(m.text, m.role, m.channel) for m in posted(pilot, Composer.DraftChanged)]
        assert drafts[-3:] == [("H", "ic", "status_page"), ("Hi", "ic", "status_page"), ("Hi", "ic", "press")]
        assert (app.draft, app.draft_role, app.draft_channel) == ("Hi", "ic", "press")


@pilot_test
async def test_the_footer_offers_resume_while_paused(build):
    app = build()
    async with running(app) as pilot:
        def f2() -> str:
            return app.screen.active_bindings["f2"].binding.description

        assert f2() == "Pause"
        await pilot.press("f2")
        await pilot.pause()
        assert app.paused and f2() == "Resume"
        await pilot.press("f2")
        await pilot.pause()
        assert f2() == "Pause"


@pilot_test
async def test_an_open_reply_list_keeps_its_place_as_the_countdowns_run(build):
    app = build()
    async with running(app) as pilot:
        await choose(pilot, channel="incident_chat")
        app.advance_clock(4 * 60)
        await pilot.pause()
        reply = app.screen.query_one("#composer-reply", Select)
        reply.focus()
        reply.action_show_overlay()
        await pilot.pause()
        overlay = reply.query_one(OptionList)
        overlay.highlighted = 2
        app.advance_clock(5)
        await pilot.pause()
        assert reply.expanded and overlay.highlighted == 2
        assert reply_choices(app)[0] == "ask alert-1 · 55s left"
