"""The fiction's clock beside T+, and the reasons behind each grade in the feed (F8 or a click shows them all)."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone

from rich.console import Console

from drill.engine import DrillEngine
from drill.tui.screens.briefing import BriefingScreen
from drill.tui.widgets.feed_log import FeedLog
from drill.tui.widgets.inject_feed import InjectFeed, grade_lines
from drill.wiring import start_drill
from scoring.criteria import QUALITY_CRITERIA
from scoring.types import CriterionResult, MessageGrade
from tui_helpers import log_text, pilot_test, rendered, running, screen_text, type_and_send

WEAK = "We are aware of issues with the login. It was the vendor's fault."


def header(app) -> str:
    return rendered(app, "DrillHeader")


# --- the fiction's clock -------------------------------------------------------------


@pilot_test
async def test_the_header_shows_the_fictions_time_beside_scenario_time(build):
    app = build(start_time="2025-03-14T14:00:00Z")
    async with running(app) as pilot:
        assert "T+00:00 / 1:15:00 · 14:00 UTC" in header(app)
        app.advance_clock(12 * 60)
        await pilot.pause()
        assert "T+12:00 / 1:15:00 · 14:12 UTC" in header(app)
        app.advance_clock(59)  # the fiction's clock shows whole minutes
        await pilot.pause()
        assert "T+12:59 / 1:15:00 · 14:12 UTC" in header(app)
        assert app.engine.state.start_time == datetime(2025, 3, 14, 14, 0, tzinfo=timezone.utc)


@pilot_test
async def test_a_scenarios_own_start_is_used_and_a_drill_without_one_shows_no_clock(build, checkout):
    app = build()  # checkout-outage starts at 14:05 UTC
    async with running(app) as pilot:
        app.advance_clock(60)
        await pilot.pause()
        assert "T+01:00 / 1:15:00 · 14:06 UTC" in header(app)
    timeless = build(scenario=dataclasses.replace(checkout, start=None))
    async with running(timeless) as pilot:
        timeless.advance_clock(60)
        await pilot.pause()
        assert timeless.start_time is None
        assert "T+01:00 / 1:15:00" in header(timeless) and "UTC" not in header(timeless)


@pilot_test
async def test_a_resumed_drill_reads_its_recorded_start_time(build, checkout):
    engine = start_drill(checkout, 7, start_time=datetime(2024, 5, 3, 9, 30, tzinfo=timezone.utc))
    app = build(engine=engine, start_time="23:59")  # what the log says wins over any option
    async with running(app) as pilot:
        app.advance_clock(90)
        await pilot.pause()
        assert "T+01:30 / 1:15:00 · 09:31 UTC" in header(app)


@pilot_test
async def test_the_briefing_shows_the_clock_the_drill_will_start_at(build, checkout):
    app = build(briefing=True, start_time="2:30pm UTC")
    async with running(app) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert "T+00:00 · 14:30 UTC · 75m of scenario time · seed 7" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "T+00:00 / 1:15:00 · 14:30 UTC" in header(app)  # the same start, recorded
    timeless = build(briefing=True, scenario=dataclasses.replace(checkout, start=None))
    async with running(timeless) as pilot:
        await pilot.pause()
        text = screen_text(timeless)
        assert "75m of scenario time · seed 7" in text and "UTC" not in text.split("seed 7")[0]


# --- reasons in the feed -------------------------------------------------------------


def _plain(renderables) -> str:
    console = Console(width=100, color_system=None, force_terminal=False, record=True)
    for renderable in renderables:
        console.print(renderable)
    return console.export_text()


def _grade(*criteria: CriterionResult, score: float = 40.0) -> MessageGrade:
    return MessageGrade(score=score, criteria=criteria)


def test_the_grade_line_names_the_costliest_misses_in_words_with_their_first_reason():
    grade = _grade(
        CriterionResult("next_update", False, 0, 7, "Does not say when the next update will come."),
        CriterionResult("impact", False, 0, 9, "Does not say who is affected, how many, where or what they "
                                              "experience. Say it in the reader's words."),
        CriterionResult("no_blame", False, 0, 6, 'Shifts blame ("the vendor\'s fault. Really"): own the incident.'),
        CriterionResult("empathy", False, 0, 5, "No apology."),
        CriterionResult("acknowledge", True, 7, 7, "Says what is wrong."),
        CriterionResult("readability", 0.6, 1.8, 3, "A little hard to read."),
    )
    text = _plain(grade_lines(grade))
    assert text.splitlines()[0] == "grade 40/100 · 4 missed"
    lines = [" ".join(line.split()) for line in text.splitlines()[1:]]
    assert lines[0].startswith("✗ States the impact: Does not say who is affected, how many, where or")
    assert "Say it in the reader's words" not in text  # the first sentence only
    assert lines[1] == "✗ Commits to the next update: Does not say when the next update will come."
    assert lines[2].startswith('✗ Does not shift blame: Shifts blame ("the vendor\'s fault. Really"): own the')
    assert lines[3] == "… and 1 more: F8 shows every reason"
    for criterion_id in ("next_update", "no_blame", "impact,", "readability"):
        assert criterion_id not in text


def test_expanded_every_criterion_shows_its_points_and_whole_reason():
    grade = _grade(CriterionResult("impact", False, 0, 9, "Does not say who. Say it plainly."),
                   CriterionResult("readability", 0.6, 1.8, 3, "A little hard to read."),
                   CriterionResult("acknowledge", True, 7, 7, "Says what is wrong."), score=55)
    lines = [" ".join(line.split()) for line in _plain(grade_lines(grade, expanded=True)).splitlines()]
    assert lines == ["grade 55/100 · 1 missed",
                     "✗ States the impact (0/9 points): Does not say who. Say it plainly.",
                     "~ Is easy to read (1.8/3 points): A little hard to read.",
                     "✓ Acknowledges the problem (7/7 points): Says what is wrong."]
    perfect = _grade(CriterionResult("acknowledge", True, 7, 7, "Says what is wrong."), score=100)
    assert _plain(grade_lines(perfect)).strip() == "grade 100/100 · every criterion met"


def test_a_reason_quoting_the_message_is_never_markup_or_an_escape_code():
    reason = 'Jargon ("[@click=app.quit] [bold]x[/bold] \x1b[31mred").'
    for expanded in (False, True):
        text = _plain(grade_lines(_grade(CriterionResult("plain_language", False, 0, 4, reason)), expanded))
        assert 'Jargon ("[@click=app.quit] [bold]x[/bold] ␛[31mred").' in text
        assert "\x1b" not in text


@pilot_test
async def test_a_sent_message_shows_its_misses_and_f8_shows_every_reason(build):
    app = build()
    async with running(app) as pilot:
        app.advance_clock(4 * 60)
        await pilot.pause()
        await type_and_send(pilot, WEAK)
        grade = app.grades[1]
        missed = [c for c in grade.criteria if not c.passed]
        assert missed
        text = " ".join(log_text(app).split())
        assert f"grade {grade.score:.0f}/100 · {len(missed)} missed" in text
        assert "✗ States the impact: Does not say" in text  # one line each, cut to the panel's width
        assert "(0/9 points)" not in text and "✓" not in text
        for criterion_id in QUALITY_CRITERIA:
            if "_" in criterion_id:
                assert criterion_id not in text
        assert "Reasons" in screen_text(app, "FooterKey")

        await pilot.press("f8")
        await pilot.pause()
        text = " ".join(log_text(app).split())
        assert "✗ States the impact (0/9 points): Does not say who is affected, how many, where or what they " \
               "experience." in text
        assert "✓ Acknowledges the problem" in text
        assert text.count("points)") == len(grade.criteria)

        await pilot.press("f8")
        await pilot.pause()
        assert "(0/9 points)" not in log_text(app)


@pilot_test
async def test_clicking_a_graded_message_opens_its_reasons_alone(build):
    app = build()
    async with running(app) as pilot:
        app.advance_clock(4 * 60)
        await pilot.pause()
        await type_and_send(pilot, WEAK)
        await type_and_send(pilot, "We are investigating failed card payments in Europe. Next update in 30 minutes.")
        feed = app.screen.query_one("#feed-log", FeedLog)
        sent = [entry for entry in feed.items if entry.event.kind == "response_recorded"]

        def on_screen(entry) -> int:  # the row of the feed where the message's first line is drawn
            row = feed.start_of(entry) - round(feed.scroll_y)
            assert 0 <= row < feed.size.height
            return row

        await pilot.click("#feed-log", offset=(20, on_screen(sent[0])))
        await pilot.pause()
        inject_feed = app.screen.query_one(InjectFeed)
        assert inject_feed.expanded(sent[0]) and not inject_feed.expanded(sent[1])
        assert log_text(app).count("points)") == len(app.grades[1].criteria)
        await pilot.click("#feed-log", offset=(20, on_screen(sent[0])))  # the same message again: closed
        await pilot.pause()
        assert not inject_feed.expanded(sent[0]) and "points)" not in log_text(app)


@pilot_test
async def test_showing_every_reason_keeps_the_readers_place(build):
    app = build()
    async with running(app, size=(100, 32)) as pilot:
        app.advance_clock(4 * 60)
        await pilot.pause()
        await type_and_send(pilot, WEAK)
        app.advance_clock(20 * 60)  # plenty of feed after it
        await pilot.pause()
        feed = app.screen.query_one("#feed-log", FeedLog)
        sent = next(entry for entry in feed.items if entry.event.kind == "response_recorded")
        feed.scroll_to(y=feed.start_of(sent), animate=False, immediate=True)
        await pilot.pause()
        assert feed.item_at(round(feed.scroll_y)) is sent and feed.max_scroll_y > feed.scroll_y
        await pilot.press("f8")
        await pilot.pause()
        assert feed.item_at(round(feed.scroll_y)) is sent  # not thrown to the end of the feed
        assert "(0/9 points)" in " ".join(log_text(app).split())


@pilot_test
async def test_exam_mode_has_no_reasons_to_show(build):
    app = build(exam=True)
    async with running(app) as pilot:
        app.advance_clock(4 * 60)
        await pilot.pause()
        await type_and_send(pilot, WEAK)
        assert "grade" not in log_text(app)
        assert app.screen.check_action("toggle_reasons", ()) is False
        assert "Reasons" not in screen_text(app, "FooterKey") and "Pause" in screen_text(app, "FooterKey")


@pilot_test
async def test_the_composer_names_the_last_grades_misses_in_words(build):
    app = build()
    async with running(app) as pilot:
        app.advance_clock(4 * 60)
        await pilot.pause()
        await type_and_send(pilot, WEAK)
        summary = rendered(app, "#composer-grade")
        assert summary.startswith(f"last: {app.grades[1].score:.0f}/100 · missed: States the impact")
        assert "next_update" not in summary and "✗" not in summary


def test_a_criterion_scoring_adds_later_still_reads_as_words():
    text = _plain(grade_lines(_grade(CriterionResult("brand_new_check", False, 0, 2, "Something new."))))
    assert "✗ Brand new check: Something new." in " ".join(text.split())
