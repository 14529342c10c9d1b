"""The seat's connection against a tiny in-test server: hello, catch-up, resending, retries, final closes."""

from __future__ import annotations

import asyncio

import pytest

from drill.join.connection import CONNECTED, STOPPED, WAITING, Backoff, Connection
from drill.join.outbox import Outbox, outbox_path
from drill.seats import protocol as wire
from fake_server import FakeServer, async_test, until, welcome

TOKEN = "tok-comms"


class Retries:
    """An injected sleep: records each delay and returns at once, so retries cost no time."""

    def __init__(self, stop_after: int | None = None) -> None:
        self.delays: list[float] = []
        self.stop_after = stop_after
        self.connection: Connection | None = None

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)
        if self.stop_after is not None and len(self.delays) >= self.stop_after:
            await self.connection.close()
        await asyncio.sleep(0)


def connect(server: FakeServer, outbox: Outbox | None = None, **options) -> tuple[Connection, list, asyncio.Task]:
    frames: list = []
    sleep = options.pop("sleep", Retries())
    outbox = outbox if outbox is not None else Outbox(outbox_path(server.url, TOKEN))
    connection = Connection(server.url, TOKEN, outbox, name="Sam", on_frame=frames.append, sleep=sleep,
                            random=lambda: 0.5, **options)
    if isinstance(sleep, Retries):
        sleep.connection = connection
    return connection, frames, asyncio.create_task(connection.run())


async def stop(connection: Connection, task: asyncio.Task) -> None:
    await connection.close()
    await asyncio.wait_for(task, 10)


@async_test
async def test_hello_then_welcome_then_the_frames_sent_before_the_connection_was_up():
    async def script(session, number):
        await session.send(welcome())
        await session.next_frame()
        await session.next_frame()
        await session.socket.wait_closed()

    async with FakeServer(script).running() as server:
        connection, frames, task = connect(server)
        connection.submit(wire.Send(id="a", channel="status_page", text="one"))
        connection.submit(wire.Send(id="b", channel="status_page", text="two"))
        await until(lambda: len(server.sessions) == 1 and len(server.sessions[0].received) == 2)
        session = server.sessions[0]
        assert session.hello == wire.Hello(v=wire.VERSION, token=TOKEN, name="Sam", after=0)
        assert [frame.id for frame in session.received] == ["a", "b"]
        assert isinstance(frames[0], wire.Welcome) and connection.status.state == CONNECTED
        await stop(connection, task)


@async_test
async def test_after_a_drop_it_catches_up_from_its_last_seq_and_resends_only_what_was_not_acked():
    async def script(session, number):
        await session.send(welcome())
        if number == 1:
            await session.send(wire.Events(events=[{"seq": 1, "at": 0, "kind": "drill_started", "data": {}},
                                                   {"seq": 2, "at": 5, "kind": "drill_paused", "data": {}}]))
            await session.send(wire.Events(events=[{"seq": 1, "at": 0, "kind": "x", "data": {}}], preview="ic"))
            first = await session.next_frame()
            await session.send(wire.Ack(id=first.id, seq=3))
            await session.next_frame()  # "b": never acknowledged
            await session.close(1011, "boom")
        else:
            while True:
                await session.next_frame()

    async with FakeServer(script).running() as server:
        connection, frames, task = connect(server)
        connection.submit(wire.Send(id="a", channel="status_page", text="one"))
        await until(lambda: len(server.sessions[0].received) == 1 if server.sessions else False)
        connection.submit(wire.Send(id="b", channel="status_page", text="two"))
        await until(lambda: len(server.sessions) == 2 and len(server.sessions[1].received) >= 1)
        again = server.sessions[1]
        assert again.hello.after == 2  # the preview's seq 1 is another role's, not this seat's
        assert [frame.id for frame in again.received] == ["b"]
        assert [frame.id for frame in connection.outbox.pending()] == ["b"]
        assert connection.connects == 2
        await stop(connection, task)


@async_test
async def test_a_client_started_again_with_the_same_url_and_token_resends_what_was_never_acked():
    async def script(session, number):
        await session.send(welcome())
        while True:
            await session.next_frame()

    async with FakeServer(script).running() as server:
        first, _, task = connect(server)
        first.submit(wire.Send(id="never-acked", channel="status_page", text="We are investigating."))
        first.set_draft("still typing", "status_page")
        await until(lambda: server.sessions and len(server.sessions[0].received) == 2)
        task.cancel()  # the client dies: no goodbye
        await asyncio.gather(task, return_exceptions=True)

        second, _, task = connect(server)  # a new process: nothing but the outbox file is shared
        await until(lambda: len(server.sessions) == 2 and len(server.sessions[1].received) == 2)
        resent, draft = server.sessions[1].received
        assert resent == wire.Send(id="never-acked", channel="status_page", text="We are investigating.")
        assert draft == wire.Draft(text="still typing", channel="status_page")
        await stop(second, task)


@async_test
async def test_a_draft_the_server_already_has_is_not_sent_again():
    async def script(session, number):
        await session.send(welcome(draft="kept", draft_channel="slack"))
        while True:
            await session.next_frame()

    async with FakeServer(script).running() as server:
        outbox = Outbox(None)
        outbox.set_draft("kept", "slack")
        connection, _, task = connect(server, outbox)
        await until(lambda: connection.connected)
        connection.submit(wire.Preview(role="ic"))
        await until(lambda: server.sessions[0].received)
        assert server.sessions[0].received == [wire.Preview(role="ic")]
        await stop(connection, task)


