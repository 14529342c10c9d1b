"""Where the facilitator types the team's message: role, channel, reply-to, text, send.

The character count runs against the channel's limit. Sending goes through the app
(``app.send``); a rejected message stays in the box with a notification.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Select, TextArea

from drill.engine import Respond
from drill.engine.events import Event
from drill.engine.state import Ask
from drill.scenario.model import Scenario
from drill.tui.render import TYPE_LABELS, channel_options, one_line, plain, role_options
from drill.tui.support.asks import countdown
from drill.tui.support.feed import ask_id_for
from drill.tui.support.reasons import misses

REPLY_CHOICES = 25  # the most recent deliveries offered as reply-to, beside the open asks
REPLY_EVENTS = frozenset({"inject_delivered", "ask_opened", "ask_answered", "ask_missed"})


def count_label(length: int, limit: int | None) -> Text:
    if limit is None:
        return Text(f"{length} chars", style="dim")
    over = length > limit
    return Text(f"{length}/{limit} chars" + (" — too long" if over else ""),
                style="bold red" if over else "dim")


def grade_summary(grade) -> Text:
    """'last: 58/100 · missed: States the impact, Commits to the next update' (the costliest first)."""
    line = Text(f"last: {grade.score:.0f}/100", style="bold green" if grade.score >= 70 else "bold yellow")
    missed = misses(grade.criteria)
    if missed:
        line.append(" · missed: ", style="yellow")
        line.append_text(plain(", ".join(reason.label for reason in missed), "yellow"))
    line.no_wrap, line.overflow = True, "ellipsis"
    return line


class Composer(Vertical):
    DEFAULT_CSS = """
    Composer { height: auto; border-top: solid $primary; }
    Composer > #composer-options { height: 1; }
    Composer > #composer-options > Select { width: 1fr; margin-right: 1; }
    Composer > #composer-options > #composer-reply { width: 2fr; }
    Composer > #composer-text { height: 5; min-height: 3; border: none; padding: 0 1; }
    Composer > #composer-status { height: 1; }
    Composer > #composer-status > #composer-count { width: auto; margin-right: 2; }
    Composer > #composer-status > #composer-grade { width: 1fr; }
    Composer > #composer-status > Button { width: auto; min-width: 10; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._reply_signature: tuple = ()

    @property
    def scenario(self) -> Scenario:
        return self.app.scenario

    def compose(self) -> ComposeResult:
        scenario = self.scenario
        roles, channels = role_options(scenario), channel_options(scenario)
        with Horizontal(id="composer-options"):
            yield Select(roles, value=roles[0][1], allow_blank=False, compact=True, id="composer-role")
            yield Select(channels, value=channels[0][1], allow_blank=False, compact=True, id="composer-channel")
            yield Select([], prompt="reply to: nothing", compact=True, id="composer-reply")
        yield TextArea(id="composer-text", soft_wrap=True, tab_behavior="focus",
                       placeholder="Type the team's message. Ctrl+S sends.")
        with Horizontal(id="composer-status"):
            yield Label(id="composer-count")
            yield Label(id="composer-grade")
            yield Button("Send ^S", id="composer-send", compact=True, variant="primary")

    @property
    def text_area(self) -> TextArea:
        return self.query_one("#composer-text", TextArea)

    @property
    def role(self) -> str:
        return self.query_one("#composer-role", Select).value

    @property
    def channel(self) -> str:
        return self.query_one("#composer-channel", Select).value

    @property
    def reply_to(self) -> str | None:
        value = self.query_one("#composer-reply", Select).value
        return None if value is Select.NULL else value

    def on_mount(self) -> None:
        app = self.app
        if app.draft:  # a resumed drill's unsent text, as the role and on the channel it was written for
            self.text_area.text = app.draft
        if app.draft_role in self.scenario.roles:
            self.query_one("#composer-role", Select).value = app.draft_role
        if app.draft_channel in self.scenario.channels:
            self.query_one("#composer-channel", Select).value = app.draft_channel
        app.draft_role, app.draft_channel = self.role, self.channel
        self._refresh_replies()
        self._update_count()
        self.app.drill_events.subscribe(self, self.show_events)
        if self.app.read_only:
            self.disabled = True

    def show_events(self, events: list[Event]) -> None:
        if any(event.kind in REPLY_EVENTS for event in events):
            self._refresh_replies()

    # --- reply-to -------------------------------------------------------------

    def _reply_options(self) -> list[tuple[Text, str]]:
        engine = self.app.engine
        options: list[tuple[Text, str]] = []
        if engine is None:  # the first paint comes before the drill starts
            return options
        seen: set[str] = set()
        for ask in engine.state.open_asks():
            options.append((plain(f"ask {one_line(ask.ask_id, 30)} · {countdown(ask.due_at, engine.clock)}"), ask.ask_id))
            seen.add(ask.ask_id)
        for delivery in reversed(engine.state.deliveries[-REPLY_CHOICES:]):
            inject_id = delivery.data["inject_id"]
            if inject_id in seen or ask_id_for(inject_id, delivery.data["occurrence"]) in seen:
                continue
            seen.add(inject_id)
            kind = TYPE_LABELS.get(delivery.data["type"], delivery.data["type"]).lower()
            options.append((plain(f"{one_line(inject_id, 30)} · {kind} · {one_line(delivery.data['from'], 30)}"),
                            inject_id))
        return options

    def _refresh_replies(self) -> None:
        options = self._reply_options()
        select = self.query_one("#composer-reply", Select)
        current = select.value
        with select.prevent(Select.Changed):
            select.set_options(options)
            if current is not Select.NULL and any(value == current for _, value in options):
                select.value = current

    # --- text -----------------------------------------------------------------

    @on(TextArea.Changed, "#composer-text")
    def _text_changed(self) -> None:
        self._update_count()
        self.app.draft = self.text_area.text

    @on(Select.Changed, "#composer-role")
    def _role_changed(self) -> None:
        self.app.draft_role = self.role

    @on(Select.Changed, "#composer-channel")
    def _channel_changed(self) -> None:
        self.app.draft_channel = self.channel
        self._update_count()

    def _update_count(self) -> None:
        channel = self.scenario.channels.get(self.channel)
        limit = channel.max_chars if channel else None
        self.query_one("#composer-count", Label).update(count_label(len(self.text_area.text), limit))

    def prefill(self, ask: Ask) -> None:
        """Answer ``ask``: reply to it, as one of its roles, on one of its channels."""
        if ask.roles and self.role not in ask.roles:
            self.query_one("#composer-role", Select).value = ask.roles[0]
        if ask.channels and self.channel not in ask.channels:
            self.query_one("#composer-channel", Select).value = ask.channels[0]
        self._refresh_replies()
        self.query_one("#composer-reply", Select).value = ask.ask_id
        self.text_area.focus()

    # --- sending --------------------------------------------------------------

    @on(Button.Pressed, "#composer-send")
    def _send_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.send()

    def send(self) -> bool:
        text = self.text_area.text
        if not text.strip():
            self.app.notify("Type a message first.", severity="warning", markup=False)
            return False
        channel = self.scenario.channels[self.channel]
        if channel.max_chars is not None and len(text) > channel.max_chars:
            self.app.notify(f"Too long for {channel.name}: {len(text)} of {channel.max_chars} characters.",
                            severity="warning", markup=False)
            return False
        events = self.app.send(Respond(self.role, self.channel, text, self.reply_to))
        if events is None:
            return False
        self.text_area.clear()
        self.query_one("#composer-reply", Select).clear()
        recorded = next((event for event in events if event.kind == "response_recorded"), None)
        grade = self.app.grades.get(recorded.data["response_id"]) if recorded else None
        label = self.query_one("#composer-grade", Label)
        if self.app.training and grade is not None:
            label.update(grade_summary(grade))
        else:
            label.update(Text("sent", style="green"))
        self.text_area.focus()
        return True
