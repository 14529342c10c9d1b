"""When a next-update promise falls due: delays, times of day, zones, days, and the labelled real promises."""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.detectors.promises import find_promises
from scoring.detectors.timeexpr import ZONE_OFFSETS
from scoring_cases import REPO

UTC = timezone.utc
WINTER = datetime(2024, 3, 5, 14, 0, tzinfo=UTC)  # a Tuesday, before US and EU summer time
SUMMER = datetime(2024, 7, 9, 14, 0, tzinfo=UTC)  # a Tuesday in summer time
LABELS = REPO / "docs" / "calibration" / "promise_times.jsonl"
DATA = REPO.parent / "shared" / "data"


def due(text: str, sent: datetime, start: datetime | None = None) -> datetime | None:
    """The wall time a promise in ``text`` sent at ``sent`` falls due, T+0 being ``start`` (default: ``sent``)."""
    start = start or sent
    promises = find_promises(text, (sent - start).total_seconds(), start)
    assert len(promises) == 1, (text, promises)
    return None if promises[0].due_at is None else start + timedelta(seconds=promises[0].due_at)


def wall(base: datetime, hh_mm: str, days: int = 0, offset: float = 0.0) -> datetime:
    """``hh_mm`` on ``base``'s date (plus ``days``) at ``offset`` hours east of UTC, in UTC."""
    hour, minute = map(int, hh_mm.split(":"))
    local = base.replace(hour=hour, minute=minute, second=0, microsecond=0) + timedelta(days=days)
    return local - timedelta(hours=offset)


# ---- times of day ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, sent, expected", [
    ("Next update by 14:45 UTC.", WINTER, wall(WINTER, "14:45")),
    ("We will post the next update at 14:45.", WINTER, wall(WINTER, "14:45")),
    ("We'll share another update at 3pm.", WINTER, wall(WINTER, "15:00")),
    ("Next update at 3:30 pm UTC.", WINTER, wall(WINTER, "15:30")),
    ("Next update at 3:30 P.M. UTC.", WINTER, wall(WINTER, "15:30")),
    ("We will provide an update by 15:00 GMT.", WINTER, wall(WINTER, "15:00")),
    ("Next update at 1430Z.", WINTER, wall(WINTER, "14:30")),
    ("We will provide an update by 1500 UTC.", WINTER, wall(WINTER, "15:00")),
    ("Next update at 17h30 UTC.", WINTER, wall(WINTER, "17:30")),
    ("Next update: 15:30 UTC.", WINTER, wall(WINTER, "15:30")),
    ("Expect our next update at 10:00 PM (UTC).", WINTER, wall(WINTER, "22:00")),
    ("We will provide an update no later than 18:00 UTC.", WINTER, wall(WINTER, "18:00")),
    ("Next update by noon UTC.", WINTER.replace(hour=11), wall(WINTER, "12:00")),
    ("We'll post an update at midnight UTC.", WINTER.replace(hour=22), wall(WINTER, "00:00", days=1)),
    ("We will share an update at 12am UTC.", WINTER.replace(hour=23), wall(WINTER, "00:00", days=1)),
    ("We will share an update at 12pm UTC.", WINTER.replace(hour=11), wall(WINTER, "12:00")),
    ("We will post another update at 4:30.", WINTER, wall(WINTER, "16:30")),  # twelve-hour clock
    ("Next update by 9:45.", WINTER.replace(hour=9, minute=20), wall(WINTER, "09:45")),
    ("We will provide an update by half past 3 UTC.", WINTER, wall(WINTER, "15:30")),
])
def test_times_of_day(text, sent, expected):
    assert due(text, sent) == expected


@pytest.mark.parametrize("text, sent, expected", [
    ("We will post another update by quarter past.", WINTER.replace(minute=2), wall(WINTER, "14:15")),
    ("Next update by half past.", WINTER.replace(minute=41), wall(WINTER, "15:30")),
    ("We'll update this page at the top of the hour.", WINTER.replace(minute=20), wall(WINTER, "15:00")),
    ("We will update this page at the top of the next hour.", WINTER.replace(minute=58), wall(WINTER, "15:00")),
    ("Next update at quarter to.", WINTER.replace(minute=20), wall(WINTER, "14:45")),
    ("Next update at the bottom of the hour.", WINTER.replace(minute=10), wall(WINTER, "14:30")),
    ("Next update at the top of the hour.", WINTER, wall(WINTER, "15:00")),  # the next one, not this instant
])
def test_the_next_quarter_half_or_top_of_the_hour(text, sent, expected):
    assert due(text, sent) == expected


