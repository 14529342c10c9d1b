"""The asks still waiting for an answer, each with its countdown: calm, amber, then red."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from drill.engine.events import Event
from drill.engine.state import Ask
from drill.tui.messages.asks import AnswerAsk
from drill.tui.render import channel_names, one_line, role_names
from drill.tui.support.asks import AMBER, RED, by_due, countdown, urgency

URGENCY_STYLES = {AMBER: "bold yellow", RED: "bold red"}
ASK_EVENTS = frozenset({"ask_opened", "ask_answered", "ask_missed", "drill_ended"})


class OpenAsks(Vertical):
    DEFAULT_CSS = """
    OpenAsks { height: auto; max-height: 50%; }
    OpenAsks > OptionList { height: auto; max-height: 100%; border: none; padding: 0 0 0 1; }
    OpenAsks > #asks-empty { color: $text-muted; padding: 0 1; }
    OpenAsks.-empty > OptionList { display: none; }
    OpenAsks.-has-asks > #asks-empty { display: none; }
    """

    def compose(self) -> ComposeResult:
        yield Label("Open asks", classes="panel-title", id="asks-title")
        yield Label("Nothing waits for an answer.", id="asks-empty")
        yield OptionList(id="asks-list")

    @property
    def options(self) -> OptionList:
        return self.query_one("#asks-list", OptionList)

    def on_mount(self) -> None:
        # The asks as shown: opened and not yet closed by events the app has shown. The engine's state
        # may be ahead of them while the store has not taken the newest batch.
        self._shown_open: dict[str, None] = {}
        self._follow(self.app.shown_log)
        self.rebuild()
        self.app.drill_events.subscribe(self, self.show_events)
        self.watch(self.app, "clock", self._clock_changed, init=False)

    def show_events(self, events: list[Event]) -> None:
        if any(event.kind in ASK_EVENTS for event in events):
            self._follow(events)
            self.rebuild()

    def _follow(self, events: list[Event]) -> None:
        for event in events:
            if event.kind == "ask_opened":
                self._shown_open[event.data["ask_id"]] = None
            elif event.kind in ("ask_answered", "ask_missed"):
                self._shown_open.pop(event.data["ask_id"], None)

    def _clock_changed(self, _clock: int) -> None:
        # The clock can move before this batch's events reach us: rebuild if the asks changed.
        asks = self._open_asks()
        listed = [self.options.get_option_at_index(index).id for index in range(self.options.option_count)]
        if listed != [ask.ask_id for ask in asks]:
            self.rebuild()
            return
        for ask in asks:
            self.options.replace_option_prompt(ask.ask_id, self._prompt(ask))

    def _open_asks(self) -> list[Ask]:
        engine = self.app.engine
        if engine is None:  # the first paint comes before the drill starts
            return []
        asks = engine.state.asks
        return by_due([asks[ask_id] for ask_id in self._shown_open if ask_id in asks])

    def rebuild(self) -> None:
        asks = self._open_asks()
        highlighted = self.options.highlighted_option.id if self.options.highlighted_option else None
        self.options.clear_options()
        self.options.add_options([Option(self._prompt(ask), id=ask.ask_id) for ask in asks])
        ids = [ask.ask_id for ask in asks]
        if highlighted in ids:
            self.options.highlighted = ids.index(highlighted)
        self.set_class(not asks, "-empty")
        self.set_class(bool(asks), "-has-asks")
        self.query_one("#asks-title", Label).update(f"Open asks ({len(asks)})" if asks else "Open asks")

    def _prompt(self, ask: Ask) -> Text:
        app = self.app
        scenario = app.scenario
        state = urgency(ask.due_at, ask.within, app.clock)
        prompt = Text()
        prompt.append(countdown(ask.due_at, app.clock), style=URGENCY_STYLES.get(state, "green"))
        prompt.append("  ")
        prompt.append(one_line(ask.ask_id, 40), style="bold")
        prompt.append("\n")
        who = f"{role_names(scenario, ask.roles)} on {channel_names(scenario, ask.channels)}"
        prompt.append(one_line(who, 120), style="dim")
        return prompt

    @on(OptionList.OptionSelected, "#asks-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(AnswerAsk(event.option.id))
