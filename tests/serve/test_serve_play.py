"""Format 2's play from the seats: a chooser's choice, the facilitator's release and next move, answering
a question; each refused with a reason when the seat may not, and nothing of the facilitator's queue
reaching a player."""

from pathlib import Path

from serve_harness import join, run, served, tag

from drill.scenario import load_scenario
from drill.seats.protocol import Choose, Control, NextMove, Release, Send, encode
from drill.serve.drills import new_hosted_drill
from drill.serve.host import DrillHost

SCENARIOS = Path(__file__).parent.parent / "scenarios"
HELD_TEXTS = ("Someone posts a screenshot of the ransom note.", "A second leak.")


def hosted(name: str, edit=lambda text: text):
    path = SCENARIOS / f"{name}.yaml"
    return new_hosted_drill(load_scenario(edit(path.read_text()), str(path)), seed=1)


async def started(drill, *seats: str):
    """The facilitator's seat and the named ones joined, the drill resumed."""
    fac = await join(drill.url, drill.tokens["facilitator"])
    joined = [await join(drill.url, drill.tokens[seat]) for seat in seats]
    await fac.send(Control(id="go", action="resume"))
    assert tag(await fac.ack("go")) == "ack"
    return fac, *joined


async def jump(fac, frame_id: str):
    await fac.send(Control(id=frame_id, action="next"))
    answer = await fac.ack(frame_id)
    assert tag(answer) == "ack", answer


def delivered(drill) -> list[str]:
    return [e.data["inject_id"] for e in drill.live.shown_log if e.kind == "inject_delivered"]


def test_the_chooser_seats_choice_fires_its_branch_once():
    async def main():
        async with served(hosted("branching")) as drill:
            fac, ic, comms = await started(drill, "ic", "comms")
            await jump(fac, "to-triage")
            triage = await ic.event("inject_delivered", lambda e: e["data"]["inject_id"] == "triage")
            await ic.send(Choose(id="c1", inject="triage", option="restore"))
            first = await ic.ack("c1")
            await ic.send(Choose(id="c1", inject="triage", option="restore"))  # resent: the first answer again
            again = await ic.ack("c1")
            chosen = await comms.event("option_chosen")
            await jump(fac, "to-branch")
            await ic.event("inject_delivered", lambda e: e["data"]["inject_id"] == "restore-path")
            choices = [e for e in drill.live.shown_log if e.kind == "option_chosen"]
            restarted = DrillHost(_hosted_of(drill))  # as `drill serve --resume` builds one, over the same log
            return triage, first, again, chosen, choices, delivered(drill), restarted._answers.get(("ic", "c1"))

    triage, first, again, chosen, choices, injects, remembered = run(main())
    assert triage["data"]["play"]["chooser"] == "ic"
    assert [o["id"] for o in triage["data"]["play"]["options"]] == ["pay", "restore"]
    assert tag(first) == "ack" and again == first
    assert len(choices) == 1 and choices[0].seq == first.seq
    assert (choices[0].data["role"], choices[0].data["option_id"], choices[0].data["client_id"]) == (
        "ic", "restore", "ic/c1")
    assert chosen["data"]["option_id"] == "restore"  # every role that saw triage sees the choice
    assert "restore-path" in injects and "pay-path" not in injects
    assert remembered == encode(first).encode()  # a server started again from the log answers it the same


def _hosted_of(drill):
    from drill.serve.host import HostedDrill

    host = drill.host
    return HostedDrill(host.drill_id, host.live, host.book, host.drafts, {})


