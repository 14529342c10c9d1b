"""Reading what the UI shows, for the tests."""

from __future__ import annotations

import contextlib
from pathlib import Path

from textual import events
from textual.message import Message
from textual.notifications import Notify
from textual.widgets import TextArea

from drill.tui.app import DrillApp
from drill.tui.widgets.composer import Composer
from drill.tui.widgets.feed_log import FeedLog
from recorders import FlakyRecorder  # noqa: F401 (the UI tests use it from here)

SIZE = (100, 32)


def log_text(app: DrillApp, selector: str = "#feed-log") -> str:
    """Everything a FeedLog shows, as plain text."""
    feed = app.screen.query_one(selector, FeedLog)
    return "\n".join(feed.shown_text())


def rendered(app: DrillApp, selector: str) -> str:
    """What one widget on the current screen renders, as plain text."""
    return str(app.screen.query_one(selector).render())


def feed_kinds(app: DrillApp) -> list[str]:
    return [entry.event.kind for entry in app.screen.query_one("#feed-log", FeedLog).items]


def posted(pilot, kind: type[Message]) -> list:
    """Every message of ``kind`` the app and its widgets handled, once each, in order (see ``running``)."""
    seen: dict[int, Message] = {}
    for message in pilot.messages:
        if isinstance(message, kind):
            seen.setdefault(id(message), message)
    return list(seen.values())


def notifications(pilot) -> list[str]:
    """Every notification shown so far, expired or not."""
    return [message.notification.message for message in posted(pilot, Notify)]


def send_requests(pilot) -> list[tuple[str, str, str, str | None]]:
    """What the composer asked to send: (text, role, channel, reply_to) each time."""
    return [(m.text, m.role, m.channel, m.reply_to) for m in posted(pilot, Composer.SendRequested)]


def report_path(tmp_path: Path) -> Path:
    return tmp_path / "report" / "report.json"


@contextlib.asynccontextmanager
async def running(app: DrillApp, size: tuple[int, int] = SIZE):
    """``app.run_test`` once the drill has started: the app paints its first screen first.
    Every message handled is kept in ``pilot.messages`` (read them with ``posted``)."""
    messages: list[Message] = []
    async with app.run_test(size=size, message_hook=messages.append) as pilot:
        pilot.messages = messages
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


async def burst(pilot, *keys: str) -> None:
    """Keys arriving all at once (a paste, a fast typist, tmux): every one is queued before the app
    handles the first, then the test waits until they are all handled. Single characters or key names."""
    for key in keys:
        if len(key) == 1:
            event = events.Key("space" if key == " " else key, key)
        else:
            event = events.Key(key, None)
        pilot.app.post_message(event)
    await pilot.pause()
    await pilot.pause()


def screen_text(app: DrillApp, selector: str = "Static, Label") -> str:
    """The text of every matching widget on the current screen, as drawn."""
    from textual.geometry import Region

    lines = []
    for widget in app.screen.query(selector):
        width, height = widget.size
        lines.extend(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))
    return "\n".join(lines)
