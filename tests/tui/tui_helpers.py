"""Reading what the UI shows, for the tests."""

from __future__ import annotations

import contextlib
from pathlib import Path

from textual.widgets import TextArea

from drill.tui.app import DrillApp
from drill.tui.widgets.feed_log import FeedLog

SIZE = (100, 32)


def log_text(app: DrillApp, selector: str = "#feed-log") -> str:
    """Everything a FeedLog shows, as plain text."""
    feed = app.screen.query_one(selector, FeedLog)
    return "\n".join(strip.text for strip in feed.lines)


def rendered(app: DrillApp, selector: str) -> str:
    """What one widget on the current screen renders, as plain text."""
    return str(app.screen.query_one(selector).render())


def feed_kinds(app: DrillApp) -> list[str]:
    return [entry.event.kind for entry in app.screen.query_one("#feed-log", FeedLog).items]


def notifications(app: DrillApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def report_path(tmp_path: Path) -> Path:
    return tmp_path / "report" / "report.json"


@contextlib.asynccontextmanager
async def running(app: DrillApp, size: tuple[int, int] = SIZE):
    """``app.run_test`` once the drill has started: the app paints its first screen first."""
    async with app.run_test(size=size) as pilot:
        await drill_started(pilot)
        yield pilot


async def drill_started(pilot) -> None:
    """Wait a refresh or two for the engine to start (a picker waits for its choice)."""
    for _ in range(10):
        if pilot.app.engine is not None:
            return
        await pilot.pause()


def pilot_test(test):
    """Run an ``async def`` test with asyncio, without an async pytest plugin."""
    import asyncio
    import functools

    @functools.wraps(test)
    def run(*args, **kwargs):
        asyncio.run(test(*args, **kwargs))

    return run


async def type_and_send(pilot, text: str) -> None:
    """Type ``text`` into the composer and send it with Ctrl+S."""
    pilot.app.screen.query_one("#composer-text", TextArea).text = text
    await pilot.press("ctrl+s")
    await pilot.pause()


def screen_text(app: DrillApp, selector: str = "Static, Label") -> str:
    """The text of every matching widget on the current screen, as drawn."""
    from textual.geometry import Region

    lines = []
    for widget in app.screen.query(selector):
        width, height = widget.size
        lines.extend(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))
    return "\n".join(lines)
