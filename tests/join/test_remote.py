"""RemoteDrill: a seat's drill folded from the events the server sent, its commands turned into frames."""

from __future__ import annotations

import pytest

from drill.engine import Advance, CommandRejected, End, EvaluatorNote, InjectAdHoc, Pause, Relay, Respond
from drill.join.remote import RemoteDrill, relay_target
from drill.library import load_builtin
from drill.seats import protocol as wire
from drill.seats.audience import AudienceFilter
from drill.seats.views import scenario_view
from drill.wiring import start_drill


@pytest.fixture(scope="module")
def played():
    """A real drill's first twenty minutes, with a message from Comms and one from the IC."""
    scenario = load_builtin("checkout-outage")
    engine = start_drill(scenario, seed=7)
    engine.handle(Advance(to=600))
    engine.handle(Respond("comms", "status_page", "We are investigating failed card payments. Next update 10:30."))
    engine.handle(Respond("ic", "incident_chat", "Rolling back the deploy."))
    engine.handle(Advance(to=1200))
    return scenario, list(engine.log)


def seat(kind: str, role: str | None, scenario, **fields) -> tuple[RemoteDrill, list]:
    sent: list = []
    viewer = role or kind
    welcome = wire.Welcome(v=wire.VERSION, drill="d1", seat=wire.SeatInfo(role or kind, kind, role, "Sam"),
                           scenario=scenario_view(scenario, viewer), clock=0, speed=1.0, paused=False, ended=False,
                           **fields)
    return RemoteDrill(welcome, sent.append), sent


def events_for(viewer: str, scenario, log) -> wire.Events:
    return wire.Events(events=AudienceFilter(scenario).visible(viewer, log))


def test_a_roles_drill_is_folded_from_its_share_of_the_events(played):
    scenario, log = played
    comms, _ = seat("role", "comms", scenario)
    assert comms.scenario.injects == () and set(comms.scenario.roles) == set(scenario.roles)
    shown = []
    comms.subscribe(shown.append)
    comms.receive(events_for("comms", scenario, log))
    delivered = {event.data["inject_id"] for event in comms.state.deliveries}
    assert "social-chatter" in delivered and "alert-1" not in delivered  # the alert was for the IC
    assert len(comms.state.responses) == 2  # every response: internal channels are the team's room
    assert comms.state.facts == {} and comms.phase == ""  # the hidden truth never reaches a role
    assert comms.clock == max(event.at for event in comms.log)
    comms_response = comms.state.responses[0].data["response_id"]
    assert comms_response in comms.grades and len(comms.grades) == 1  # only its own grade
    assert [len(batch) for batch in shown] == [len(comms.log)]


def test_events_sent_again_after_a_reconnection_are_folded_once(played):
    scenario, log = played
    ic, _ = seat("role", "ic", scenario)
    frame = events_for("ic", scenario, log)
    ic.receive(wire.Events(events=frame.events[:5]))
    ic.receive(frame)
    assert [event.seq for event in ic.log] == sorted({event["seq"] for event in frame.events})


def test_the_facilitator_sees_everything_and_unknown_or_broken_events_are_let_pass(played):
    scenario, log = played
    facilitator, _ = seat("facilitator", None, scenario)
    notices = []
    facilitator.on_notice = notices.append
    broken = {"seq": len(log) + 1, "at": 1200, "kind": "ask_opened", "data": {"ask_id": "x"}}
    odd = {"seq": len(log) + 2, "at": 1200, "kind": "something_new", "data": {}}
    facilitator.receive(wire.Events(events=[*events_for("facilitator", scenario, log).events, broken, odd, "junk"]))
    assert len(facilitator.log) == len(log) + 1 and facilitator.log[-1].kind == "something_new"
    assert facilitator.state.facts  # the facilitator sees the hidden truth
    assert len(notices) == 1 and "could not be read" in notices[0]


def test_a_roles_commands_become_frames_with_fresh_ids(played):
    scenario, _ = played
    comms, sent = seat("role", "comms", scenario)
    assert comms.send(Respond("comms", "status_page", "Investigating.", reply_to="social-chatter")) == []
    comms.send(Respond("comms", "relay:ic", "What ETA can I give?"))
    comms.send(Respond("comms", "relay:*", "Status page is up."))
    send, to_ic, to_all = sent
    assert isinstance(send, wire.Send) and (send.channel, send.reply_to) == ("status_page", "social-chatter")
    assert isinstance(to_ic, wire.Relay) and to_ic.to == ["ic"] and to_all.to == []
    assert len({frame.id for frame in sent}) == 3 and set(comms.sent) == {frame.id for frame in sent}
    for command in (Pause(), End(), InjectAdHoc("chat", "x"), EvaluatorNote("Sam", "x"), Advance(by=5)):
        with pytest.raises(CommandRejected):
            comms.send(command)
    with pytest.raises(CommandRejected):
        comms.send(Relay("comms", (), "   "))
    assert relay_target("status_page") is None and relay_target("relay:*") == ()