def test_a_choice_from_a_seat_that_may_not_make_it_is_refused_with_a_reason():
    def only_ic(text):
        return text.replace("  - id: retry\n", "  - id: retry\n    to: [ic]\n", 1)

    async def main():
        async with served(hosted("branching", only_ic)) as drill:
            fac, ic, comms, observer = await started(drill, "ic", "comms", "observer")
            await jump(fac, "to-triage")
            await comms.event("inject_delivered", lambda e: e["data"]["inject_id"] == "triage")
            answers = {}
            for seat, frame in ((comms, Choose(id="x1", inject="triage", option="pay")),
                                (comms, Choose(id="x2", inject="triage", option="pay", role="ic")),
                                (observer, Choose(id="x3", inject="triage", option="pay")),
                                (comms, Choose(id="x4", inject="leak", option="pay")),
                                (comms, Choose(id="x5", inject="no-such-inject", option="pay")),
                                (ic, Choose(id="x6", inject="triage", option="burn-it-down"))):
                await seat.send(frame)
                answers[frame.id] = await seat.ack(frame.id)
            await fac.send(Choose(id="f1", inject="triage", option="pay", role="ic"))  # the room decided
            answers["f1"] = await fac.ack("f1")
            await ic.send(Choose(id="late", inject="triage", option="restore"))
            answers["late"] = await ic.ack("late")
            return answers, [e.data for e in drill.live.shown_log if e.kind == "option_chosen"]

    answers, choices = run(main())
    for frame_id in ("x1", "x2", "x3", "x4", "x5", "x6", "late"):
        assert tag(answers[frame_id]) == "rejected", (frame_id, answers[frame_id])
    assert "Incident commander's to make" in answers["x1"].reason
    assert "chooses as Communications lead only" in answers["x2"].reason
    assert "observers" in answers["x3"].reason
    # An inject the seat never saw is refused alike whether it exists (held, unreleased) or not.
    assert answers["x4"].reason.replace("leak", "X") == answers["x5"].reason.replace("no-such-inject", "X")
    assert "has no option 'burn-it-down'" in answers["x6"].reason
    assert "has been made: Pay the ransom" in answers["late"].reason
    assert tag(answers["f1"]) == "ack" and [(c["option_id"], c["role"]) for c in choices] == [("pay", "ic")]


def test_a_player_never_receives_the_facilitators_queue_or_a_held_text_before_its_release():
    async def main():
        async with served(hosted("branching")) as drill:
            fac, ic, comms, observer = await started(drill, "ic", "comms", "observer")
            for n in range(2):  # triage at 5m, then on to late-leak at 30m, held
                await jump(fac, f"next-{n}")
            await fac.event("inject_held", lambda e: e["data"]["inject_id"] == "late-leak")
            await observer.event("inject_held")
            await comms.send(Release(id="r0", inject="late-leak"))
            refused = await comms.ack("r0")
            for seat in (ic, comms):
                await seat.settled()
            before = [encode(frame) for seat in (ic, comms) for frame in seat.frames]
            await fac.send(Release(id="r1", inject="late-leak"))
            released = await fac.ack("r1")
            leak = await comms.event("inject_delivered", lambda e: e["data"]["inject_id"] == "late-leak")
            await comms.settled()
            return (refused, before, released, leak, comms.events, fac.frames[0], fac.events, observer.events,
                    drill.live.shown_log)

    refused, before, released, leak, comms_events, welcome, fac_events, observed, log = run(main())
    assert tag(refused) == "rejected" and "facilitator" in refused.reason
    for raw in before:
        assert "inject_held" not in raw and not any(text in raw for text in HELD_TEXTS)
    assert [item["id"] for item in welcome.scenario["queue"]] == ["leak"]  # held from the start
    held = next(e for e in fac_events if e["kind"] == "inject_held")
    assert held["data"]["inject"]["text"] == HELD_TEXTS[1]
    assert "inject" not in next(e for e in observed if e["kind"] == "inject_held")["data"]
    assert tag(released) == "ack"
    release = next(e for e in log if e.kind == "inject_released")
    assert release.seq == released.seq and release.data["client_id"] == "facilitator/r1"
    assert leak["data"]["text"] == HELD_TEXTS[1]
    assert "inject_released" not in {e["kind"] for e in comms_events}


def test_a_seat_answers_its_roles_question_and_never_one_it_was_not_sent():
    def only_ic(text):
        return text.replace("  - id: triage\n", "  - id: triage\n    to: [ic]\n", 1)

    async def main():
        async with served(hosted("branching", only_ic)) as drill:
            fac, ic, comms = await started(drill, "ic", "comms")
            await jump(fac, "to-triage")
            opened = await ic.event("question_opened", lambda e: e["data"]["question_id"] == "triage.first")
            await ic.send(Send(id="a1", channel="bridge", text="Isolate the affected hosts and preserve the logs.",
                               reply_to="triage.first"))
            answer = await ic.ack("a1")
            answered = await ic.event("question_answered")
            await comms.send(Send(id="a2", channel="bridge", text="I would call legal.", reply_to="triage.feel"))
            probe = await comms.ack("a2")
            await comms.send(Send(id="a3", channel="bridge", text="Nothing.", reply_to="no-such.question"))
            nothing = await comms.ack("a3")
            await comms.settled()
            return opened, answer, answered, probe, nothing, comms.events, drill.live.shown_log

    opened, answer, answered, probe, nothing, comms_events, log = run(main())
    assert opened["data"]["role"] == "ic"
    assert tag(answer) == "ack" and answered["data"]["question_id"] == "triage.first"
    recorded = next(e for e in log if e.kind == "response_recorded")
    assert recorded.seq == answer.seq and recorded.data["question"] == "triage.first"
    graded = next(e for e in log if e.kind == "response_graded")
    assert graded.data["response_id"] == recorded.data["response_id"]  # grade: rubric
    # comms was never sent triage: its question is refused as a reply to nothing is, in the same words.
    assert tag(probe) == "rejected" and tag(nothing) == "rejected"
    assert probe.reason.replace("triage.feel", "X") == nothing.reason.replace("no-such.question", "X")
    assert not any(str(e["data"].get("question_id", "")).startswith("triage.") for e in comms_events)


