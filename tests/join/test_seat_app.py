"""Seats of a real in-process drill server, driven by Pilot; the server's clock moves only when a test says."""

from __future__ import annotations

import asyncio

from textual.widgets import Input, Select, TextArea

from drill.join.app import make_seat_app
from drill.join.outbox import Outbox, outbox_path
from drill.join.screens.play import SeatPlayScreen
from drill.join.screens.preview import PreviewScreen
from drill.join.screens.token import TokenScreen
from drill.seats import protocol as wire
from drill.tui.widgets.feed_log import FeedLog
from served import served, until

SIZE = (110, 34)


def run(test):
    """Run an ``async def`` test with asyncio, failing rather than hanging."""
    import functools

    @functools.wraps(test)
    def wrapped(*args, **kwargs):
        asyncio.run(asyncio.wait_for(test(*args, **kwargs), 120))

    return wrapped


def feed(app, selector: str = "#feed-log") -> str:
    return "\n".join(app.screen.query_one(selector, FeedLog).shown_text())


def seat_app(serve, seat: str, **options):
    options.setdefault("name", seat.capitalize())
    return make_seat_app(serve.url, serve.tokens[seat], realtime=False, **options)


async def playing(pilot) -> None:
    await until(pilot, lambda: isinstance(pilot.app.screen, SeatPlayScreen), what="the play screen")


@run
async def test_a_role_seat_sees_its_share_and_writes_as_its_role_only():
    async with served() as serve:
        app = seat_app(serve, "comms")
        async with app.run_test(size=SIZE) as pilot:
            await playing(pilot)
            assert app.live.role == "comms" and app.paused  # a served drill waits for the facilitator
            assert "Card authorisation" not in feed(app)  # the first alert was for the IC only
            assert "Communications · Comms" in str(app.screen.query_one("#seat-bar").render())
            assert "connected" in str(app.screen.query_one("#seat-bar").render())
            roles = app.screen.query_one("#composer-role", Select)
            assert [value for _, value in roles._options if value is not Select.NULL] == ["comms"]
            channels = [value for _, value in app.screen.query_one("#composer-channel", Select)._options]
            assert "status_page" in channels and "relay:*" in channels and "relay:ic" in channels
            assert not app.check_action("pause", ()) and not app.check_action("next_inject", ())
            assert not app.check_action("preview", ()) and not app.check_action("note", ())


@run
async def test_a_message_is_recorded_on_the_server_once_and_its_grade_comes_back():
    async with served() as serve:
        serve.live.toggle_pause()  # the facilitator let the drill run
        app = seat_app(serve, "comms")
        async with app.run_test(size=SIZE) as pilot:
            await playing(pilot)
            text = "We are investigating failed card payments at checkout. Next update by 10:30 UTC."
            app.screen.query_one("#composer-channel", Select).value = "status_page"
            app.screen.query_one("#composer-text", TextArea).text = text
            await pilot.press("ctrl+s")
            await until(pilot, lambda: [e.data["text"] for e in serve.live.engine.state.responses] == [text],
                        what="the message on the server")
            await until(pilot, lambda: "last:" in str(app.screen.query_one("#composer-grade").render()),
                        what="the grade under the composer")
            assert app.screen.query_one("#composer-text", TextArea).text == ""
            assert "SENT" in feed(app) and text[:30] in feed(app)
            assert len(app.connection.outbox) == 0  # acknowledged: nothing left to resend
            recorded = serve.live.engine.state.responses[0].data
            assert (recorded["role"], recorded["channel"]) == ("comms", "status_page")


@run
async def test_a_relay_goes_to_the_chosen_team_member_and_shows_in_the_feed():
    async with served() as serve:
        serve.live.toggle_pause()
        app = seat_app(serve, "comms")
        async with app.run_test(size=SIZE) as pilot:
            await playing(pilot)
            app.screen.query_one("#composer-channel", Select).value = "relay:ic"
            app.screen.query_one("#composer-text", TextArea).text = "What ETA can I give customers?"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: "relay_sent" in serve.kinds(), what="the relay on the server")
            relay = next(event for event in serve.live.shown_log if event.kind == "relay_sent").data
            assert (relay["role"], relay["to"], relay["text"]) == ("comms", ["ic"], "What ETA can I give customers?")
            await until(pilot, lambda: "TEAM" in feed(app), what="the relay in the seat's feed")


@run
async def test_the_facilitator_runs_the_clock_from_its_seat_and_sees_the_roster():
    async with served() as serve:
        app = seat_app(serve, "facilitator", name="Fran")
        async with app.run_test(size=SIZE) as pilot:
            await playing(pilot)
            assert not app.screen.query("#composer")  # no role to write as
            assert app.check_action("resume", ()) and not app.check_action("skip", ())
            await pilot.press("f2")
            await until(pilot, lambda: not serve.live.paused, what="the drill resumed on the server")
            await until(pilot, lambda: not app.paused, what="the seat told it runs")
            await pilot.press("f4")
            await until(pilot, lambda: serve.live.clock == 180, what="the jump to the next inject")
            await until(pilot, lambda: app.clock == 180 and "On-call engineer" in feed(app),
                        what="the facilitator's feed at 3m")
            await pilot.press("f3")
            await until(pilot, lambda: serve.host.clock.speed == 2, what="the new speed on the server")
            roster = str(app.screen.query_one("#roster-seats").render())
            assert "facilitator" in roster and "Fran" in roster and "comms" in roster


