"""Each seat is sent what its viewer may see, checked on the wire against the audience filter."""

from serve_harness import join, run, served, tag

from drill.seats.audience import AudienceFilter
from drill.seats.protocol import Control, Inject, Note, Preview, Send


def expected_seqs(live, viewer):
    audience = AudienceFilter(live.scenario)
    seqs = []
    for event in live.shown_log:
        audience.admit(event)
        if audience.sees(viewer, event):
            seqs.append(event.seq)
    return seqs


async def play_a_while(served_drill, fac, ic, observer):
    await fac.send(Control(id="go", action="resume"))
    await fac.ack("go")
    await fac.send(Inject(id="secret", kind="note", text="Facilitator only: the fix lands at 40m.", to=["facilitator"]))
    await fac.send(Inject(id="for-ic", kind="chat", text="IC only: the vendor called back.", to=["ic"]))
    for n in range(10):
        await fac.send(Control(id=f"next-{n}", action="next"))
        await fac.ack(f"next-{n}")
    await ic.send(Send(id="m1", channel="incident_chat", text="IC: we are rolling back the gateway config now."))
    assert tag(await ic.ack("m1")) == "ack"
    await observer.send(Note(id="n1", text="IC took charge quickly."))
    assert tag(await observer.ack("n1")) == "ack"


def test_every_seat_receives_exactly_its_viewers_events():
    async def main():
        async with served() as drill:
            fac = await join(drill.url, drill.tokens["facilitator"])
            comms = await join(drill.url, drill.tokens["comms"])
            ic = await join(drill.url, drill.tokens["ic"])
            observer = await join(drill.url, drill.tokens["observer"])
            await play_a_while(drill, fac, ic, observer)
            for seat, viewer in ((fac, "facilitator"), (comms, "comms"), (ic, "ic"), (observer, "observer")):
                await seat.settled()
                assert seat.seqs == expected_seqs(drill.live, viewer), viewer
            return drill.live.shown_log, comms.events, ic.events, fac.events

    log, comms, ic, fac = run(main())
    assert len(fac) == len(log)
    kinds = {event["kind"] for event in comms}
    assert not kinds & {"facts_changed", "inject_skipped", "evaluator_noted"}
    for event in comms:
        if event["kind"] == "inject_delivered":
            assert "Facilitator only" not in event["data"]["text"] and "IC only" not in event["data"]["text"]
            to = event["data"]["to"]
            assert not to or "comms" in to or event["data"]["type"] == "social_post"
    assert "seed" not in comms[0]["data"] and comms[0]["kind"] == "drill_started"
    assert any(event["kind"] == "response_recorded" for event in comms)  # the team's room is shared
    assert not any(event["kind"] == "response_graded" for event in comms)  # but not the IC's grade
    assert any(event["kind"] == "response_graded" for event in ic)
    assert any("IC only" in event["data"].get("text", "") for event in ic if event["kind"] == "inject_delivered")


def test_the_facilitator_previews_a_roles_view():
    async def main():
        async with served() as drill:
            fac = await join(drill.url, drill.tokens["facilitator"])
            comms = await join(drill.url, drill.tokens["comms"])
            await fac.send(Control(id="go", action="resume"))
            await fac.ack("go")
            await fac.send(Control(id="n", action="next"))
            await fac.ack("n")
            await fac.send(Preview(role="comms"))
            first = await fac.next("events", lambda frame: frame.preview == "comms")
            await fac.send(Inject(id="i", kind="chat", text="For comms.", to=["comms"]))
            later = await fac.next("events", lambda frame: frame.preview == "comms")
            await comms.settled()
            previewed = [event["seq"] for event in first.events + later.events]
            assert previewed == comms.seqs
            await fac.send(Preview(role=None))
            await fac.send(Inject(id="j", kind="chat", text="Again for comms.", to=["comms"]))
            await fac.ack("j")
            await fac.settled()
            assert [frame for frame in fac.frames[fac._cursor:] if tag(frame) == "events" and frame.preview] == []

    run(main())
