"""The engine's commands for drills with several seats: relays between roles, evaluator notes,
and the seat's frame id kept on the event it caused."""

import pytest

from drill.engine import (Advance, CommandRejected, DrillEngine, End, EvaluatorNote, InjectAdHoc, Pause, Relay,
                          Respond, client_ids)
from drill.scenario import load_scenario
from scenario_text import MINIMAL


@pytest.fixture
def engine():
    return DrillEngine.start(load_scenario(MINIMAL, "s.yaml"), seed=1, plugins=())


def test_a_response_carries_the_client_id_only_when_given(engine):
    plain = engine.handle(Respond("comms", "chat", "Looking."))[0]
    assert "client_id" not in plain.data
    tagged = engine.handle(Respond("comms", "chat", "Still looking.", client_id="c-1"))[0]
    assert tagged.data["client_id"] == "c-1"
    assert '"client_id":"c-1"' in tagged.to_json()


def test_a_relay_is_numbered_folded_and_names_each_role_once(engine):
    first = engine.handle(Relay("support", ("comms", "comms"), "About 1,200 customers affected."))
    second = engine.handle(Relay("comms", (), "Posting in two minutes.", client_id="x"))
    assert [event.kind for event in first + second] == ["relay_sent", "relay_sent"]
    assert first[0].data == {"relay_id": 1, "role": "support", "to": ["comms"], "text": "About 1,200 customers affected."}
    assert second[0].data == {"relay_id": 2, "role": "comms", "to": [], "text": "Posting in two minutes.",
                              "client_id": "x"}
    assert engine.state.relays == first + second
    assert engine.state.responses == []  # a relay is never a response: it answers no ask and the public never sees it


@pytest.mark.parametrize("command, reason", [
    (Relay("ghost", (), "hi"), "unknown role 'ghost'"),
    (Relay("comms", ("facilitator",), "hi"), "cannot relay to 'facilitator'"),
    (Relay("comms", (), "   "), "the message is empty"),
    (Relay("comms", (), "x" * 20_001), "longer than 20,000 characters"),
    (EvaluatorNote("Ana", "good", objective="nope"), "unknown objective 'nope' (objectives: first-public)"),
    (EvaluatorNote(" ", "good"), "the note needs an author"),
    (EvaluatorNote("Ana", ""), "the note is empty"),
    (EvaluatorNote("Ana", "good", objective="first-public", rating="A"), "rating is one of P, S, M, U"),
    (EvaluatorNote("Ana", "good", rating="S"), "a rating is of an objective"),
])
def test_bad_relays_and_notes_are_refused_with_a_reason(engine, command, reason):
    with pytest.raises(CommandRejected, match=reason.replace("(", r"\(").replace(")", r"\)")):
        engine.handle(command)
    assert engine.state.seq == 1


def test_notes_are_folded_with_their_objective(engine):
    engine.handle(Advance(to=120))
    note = engine.handle(EvaluatorNote(" Ana ", "Comms waited for the numbers.", objective="first-public"))[0]
    assert (note.kind, note.at) == ("evaluator_noted", 120)
    assert note.data == {"note_id": 1, "author": "Ana", "objective": "first-public",
                         "text": "Comms waited for the numbers."}
    assert engine.state.notes == [note]
    rated = engine.handle(EvaluatorNote("Ana", "Posted in time.", objective="first-public", rating="P"))[0]
    assert rated.data["rating"] == "P"


def test_relays_and_notes_are_taken_while_paused_but_not_after_the_end(engine):
    engine.handle(Pause())
    assert engine.handle(Relay("comms", (), "hold on"))[0].kind == "relay_sent"
    assert engine.handle(EvaluatorNote("Ana", "paused well"))[0].kind == "evaluator_noted"
    engine.handle(End())
    for command in (Relay("comms", (), "late"), EvaluatorNote("Ana", "late")):
        with pytest.raises(CommandRejected, match="the drill has ended"):
            engine.handle(command)


def test_client_ids_map_each_id_to_the_event_it_caused_and_survive_a_rebuild(engine):
    engine.handle(Advance(to=60))
    engine.handle(Respond("comms", "status_page", "Investigating.", client_id="a"))
    engine.handle(Relay("support", ("comms",), "1,200 customers", client_id="b"))
    engine.handle(InjectAdHoc("chat", "A call from the CEO", client_id="c"))
    engine.handle(EvaluatorNote("Ana", "ok", client_id="d"))
    by_id = client_ids(engine.log)
    assert sorted(by_id) == ["a", "b", "c", "d"]
    for client_id, seq in by_id.items():
        assert engine.log[seq - 1].data["client_id"] == client_id
    rebuilt = DrillEngine.from_events(engine.scenario, engine.log, plugins=())
    assert client_ids(rebuilt.log) == by_id
    assert [e.to_json() for e in rebuilt.state.relays + rebuilt.state.notes] == \
        [e.to_json() for e in engine.state.relays + engine.state.notes]