@run
async def test_the_facilitator_previews_what_one_role_sees():
    async with served() as serve:
        serve.live.toggle_pause()
        serve.live.next_inject()  # 3m: a chat for the IC and the liaison
        app = seat_app(serve, "facilitator")
        async with app.run_test(size=SIZE) as pilot:
            await playing(pilot)
            await pilot.press("f6")
            await pilot.pause()
            app.screen.query_one("#preview-roles").highlighted = list(serve.live.scenario.roles).index("comms")
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, PreviewScreen), what="the preview")
            await until(pilot, lambda: app.live.preview_log, what="the comms view from the server")
            shown = feed(app, "#preview-log")
            assert "On-call engineer" not in shown and "Card authorisation" not in shown  # not for Comms
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, SeatPlayScreen), what="back to the own feed")
            assert app.live.preview_role is None


@run
async def test_the_observer_writes_an_evaluator_note_and_cannot_run_the_clock():
    async with served() as serve:
        app = seat_app(serve, "observer", name="Ana")
        async with app.run_test(size=SIZE) as pilot:
            await playing(pilot)
            assert not app.check_action("pause", ()) and app.check_action("note", ())
            await pilot.press("f9")
            await pilot.pause()
            app.screen.query_one("#note-objective", Select).value = "first-public"
            await pilot.pause()  # the objective's own scale fills the rating list
            assert "P: performed without challenges" in str(app.screen.query_one("#note-rating", Select)._options)
            app.screen.query_one("#note-rating", Select).value = "S"
            app.screen.query_one("#note-text", TextArea).text = "IC handed over to Comms [bold]quickly[/]"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: "evaluator_noted" in serve.kinds(), what="the note on the server")
            note = next(event for event in serve.live.shown_log if event.kind == "evaluator_noted").data
            assert (note["author"], note["objective"], note["rating"]) == ("Ana", "first-public", "S")
            await until(pilot, lambda: "NOTE" in feed(app), what="the note in the observer's feed")
            assert "[bold]quickly[/]" in feed(app)  # text, never markup


@run
async def test_joining_without_a_token_asks_for_one_and_again_after_a_wrong_one():
    async with served() as serve:
        app = make_seat_app(serve.url, None, name="Ivy", realtime=False)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: isinstance(app.screen, TokenScreen), what="the token prompt")
            app.screen.query_one("#token", Input).value = "not-a-token"
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, TokenScreen) and "token" in
                        str(app.screen.query_one("#token-problem").render()), what="the prompt again, saying why")
            app.screen.query_one("#token", Input).value = serve.tokens["ic"]
            app.screen.query_one("#name", Input).value = "Ivy Chen"
            await pilot.press("enter")
            await playing(pilot)
            assert app.live.role == "ic" and "Card authorisation" in feed(app)
            assert serve.host.names["ic"] == "Ivy Chen"


@run
async def test_what_a_seat_never_saw_acknowledged_is_sent_again_once_when_it_joins_again(private_outbox):
    async with served() as serve:
        serve.live.toggle_pause()
        unacked = wire.Send(id="left-behind", channel="status_page", text="We are investigating.")
        Outbox(outbox_path(serve.url, serve.tokens["comms"])).add(unacked)  # a seat killed before its ack
        for _ in range(2):  # joining twice: the second time there is nothing left to send
            app = seat_app(serve, "comms")
            async with app.run_test(size=SIZE) as pilot:
                await playing(pilot)
                await until(pilot, lambda: len(app.connection.outbox) == 0, what="the ack")
                await until(pilot, lambda: app.live.state.responses, what="the message in the seat's feed")
        assert [event.data["text"] for event in serve.live.engine.state.responses] == ["We are investigating."]
        assert not list(private_outbox.glob("*.json"))


@run
async def test_a_dropped_connection_is_mended_and_nothing_is_shown_twice():
    async with served() as serve:
        serve.live.toggle_pause()
        app = seat_app(serve, "ic")
        async with app.run_test(size=SIZE) as pilot:
            await playing(pilot)
            seen = len(app.live.log)
            for connection in serve.host.connections.all():
                await connection.ws.close(1011, "network trouble")
            await until(pilot, lambda: app.connection.connects == 2 and app.link.state == "connected",
                        timeout=30, what="the second connection")
            serve.live.next_inject()
            await until(pilot, lambda: app.clock >= 180, what="events after the reconnection")
            seqs = [event.seq for event in app.live.log]
            assert len(seqs) == len(set(seqs)) and len(seqs) > seen


