"""The live drill without a UI: what the terminal, simulate and a server all drive."""

from __future__ import annotations

import pytest

import scoring.message
from drill.engine import CommandRejected, Respond
from drill.library import load_builtin
from drill.live import LiveDrill, ReplayDrill, ReplaySource
from drill.session import report_for
from drill.simulate import simulate
from recorders import FlakyRecorder

CHECKOUT = load_builtin("checkout-outage")
STATUS = ("Investigating: card payments are failing at checkout for merchants in Europe. "
          "We are sorry. Next update in 30 minutes.")


def test_every_message_is_graded_once_and_the_report_reads_that_grade(monkeypatch):
    calls = []
    real = scoring.message.grade_message

    def counting(text, context):
        calls.append(text)
        return real(text, context)

    monkeypatch.setattr(scoring.message, "grade_message", counting)
    from drill.library import builtin_responses
    from drill.responses import load_responses

    data, source = builtin_responses("checkout-outage")
    responses = load_responses(data, CHECKOUT, source)
    engine = simulate(CHECKOUT, responses, 7)
    report = report_for(engine)
    assert len(calls) == len(responses) == len(report["responses"])
    logged = {e.data["response_id"]: e.data["grade"]["score"] for e in engine.log if e.kind == "response_graded"}
    assert {r["id"]: r["quality"]["score"] for r in report["responses"]} == logged


def test_ticks_move_whole_seconds_and_keep_the_fraction():
    live = LiveDrill.new(CHECKOUT, 7)
    live.begin()
    live.start_clock({})
    for _ in range(5):
        live.tick(0.4)
    assert live.clock == 2  # 2.0 s of 0.4 s ticks; the engine moves in whole seconds


def test_a_failing_store_holds_the_batch_back_pauses_and_shows_it_once_retried():
    recorder = FlakyRecorder()
    shown: list = []
    live = LiveDrill.new(CHECKOUT, 7, recorder=recorder)
    live.subscribe(shown.extend)
    live.begin()
    live.start_clock({})
    recorder.failing = True
    held = live.tick(90)
    assert live.store_error == "No space left on device" and live.paused
    assert not any(event in shown for event in held)
    with pytest.raises(CommandRejected, match="store is failing"):
        live.send(Respond("comms", "status_page", STATUS))
    assert live.tick(60) == []  # time waits while nothing can be saved
    recorder.failing = False
    assert live.retry()
    assert [e.seq for e in shown] == [e.seq for e in live.engine.log]
    assert recorder.stored == live.engine.log


def test_a_replay_shows_the_stored_events_and_skips_to_the_next():
    engine = simulate(CHECKOUT, seed=7)
    replay = ReplayDrill(ReplaySource(CHECKOUT, engine.log, engine.clock))
    seen = []
    replay.subscribe(seen.extend)
    first = replay.skip()
    assert first and all(event.at == first[0].at for event in first)
    replay.tick(10 ** 6)
    assert replay.finished and [e.seq for e in replay.shown_log] == [e.seq for e in engine.log]
    assert [e.seq for e in seen] == [e.seq for e in engine.log[len(engine.log) - len(seen):]]