@pytest.mark.parametrize("code, words", [
    (wire.CLOSE_BAD_TOKEN, "does not know this token"),
    (wire.CLOSE_DRILL_ENDED, "the drill has ended"),
    (wire.CLOSE_VERSION, "another version"),
    (wire.CLOSE_REVOKED, "revoked"),
    (wire.CLOSE_REPLACED, "joined again"),
])
def test_a_close_that_retrying_cannot_mend_stops_and_says_why(code, words):
    @async_test
    async def check():
        async def script(session, number):
            await session.close(code, "\x1b[31mred reason")

        async with FakeServer(script).running() as server:
            statuses = []
            connection, _, task = connect(server, on_status=statuses.append)
            await asyncio.wait_for(task, 10)
            assert len(server.sessions) == 1  # never tried again
            assert connection.status.state == STOPPED and words in connection.status.detail
            assert "\x1b" not in connection.status.detail and "red reason" in connection.status.detail
            assert connection.sleep.delays == []

    check()


@async_test
async def test_a_final_close_after_the_welcome_stops_too():
    async def script(session, number):
        await session.send(welcome())
        await session.close(wire.CLOSE_REVOKED, "revoked by the facilitator")

    async with FakeServer(script).running() as server:
        connection, frames, task = connect(server)
        await asyncio.wait_for(task, 10)
        assert connection.status.state == STOPPED and "revoked" in connection.status.detail
        assert len(server.sessions) == 1


@async_test
async def test_a_restarting_server_is_tried_again_with_growing_delays():
    async def script(session, number):
        await session.close(1001, "going away")

    async with FakeServer(script).running() as server:
        statuses = []
        sleep = Retries(stop_after=4)
        connection, _, task = connect(server, sleep=sleep, on_status=statuses.append)
        await asyncio.wait_for(task, 10)
        assert len(server.sessions) == 4
        assert sleep.delays == [0.375, 0.75, 1.5, 3.0]  # base 0.5 doubling, random 0.5 -> three quarters
        waiting = [status for status in statuses if status.state == WAITING]
        assert waiting[0].detail == "the server is restarting" and waiting[0].retry_in == 0.375
        assert connection.status.state == STOPPED


@async_test
async def test_an_unreachable_server_is_retried():
    async with FakeServer(None).running() as server:
        url = server.url
    # The server is gone: every try fails to connect.
    sleep, statuses = Retries(stop_after=3), []
    connection = Connection(url, TOKEN, Outbox(None), sleep=sleep, random=lambda: 1.0, open_timeout=5,
                            on_status=statuses.append)
    sleep.connection = connection
    await asyncio.wait_for(connection.run(), 20)
    assert sleep.delays == [0.5, 1.0, 2.0]
    assert all("cannot reach the server" in status.detail for status in statuses if status.state == WAITING)
    assert connection.status.state == STOPPED


@async_test
async def test_a_welcome_resets_the_backoff_and_a_servers_draft_is_kept_when_this_client_has_none():
    async def script(session, number):
        await session.send(welcome(draft="from another machine", draft_channel="slack"))
        await session.close(1011, "")

    async with FakeServer(script).running() as server:
        sleep = Retries(stop_after=3)
        connection, _, task = connect(server, Outbox(None), sleep=sleep)
        await asyncio.wait_for(task, 10)
        assert sleep.delays == [0.375, 0.375, 0.375]
        assert connection.outbox.draft == "from another machine"
        assert not any(isinstance(frame, wire.Draft) for s in server.sessions for frame in s.received)


def test_backoff_stays_under_its_cap_and_jitters_in_the_upper_half():
    values = iter([0.0, 1.0] * 20)
    backoff = Backoff(base=0.5, cap=30, random=lambda: next(values))
    delays = [backoff.next() for _ in range(12)]
    assert max(delays) == 30.0
    assert delays[:2] == [0.25, 1.0]
    backoff.reset()
    assert backoff.next() == 0.25


@async_test
async def test_a_long_outbox_is_sent_a_few_frames_at_a_time_as_answers_come():
    async def script(session, number):
        await session.send(welcome())
        for _ in range(9):
            await session.next_frame()
        # Eight in flight, then the draft: the writer waits for answers before sending more.
        for frame in session.received[:8]:
            await session.send(wire.Ack(id=frame.id, seq=0))
        while True:
            frame = await session.next_frame()
            await session.send(wire.Ack(id=frame.id, seq=0))

    async with FakeServer(script).running() as server:
        outbox = Outbox(None)
        for number in range(30):
            outbox.add(wire.Send(id=f"f{number}", channel="status_page", text=str(number)))
        outbox.set_draft("typing", None)
        connection, _, task = connect(server, outbox)
        await until(lambda: len(outbox) == 0)
        received = server.sessions[0].received
        assert isinstance(received[8], wire.Draft)
        assert [frame.id for frame in received if not isinstance(frame, wire.Draft)] == [f"f{n}" for n in range(30)]
        await stop(connection, task)


@pytest.fixture
def certificate(tmp_path):
    """A self-signed certificate for 127.0.0.1, made with openssl."""
    import shutil
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key


def test_a_certificate_this_machine_does_not_trust_stops_with_what_to_do_and_one_it_trusts_connects(
        certificate, monkeypatch):
    import ssl

    cert, key = certificate
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)

    async def script(session, number):
        await session.send(welcome())
        await session.socket.wait_closed()

    @async_test
    async def untrusted():
        async with FakeServer(script).running(tls) as server:
            connection, _, task = connect(server, Outbox(None))
            await asyncio.wait_for(task, 10)
            assert connection.status.state == STOPPED and "SSL_CERT_FILE" in connection.status.detail
            assert connection.sleep.delays == []

    @async_test
    async def trusted():
        async with FakeServer(script).running(tls) as server:
            connection, _, task = connect(server, Outbox(None))
            await until(lambda: connection.connected)
            await stop(connection, task)

    untrusted()
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    trusted()