@run
async def test_participant_text_from_the_server_is_never_markup_or_escapes():
    async with served() as serve:
        serve.live.toggle_pause()
        from drill.engine import Respond

        hostile = "[@click=app.quit]quit[/] \x1b]0;pwned\x07 [red]x"
        serve.live.send(Respond("ic", "incident_chat", hostile))
        app = seat_app(serve, "comms")
        async with app.run_test(size=SIZE) as pilot:
            await playing(pilot)
            await until(pilot, lambda: "[@click=app.quit]" in feed(app), what="the hostile text shown as text")
            assert "\x1b" not in feed(app) and app.is_running


@run
async def test_the_facilitator_revokes_a_seat_from_the_palette_and_sees_its_new_token():
    async with served() as serve:
        app = seat_app(serve, "facilitator")
        async with app.run_test(size=SIZE) as pilot:
            await playing(pilot)
            await until(pilot, lambda: app.live.roster, what="the roster")
            commands = {command.title: command for command in app.get_system_commands(app.screen)}
            assert commands["Quit"].help.startswith("Leave this seat")
            commands["Revoke comms's token"].callback()
            await until(pilot, lambda: "comms" in app.live.tokens, what="the new token")
            assert app.live.tokens["comms"] != serve.tokens["comms"]
            await until(pilot, lambda: "new token" in str(app.screen.query_one("#roster-seats").render()),
                        what="the new token in the roster")


@run
async def test_an_unsent_draft_comes_back_when_the_seat_joins_again():
    async with served() as serve:
        app = seat_app(serve, "comms")
        async with app.run_test(size=SIZE) as pilot:
            await playing(pilot)
            app.screen.query_one("#composer-text", TextArea).text = "Half a status update"
            await pilot.pause()
            await pilot.press("ctrl+q")
        again = seat_app(serve, "comms")
        async with again.run_test(size=SIZE) as pilot:
            await playing(pilot)
            assert again.screen.query_one("#composer-text", TextArea).text == "Half a status update"
            await until(pilot, lambda: serve.host.drafts.get("comms")[0] == "Half a status update",
                        what="the draft on the server")


@run
async def test_a_seat_rides_out_a_server_restart_and_no_message_is_lost_or_doubled(tmp_path):
    from drill.serve.drills import resumed_hosted_drill
    from drill.store import Store
    from served import hosted_drill

    released = asyncio.Event()

    async def sleep(delay):  # the seat waits to retry until the new server is up
        await released.wait()

    async def say(pilot, text):
        pilot.app.screen.query_one("#composer-text", TextArea).text = text
        await pilot.press("ctrl+s")

    with Store(tmp_path / "drill.db") as store:
        hosted = hosted_drill(store=store)
        async with served(hosted) as first:
            first.live.toggle_pause()
            port = first.server.port
            app = make_seat_app(first.url, first.tokens["comms"], realtime=False, sleep=sleep)
            async with app.run_test(size=SIZE) as pilot:
                await playing(pilot)
                await say(pilot, "Before the restart.")
                await until(pilot, lambda: len(app.connection.outbox) == 0, what="the first ack")
                await first.server.stop()
                await until(pilot, lambda: app.link.state == "waiting", what="the seat waiting to retry")
                assert "restarting" in app.link.detail
                await say(pilot, "While the server is away.")
                await pilot.pause()
                assert len(app.connection.outbox) == 1  # kept until a server acknowledges it
                async with served(resumed_hosted_drill(store, hosted.drill_id), port=port) as second:
                    released.set()
                    await until(pilot, lambda: app.connection.connects == 2 and len(app.connection.outbox) == 0,
                                what="the resend acknowledged by the resumed server")
                    texts = [event.data["text"] for event in second.live.engine.state.responses]
                    assert texts == ["Before the restart.", "While the server is away."]
                    await until(pilot, lambda: len(app.live.state.responses) == 2, what="both in the seat's feed")
                    seqs = [event.seq for event in app.live.log]
                    assert len(seqs) == len(set(seqs))


@run
async def test_the_facilitators_ad_hoc_inject_reaches_the_server():
    async with served() as serve:
        serve.live.toggle_pause()
        app = seat_app(serve, "facilitator")
        async with app.run_test(size=SIZE) as pilot:
            await playing(pilot)
            await pilot.press("f5")
            await until(pilot, lambda: app.screen.query("#adhoc-text"), what="the ad-hoc form")
            app.screen.query_one("#adhoc-text", TextArea).text = "The CEO is on the line."
            await pilot.press("ctrl+s")
            await until(pilot, lambda: isinstance(app.screen, SeatPlayScreen), what="the form closed")
            await until(pilot, lambda: any(event.data.get("adhoc") for event in serve.live.engine.state.deliveries),
                        what="the inject on the server")
            await until(pilot, lambda: "The CEO is on the line." in feed(app), what="the inject in the feed")
