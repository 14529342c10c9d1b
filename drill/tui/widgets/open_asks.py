"""The asks still waiting for an answer, each with its countdown: calm, amber, then red; after them the
format 2 questions still open ('? triage.first'), with theirs if they have a time limit. Enter (or a
click) on one answers it in the composer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from drill.engine.events import Event
from drill.tui.messages.asks import AnswerAsk, AnswerQuestion
from drill.tui.render import channel_names, one_line, role_name, role_names
from drill.tui.support.asks import AMBER, RED, by_due, countdown, urgency
from drill.tui.support.decisions import open_questions

if TYPE_CHECKING:  # the play screen is painted before the engine (and its state) loads
    from drill.engine.state import Ask

URGENCY_STYLES = {AMBER: "bold yellow", RED: "bold red"}
ASK_EVENTS = frozenset({"ask_opened", "ask_answered", "ask_missed", "drill_ended", "question_opened",
                        "question_answered", "question_unanswered"})
QUESTION = "?"  # a question's option id in the list: "?" and its id (an ask's id never starts so)


class OpenAsks(Vertical):
    DEFAULT_CSS = """
    OpenAsks { height: auto; max-height: 50%; }
    OpenAsks > OptionList { height: auto; max-height: 100%; border: none; padding: 0 0 0 1; }
    OpenAsks > #asks-empty { color: $text-muted; padding: 0 1; }
    OpenAsks.-empty > OptionList { display: none; }
    OpenAsks.-has-asks > #asks-empty { display: none; }
    """

    def compose(self) -> ComposeResult:
        # The asks as shown: opened and not yet closed by events the app has shown. The engine's state
        # may be ahead of them while the store has not taken the newest batch.
        self._shown_open: dict[str, None] = {}
        self._shown_questions: dict[str, None] = {}
        self._follow(self.app.shown_log)
        # Whether anything is open decides which children show: known before they are styled, not
        # changed just after (which restyled the panel and its children before the first frame).
        self._mark_open(bool(self._open_asks() or self._open_questions()), update=False)
        yield Label("Open asks", classes="panel-title", id="asks-title")
        yield Label("Nothing waits for an answer.", id="asks-empty")
        yield OptionList(id="asks-list")

    @property
    def options(self) -> OptionList:
        return self.query_one("#asks-list", OptionList)

    def on_mount(self) -> None:
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
            elif event.kind == "question_opened":
                self._shown_questions[event.data["question_id"]] = None
            elif event.kind in ("question_answered", "question_unanswered"):
                self._shown_questions.pop(event.data["question_id"], None)

    def _clock_changed(self, _clock: int) -> None:
        # The clock can move before this batch's events reach us: rebuild if the asks changed.
        asks, questions = self._open_asks(), self._open_questions()
        listed = [self.options.get_option_at_index(index).id for index in range(self.options.option_count)]
        if listed != [ask.ask_id for ask in asks] + [QUESTION + slot.question_id for slot in questions]:
            self.rebuild()
            return
        for ask in asks:
            self.options.replace_option_prompt(ask.ask_id, self._prompt(ask))
        for slot in questions:
            if slot.due_at is not None:
                self.options.replace_option_prompt(QUESTION + slot.question_id, self._question_prompt(slot))

    def _open_asks(self) -> list[Ask]:
        engine = self.app.engine
        if engine is None:  # the first paint comes before the drill starts
            return []
        asks = engine.state.asks
        return by_due([asks[ask_id] for ask_id in self._shown_open if ask_id in asks])

    def _open_questions(self) -> list:
        engine = self.app.engine
        if engine is None:
            return []
        return open_questions(engine.state, self._shown_questions)

    def rebuild(self) -> None:
        asks, questions = self._open_asks(), self._open_questions()
        highlighted = self.options.highlighted_option.id if self.options.highlighted_option else None
        self.options.clear_options()
        self.options.add_options([Option(self._prompt(ask), id=ask.ask_id) for ask in asks])
        self.options.add_options([Option(self._question_prompt(slot), id=QUESTION + slot.question_id)
                                  for slot in questions])
        ids = [ask.ask_id for ask in asks] + [QUESTION + slot.question_id for slot in questions]
        if highlighted in ids:
            self.options.highlighted = ids.index(highlighted)
        self._mark_open(bool(ids))
        if questions:
            title = (f"Open asks ({len(asks)}) · questions ({len(questions)})" if asks
                     else f"Open questions ({len(questions)})")
        else:
            title = f"Open asks ({len(asks)})" if asks else "Open asks"
        self.query_one("#asks-title", Label).update(title)

    def _mark_open(self, anything_open: bool, update: bool = True) -> None:
        self.update_classes({"-empty": not anything_open, "-has-asks": anything_open}, update=update)

    def _prompt(self, ask: Ask) -> Text:
        app = self.app
        scenario = app.scenario
        moves = scenario.in_moves
        state = urgency(ask.due_at, ask.within, app.clock, moves)
        prompt = Text()
        prompt.append(countdown(ask.due_at, app.clock, moves), style=URGENCY_STYLES.get(state, "green"))
        prompt.append("  ")
        prompt.append(one_line(ask.ask_id, 40), style="bold")
        prompt.append("\n")
        who = f"{role_names(scenario, ask.roles)} on {channel_names(scenario, ask.channels)}"
        prompt.append(one_line(who, 120), style="dim")
        return prompt

    def _question_prompt(self, slot) -> Text:
        """'? triage.first  10m left' over 'What do you do first? · Incident commander'."""
        app = self.app
        scenario = app.scenario
        prompt = Text()
        prompt.append(f"{QUESTION} ", style="bold cyan")
        prompt.append(one_line(slot.question_id, 40), style="bold")
        if slot.due_at is not None:
            moves = scenario.in_moves
            state = urgency(slot.due_at, slot.within, app.clock, moves)
            prompt.append("  ")
            prompt.append(countdown(slot.due_at, app.clock, moves), style=URGENCY_STYLES.get(state, "green"))
        question = scenario.question(slot.question_id)
        who = role_name(scenario, slot.role) if slot.role else "any role"
        prompt.append("\n")
        prompt.append(one_line(f"{question.text} · {who}" if question is not None else who, 120), style="dim")
        return prompt

    @on(OptionList.OptionSelected, "#asks-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id
        if option_id is not None and option_id.startswith(QUESTION):
            self.post_message(AnswerQuestion(option_id[len(QUESTION):]))
        elif option_id is not None:
            self.post_message(AnswerAsk(option_id))
