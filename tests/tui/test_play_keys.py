"""Format 2's play keys in the facilitator's UI: decisions (Ctrl+O), manual release (Ctrl+R), questions
answered from the open-asks panel, and drills of moves (Ctrl+N), driven by Pilot with the clock in the
test's hands."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, Select

from drill.library import resolve_scenario
from drill.scenario.model import FACILITATOR
from drill.tui.messages.asks import AnswerQuestion
from drill.tui.screens.confirm_end import ConfirmEndScreen
from drill.tui.screens.decide import ChoiceScreen, ReleaseScreen
from drill.tui.screens.play import PlayScreen
from drill.tui.widgets.composer import Composer
from tui_helpers import log_text, notifications, pilot_test, rendered, running, type_and_send

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


@pytest.fixture(scope="module")
def branching():
    return resolve_scenario(str(SCENARIOS / "branching.yaml"))


@pytest.fixture(scope="module")
def moves():
    return resolve_scenario(str(SCENARIOS / "moves.yaml"))


def feed(app) -> str:
    """The feed's text with its wrapping undone: every run of spaces and line breaks one space."""
    return " ".join(log_text(app).split())


def panel(app, selector: str) -> str:
    """The prompts of an option list, one line each, their wrapping undone."""
    options = app.screen.query_one(selector, OptionList)
    return "\n".join(" ".join(str(options.get_option_at_index(index).prompt).split())
                     for index in range(options.option_count))


def footer_keys(app) -> set[str]:
    """The actions the footer offers now (those ``check_action`` does not hide)."""
    return {action for action in ("choose", "release", "next_move", "faster", "next_inject")
            if app.check_action(action, ()) is not False}


@pilot_test
async def test_a_decision_shows_its_options_and_the_facilitator_picks_one(build, branching):
    app = build(scenario=branching)
    async with running(app, size=(140, 40)) as pilot:
        assert "choose" not in footer_keys(app)  # nothing delivered offers options yet
        app.advance_clock(300)
        await pilot.pause()
        text = feed(app)
        assert "EDR shows encryption on 40 hosts." in text
        assert "◆ decision (Ctrl+O): Pay the ransom · Restore from backups (Incident commander may choose)" in text
        assert "choose" in footer_keys(app)
        queue = panel(app, "#queue-list")
        assert "decide triage" in queue
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert app.screen_stack[-2].query_one(Composer).text_area.text == ""  # the key typed nothing
        app.advance_clock(60)
        assert app.clock == 300  # the clock waits while the dialog is open
        assert app.screen.query_one("#choice-by", Select).value == "ic"  # the chooser, by default
        await pilot.press("down", "enter")  # from Pay the ransom to Restore from backups
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.engine.state.chosen == {("triage", 1): "restore"}
        assert "◆ Choice at triage: Restore from backups (Incident commander)" in feed(app)
        assert "choose" not in footer_keys(app)
        assert "decide triage" not in panel(app, "#queue-list")
        app.advance_clock(60)
        await pilot.pause()
        assert "Backups from last night are clean." in feed(app)  # the branch chosen


@pilot_test
async def test_a_loop_asks_again_at_each_delivery_and_the_facilitator_can_choose_for_the_room(build, branching):
    app = build(scenario=branching)
    async with running(app, size=(140, 40)) as pilot:
        app.advance_clock(300)
        await pilot.press("ctrl+o")
        await pilot.pause()
        app.screen.query_one("#choice-by", Select).value = FACILITATOR
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "◆ Choice at triage: Restore from backups (Facilitator)" in feed(app)
        app.advance_clock(180)  # restore-path at 6m, the retry 2m later
        await pilot.pause()
        for delivery in (1, 2):
            assert app.check_action("choose", ()) is True
            await pilot.press("ctrl+o")
            await pilot.pause()
            assert not app.screen.query_one("#choice-by-row").display  # the retry has no chooser
            await pilot.press("enter")  # Try again
            await pilot.pause()
            app.advance_clock(60)
            await pilot.pause()
        text = feed(app)
        assert "◆ Choice at retry: Try again (Facilitator)" in text
        assert "◆ Choice at retry (delivery 2): Try again (Facilitator)" in text
        assert text.count("◆ decision (Ctrl+O): Try again · Stop") == 3


