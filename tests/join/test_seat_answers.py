"""What a seat shows when the server refuses a message or goes away: scripted by a tiny in-test server."""

from __future__ import annotations

import asyncio

from textual.widgets import TextArea

from drill.join.app import make_seat_app
from drill.join.screens.connecting import ConnectingScreen
from drill.join.screens.play import SeatPlayScreen
from drill.seats import protocol as wire
from fake_server import FakeServer, async_test, welcome
from served import until

SIZE = (110, 34)


class Notices:
    def __init__(self, app) -> None:
        self.messages: list[str] = []
        notify = app.notify

        def record(message, **options):
            self.messages.append(str(message))
            notify(message, **options)

        app.notify = record


@async_test
async def test_a_refused_message_goes_back_into_the_box_and_the_reason_is_shown():
    async def script(session, number):
        await session.send(welcome())
        while True:
            frame = await session.next_frame()
            if isinstance(frame, wire.Send):
                await session.send(wire.Rejected(id=frame.id, reason="the channel is closed [b]now[/b]"))

    async with FakeServer(script).running() as server:
        app = make_seat_app(server.url, "tok", realtime=False)
        async with app.run_test(size=SIZE) as pilot:
            notices = Notices(app)
            await until(pilot, lambda: isinstance(app.screen, SeatPlayScreen), what="the play screen")
            box = app.screen.query_one("#composer-text", TextArea)
            box.text = "We are investigating."
            await pilot.press("ctrl+s")
            await until(pilot, lambda: any("Not done" in message for message in notices.messages), what="the notice")
            assert box.text == "We are investigating."
            assert "the channel is closed [b]now[/b]" in notices.messages[-1]
            assert len(app.connection.outbox) == 0  # refused is final: never sent again


@async_test
async def test_a_seat_told_its_token_is_unknown_stays_on_the_joining_screen_and_says_why():
    async def script(session, number):
        await session.close(wire.CLOSE_BAD_TOKEN, "unknown token")

    async with FakeServer(script).running() as server:
        app = make_seat_app(server.url, "bad", realtime=False)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.link.state == "stopped", what="the stop")
            assert isinstance(app.screen, ConnectingScreen)
            assert "does not know this token" in str(app.screen.query_one("#joining-status").render())
            assert len(server.sessions) == 1


@async_test
async def test_a_lost_connection_shows_on_the_seat_line_and_the_seat_comes_back():
    async def script(session, number):
        await session.send(welcome(clock=number * 60))
        if number == 1:
            await session.close(1011, "lost")
        else:
            await session.socket.wait_closed()

    released = asyncio.Event()

    async def sleep(delay):
        await released.wait()

    async with FakeServer(script).running() as server:
        app = make_seat_app(server.url, "tok", realtime=False, sleep=sleep)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.link.state == "waiting", what="the wait before retrying")
            assert "reconnecting" in str(app.screen.query_one("#seat-bar").render())
            released.set()
            await until(pilot, lambda: app.link.state == "connected" and app.clock == 120, what="the second welcome")
            assert "connected" in str(app.screen.query_one("#seat-bar").render())