@pytest.mark.parametrize("text, sent, expected", [
    ("Next update by 5pm PT.", datetime(2024, 1, 22, 23, 30, tzinfo=UTC), datetime(2024, 1, 23, 1, 0, tzinfo=UTC)),
    ("Next update by 5pm PT.", datetime(2024, 7, 10, 22, 30, tzinfo=UTC), datetime(2024, 7, 11, 0, 0, tzinfo=UTC)),
    ("Next update by 5pm PDT.", datetime(2024, 7, 10, 22, 30, tzinfo=UTC), datetime(2024, 7, 11, 0, 0, tzinfo=UTC)),
    ("Next update by 5 PM PST.", datetime(2024, 7, 10, 22, 30, tzinfo=UTC), datetime(2024, 7, 11, 1, 0, tzinfo=UTC)),
    ("Next update at 9am EST.", datetime(2024, 2, 14, 13, 30, tzinfo=UTC), datetime(2024, 2, 14, 14, 0, tzinfo=UTC)),
    ("We'll post another update by 2:00 PM ET.", datetime(2024, 10, 1, 17, 5, tzinfo=UTC),
     datetime(2024, 10, 1, 18, 0, tzinfo=UTC)),
    ("Next update at 10am Eastern time.", datetime(2024, 4, 15, 13, 20, tzinfo=UTC),
     datetime(2024, 4, 15, 14, 0, tzinfo=UTC)),
    ("We'll provide an update at 2:00 PM Pacific.", datetime(2024, 11, 12, 21, 10, tzinfo=UTC),
     datetime(2024, 11, 12, 22, 0, tzinfo=UTC)),
    ("We will provide an update by 18:00 CET.", datetime(2024, 2, 14, 16, 10, tzinfo=UTC),
     datetime(2024, 2, 14, 17, 0, tzinfo=UTC)),
    ("Next update at 14:00 CEST.", datetime(2024, 6, 11, 11, 15, tzinfo=UTC), datetime(2024, 6, 11, 12, 0, tzinfo=UTC)),
    ("Next update at 11:30 BST.", datetime(2024, 6, 11, 9, 50, tzinfo=UTC), datetime(2024, 6, 11, 10, 30, tzinfo=UTC)),
    ("We will share an update by 09:30 IST.", datetime(2024, 5, 2, 3, 40, tzinfo=UTC),
     datetime(2024, 5, 2, 4, 0, tzinfo=UTC)),
    ("We will provide another update at 18:30 CST.", datetime(2024, 12, 3, 23, 50, tzinfo=UTC),
     datetime(2024, 12, 4, 0, 30, tzinfo=UTC)),
    ("We will provide the next update at 16:00 UTC+2.", datetime(2024, 4, 15, 13, 20, tzinfo=UTC),
     datetime(2024, 4, 15, 14, 0, tzinfo=UTC)),
    ("Next update at 16:00 GMT-05:00.", datetime(2024, 4, 15, 20, 20, tzinfo=UTC),
     datetime(2024, 4, 15, 21, 0, tzinfo=UTC)),
    ("We will post the next update at 5 p.m. EDT.", datetime(2024, 8, 1, 19, 40, tzinfo=UTC),
     datetime(2024, 8, 1, 21, 0, tzinfo=UTC)),
])
def test_zones_are_fixed_offsets(text, sent, expected):
    assert due(text, sent) == expected


def test_us_summer_time_starts_on_the_second_sunday_of_march():
    saturday = datetime(2024, 3, 9, 18, 0, tzinfo=UTC)  # 10:00 PST
    monday = datetime(2024, 3, 11, 18, 0, tzinfo=UTC)  # 11:00 PDT
    assert due("Next update at 11:00 PT.", saturday) == datetime(2024, 3, 9, 19, 0, tzinfo=UTC)
    assert due("Next update at 11:30 PT.", monday) == datetime(2024, 3, 11, 18, 30, tzinfo=UTC)


def test_every_listed_zone_is_read():
    for name, hours in ZONE_OFFSETS.items():
        if name == "z":
            continue
        local_noon = wall(WINTER, "12:00", offset=hours)
        sent = local_noon - timedelta(hours=1)
        assert due(f"Next update at 12:00 {name.upper()}.", sent) == local_noon, name


