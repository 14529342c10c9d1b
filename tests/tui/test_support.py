"""The UI's pure helpers, tested without Textual."""

from datetime import datetime
from pathlib import Path

from drill.engine import Advance, DrillEngine, InjectAdHoc, Respond
from drill.message_grading import grade_response
from drill.tui.support.asks import AMBER, CALM, RED, countdown, urgency
from drill.tui.support.clock import ScenarioClock, next_speed
from drill.tui.support.feed import feed_entry
from drill.tui.support.out_dir import default_out_dir


def test_the_clock_hands_out_whole_seconds_and_keeps_the_fraction():
    clock = ScenarioClock()
    assert [clock.take(0.4) for _ in range(5)] == [0, 0, 1, 0, 1]
    assert clock.take(2.5) == 2
    clock.reset()
    assert clock.take(0.6) == 0
    assert clock.take(-3) == 0


def test_speeds_cycle_through_the_presets():
    assert [next_speed(speed) for speed in (1, 2, 5, 10, 3, 60)] == [2, 5, 10, 1, 5, 1]


def test_urgency_turns_amber_in_the_last_third_then_red_when_overdue():
    assert urgency(due_at=300, within=300, clock=0) == CALM
    assert urgency(due_at=300, within=300, clock=199) == CALM
    assert urgency(due_at=300, within=300, clock=201) == AMBER
    assert urgency(due_at=300, within=300, clock=300) == AMBER
    assert urgency(due_at=300, within=300, clock=301) == RED
    assert countdown(300, 30) == "4m 30s left"
    assert countdown(300, 370) == "1m 10s overdue"


def test_feed_entries_know_their_roles_and_channels(checkout):
    engine = DrillEngine.start(checkout)
    events = engine.handle(Advance(to=60))
    delivered = feed_entry(events[0], engine.state)
    assert delivered.roles == ("ic",) and delivered.channels == ("incident_chat",)
    assert delivered.matches("ic", None) and delivered.matches(None, "incident_chat")
    assert not delivered.matches("comms", None) and not delivered.matches(None, "social")
    sent = engine.handle(Respond("comms", "social", "We are looking into failed payments."))
    assert feed_entry(sent[0], engine.state).matches("comms", "social")
    note = engine.handle(InjectAdHoc(type="note", text="Only for you", to=("facilitator",)))
    assert feed_entry(note[0], engine.state).facilitator_only
    assert feed_entry(engine.log[0], engine.state) is None  # drill_started is not in the feed


def test_the_default_report_folder_is_named_after_the_drill():
    assert default_out_dir("checkout-outage", datetime(2024, 5, 3, 14, 2, 9)) == Path(
        "drill-checkout-outage-20240503-140209")


def test_a_sent_message_is_graded_against_its_channel(checkout):
    engine = DrillEngine.start(checkout)
    engine.handle(Advance(to=300))
    events = engine.handle(Respond("comms", "status_page", "We are investigating failed card payments in Europe."))
    grade = grade_response(engine, events[0])
    assert 0 <= grade.score <= 100
    assert {criterion.id for criterion in grade.criteria} >= {"acknowledge", "next_update"}


def test_the_next_inject_skips_the_publics_ticks(checkout):
    from drill.tui.support.schedule import next_inject_due

    engine = DrillEngine.start(checkout)
    engine.handle(Advance(to=0))
    assert next_inject_due(engine) == 180
    engine.handle(Advance(to=75 * 60))
    assert next_inject_due(engine) is None
