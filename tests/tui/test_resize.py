"""A resize lays the play screen out once and draws it once, and draws what a start at that size draws."""

from __future__ import annotations

from collections import Counter

import pytest

from drill.scenario import load_scenario
from tui_helpers import SIZE, pilot_test, running

# A feed and a social panel of a few hundred lines, some wrapping, and nothing asked: every widget
# on the play screen is placed by the layout alone. (An open ask's list measures its options as it
# draws them, and a new width makes it ask for a layout of its own.)
CHATTER = load_scenario(
    "format: 1\nid: chatter\ntitle: Chatter\nduration: 400s\n"
    "roles: {ic: {name: Incident Commander}}\nchannels: {chat: {audience: internal}}\n"
    "injects:\n  - {id: line, at: 1, type: chat, from: Engineer, to: [ic], repeat: {every: 1s, count: 300},\n"
    "     texts: ['Error rate at 40% in eu-west.', 'Rollback of the gateway config under way, and the "
    "database failover is being prepared by the on-call engineer.']}\n", "chatter.yaml")


def drawn_lines(app) -> list[str]:
    """The whole screen as the compositor draws it, as plain text."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def counting(compositor, counts: Counter) -> None:
    """Count the compositor's layouts and the whole frames it draws."""
    for name in ("reflow", "render_full_update"):
        def counted(*args, _method=getattr(compositor, name), _name=name, **kwargs):
            counts[_name] += 1
            return _method(*args, **kwargs)

        setattr(compositor, name, counted)


@pilot_test
async def test_a_resize_lays_the_play_screen_out_once_and_draws_one_frame(build):
    app = build(scenario=CHATTER)
    async with running(app) as pilot:
        app.advance_clock(300)
        await pilot.pause()
        counts: Counter = Counter()
        counting(app.screen._compositor, counts)
        for size in ((80, 30), (140, 40), (100, 32)):
            counts.clear()
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert (counts["reflow"], counts["render_full_update"]) == (1, 1), size


@pytest.mark.parametrize("size", [(80, 30), (140, 40), (120, 24)])  # 24 rows: the screen turns "-short"
@pilot_test
async def test_a_resized_play_screen_shows_what_one_started_at_that_size_shows(build, size):
    async def shown(app, start_size, resize_to=None) -> list[str]:
        async with running(app, size=start_size) as pilot:
            app.advance_clock(300)
            await pilot.pause()
            if resize_to is not None:
                await pilot.resize_terminal(*resize_to)
                await pilot.pause()
            return drawn_lines(app)

    resized = await shown(build(), SIZE, resize_to=size)
    assert resized == await shown(build(), size)
