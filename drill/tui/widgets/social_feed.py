"""The social panel: the public's pressure meter over what it is saying and printing.

It lists the scenario's ``social_post`` injects, each minute of the public's talk
(the count it stands for, a few sample posts coloured by mood, and why), the
stories the press publishes and the turns in the public's mood. Items are
appended as their events arrive; only the meter's three lines are drawn again.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label

from drill.engine.events import Event
from drill.tui.render import plain, stamp
from drill.tui.support.public import PULSE_KINDS, PublicPulse, posts_this_minute
from drill.tui.support.social import (SOCIAL_KINDS, PressStory, PublicMinute, PublicNote, ScriptedPost, SocialItem,
                                      social_item)
from drill.tui.widgets.feed_log import FeedLog
from drill.tui.widgets.pressure_meter import PressureMeter

POST_MOOD_STYLES = {"angry": "bold red", "asking": "bold yellow", "neutral": "bold cyan", "positive": "bold green"}
STORY_LABELS = {"declined": "PRESS", "quoted": "PRESS", "follow_up": "PRESS FOLLOW-UP"}
READ_KINDS = SOCIAL_KINDS | PULSE_KINDS  # the events the panel takes: the items it lists and the meter's readings


def why(cause: str) -> Text:
    return plain(f"↳ {cause}", "dim italic")


def post_line(handle: str, text: str, style: str, note: str = "") -> Table:
    """A sample post: its handle in the mood's colour, wrapped lines hanging under the text."""
    line = Text()
    line.append_text(plain(handle, style))
    if note:
        line.append_text(plain(f" {note}", "dim"))
    line.append(" ")
    line.append_text(plain(text))
    row = Table.grid(padding=(0, 1, 0, 0))
    row.add_column(no_wrap=True)
    row.add_column(ratio=1)
    row.add_row(Text("›", style=style), line)
    return row


def _scripted(post: ScriptedPost) -> tuple[Text, list[RenderableType]]:
    return plain(post.handle, "bold cyan"), [plain(post.text)]


def _minute(minute: PublicMinute) -> tuple[Text, list[RenderableType]]:
    body: list[RenderableType] = []
    for sample in minute.samples:
        note = f"↩ quotes response {sample.quotes_response}" if sample.quotes_response else ""
        body.append(post_line(sample.handle, sample.text, POST_MOOD_STYLES.get(sample.mood, "bold"), note))
    if minute.cause:
        body.append(why(minute.cause))
    return Text(posts_this_minute(minute.posts), style="cyan"), body


def _story(story: PressStory) -> tuple[Text, list[RenderableType]]:
    head = Text()
    head.append(f" {STORY_LABELS.get(story.kind, 'PRESS')} ", style="reverse bold magenta")
    head.append(" ")
    head.append_text(plain(story.outlet, "bold magenta"))
    body: list[RenderableType] = [plain(story.headline, "bold"), plain(story.text)]
    if story.cause:
        body.append(why(story.cause))
    return head, body


def _note(note: PublicNote) -> tuple[Text, list[RenderableType]]:
    return plain(note.text, "italic"), []


RENDERERS = {ScriptedPost: _scripted, PublicMinute: _minute, PressStory: _story, PublicNote: _note}


def render_item(item: SocialItem) -> RenderableType:
    """Time and head on the first line, the body under it at the panel's full width, then a blank line."""
    head, body = RENDERERS[type(item)](item)
    first = stamp(item.at)
    first.append(" ")
    first.append_text(head)
    return Padding(Group(first, *body), (0, 0, 1, 0))


class SocialFeed(Vertical):
    DEFAULT_CSS = """
    SocialFeed { height: 1fr; }
    SocialFeed > .panel-title { width: 1fr; }
    SocialFeed > FeedLog { height: 1fr; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._last_seq = 0
        self.pulse = PublicPulse()

    def compose(self) -> ComposeResult:
        yield Label("Social", classes="panel-title")
        yield PressureMeter(self.pulse, id="pressure")
        yield FeedLog(render_item, id="social-posts")

    @property
    def posts(self) -> FeedLog[SocialItem]:
        return self.query_one("#social-posts", FeedLog)

    @property
    def meter(self) -> PressureMeter:
        return self.query_one(PressureMeter)

    def on_mount(self) -> None:
        self.show_events(self.app.shown_log)
        self.app.drill_events.subscribe(self, self.show_events)

    def show_events(self, events: list[Event]) -> None:
        training = self.app.training
        items = []
        moved = False
        for event in events:
            if event.kind not in READ_KINDS or event.seq <= self._last_seq:
                continue
            self._last_seq = event.seq
            if self.pulse.add(event.at, event.kind, event.data) is not None:
                moved = True
            item = social_item(event, training)
            if item is not None:
                items.append(item)
        self.posts.extend(items)
        if moved:
            self.meter.update()