def test_a_time_without_a_zone_is_read_in_the_zone_of_start_time():
    paris = timezone(timedelta(hours=1))
    start = datetime(2024, 3, 5, 15, 0, tzinfo=paris)  # 14:00 UTC
    assert due("Next update at 15:30.", start) == datetime(2024, 3, 5, 14, 30, tzinfo=UTC)
    assert due("Next update at 15:30 UTC.", start) == datetime(2024, 3, 5, 15, 30, tzinfo=UTC)


def test_a_naive_start_time_is_read_as_utc():
    [promise] = find_promises("Next update by 14:30 UTC.", 0.0, datetime(2024, 3, 5, 14, 0))
    assert promise.due_at == 1800.0


# ---- passed times and days ----------------------------------------------------------------------

@pytest.mark.parametrize("text, sent, expected", [
    ("Next update by 00:30 UTC.", WINTER.replace(hour=23, minute=50), wall(WINTER, "00:30", days=1)),
    ("Next update at 00:15 UTC.", datetime(2024, 12, 31, 23, 55, tzinfo=UTC), datetime(2025, 1, 1, 0, 15, tzinfo=UTC)),
    ("Next update at 1:00 AM UTC.", WINTER.replace(hour=23, minute=20), wall(WINTER, "01:00", days=1)),
    ("Next update at 08:00 UTC.", WINTER.replace(hour=20), wall(WINTER, "08:00", days=1)),
    ("We will post another update at 12:15 AM PT.", datetime(2024, 3, 20, 6, 55, tzinfo=UTC),
     datetime(2024, 3, 20, 7, 15, tzinfo=UTC)),
    ("Next update at 23:45 UTC.", WINTER.replace(hour=23, minute=30), wall(WINTER, "23:45")),
    ("Next update at 14:00 UTC.", WINTER.replace(minute=0, second=40), WINTER.replace(second=40)),  # within a minute
])
def test_a_time_that_passed_long_ago_means_the_next_day(text, sent, expected):
    assert due(text, sent) == expected


@pytest.mark.parametrize("text, sent", [
    ("Next update at 14:00 UTC.", WINTER.replace(minute=7)),
    ("Next update at 2pm.", WINTER.replace(minute=20)),
    ("Next update at 09:00 UTC.", WINTER),  # five hours ago: stale, not tomorrow
    ("We will provide an update at 12:00 noon UTC.", WINTER.replace(minute=10)),
    ("Next update at 14:00 UTC today.", WINTER.replace(minute=7)),
    ("Next update on 31 February at 10:00 UTC.", WINTER),
])
def test_a_time_that_just_passed_or_cannot_be_read_stays_unresolved(text, sent):
    assert due(text, sent) is None


@pytest.mark.parametrize("text, sent, expected", [
    ("We will post the next update tomorrow at 09:00 UTC.", WINTER.replace(hour=16, minute=30),
     wall(WINTER, "09:00", days=1)),
    ("Next update at 9:00 UTC tomorrow.", WINTER.replace(hour=1), wall(WINTER, "09:00", days=1)),
    ("We will post another update on Monday at 09:00 UTC.", datetime(2024, 2, 23, 22, 24, tzinfo=UTC),
     datetime(2024, 2, 26, 9, 0, tzinfo=UTC)),
    ("We will post another update at 3pm UTC on Thursday.", WINTER, wall(WINTER, "15:00", days=2)),
    ("We will post another update on Thursday, March 7 at 15:00 UTC.", WINTER, wall(WINTER, "15:00", days=2)),
    ("Next update on 4 January at 10:00 UTC.", datetime(2024, 12, 30, 9, 0, tzinfo=UTC),
     datetime(2025, 1, 4, 10, 0, tzinfo=UTC)),
])
def test_a_named_day(text, sent, expected):
    assert due(text, sent) == expected


