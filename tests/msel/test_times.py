"""Every time form an MSEL writes, read to seconds; clock times counted from the first row's."""

import datetime as dt

import pytest

from drill.msel.times import (
    CLOCK,
    ELAPSED,
    Reading,
    TimeError,
    format_exercise_time,
    format_length,
    read_length,
    read_time,
    relative_times,
)


@pytest.mark.parametrize("value, seconds", [
    ("T+00:00", 0), ("T+00:15", 15 * 60), ("T+01:30", 90 * 60), ("t + 2:05", 125 * 60), ("T+01:30:15", 5415),
    ("T+90", 90 * 60), ("T+1h30m", 90 * 60),
    ("D+0 H+1 M+30", 90 * 60), ("D+1 H+0 M+0", 86400), ("H+2", 7200), ("M+45", 2700), ("d0 h1 m5", 3900),
    ("90 min", 90 * 60), ("90 mins", 90 * 60), ("45 minutes", 2700), ("1 hr 30 min", 5400), ("2 hours", 7200),
    ("1h30m", 5400), ("30s", 30), ("1.5 min", 90), ("15", 900), ("0", 0),
    (15, 900), (2.0, 120), (dt.timedelta(minutes=75), 4500),
])
def test_exercise_times(value, seconds):
    assert read_time(value) == Reading(seconds, ELAPSED)


@pytest.mark.parametrize("value, seconds", [
    ("09:30", 9 * 3600 + 1800), ("9:30:15", 9 * 3600 + 1815), ("9:30 pm", 21 * 3600 + 1800),
    ("12:05 AM", 300), ("21:30 UTC", 21 * 3600 + 1800), ("00:00", 0),
    (dt.time(14, 5), 14 * 3600 + 300), (0.5, 12 * 3600), (0.3958333333333333, 9 * 3600 + 1800),
])
def test_clock_times(value, seconds):
    assert read_time(value) == Reading(seconds, CLOCK)


def test_date_and_time_cells_and_text_are_clock_times():
    first = read_time(dt.datetime(2025, 3, 1, 9, 0))
    later = read_time("2025-03-01 10:15")
    assert first.kind == later.kind == CLOCK
    assert later.seconds - first.seconds == 75 * 60


@pytest.mark.parametrize("value", ["soon", "", "T+", "T+1:75", "25:00", "13:00 pm", "-5", "D+1 D+2", "5 parsecs",
                                   None, True, 1.5, dt.date(2025, 1, 1), "9" * 20, "T-00:10"])
def test_what_is_not_a_time_says_so(value):
    with pytest.raises(TimeError) as raised:
        read_time(value)
    assert str(raised.value)


def test_clock_times_count_from_the_first_and_wrap_past_midnight():
    readings = [read_time("23:30"), read_time("23:45"), read_time("00:10")]
    assert relative_times(readings) == ([0, 900, 2400], 23 * 3600 + 1800)


def test_exercise_times_stay_as_they_are():
    readings = [read_time("T+00:05"), read_time("T+00:20")]
    assert relative_times(readings) == ([300, 1200], None)


@pytest.mark.parametrize("value, seconds", [
    ("15", 900), (15, 900), ("15 min", 900), ("1h30m", 5400), ("0:15", 900), ("1:30", 5400), ("T+00:10", 600),
    (dt.time(0, 20), 1200), (dt.timedelta(minutes=5), 300), ("4m30s", 270), (2.5, 150),
])
def test_response_times(value, seconds):
    assert read_length(value) == seconds


@pytest.mark.parametrize("value", ["whenever", "", dt.datetime(2025, 1, 1, 9), "1:99"])
def test_what_is_not_a_response_time_says_so(value):
    with pytest.raises(TimeError):
        read_length(value)


@pytest.mark.parametrize("seconds", [0, 59, 60, 900, 5400, 5415, 11 * 3600 + 59 * 60 + 59])
def test_written_times_read_back(seconds):
    assert read_time(format_exercise_time(seconds)) == Reading(seconds, ELAPSED)
    if seconds:
        assert read_length(format_length(seconds)) == seconds


def test_written_forms():
    assert format_exercise_time(5415) == "T+01:30:15"
    assert format_exercise_time(900) == "T+00:15"
    assert format_length(900) == "15 min"
    assert format_length(270) == "4m30s"
