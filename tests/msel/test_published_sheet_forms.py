"""Forms published MSELs use that a team's own sheet may not: their headers, times, media and blanks."""

from __future__ import annotations

import csv
import io

import pytest

from drill.msel.columns import recognise
from drill.msel.kinds import inject_kind
from drill.msel.roles import RoleBook
from drill.msel.times import ELAPSED, Reading, read_length, read_time

from msel_helpers import import_csv


def fields(headers):
    return [column.meta_key if column.field == "meta" else column.field for column in recognise(headers).columns]


def sheet(*rows) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


@pytest.mark.parametrize("headers, expected", [
    # a facilitator package's inject timeline
    (["Timing", "Inject #", "Delivery", "Content Summary", "Expected Response", "Facilitator Notes"],
     ["time", "serial", "method", "text", "expected", "notes"]),
    (["Inject #", "Timing (Approx.)", "Delivery Method", "Content", "Expected Response/Goal", "Facilitator Notes"],
     ["serial", "time", "method", "text", "expected", "notes"]),
    # a minutes column and an evaluation column of two names
    (["T+min", "Inject#", "Delivery", "Description", "Artifacts", "Expected Actions", "Evaluation Notes/Hints"],
     ["time", "serial", "method", "text", "attachments", "expected", "hints"]),
    (["T+ (min)", "T+Minutes"], ["time", "t_minutes"]),  # one time column; the other kept in meta
    # a chat-ops framework's sheet: the delivery clock, the fiction's day, a subject and a script
    (["#", "Real Time", "Player", "Date", "Subject", "From", "Script"],
     ["serial", "time", "to", "date", "title", "from", "read_aloud"]),
    # HSEEP's own MSEL template
    (["Event Number", "Designated Scenario Time", "Event Type", "Inject Mode", "From", "To", "Message",
      "Expected Participant Response", "Exercise Objective", "Notes"],
     ["serial", "time", "type", "method", "from", "to", "text", "expected", "objective", "notes"]),
    (["MSEL Number", "Designated Scenario Time", "Event Synopsis", "Responsible Controller", "Intended Player(s)",
      "Expected Participant Action"],
     ["serial", "time", "text", "controller", "to", "expected"]),
])
def test_published_headers(headers, expected):
    assert fields(headers) == expected


def test_an_inject_column_outranks_a_synopsis():
    assert fields(["Time", "Event Synopsis", "Inject"]) == ["time", "event_synopsis", "text"]


@pytest.mark.parametrize("value, seconds", [
    ("T=0:10", 600), ("T=5:30", 5 * 3600 + 1800), ("T = 1:15", 4500), ("T=0", 0), ("t=45", 2700),
    ("T+240", 4 * 3600), ("T+0", 0),
])
def test_t_equals_is_exercise_time(value, seconds):
    assert read_time(value) == Reading(seconds, ELAPSED)


def test_t_equals_as_a_length():
    assert read_length("T=0:15") == 900


@pytest.mark.parametrize("method, type_id, guessed", [
    ("Email (read aloud)", "email", False),  # the medium, and how it is delivered in the room
    ("News alert (email)", "email", True),  # a note naming the medium outranks the words before it
    ("Internal IT report (email)", "email", True),
    ("Call from CFO (facilitator)", "exec_request", True),  # who plays the caller is not the medium
    ("Conference call (facilitator role-plays)", "note", True),
    ("Security alert popup (verbal)", "alert", True),
])
def test_a_parenthesised_note_on_a_delivery_method(method, type_id, guessed):
    kind = inject_kind(method, "")
    assert (kind.type, kind.guessed) == (type_id, guessed)


def test_a_news_alert_by_email_is_answered_inside(tmp_path):
    imported = import_csv(tmp_path, sheet(["Timing", "Delivery", "Content Summary", "Expected Response"],
                                          ["T+105", "News alert (email)", "A patient posted about the breach",
                                           "Accelerate notification"]))
    inject = imported.scenario.injects[0]
    assert (inject.type, inject.at) == ("email", 105 * 60)
    assert inject.expects.channels == ("incident_chat",)


def test_a_script_is_the_message_when_the_sheet_has_no_other(tmp_path):
    imported = import_csv(tmp_path, sheet(["#", "Real Time", "Player", "Subject", "Script"],
                                          ["1", "19:29", "SRE", "Phishing alert", "We detected phishing.\n\nIgnore it."],
                                          ["2", "19:31", "PR/Comm", "", "I've encrypted all your files!"]))
    first, second = imported.scenario.injects
    assert first.text == "We detected phishing.\n\nIgnore it." and first.guide.title == "Phishing alert"
    assert first.guide.read_aloud == ""  # said once, as the text
    assert (second.text, second.guide.title, second.at) == ("I've encrypted all your files!", "", 120)
    assert imported.scenario.start == "19:29"
    assert second.to == ("comms",)


def test_a_script_beside_an_inject_column_is_still_read_aloud(tmp_path):
    imported = import_csv(tmp_path, sheet(["Time", "Inject", "Script"], ["T+00:00", "The alert", "Read this out"]))
    inject = imported.scenario.injects[0]
    assert (inject.text, inject.guide.read_aloud) == ("The alert", "Read this out")


def test_a_sheet_with_a_script_and_no_subject_has_a_header(tmp_path):
    imported = import_csv(tmp_path, sheet(["Time", "Script"], ["T+5", "Files are encrypted."]))
    assert imported.scenario.injects[0].text == "Files are encrypted."


@pytest.mark.parametrize("blank", ["-", "—", "N/A", "none"])
def test_a_placeholder_is_an_empty_cell(tmp_path, blank):
    imported = import_csv(tmp_path, sheet(["T+min", "Delivery", "Description", "Artifacts", "Expected Actions"],
                                          ["T+70", "Email from exec", "Request for customer comms & ETA", blank, blank],
                                          ["T+95", "Verbal", "Final sweep", "", "Plan recovery"]),
                          attachment_exists=lambda path: False)
    first, second = imported.scenario.injects
    assert first.at == 70 * 60 and first.guide.attachments == () and first.expects is None
    assert first.guide.expected == ()
    assert second.expects.within == 15 * 60
    assert not [warning for warning in imported.warnings if "beside the scenario" in warning.message]


def test_pr_slash_comm_is_communications():
    assert RoleBook().read("PR/Comm").to == ("comms",)
    assert RoleBook().read("Comm").to == ("comms",)
