"""An MSEL's discussion questions, red flags, success criteria and hints land in format 2's own fields."""

from __future__ import annotations

import csv
import io

from msel_helpers import import_csv

HEADERS = ["Seq No", "Scenario Time", "Inject Type", "From", "To", "Inject", "Expected Action",
           "Discussion Questions", "Red Flags", "Success Criteria", "Hints"]


def test_play_columns_become_format_2_fields(tmp_path):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    writer.writerow(["1", "T+00:05", "Email", "CISO", "Comms", "Files are encrypted.", "Isolate hosts",
                     "What do you tell staff?\nWho decides: pay or not?", "Paying without legal advice",
                     "- Staff told within 30 minutes", "Ask who owns the backups"])
    imported = import_csv(tmp_path, buffer.getvalue())
    inject = imported.scenario.injects[0]
    assert [(question.id, question.text) for question in inject.questions] == [
        ("q1", "What do you tell staff?"), ("q2", "Who decides: pay or not?")]
    assert all(question.grade is None for question in inject.questions)  # recorded; graded only on a public channel
    assert inject.guide.red_flags == ("Paying without legal advice",)
    assert inject.guide.success == ("Staff told within 30 minutes",)
    assert [(hint.after, hint.text) for hint in inject.guide.hints] == [(None, "Ask who owns the backups")]
    assert "questions:" in imported.text and "format: 2" in imported.text