# ---- delays ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, minutes", [
    ("We will provide another update in half an hour.", 30),
    ("Expect the next update within the next hour.", 60),
    ("We will post an update within the hour.", 60),
    ("We will provide an update in an hour or so.", 60),
    ("Next update in 30-60 minutes.", 60),
    ("We'll post another update in the next 30 to 45 minutes.", 45),
    ("We will send another update in 5-10 mins.", 10),
    ("We'll post another update within an hour or two.", 120),
    ("We will provide updates every 2 - 3 hours until this is resolved.", 180),
    ("We will continue to provide updates at an hourly cadence.", 60),
    ("We'll post an update every half hour until resolved.", 30),
    ("Next update in 1.5 hours.", 90),
    ("We will post another update in an hour and a half.", 90),
    ("Next update in one and a half hours.", 90),
    ("Next update in 1h30.", 90),
    ("Next update in 1 hour 30 minutes.", 90),
    ("We will provide an update in 30m.", 30),
    ("Next update in ~20 min.", 20),
    ("Next update in approx. 30 minutes.", 30),
    ("We will post an update within 24 hours.", 24 * 60),
    ("We will provide more details within the next hour.", 60),
    ("An update will be provided within 30 minutes.", 30),
    ("Please check back in 30 minutes for an update.", 30),
])
def test_delays(text, minutes):
    [promise] = find_promises(text, 300.0, None)
    assert promise.due_at == 300.0 + minutes * 60
    assert promise.minutes == minutes


@pytest.mark.parametrize("text, expected", [
    ("We mitigated the issue at 13:15 UTC and will post the next update at 14:00 UTC.", wall(WINTER, "14:00")),
    ("The incident began at 09:12 UTC. Next update in 20 minutes.", WINTER + timedelta(minutes=20)),
    ("Next update in 20 minutes, around 14:20 UTC.", WINTER + timedelta(minutes=20)),
    ("Next update at 15:00 UTC (in about 60 minutes).", wall(WINTER, "15:00")),
    ("The next update will be posted at 18:00 UTC / 19:00 CET.", wall(WINTER, "18:00")),
])
def test_the_time_that_belongs_to_the_update(text, expected):
    assert due(text, WINTER) == expected


@pytest.mark.parametrize("text", [
    "We will provide another update shortly.",
    "We will post an update in a few minutes.",
    "Next update by end of day.",
    "We will provide an update tomorrow morning.",
    "Next update at 3.",
    "We expect the fix to be deployed within 2 hours and will keep you updated.",
    "The deploy started at 13:05 UTC and we will keep you updated.",
    "We will post an update once the maintenance, scheduled for 16:00 UTC, is complete.",
    "We will post an update after the 16:00 UTC deploy.",
    "We will provide updates as they become available; engineers expect a fix within the hour.",
    "IS&T will update the service configuration on June 17.",
    "Version 2.15 will be deployed at some point and we will keep you updated.",
])
def test_no_time_no_promise(text):
    assert find_promises(text, 0.0, WINTER) == []


def test_clock_promises_need_start_time_but_delays_do_not():
    [clock] = find_promises("Next update by 14:30 UTC.", 0.0, None)
    [top] = find_promises("Next update at the top of the hour.", 0.0, None)
    [delay] = find_promises("Next update in 30 minutes.", 0.0, None)
    assert clock.due_at is None and top.due_at is None and delay.due_at == 1800.0
    assert clock.minutes is None and delay.minutes == 30


def test_evidence_spans_quote_the_promise():
    text = "We have mitigated the issue. We’ll post the next update at 3 p.m. EDT. Thanks."
    [promise] = find_promises(text, 0.0, WINTER)
    assert text[promise.start:promise.end] == promise.text
    assert promise.text.endswith("EDT")


# ---- the labelled real promises -----------------------------------------------------------------

def labelled_rows() -> list[dict]:
    with LABELS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_labelled_rows_are_complete():
    rows = labelled_rows()
    assert len(rows) >= 100
    for r in rows:
        assert {"source", "row", "org", "published", "text", "due", "labelled_by"} <= set(r)
        assert r["labelled_by"] == "the drill team, by reading"
        assert r["due"] is None or _utc(r["due"]) >= _utc(r["published"])
        assert r["due"] is not None or r["reading"] == "none"


def test_labelled_real_rows_quote_the_corpora():
    sources = {r["source"] for r in labelled_rows() if r["source"] != "constructed"}
    if not all((DATA / s).exists() for s in sources):
        pytest.skip("the shared corpora are not here")
    corpora = {s: (DATA / s).read_text(encoding="utf-8").splitlines() for s in sources}
    for r in labelled_rows():
        if r["source"] == "constructed":
            continue
        original = json.loads(corpora[r["source"]][r["row"]])
        assert original["created_at"] == r["published"] and original["body"] == r["body"]
        assert r["text"] in original["body"]


