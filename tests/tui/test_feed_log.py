"""The feed draws what is on screen, not what is in the log, and keeps the reader's place."""

from __future__ import annotations

from rich.text import Text
from textual.app import App

from drill.tui.widgets.feed_log import FeedLog
from tui_helpers import pilot_test

SIZE = (60, 20)


class Entry(int):
    """An item: the feed knows its items by identity, as the app's feed entries are."""


def line(n: int) -> Text:
    # Every third item wraps over two lines at this width.
    return Text(f"item {n}" + (" and a long tail of words that wraps onto a second line" if n % 3 == 0 else ""))


class OneFeed(App):
    def __init__(self, items: int = 0) -> None:
        super().__init__()
        self.drawn: list[int] = []
        self.initial = items
        self.entries: list[Entry] = []

    def draw(self, n: int) -> Text:
        self.drawn.append(n)
        return line(n)

    def compose(self):
        yield FeedLog(self.draw, id="log")

    def on_mount(self) -> None:
        for n in range(self.initial):
            self.add(n)

    def add(self, n: int) -> Entry:
        entry = Entry(n)
        self.entries.append(entry)
        self.query_one(FeedLog).append(entry)
        return entry


@pilot_test
async def test_a_long_log_draws_only_the_newest_rows_at_first():
    app = OneFeed(5_000)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        feed = app.query_one(FeedLog)
        assert len(feed.items) == 5_000
        assert len(app.drawn) < 60 and min(app.drawn) > 4_900  # a screen and a margin, from the end
        assert feed.item_at(round(feed.scroll_y) + feed.size.height - 1) == 4_999  # the newest at the bottom
        assert feed.scroll_y == feed.max_scroll_y


@pilot_test
async def test_a_batch_appended_while_following_draws_the_newest_rows_not_every_row():
    app = OneFeed(10)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        feed = app.query_one(FeedLog)
        app.drawn.clear()
        for n in range(10, 3_010):
            app.add(n)
        await pilot.pause()
        assert len(app.drawn) < 60 and 3_009 in app.drawn
        assert feed.item_at(round(feed.scroll_y) + feed.size.height - 1) == 3_009


@pilot_test
async def test_resizing_a_long_log_renders_about_a_screen_again():
    app = OneFeed(20_000)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.drawn.clear()
        await pilot.resize_terminal(40, 30)
        await pilot.pause()
        feed = app.query_one(FeedLog)
        assert 0 < len(app.drawn) < 80  # a taller screen and its margin, whatever the log's length
        assert feed.item_at(round(feed.scroll_y) + feed.size.height - 1) == 19_999


@pilot_test
async def test_scrolling_back_keeps_the_top_row_in_place_as_rows_are_measured():
    app = OneFeed(2_000)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        feed = app.query_one(FeedLog)
        feed.scroll_to(y=feed.start_of(app.entries[1_000]), animate=False, immediate=True)
        await pilot.pause()
        assert feed.item_at(round(feed.scroll_y)) == 1_000
        for _ in range(25):  # up, a line at a time, through rows never drawn before
            before = feed.item_at(round(feed.scroll_y))
            await pilot.press("up")
            after = feed.item_at(round(feed.scroll_y))
            assert after in (before, before - 1)  # never a jump over rows
        await pilot.press("end")
        await pilot.pause()
        assert feed.item_at(round(feed.scroll_y) + feed.size.height - 1) == 1_999


@pilot_test
async def test_lines_and_items_agree_everywhere_once_drawn():
    app = OneFeed(300)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        feed = app.query_one(FeedLog)
        text = feed.shown_text()  # renders every row
        assert len(text) == 300 + 100  # a hundred items wrap onto a second line
        for n in (0, 3, 4, 150, 299):
            start = feed.start_of(app.entries[n])
            assert feed.item_at(start) == n and text[start].startswith(f"item {n}")
        assert feed.item_at(len(text)) is None


@pilot_test
async def test_a_filter_shows_only_its_items_and_follows_the_newest():
    app = OneFeed(1_000)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        feed = app.query_one(FeedLog)
        feed.set_filter(lambda n: n % 2 == 0)
        await pilot.pause()
        assert feed.item_at(0) == 0 and feed.item_at(feed.start_of(app.entries[2])) == 2
        assert feed.item_at(round(feed.scroll_y) + feed.size.height - 1) == 998
        app.add(1_001)  # hidden by the filter
        app.add(1_002)
        await pilot.pause()
        assert feed.item_at(round(feed.scroll_y) + feed.size.height - 1) == 1_002


@pilot_test
async def test_a_click_names_the_item_under_it():
    clicked = []

    class Clicking(OneFeed):
        def on_feed_log_clicked(self, message: FeedLog.Clicked) -> None:
            clicked.append(message.item)

    app = Clicking(50)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        feed = app.query_one(FeedLog)
        row = feed.start_of(app.entries[45]) - round(feed.scroll_y)
        await pilot.click("#log", offset=(2, row))
        await pilot.pause()
        assert clicked == [45]
