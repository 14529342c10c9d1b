"""A failing store: nothing is acknowledged until it is stored, and the facilitator is told why."""

from recorders import FlakyRecorder
from serve_harness import join, run, served, tag

from drill.library import load_builtin
from drill.live import LiveDrill
from drill.seats.protocol import Control, Send
from drill.serve.drafts import DraftBook
from drill.serve.host import HostedDrill
from drill.serve.seating import seats_for
from drill.serve.tokens import TokenBook


def flaky_drill():
    recorder = FlakyRecorder()
    scenario = load_builtin("checkout-outage")
    live = LiveDrill.new(scenario, seed=1, recorder=recorder)
    live.begin()
    live.start_clock({}, paused=True)
    book = TokenBook("flaky1")
    tokens = book.issue(seats_for(list(scenario.roles)))
    return HostedDrill("flaky1", live, book, DraftBook(), tokens), recorder


def test_a_message_is_acknowledged_only_once_the_store_has_it():
    async def main():
        hosted, recorder = flaky_drill()
        async with served(hosted) as drill:
            fac = await join(drill.url, drill.tokens["facilitator"])
            comms = await join(drill.url, drill.tokens["comms"])
            recorder.failing = True
            await comms.send(Send(id="m1", channel="status_page", text="We are investigating."))
            roster = await fac.next("roster", lambda frame: frame.store_error is not None)
            await comms.settled()
            early = [frame for frame in comms.frames if tag(frame) in ("ack", "rejected")]
            await comms.send(Send(id="m2", channel="status_page", text="Still investigating."))
            refused = await comms.ack("m2")
            await fac.send(Control(id="retry", action="resume"))
            still = await fac.ack("retry")
            recorder.failing = False
            await fac.send(Control(id="retry-2", action="resume"))
            resumed = await fac.ack("retry-2")
            ack = await comms.ack("m1")
            await comms.send(Send(id="m2", channel="status_page", text="Still investigating."))
            second = await comms.ack("m2")
            stored = [e.data["client_id"] for e in recorder.stored if e.kind == "response_recorded"]
            return roster, early, refused, still, resumed, ack, second, stored

    roster, early, refused, still, resumed, ack, second, stored = run(main())
    assert "No space left" in roster.store_error
    assert early == []  # no ack while the message is not stored
    assert tag(refused) == "rejected" and "store is failing" in refused.reason
    assert tag(still) == "rejected" and "still paused" in still.reason
    assert tag(resumed) == "ack" and tag(ack) == "ack" and tag(second) == "ack"  # m2 could be sent again
    assert stored == ["comms/m1", "comms/m2"]