@pytest.mark.parametrize("row", labelled_rows(), ids=lambda r: f"{r['source']}:{r['row']}:{r['text'][:30]}")
def test_labelled_promises_resolve_as_labelled(row):
    published = _utc(row["published"])
    promises = find_promises(row["body"], 0.0, published)
    got = published + timedelta(seconds=promises[0].due_at) if promises and promises[0].due_at is not None else None
    if row["due"] is None:
        assert got is None
    else:
        assert got is not None and abs(got - _utc(row["due"])) <= timedelta(minutes=1)


# ---- properties ---------------------------------------------------------------------------------

PHRASES = st.sampled_from([
    "Next update in 30 minutes.", "We will post an update by 14:45 UTC.", "Next update at 3pm PT.",
    "We'll update this page at the top of the hour.", "Next update at 00:30 UTC.", "every 2 - 3 hours",
    "We will provide updates hourly.", "by half past", "tomorrow at 09:00 UTC", "on Monday", "12:30 p.m. EDT",
    "in 1h30", "Next update: ", "at 4:30", "quarter to 3", "GMT+5:30", "The fix started at 13:05 UTC and",
    "we will keep you updated", "1430Z", "noon", "31 February", ", ", ". ", "\n",
])
TEXTS = st.one_of(st.text(max_size=300), st.lists(PHRASES, max_size=8).map(" ".join),
                  st.lists(st.one_of(PHRASES, st.text(max_size=12)), max_size=10).map("".join))
STARTS = st.one_of(st.none(), st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(9999, 12, 30),
                                           timezones=st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30)),
                                                                      timezone(timedelta(hours=-8))])))
ATS = st.floats(min_value=0.0, max_value=10 * 86400.0, allow_nan=False)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(TEXTS, ATS, STARTS)
def test_never_raises_and_never_due_before_sent(text, at, start):
    promises = find_promises(text, at, start)
    assert find_promises(text, at, start) == promises
    for p in promises:
        assert 0 <= p.start <= p.end <= len(text) and text[p.start:p.end] == p.text
        if p.due_at is not None:
            assert p.due_at >= at
        if p.minutes is None and start is None:
            assert p.due_at is None  # a time of day without start_time is never guessed


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.integers(0, 23), st.integers(0, 59), st.integers(0, 86400 * 3), st.sampled_from(["UTC", "GMT", "Z"]))
def test_a_24_hour_time_is_the_next_one_unless_it_just_passed(hour, minute, at, zone):
    start = datetime(2024, 3, 5, 0, 0, tzinfo=UTC)
    text = f"Next update at {hour:02d}:{minute:02d}{'' if zone == 'Z' else ' '}{zone}."
    [promise] = find_promises(text, float(at), start)
    now = start + timedelta(seconds=at)
    target = now.replace(hour=hour, minute=minute, second=0)
    ahead = (target - now) % timedelta(days=1)
    behind = timedelta(days=1) - ahead if ahead else timedelta(0)
    if ahead < timedelta(hours=18):
        assert promise.due_at == pytest.approx((now + ahead - start).total_seconds())
    elif behind <= timedelta(minutes=1):
        assert promise.due_at == float(at)
    else:
        assert promise.due_at is None


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.integers(1, 600), st.floats(min_value=0.0, max_value=86400.0, allow_nan=False),
       st.sampled_from(["minutes", "mins", "min", "m"]))
def test_a_delay_counts_from_the_message(n, at, unit):
    [promise] = find_promises(f"We will post the next update in {n} {unit}.", at, None)
    assert promise.due_at == pytest.approx(at + n * 60.0) and promise.minutes == n


def test_pathological_input_stays_fast():
    import time

    for text in ("next update " + "in 1 " * 20000, "we will update you at " + "12:" * 30000,
                 "next update " + "quarter past " * 10000, "next update " + "9" * 100000):
        began = time.perf_counter()
        find_promises(text, 0.0, WINTER)
        assert time.perf_counter() - began < 2.0


# ---- the comparison script ----------------------------------------------------------------------

def test_comparison_script_says_so_and_exits_0_without_the_parsers(monkeypatch, tmp_path, capsys):
    path = REPO / "benchmarks" / "compare_time_parsers.py"
    spec = importlib.util.spec_from_file_location("compare_time_parsers", path)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "compare_time_parsers", module)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "missing_parsers", lambda: ["parsedatetime", "dateparser"])
    out = tmp_path / "time-phrases.md"
    assert module.main(["--out", str(out)]) == 0
    assert "not installed" in capsys.readouterr().out
    assert not out.exists()
