"""A seat's connection: caught up when it comes back; a broken rule closes it alone."""

import json

from serve_harness import Seat, join, run, served, tag
from websockets.asyncio.client import connect

from drill.seats.protocol import (
    CLOSE_BAD_FRAME, CLOSE_RATE, MAX_FRAME_BYTES, Control, Draft, Inject, Ping, Send,
)


def test_a_seat_killed_and_rejoined_is_sent_only_what_it_missed():
    async def main():
        async with served() as drill:
            fac = await join(drill.url, drill.tokens["facilitator"])
            comms = await join(drill.url, drill.tokens["comms"])
            await fac.send(Inject(id="i1", kind="chat", text="Before the crash.", to=["comms"]))
            await comms.event("inject_delivered")
            before = comms.seqs
            comms.ws.transport.abort()  # the client dies: no close handshake
            await fac.send(Inject(id="i2", kind="chat", text="While it was away.", to=["comms"]))
            await fac.ack("i2")
            await fac.next("roster", lambda frame: not next(s for s in frame.seats if s.seat == "comms").connected)
            back = await join(drill.url, drill.tokens["comms"], after=before[-1])
            await back.settled()
            return before, back.events

    before, missed = run(main())
    assert [event["data"]["text"] for event in missed if event["kind"] == "inject_delivered"] == ["While it was away."]
    assert all(event["seq"] > before[-1] for event in missed)


def test_a_draft_is_kept_for_the_seat():
    async def main():
        async with served() as drill:
            comms = await join(drill.url, drill.tokens["comms"])
            await comms.send(Draft(text="We are investi", channel="status_page"))
            await comms.settled()
            await comms.close()
            back = await join(drill.url, drill.tokens["comms"])
            welcome = back.frames[0]
            await back.send(Send(id="s", channel="status_page", text="We are investigating."))
            await back.ack("s")
            third = await join(drill.url, drill.tokens["comms"])
            return welcome, third.frames[0]

    welcome, after_sending = run(main())
    assert (welcome.draft, welcome.draft_channel) == ("We are investi", "status_page")
    assert after_sending.draft == ""


async def still_served(seat):
    await seat.send(Ping())
    return tag(await seat.next("pong"))


def test_a_frame_that_is_not_the_protocol_closes_only_that_connection():
    async def main():
        async with served() as drill:
            fac = await join(drill.url, drill.tokens["facilitator"])
            results = []
            for raw in ("not json", json.dumps({"type": "launch"}), json.dumps({"type": "send", "id": 5}),
                        json.dumps({"type": "send", "id": "x" * 65, "channel": "social", "text": "hi"})):
                seat = await join(drill.url, drill.tokens["comms"])
                await seat.send_raw(raw)
                results.append(await seat.closed_with())
            first = Seat(await connect(drill.url))
            await first.send(Ping())  # a hello must come first
            results.append(await first.closed_with())
            return results, await still_served(fac), drill.live.paused

    results, alive, paused = run(main())
    assert [code for code, _ in results] == [CLOSE_BAD_FRAME] * 5
    assert "not JSON" in results[0][1] and "the first frame must be hello" in results[4][1]
    assert alive == "pong" and paused


def test_an_oversized_frame_closes_only_that_connection():
    async def main():
        async with served() as drill:
            fac = await join(drill.url, drill.tokens["facilitator"])
            comms = await join(drill.url, drill.tokens["comms"])
            await comms.send(Send(id="big", channel="press", text="x" * (MAX_FRAME_BYTES + 10)))
            code, _ = await comms.closed_with()
            return code, await still_served(fac), [e for e in drill.live.shown_log if e.kind == "response_recorded"]

    code, alive, recorded = run(main())
    assert code == 1009 and alive == "pong" and recorded == []  # 1009: "message too big"


def test_too_many_frames_too_fast_close_only_that_connection():
    async def main():
        async with served() as drill:
            fac = await join(drill.url, drill.tokens["facilitator"])
            comms = await join(drill.url, drill.tokens["comms"])
            for _ in range(200):
                await comms.ws.send(json.dumps({"type": "ping"}))
            code, reason = await comms.closed_with()
            return code, reason, await still_served(fac)

    code, reason, alive = run(main())
    assert code == CLOSE_RATE and "too many frames" in reason and alive == "pong"


def test_no_hello_in_time_closes_the_connection():
    async def main():
        async with served(hello_seconds=0.2) as drill:
            mute = Seat(await connect(drill.url))  # says nothing at all
            return await mute.closed_with()

    code, reason = run(main())
    assert code == CLOSE_BAD_FRAME and "no hello" in reason


def test_the_clock_follows_the_time_source_times_the_speed():
    async def main():
        async with served(speed=2.0) as drill:
            fac = await join(drill.url, drill.tokens["facilitator"])
            drill.time.advance(600)  # paused: nothing moves
            await fac.settled()
            paused_at = drill.live.clock
            await fac.send(Control(id="go", action="resume"))
            await fac.ack("go")
            drill.time.advance(90)
            clock = await fac.next("clock", lambda frame: frame.at >= 180)
            alert = await fac.event("inject_delivered", lambda e: e["data"]["inject_id"] == "chat-eng-1")
            await fac.send(Control(id="stop", action="pause"))
            await fac.ack("stop")
            stopped_at = drill.live.clock
            drill.time.advance(600)
            await fac.settled()
            return paused_at, clock, alert, stopped_at, drill.live.clock

    paused_at, clock, alert, stopped_at, later = run(main())
    assert paused_at == 0
    assert clock.at == 180 and clock.speed == 2.0 and not clock.paused
    assert alert["at"] == 180
    assert later == stopped_at


def test_the_longest_message_a_channel_takes_fits_in_a_frame_both_ways():
    """20,000 characters of four bytes each: sent in one client frame, and its event sent back to the seat."""
    from drill.scenario.limits import MAX_RESPONSE_CHARS

    text = "\N{GRINNING FACE}" * MAX_RESPONSE_CHARS

    async def main():
        async with served() as drill:
            await join(drill.url, drill.tokens["facilitator"])
            comms = await join(drill.url, drill.tokens["comms"])
            await comms.send(Send(id="long", channel="press", text=text))
            await comms.ack("long")
            recorded = await comms.event("response_recorded")
            return recorded

    recorded = run(main())
    assert recorded["data"]["text"] == text
