"""Play: the feed, the social panel, the open asks and the composer, under the clock.

A replay shows the same screen without the composer: nothing can be sent, and press calls
show in the feed rather than ringing.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen

from drill.engine.events import Event
from drill.tui.messages.asks import AnswerAsk, AnswerQuestion
from drill.tui.support.breakpoints import BreakpointsFromTheStart
from drill.tui.support.first_resume import StyledOnMount
from drill.tui.support.resize import LaidOutOncePerResize
from drill.tui.widgets.composer import Composer
from drill.tui.widgets.drill_header import DrillHeader
from drill.tui.widgets.facilitator_queue import FacilitatorQueue
from drill.tui.widgets.footer import SteadyFooter
from drill.tui.widgets.inject_feed import InjectFeed
from drill.tui.widgets.open_asks import OpenAsks
from drill.tui.widgets.social_feed import SocialFeed
from drill.tui.widgets.store_error import StoreErrorBanner


class PlayScreen(BreakpointsFromTheStart, LaidOutOncePerResize, StyledOnMount, Screen):
    # Styled here rather than in a .tcss file: as a new drill's first screen it is the app's
    # base screen, and Textual reads no CSS_PATH for that one.
    DEFAULT_CSS = """
    PlayScreen {
        layout: vertical;
    }

    #play-body {
        height: 1fr;
    }

    /* Wholly covered by what they hold, so not drawn: a frame draws every visible widget, those
       underneath included, then keeps what is on top (a resize draws the whole screen). */
    #play-body, #feed {
        visibility: hidden;
    }

    #side, #feed > * {
        visibility: visible;
    }

    #feed {
        width: 1fr;
    }

    #side {
        width: 40%;
        min-width: 34;
        max-width: 56;
        border-left: solid $primary;
    }

    .panel-title {
        text-style: bold;
        color: $accent;
        padding: 0 1;
    }

    #social {
        border-top: solid $primary;
    }

    /* A short terminal (24 rows): the pressure meter is a summary line and the message box three lines. */
    PlayScreen.-short #pressure > .spark {
        display: none;
    }

    PlayScreen.-short #pressure > #meter-summary {
        display: block;
    }

    PlayScreen.-short Composer > #composer-text {
        height: 5;
    }
    """
    AUTO_FOCUS = "#composer-text"
    # Below 30 rows the screen is "-short": the pressure meter and the message box shrink.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    BINDINGS = [
        Binding("ctrl+s", "send", "Send", priority=True),
        Binding("f8", "toggle_reasons", "Reasons"),  # every reason of every grade in the feed, or the first few
    ]

    @property
    def read_only(self) -> bool:
        return self.app.read_only

    def compose(self) -> ComposeResult:
        if self.read_only:
            self.AUTO_FOCUS = "#feed-log"  # nothing to type: the feed scrolls with the arrow keys
        yield DrillHeader()
        yield StoreErrorBanner(id="store-error")
        with Horizontal(id="play-body"):
            yield InjectFeed(id="feed")
            with Vertical(id="side"):
                yield from self.compose_side()
        yield from self.compose_bottom()
        yield SteadyFooter()

    def compose_side(self) -> ComposeResult:
        """The panels beside the feed (a seat's screen adds its own)."""
        yield FacilitatorQueue(id="queue")
        yield OpenAsks(id="asks")
        yield SocialFeed(id="social")

    def compose_bottom(self) -> ComposeResult:
        """Under the feed: the composer, unless nothing can be sent."""
        app = self.app
        if not self.read_only:
            yield Composer((app.draft, app.draft_role, app.draft_channel), id="composer")

    @property
    def composer(self) -> Composer | None:
        found = self.query(Composer)
        return found.first() if found else None

    def on_mount(self) -> None:
        self.app.drill_events.subscribe(self, self.show_events)

    def on_screen_suspend(self) -> None:
        self.add_class("-under-dialog")  # a dialog on top has the focus: nothing here looks focused

    def on_screen_resume(self) -> None:
        self.remove_class("-under-dialog")

    def show_events(self, events: list[Event]) -> None:
        if self.composer is None:  # a replay: nobody can take the call
            return
        for event in events:
            if event.kind == "inject_delivered" and event.data["type"] == "press_call":
                ask_id = next((e.data["ask_id"] for e in events
                               if e.kind == "ask_opened" and e.data["inject_id"] == event.data["inject_id"]), None)
                ask = self.app.engine.state.asks.get(ask_id) if ask_id else None
                if ask is not None and ask.is_open and not ask.overdue:
                    from drill.tui.screens.press_call import PressCallScreen  # only once a call rings

                    self.app.push_screen(PressCallScreen(event, ask), self._call_closed)

    def _call_closed(self, ask_id: str | None) -> None:
        """The modal returns the ask's id when the facilitator takes the call."""
        if ask_id is not None:
            self.answer(ask_id)

    def on_answer_ask(self, message: AnswerAsk) -> None:
        self.answer(message.ask_id)

    def on_answer_question(self, message: AnswerQuestion) -> None:
        slot = getattr(self.app.engine.state, "questions", {}).get(message.question_id)
        if slot is not None and self.composer is not None:
            self.composer.prefill_question(slot)

    def answer(self, ask_id: str) -> None:
        ask = self.app.engine.state.asks.get(ask_id)
        if ask is not None and ask.is_open and self.composer is not None:
            self.composer.prefill(ask)

    def action_send(self) -> None:
        if self.composer is not None:
            self.composer.request_send()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_reasons":  # grades are shown only in training mode
            return self.app.training
        if action == "send":
            return not self.read_only
        return True

    # --- the composer's messages, while the app does not take them itself -----------

    def action_toggle_reasons(self) -> None:
        self.query_one(InjectFeed).toggle_reasons()
