"""Frames that change the drill: acknowledged once stored, each id once, refused with a reason."""

from serve_harness import join, run, served, tag

from drill.seats.protocol import Control, Inject, Note, Relay, Send


def test_a_repeated_id_gets_the_first_ack_and_makes_one_message():
    async def main():
        async with served() as drill:
            comms = await join(drill.url, drill.tokens["comms"])
            await comms.send(Send(id="m1", channel="status_page", text="We are investigating failed card payments."))
            first = await comms.ack("m1")
            await comms.send(Send(id="m1", channel="status_page", text="We are investigating failed card payments."))
            again = await comms.ack("m1")
            recorded = [e for e in drill.live.shown_log if e.kind == "response_recorded"]
            return first, again, recorded

    first, again, recorded = run(main())
    assert tag(first) == tag(again) == "ack" and first.seq == again.seq
    assert len(recorded) == 1 and recorded[0].seq == first.seq
    assert recorded[0].data["client_id"] == "comms/m1"


def test_frames_sent_out_of_order_are_each_acknowledged_with_their_own_event():
    async def main():
        async with served() as drill:
            comms = await join(drill.url, drill.tokens["comms"])
            for frame_id in ("m3", "m1", "m2", "m1", "m3"):
                await comms.send(Send(id=frame_id, channel="incident_chat", text=f"Comms note {frame_id}."))
            acks = [await comms.ack(frame_id) for frame_id in ("m3", "m1", "m2", "m1", "m3")]
            texts = {e.seq: e.data["text"] for e in drill.live.shown_log if e.kind == "response_recorded"}
            return acks, texts

    acks, texts = run(main())
    assert [texts[ack.seq] for ack in acks] == [f"Comms note {i}." for i in ("m3", "m1", "m2", "m1", "m3")]
    assert len(texts) == 3


def test_the_same_id_from_two_seats_is_two_messages():
    async def main():
        async with served(seats_per_role=2) as drill:
            one = await join(drill.url, drill.tokens["comms"])
            two = await join(drill.url, drill.tokens["comms-2"])
            await one.send(Send(id="1", channel="incident_chat", text="From the first comms seat."))
            await two.send(Send(id="1", channel="incident_chat", text="From the second comms seat."))
            return (await one.ack("1")).seq, (await two.ack("1")).seq

    first, second = run(main())
    assert first != second


def test_a_refused_frame_says_why_and_stays_refused():
    async def main():
        async with served() as drill:
            comms = await join(drill.url, drill.tokens["comms"])
            await comms.send(Send(id="x", channel="nowhere", text="Hello?"))
            first = await comms.ack("x")
            await comms.send(Send(id="x", channel="status_page", text="Now on a real channel."))
            again = await comms.ack("x")
            await comms.send(Control(id="c", action="end"))
            control = await comms.ack("c")
            await comms.send(Note(id="n", text="Comms is not an evaluator."))
            note = await comms.ack("n")
            return first, again, control, note, drill.live.ended

    first, again, control, note, ended = run(main())
    assert tag(first) == "rejected" and "unknown channel 'nowhere'" in first.reason
    assert again == first
    assert tag(control) == "rejected" and "facilitator" in control.reason and not ended
    assert tag(note) == "rejected"


def test_relays_reach_only_the_roles_they_name():
    async def main():
        async with served() as drill:
            liaison = await join(drill.url, drill.tokens["liaison"])
            comms = await join(drill.url, drill.tokens["comms"])
            ic = await join(drill.url, drill.tokens["ic"])
            await liaison.send(Relay(id="r1", to=["comms"], text="About 400 merchants affected, ETA 30 minutes."))
            ack = await liaison.ack("r1")
            relayed = await comms.event("relay_sent")
            await ic.settled()
            return ack, relayed, [e for e in ic.events if e["kind"] == "relay_sent"]

    ack, relayed, seen_by_ic = run(main())
    assert tag(ack) == "ack" and relayed["seq"] == ack.seq
    assert relayed["data"]["role"] == "liaison" and relayed["data"]["to"] == ["comms"]
    assert seen_by_ic == []


def test_evaluator_notes_reach_the_facilitator_and_observers_only():
    async def main():
        async with served(observers=2) as drill:
            observer = await join(drill.url, drill.tokens["observer"], name="Eve Evaluator")
            second = await join(drill.url, drill.tokens["observer-2"], name="Olu")
            fac = await join(drill.url, drill.tokens["facilitator"])
            comms = await join(drill.url, drill.tokens["comms"])
            await observer.send(Note(id="n1", text="The first update was clear.", objective="first-public"))
            ack = await observer.ack("n1")
            noted = await fac.event("evaluator_noted")
            seen_by_second = await second.event("evaluator_noted")
            await comms.settled()
            return ack, noted, seen_by_second, [e for e in comms.events if e["kind"] == "evaluator_noted"]

    ack, noted, seen_by_second, seen_by_comms = run(main())
    assert tag(ack) == "ack" and seen_by_second == noted
    assert noted["data"]["author"] == "Eve Evaluator" and noted["data"]["objective"] == "first-public"
    assert seen_by_comms == []


def test_facilitator_controls_and_injects():
    async def main():
        async with served() as drill:
            fac = await join(drill.url, drill.tokens["facilitator"])
            support = await join(drill.url, drill.tokens["support"])
            results = {}
            for frame in (Control(id="resume", action="resume"), Control(id="speed", action="speed", value=5),
                          Control(id="slow", action="speed", value=0), Control(id="pause", action="pause"),
                          Control(id="pause-again", action="pause"),
                          Inject(id="adhoc", kind="email", text="A merchant writes in.", to=["support"], within=300,
                                 expects_role="support", expects_channel="support_reply")):
                await fac.send(frame)
                results[frame.id] = await fac.ack(frame.id)
            clock = await support.next("clock", lambda frame: frame.speed == 5)
            delivered = await support.event("inject_delivered", lambda e: e["data"]["adhoc"])
            asked = await support.event("ask_opened")
            return results, clock, delivered, asked, drill.live

    results, clock, delivered, asked, live = run(main())
    assert asked["data"]["roles"] == ["support"] and asked["data"]["channels"] == ["support_reply"]
    assert all(tag(results[key]) == "ack" for key in ("resume", "speed", "pause", "pause-again", "adhoc"))
    assert results["speed"].seq == 0 and results["pause-again"].seq == 0
    assert tag(results["slow"]) == "rejected" and "speed" in results["slow"].reason
    assert live.paused and delivered["data"]["text"] == "A merchant writes in."
    assert delivered["seq"] == results["adhoc"].seq


def test_the_names_seats_give_are_recorded_as_participants():
    async def main():
        async with served(seats_per_role=2) as drill:
            await join(drill.url, drill.tokens["comms"], name="Cam")
            await join(drill.url, drill.tokens["comms-2"], name="Dee")
            again = await join(drill.url, drill.tokens["comms"], name="Cam")
            await join(drill.url, drill.tokens["observer"], name="Eve")
            await again.settled()
            return drill.live.state.participants, [e for e in drill.live.shown_log if e.kind == "participants_assigned"]

    participants, assigned = run(main())
    assert participants == {"comms": "Cam, Dee"} and len(assigned) == 2