def test_a_comms_seat_answers_a_question_open_to_any_role_but_not_the_ics():
    async def main():
        async with served(hosted("branching")) as drill:
            fac, comms = await started(drill, "comms")
            await jump(fac, "to-triage")
            await comms.event("question_opened", lambda e: e["data"]["question_id"] == "triage.feel")
            await comms.send(Send(id="b1", channel="bridge", text="Legal, then the exec on call.", reply_to="triage.feel"))
            ok = await comms.ack("b1")
            await comms.send(Send(id="b2", channel="bridge", text="Isolate everything.", reply_to="triage.first"))
            wrong = await comms.ack("b2")
            return ok, wrong, [e.data for e in drill.live.shown_log if e.kind == "question_answered"]

    ok, wrong, answered = run(main())
    assert tag(ok) == "ack" and [a["question_id"] for a in answered] == ["triage.feel"]
    assert tag(wrong) == "rejected" and "is for Incident commander, not Communications lead" in wrong.reason


def test_the_facilitator_starts_the_next_move_and_a_resent_frame_starts_no_other():
    async def main():
        async with served(hosted("moves")) as drill:
            fac, ic = await started(drill, "ic")
            await ic.event("inject_delivered", lambda e: e["data"]["inject_id"] == "m1")
            answers = {}
            await ic.send(NextMove(id="ic-move", move=1))
            answers["ic"] = await ic.ack("ic-move")
            await fac.send(Control(id="jump", action="next"))
            answers["jump"] = await fac.ack("jump")
            await fac.send(NextMove(id="m", move=1))
            answers["first"] = await fac.ack("m")
            moved = await ic.event("move_started")
            m2 = await ic.event("inject_delivered", lambda e: e["data"]["inject_id"] == "m2")
            await fac.send(NextMove(id="m", move=1))
            answers["resent"] = await fac.ack("m")
            await fac.send(NextMove(id="m-again", move=1))  # a copy with a new id (after a restart, say)
            answers["stale"] = await fac.ack("m-again")
            await fac.send(Control(id="stop", action="pause"))
            await fac.ack("stop")
            await fac.send(NextMove(id="paused", move=2))
            answers["paused"] = await fac.ack("paused")
            await fac.send(Control(id="go-on", action="resume"))
            await fac.ack("go-on")
            await fac.send(NextMove(id="to-3", move=2))
            answers["to-3"] = await fac.ack("to-3")
            await fac.send(NextMove(id="end", move=3))  # after the last move: the drill ends
            answers["end"] = await fac.ack("end")
            return answers, moved, m2, drill.live.shown_log, drill.live.ended

    answers, moved, m2, log, ended = run(main())
    assert tag(answers["ic"]) == "rejected" and "facilitator" in answers["ic"].reason
    assert tag(answers["jump"]) == "rejected" and "start the next move" in answers["jump"].reason
    assert tag(answers["first"]) == "ack" and answers["resent"] == answers["first"]
    assert moved["data"] == {"move": 2} and moved["seq"] == answers["first"].seq
    assert m2["data"]["inject_id"] == "m2"
    assert tag(answers["stale"]) == "rejected" and "move 2 of 3 is" in answers["stale"].reason
    assert tag(answers["paused"]) == "rejected" and "paused" in answers["paused"].reason
    assert [e.data["move"] for e in log if e.kind == "move_started"] == [2, 3]
    assert tag(answers["end"]) == "ack" and ended
    assert any(e.kind == "inject_held" and e.data["inject_id"] == "m3" for e in log)


def test_next_move_in_a_drill_on_a_clock_is_refused():
    async def main():
        async with served() as drill:
            fac = await join(drill.url, drill.tokens["facilitator"])
            await fac.send(NextMove(id="m"))
            return await fac.ack("m")

    answer = run(main())
    assert tag(answer) == "rejected" and "runs on a clock" in answer.reason


def test_a_token_never_reads_as_a_command_line_option(monkeypatch):
    import secrets

    from drill.serve import tokens

    made = iter(["-leading-dash-token", "-another", "fine-token"])
    monkeypatch.setattr(secrets, "token_urlsafe", lambda size: next(made))
    assert tokens.new_token() == "fine-token"
