"""The social-media panel: posts about the incident as they appear.

Today it shows the scenario's ``social_post`` injects. It is its own widget so the
public's generated posts and a pressure meter can join it: add children in
``compose`` and handle their events in ``show_events``.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label

from drill.engine.events import Event
from drill.tui.render import plain, stamp
from drill.tui.widgets.feed_log import FeedLog


@dataclass(frozen=True)
class SocialPost:
    at: int
    handle: str
    text: str


def render_post(post: SocialPost) -> Group:
    head = Text()
    head.append(plain(post.handle, "bold cyan"))
    head.append(" ")
    head.append(stamp(post.at))
    return Group(head, plain(post.text), Text(""))


class SocialFeed(Vertical):
    DEFAULT_CSS = """
    SocialFeed { height: 1fr; }
    SocialFeed > .panel-title { width: 1fr; }
    SocialFeed > FeedLog { height: 1fr; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._last_seq = 0

    def compose(self) -> ComposeResult:
        yield Label("Social", classes="panel-title")
        yield FeedLog(render_post, id="social-posts")

    @property
    def posts(self) -> FeedLog[SocialPost]:
        return self.query_one("#social-posts", FeedLog)

    def on_mount(self) -> None:
        self.show_events(self.app.engine.log)
        self.app.drill_events.subscribe(self, self.show_events)

    def show_events(self, events: list[Event]) -> None:
        for event in events:
            if event.seq <= self._last_seq:
                continue
            self._last_seq = event.seq
            if event.kind == "inject_delivered" and event.data["type"] == "social_post":
                self.add_post(SocialPost(event.at, event.data["from"], event.data["text"]))

    def add_post(self, post: SocialPost) -> None:
        self.posts.append(post)
        self.query_one(".panel-title", Label).update(f"Social ({len(self.posts.items)})")