@pilot_test
async def test_held_injects_wait_in_the_queue_and_ctrl_r_releases_one(build, branching):
    app = build(scenario=branching)
    async with running(app, size=(140, 40)) as pilot:
        await pilot.pause()
        assert "release" in footer_keys(app)  # leak waits from the start
        assert "release leak" in panel(app, "#queue-list")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ReleaseScreen)
        listed = str(app.screen.query_one("#release-injects", OptionList).get_option_at_index(0).prompt)
        assert "leak" in listed and "Someone posts a screenshot" in listed
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert "Someone posts a screenshot of the ransom note." in feed(app)
        assert "release" not in footer_keys(app)
        app.advance_clock(30 * 60)
        await pilot.pause()
        assert "◆ late-leak is waiting for release (Ctrl+R)" in feed(app)
        assert "release late-leak" in panel(app, "#queue-list")
        await pilot.press("ctrl+r", "escape")  # a look, then nothing released
        await pilot.pause()
        assert "late-leak" in app.engine.state.held
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert {"Release a held inject", "Choose an option"} <= set(titles)  # triage still waits too
        assert "Start the next move" not in titles
        queue = app.screen.query_one("#queue-list", OptionList)
        queue.focus()
        queue.highlighted = queue.get_option_index("release:late-leak")
        await pilot.press("enter")  # the queue's item opens its dialog
        await pilot.pause()
        assert isinstance(app.screen, ReleaseScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert "A second leak." in feed(app) and not app.engine.state.held
        assert panel(app, "#queue-list").startswith("◆ decide triage") and "release" not in panel(app, "#queue-list")


@pilot_test
async def test_a_question_is_listed_and_answered_from_the_open_asks_panel(build, branching):
    app = build(scenario=branching)
    async with running(app, size=(140, 40)) as pilot:
        app.advance_clock(300)
        await pilot.pause()
        text = feed(app)
        assert "? triage.first — What do you do first? (Incident commander)" in text
        assert "? triage.feel — Who do you call? (any role)" in text
        assert "◆ rubric for triage.first: isolate the affected hosts · preserve the logs" in text
        asks = panel(app, "#asks-list")
        assert "? triage.first" in asks and "What do you do first?" in asks
        assert "Open questions (2)" in rendered(app, "#asks-title")
        composer = app.screen.query_one(Composer)
        composer.query_one("#composer-role", Select).value = "comms"
        composer.query_one("#composer-channel", Select).value = "status_page"
        await pilot.pause()
        app.screen.post_message(AnswerQuestion("triage.first"))  # Enter on it in the panel
        await pilot.pause()
        assert (composer.role, composer.channel, composer.reply_to) == ("ic", "bridge", "triage.first")
        await type_and_send(pilot, "We isolate the affected hosts at once.")
        await pilot.pause()
        assert app.engine.state.questions["triage.first"].status != "open"
        text = feed(app)
        assert "✓ question triage.first answered in 0s" in text
        assert "rubric" in text and "1 of 2 points covered" in text
        assert "grade " not in text  # no communication criteria on a discussion answer
        assert "1 of 2 points covered" in rendered(app, "#composer-grade")
        assert "? triage.first" not in panel(app, "#asks-list")
        # grade: none records the answer without a grade
        app.screen.post_message(AnswerQuestion("triage.feel"))
        await pilot.pause()
        assert composer.reply_to == "triage.feel"
        await type_and_send(pilot, "Legal, then the insurer.")
        await pilot.pause()
        assert "answer recorded (not graded)" in rendered(app, "#composer-grade")


@pilot_test
async def test_the_open_asks_panel_selects_a_question_with_enter(build, branching):
    app = build(scenario=branching)
    async with running(app, size=(140, 40)) as pilot:
        app.advance_clock(300)
        await pilot.pause()
        options = app.screen.query_one("#asks-list", OptionList)
        options.focus()
        options.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(Composer).reply_to == "triage.first"
        assert app.focused.id == "composer-text"


@pilot_test
async def test_moves_have_no_running_clock_and_ctrl_n_starts_the_next(build, moves):
    app = build(scenario=moves)
    async with running(app, size=(140, 40)) as pilot:
        await pilot.pause()
        header = rendered(app, "DrillHeader")
        assert "Move 1 of 3" in header and "T+" not in header and "1x" not in header
        assert footer_keys(app) == {"next_move"}  # no speed, no jump; nothing to choose or release yet
        app.advance_clock(600)
        assert app.clock == 0  # nothing ticks in a drill of moves
        assert "Move one begins." in feed(app)
        assert "move 1" in feed(app)  # the feed dates by move
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.move == 2 and "Move 2 of 3" in rendered(app, "DrillHeader")
        assert "■ Move 2 of 3 begins" in feed(app)
        assert "answer this move" in panel(app, "#asks-list")
        assert "↳ answer: everyone on any channel this move" in feed(app)
        await pilot.press("f2")  # paused: the key is shown dimmed and starts nothing
        await pilot.pause()
        assert app.paused and app.check_action("next_move", ()) is None
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.move == 2
        await pilot.press("f2", "ctrl+n")
        await pilot.pause()
        assert app.move == 3
        assert "◆ m3 is waiting for release (Ctrl+R)" in feed(app)
        await pilot.press("ctrl+n")  # the last move: asked first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmEndScreen)
        await pilot.press("n")
        await pilot.pause()
        assert not app.engine.ended and app.move == 3
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.engine.ended


@pilot_test
async def test_a_clock_drill_shows_none_of_the_play_keys(build):
    app = build()  # checkout-outage: format 1
    async with running(app) as pilot:
        await pilot.pause()
        assert footer_keys(app) == {"faster", "next_inject"}
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert not panel(app, "#queue-list").strip() and app.screen.query_one("#queue").has_class("-empty")


HOSTILE = """\
format: 2
id: hostile-keys
title: Hostile play keys
duration: 30m
roles:
  ic: {name: "[bold]Boss[/bold]"}
channels:
  bridge: {audience: internal, name: Bridge}
injects:
  - id: pick
    at: 1m
    type: chat
    text: "[@click=app.quit]Click me[/]"
    questions: [{id: q, text: "[red]Why?[/red]", grade: none}]
    options: [{id: a, text: "[@click=app.quit]Quit[/]"}, {id: b, text: "Plain \\u001b[31m red"}]
    chooser: ic
  - id: held
    release: manual
    type: note
    text: "[blink]held[/blink]"
"""


@pilot_test
async def test_options_questions_and_held_injects_are_shown_as_plain_text(build, tmp_path):
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    app = build(scenario=resolve_scenario(str(path)))
    async with running(app, size=(140, 40)) as pilot:
        app.advance_clock(60)
        await pilot.pause()
        text = feed(app)
        assert "[@click=app.quit]Quit[/] · Plain ␛[31m red ([bold]Boss[/bold] may choose)" in text
        assert "? pick.q — [red]Why?[/red] (any role)" in text
        assert "[blink]held[/blink]" in panel(app, "#queue-list")
        await pilot.press("ctrl+o")
        await pilot.pause()
        listed = [str(app.screen.query_one("#choice-options", OptionList).get_option_at_index(i).prompt)
                  for i in range(3)]
        assert "[@click=app.quit]Quit[/]" in listed[1]
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and "◆ Choice at pick: [@click=app.quit]Quit[/] ([bold]Boss[/bold])" in feed(app)
        assert not any("quit" in message.lower() for message in notifications(pilot))


def test_a_rubric_grade_names_its_points_collapsed_and_expanded():
    from rich.console import Console

    from drill.grading import LoggedGrades
    from drill.tui.widgets.inject_feed import rubric_lines
    from scoring.rubric import grade_rubric

    grades = LoggedGrades()
    grades.record(1, grade_rubric("We isolate the hosts [bold]now[/bold].", ["isolate the hosts", "preserve logs"])
                  .to_dict())
    console = Console(width=80, record=True, color_system=None)
    for expanded in (False, True):
        for line in rubric_lines(grades[1], expanded):
            console.print(line)
    text = console.export_text()
    assert text.count("rubric 50/100 · 1 of 2 points covered") == 2
    assert text.count("covers 'isolate the hosts': 'isolate', 'hosts'") == 2
    assert text.count("does not cover 'preserve logs'") == 2
