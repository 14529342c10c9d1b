"""A drill reopened from the store reads its grades only when they are shown."""

from __future__ import annotations

import json

from drill.engine import Advance, Respond
from drill.engine.events import DeferredJSON, events_to_jsonl
from drill.grading import grade_log
from drill.library import scenario_file
from drill.store import Store, begin_recording, rebuild
from drill.wiring import start_drill

MESSAGES = [
    ("comms", "status_page", "We are investigating failed card payments in Europe. Next update in 30 minutes."),
    ("support", "support_reply", "Sorry, payments are failing for some merchants; we're on it."),
    ("comms", "status_page", "Payments are recovering; we are monitoring."),
]


def recorded_drill(target):
    source = scenario_file("checkout-outage")
    engine = start_drill(source.load(), seed=4)
    store = Store(target)
    recorder = begin_recording(store, engine, source.text.decode(), source.name)
    for minute, (role, channel, text) in enumerate(MESSAGES, 1):
        recorder.record(engine.handle(Advance(to=minute * 120)))
        recorder.record(engine.handle(Respond(role, channel, text)))
    return store, recorder.drill_id, engine


def test_deferred_grades_read_back_equal_to_the_log_and_serialise_the_same(store_target):
    store, drill_id, engine = recorded_drill(store_target)
    with store:
        deferred = store.events(drill_id, defer_grades=True)
        plain = store.events(drill_id)
    graded = [event for event in deferred if event.kind == "response_graded"]
    assert len(graded) == len(MESSAGES)
    assert all(isinstance(event.data["grade"], DeferredJSON) for event in graded)
    assert deferred == plain == engine.log
    assert events_to_jsonl(deferred) == events_to_jsonl(plain)


def test_a_deferred_grade_is_parsed_when_it_is_first_read(store_target):
    store, drill_id, engine = recorded_drill(store_target)
    with store:
        events = store.events(drill_id, defer_grades=True)
    grades = grade_log(engine.scenario, events)
    waiting = [event.data["grade"] for event in events if event.kind == "response_graded"]
    assert all(grade.text for grade in waiting)  # still text: nothing has read them
    expected = grade_log(engine.scenario, engine.log)
    assert grades[2].to_dict() == expected[2].to_dict()
    assert not waiting[1].text and waiting[0].text  # only the one read was parsed
    assert sorted(grades) == [1, 2, 3] and 3 in grades and 4 not in grades


def test_a_rebuilt_drill_defers_its_grades_and_reports_as_before(store_target):
    store, drill_id, engine = recorded_drill(store_target)
    with store:
        rebuilt = rebuild(store, drill_id)
    assert rebuilt.engine.log == engine.log
    kept = [e for e in rebuilt.engine.log if e.kind == "response_graded"]
    assert all(isinstance(e.data["grade"], DeferredJSON) for e in kept)
    assert json.loads(kept[0].to_json())["data"]["grade"] == engine.log[kept[0].seq - 1].data["grade"]


def test_an_event_whose_data_was_stored_otherwise_is_read_whole(tmp_path):
    store, drill_id, _ = recorded_drill(tmp_path / "drill.db")  # SQLite's JSON functions rewrite the row
    with store:
        store.connection.execute(  # the same data, keys in another order
            "UPDATE events SET data = json_object('grade', json(json_extract(data, '$.grade')), "
            "'response_id', json_extract(data, '$.response_id')) WHERE kind = 'response_graded'")
        events = store.events(drill_id, defer_grades=True)
        assert events == store.events(drill_id)
    assert not any(isinstance(e.data.get("grade"), DeferredJSON) for e in events)
