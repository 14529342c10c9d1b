"""Pictures of each screen at 100x32, compared with the committed SVGs.

Time is frozen: the clock only moves by ``advance_clock``, the report goes to a fixed
relative folder, scores come from a fixed table, and cursors do not blink.
Regenerate with ``pytest tests/tui/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from drill.report.data import build_report
from tui_helpers import SIZE, drill_started

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


async def still(pilot) -> None:
    for widget in pilot.app.screen.query("TextArea, Input"):
        widget.cursor_blink = False
    await pilot.pause()


def test_briefing(snap_compare, build, frozen):
    app = build(briefing=True, out=frozen)

    async def run_before(pilot):
        await drill_started(pilot)
        pilot.app.screen.query_one("#role-ic", Input).value = "Sam Okafor"
        await still(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_play(snap_compare, build, frozen):
    app = build(out=frozen)

    async def run_before(pilot):
        await drill_started(pilot)
        pilot.app.advance_clock(13 * 60 + 20)
        await pilot.pause()
        pilot.app.screen.query_one("#composer-text", TextArea).text = "We are investigating failed card payments"
        await still(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_press_call(snap_compare, build, frozen):
    app = build(out=frozen)

    async def run_before(pilot):
        await drill_started(pilot)
        pilot.app.advance_clock(18 * 60 + 30)
        await still(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_debrief(snap_compare, build, frozen):
    app = build(out=frozen)

    async def run_before(pilot):
        await drill_started(pilot)
        pilot.app.advance_clock(20 * 60)
        await pilot.pause()
        pilot.app.end_drill(then_exit=False)
        await pilot.pause()
        await still(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
