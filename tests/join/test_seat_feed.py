"""The feed's entries for what only a multi-seat drill has: relays between roles, evaluators' notes."""

from __future__ import annotations

from drill.engine.events import Event
from drill.join.seat_state import SeatState
from drill.library import load_builtin
from drill.tui.support.feed import feed_entry


def state() -> SeatState:
    return SeatState(load_builtin("checkout-outage"))


def test_a_relay_concerns_its_sender_and_recipients_and_one_to_everyone_concerns_every_role():
    to_ic = feed_entry(Event(5, 60, "relay_sent", {"relay_id": 1, "role": "comms", "to": ["ic"], "text": "ETA?"}),
                       state())
    assert to_ic.matches("comms", None) and to_ic.matches("ic", None) and not to_ic.matches("legal", None)
    to_all = feed_entry(Event(6, 60, "relay_sent", {"relay_id": 2, "role": "ic", "to": [], "text": "Standup"}),
                        state())
    assert to_all.matches("legal", None)


def test_an_evaluators_note_shows_under_the_facilitator_only_filter():
    note = feed_entry(Event(7, 90, "evaluator_noted", {"note_id": 1, "author": "Ana", "objective": None,
                                                       "text": "Quick hand-off"}), state())
    assert note.facilitator_only and not note.matches("comms", None)


def test_a_seats_fold_takes_injects_and_asks_it_has_no_script_for():
    seat = state()
    seat.apply(Event(1, 0, "drill_started", {"scenario_id": "x", "title": "t", "duration": 60, "org": {},
                                             "personas": {}, "start_time": None}))
    seat.apply(Event(2, 30, "inject_delivered", {"inject_id": "made-up", "occurrence": 1, "type": "chat",
                                                 "from": "x", "to": [], "text": "hi", "adhoc": False}))
    seat.apply(Event(3, 40, "ask_answered", {"ask_id": "never-opened", "response_id": 1, "latency": 5,
                                             "late": False}))
    assert seat.started and seat.seed == 0 and [event.seq for event in seat.deliveries] == [2]
    assert seat.schedule.peek() is None  # the server says what comes next
