"""Pictures of every screen at 100x32, compared with the committed SVGs.

Time is frozen: the clock only moves by ``advance_clock``, the report goes to a fixed
relative folder, scores come from a fixed table, and cursors do not blink (see conftest).
Regenerate with ``pytest tests/tui/test_snapshots.py --snapshot-update`` and look at each
picture before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Select, SelectionList, TextArea

from drill.library import builtin_responses
from drill.live.replay import ReplaySource
from drill.report.data import build_report
from drill.responses import load_responses
from drill.simulate import simulate
from drill.tui.launch import make_app
from tui_helpers import SIZE, FlakyRecorder, drill_started

FIXED_SCORES = {
    "score": {"overall": 64.0, "speed": 58.0, "quality": 71.0, "reason": "Slow first public update; clear wording."},
    "roles": {
        "ic": {"overall": 72.0, "speed": 80.0, "quality": 66.0, "reason": ""},
        "comms": {"overall": 55.0, "speed": 40.0, "quality": 70.0, "reason": ""},
        "support": {"overall": None, "speed": None, "quality": None, "reason": "nothing to grade"},
    },
    "objectives": [
        {"id": "first-public", "text": "Post a first public update within 15 minutes.", "rating": "S",
         "reason": "Posted at T+14:20."},
        {"id": "press-ready", "text": "Answer the press with facts.", "rating": "U", "reason": "No press answer."},
    ],
}


@pytest.fixture
def frozen(monkeypatch, tmp_path):
    """A fixed report folder (shown on the debrief) and fixed scores, independent of scoring's tuning."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("drill.session.report_for",
                        lambda engine, generated_at=None: build_report(engine.scenario, engine.log, FIXED_SCORES))
    return Path("report")


async def at(pilot, seconds: int) -> None:
    """The drill started and its clock moved to ``seconds``."""
    await drill_started(pilot)
    pilot.app.advance_clock(seconds)
    await pilot.pause()


def test_picker(snap_compare, build, frozen):
    app = build(scenario=None, briefing=True, out=frozen)

    async def run_before(pilot):
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_briefing(snap_compare, build, frozen):
    app = build(briefing=True, out=frozen)

    async def run_before(pilot):
        await drill_started(pilot)
        pilot.app.screen.query_one("#role-ic", Input).value = "Sam Okafor"
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_play(snap_compare, build, frozen):
    """The composer has focus: its frame is amber."""
    app = build(out=frozen)

    async def run_before(pilot):
        await at(pilot, 13 * 60 + 20)
        pilot.app.screen.query_one("#composer-text", TextArea).text = "We are investigating failed card payments"
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_play_reply_to(snap_compare, build, frozen):
    """Communications, on the status page, is offered only the ask it can answer, with its countdown;
    the open drop-down has the focus."""
    app = build(out=frozen)

    async def run_before(pilot):
        await at(pilot, 13 * 60 + 20)
        pilot.app.screen.query_one("#composer-role", Select).value = "comms"
        await pilot.pause()
        reply = pilot.app.screen.query_one("#composer-reply", Select)
        reply.focus()
        reply.action_show_overlay()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_press_call(snap_compare, build, frozen):
    app = build(out=frozen)

    async def run_before(pilot):
        await at(pilot, 18 * 60 + 30)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_adhoc_inject(snap_compare, build, frozen):
    """One recipient ticked, the others not, and the list focused: ticked boxes are filled."""
    app = build(out=frozen)

    async def run_before(pilot):
        await at(pilot, 5 * 60)
        await pilot.press("f5")
        await pilot.pause()
        screen = pilot.app.screen
        screen.query_one("#adhoc-text", TextArea).text = "The board wants numbers in ten minutes."
        recipients = screen.query_one("#adhoc-to", SelectionList)
        recipients.select("exec")
        recipients.focus()
        recipients.highlighted = 1
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_confirm_end(snap_compare, build, frozen):
    app = build(out=frozen)

    async def run_before(pilot):
        await at(pilot, 5 * 60)
        await pilot.press("f10")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_debrief(snap_compare, build, frozen):
    app = build(out=frozen)

    async def run_before(pilot):
        await at(pilot, 20 * 60)
        pilot.app.end_drill(then_exit=False)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_replay(snap_compare, checkout, frozen):
    """A stored drill watched again, with its team's messages: no composer, and the press call shows
    in the feed without ringing."""
    text, name = builtin_responses(checkout.id)
    log = simulate(checkout, load_responses(text, checkout, name), seed=7).log
    app = make_app(replay=ReplaySource(checkout, log, log[-1].at), speed=10, realtime=False, out=frozen)

    async def run_before(pilot):
        await pilot.pause()
        pilot.app.advance_clock(19 * 60)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_store_error(snap_compare, build, frozen):
    recorder = FlakyRecorder()
    app = build(recorder=recorder, out=frozen)

    async def run_before(pilot):
        await at(pilot, 170)
        recorder.failing = True
        pilot.app.advance_clock(20)  # chat-eng-1 falls due at 3m and cannot be saved
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
