"""The facilitator's roster, and a seat too slow to keep up."""

import asyncio

from serve_harness import join, run, served

from drill.seats.protocol import Control, Send
from drill.serve.connections import CLOSE_TOO_SLOW, MAX_BACKLOG, Connections, SeatConnection
from drill.serve.seating import Seat


def seat_of(roster, seat_id):
    return next(seat for seat in roster.seats if seat.seat == seat_id)


def test_the_roster_shows_who_is_here_what_they_owe_and_when_they_were_last_active():
    async def main():
        async with served() as drill:
            fac = await join(drill.url, drill.tokens["facilitator"])
            support = await join(drill.url, drill.tokens["support"], name="Sam")
            await fac.send(Control(id="go", action="resume"))
            for n in range(3):  # alert-1, chat-eng-1, then ticket-1 asks support or the liaison
                await fac.send(Control(id=f"n{n}", action="next"))
                await fac.ack(f"n{n}")
            owing = await fac.next("roster", lambda frame: seat_of(frame, "support").open_asks == 1)
            await support.send(Send(id="s", channel="support_reply",
                                    text="We're sorry: card payments are failing for some merchants; we're on it."))
            await support.ack("s")
            answered = await fac.next("roster", lambda frame: seat_of(frame, "support").open_asks == 0)
            return owing, answered, drill.live.clock

    owing, answered, clock = run(main())
    support = seat_of(owing, "support")
    assert support.connected and support.name == "Sam" and support.role == "support"
    assert not seat_of(owing, "comms").connected
    assert seat_of(owing, "liaison").open_asks == 1
    assert seat_of(answered, "support").last_active == clock
    assert owing.store_error is None and owing.tokens == {}


class FakeTransport:
    def __init__(self, backlog):
        self.backlog = backlog

    def get_write_buffer_size(self):
        return self.backlog


class FakeSocket:
    def __init__(self, backlog):
        self.transport = FakeTransport(backlog)
        self.closed_with = None

    async def close(self, code, reason):
        self.closed_with = (code, reason)


def test_a_seat_too_far_behind_is_closed_instead_of_waited_for():
    async def main():
        connections = Connections()
        slow = SeatConnection(FakeSocket(MAX_BACKLOG + 1), Seat("comms", "role", "comms"))
        connections.add(slow)
        connections.send([slow], [b'{"type":"pong"}'])
        await asyncio.sleep(0)
        return slow

    slow = run(main())
    assert slow.closing and slow.ws.closed_with[0] == CLOSE_TOO_SLOW


def test_the_roster_counts_each_seats_open_questions_once_their_inject_reached_it():
    from pathlib import Path

    from drill.engine import Resume
    from drill.scenario import load_scenario
    from drill.serve.drills import new_hosted_drill
    from drill.serve.host import DrillHost
    from drill.serve.roster import roster_frame

    path = Path(__file__).resolve().parents[1] / "scenarios" / "branching.yaml"
    scenario = load_scenario(path.read_text(), str(path))

    async def main():
        hosted = new_hosted_drill(scenario, seed=1)
        host = DrillHost(hosted)
        before = {seat.seat: seat.open_questions for seat in roster_frame(host).seats}
        hosted.live.send(Resume())
        hosted.live.tick(6 * 60)  # triage, with its two questions, reaches every role at 5m
        after = {seat.seat: seat.open_questions for seat in roster_frame(host).seats}
        return before, after

    before, after = asyncio.run(main())
    assert set(before.values()) == {0}  # nothing asked yet: no branch still to come is counted
    assert after["ic"] == 2  # triage.first is the IC's, triage.feel anyone's
    assert after["comms"] == 1 and after["facilitator"] == 0