def test_the_facilitator_drives_the_clock_and_the_observer_writes_notes(played):
    scenario, _ = played
    facilitator, sent = seat("facilitator", None, scenario)
    facilitator.toggle_pause()
    facilitator.next_inject()
    facilitator.set_speed(5)
    facilitator.send(InjectAdHoc("chat", "Exec wants an update", to=("ic",), within=300, expects_role="ic"))
    facilitator.preview("comms")
    assert [(frame.action, frame.value) for frame in sent[:3]] == [("pause", None), ("next", None), ("speed", 5)]
    assert sent[3].to == ["ic"] and (sent[3].within, sent[3].expects_role) == (300, "ic")
    assert sent[4] == wire.Preview(role="comms") and "comms" not in facilitator.sent
    with pytest.raises(CommandRejected):
        facilitator.send(Respond("ic", "incident_chat", "no role to speak for"))
    observer, noted = seat("observer", None, scenario)
    observer.send(EvaluatorNote("Ana", "Good hand-off", objective="first-public"))
    assert noted[0].text == "Good hand-off" and noted[0].objective == "first-public"
    with pytest.raises(CommandRejected):
        observer.toggle_pause()


def test_answers_reach_the_app_with_the_frame_they_answer(played):
    scenario, log = played
    comms, sent = seat("role", "comms", scenario)
    answers = []
    comms.on_answer = lambda frame, answer: answers.append((frame, answer))
    comms.send(Respond("comms", "status_page", "Investigating."))
    comms.receive(wire.Rejected(id=sent[0].id, reason="the drill is paused"))
    comms.receive(wire.Ack(id="someone-elses", seq=4))
    assert answers[0] == (sent[0], wire.Rejected(id=sent[0].id, reason="the drill is paused"))
    assert answers[1][0] is None and comms.sent == {}


def test_the_clock_runs_on_between_clock_frames_and_the_server_sets_it_right(played):
    scenario, _ = played
    ic, _ = seat("role", "ic", scenario)
    ic.tick(2.5)
    assert ic.clock == 2
    ic.receive(wire.Clock(at=1, speed=2.0, paused=True))
    assert (ic.clock, ic.speed, ic.paused) == (1, 2.0, True)
    ic.tick(10)
    assert ic.clock == 1  # paused: it stands still
    ic.receive(wire.Events(events=[{"seq": 1, "at": 30, "kind": "drill_resumed", "data": {}}]))
    assert not ic.paused and ic.clock == 30
    ic.receive(wire.Events(events=[{"seq": 2, "at": 40, "kind": "drill_ended", "data": {"reason": "facilitator"}}]))
    assert ic.ended and not ic.paused
    with pytest.raises(CommandRejected, match="ended"):
        ic.send(Respond("ic", "incident_chat", "too late"))


def test_a_draft_typed_key_by_key_is_passed_on_at_most_once_a_second(played):
    scenario, _ = played
    now = [100.0]
    drafts = []
    welcome = wire.Welcome(v=1, drill="d1", seat=wire.SeatInfo("comms", "role", "comms", ""),
                           scenario=scenario_view(scenario, "comms"), clock=0, speed=1, paused=False, ended=False)
    comms = RemoteDrill(welcome, lambda frame: None, lambda text, channel: drafts.append((text, channel)),
                        now=lambda: now[0])
    comms.flush(("W", "comms", "status_page"))
    comms.flush(("We", "comms", "status_page"))
    now[0] += 1.0
    comms.flush(("We", "comms", "status_page"))
    comms.flush(("We a", "comms", "relay:ic"))
    comms.flush(("We a", "comms", "relay:ic"), force=True)
    comms.flush(("", "comms", "status_page"))
    assert drafts == [("W", "status_page"), ("We", "status_page"), ("We a", None), ("", None)]


def test_previews_are_kept_apart_from_the_seats_own_events(played):
    scenario, log = played
    facilitator, _ = seat("facilitator", None, scenario)
    previewed = []
    facilitator.on_preview = previewed.append
    facilitator.preview("comms")
    view = events_for("comms", scenario, log)
    facilitator.receive(wire.Events(events=view.events, preview="comms"))
    facilitator.receive(wire.Events(events=view.events, preview="ic"))  # an old preview's stragglers
    assert facilitator.log == [] and len(facilitator.preview_log) == len(view.events) == len(previewed[0])
