"""The facilitator's queue beside the feed (format 2): the decisions waiting for a choice (Ctrl+O) and the
injects held for release (Ctrl+R), including those held from the start. Hidden while empty; Enter (or a
click) on an item opens its dialog there.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from drill.engine.events import Event
from drill.tui.render import TYPE_LABELS, one_line, plain, role_name
from drill.tui.support.decisions import held_injects, pending_choices

QUEUE_EVENTS = frozenset({"drill_started", "inject_delivered", "option_chosen", "inject_held", "inject_released", "drill_ended"})
CHOICE, HELD = "choose:", "release:"  # option ids in the list: the kind, then the inject's id


class FacilitatorQueue(Vertical):
    DEFAULT_CSS = """
    FacilitatorQueue { height: auto; max-height: 35%; border-bottom: solid $primary; }
    FacilitatorQueue.-empty { display: none; }
    FacilitatorQueue > OptionList { height: auto; max-height: 100%; border: none; padding: 0 0 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        # Empty (hidden) until its first rebuild says otherwise, as it is in most drills: made so rather
        # than made so just after it was styled, which styled it and its children a second time.
        super().__init__(id=id, classes="-empty")

    def compose(self) -> ComposeResult:
        yield Label("Your queue", classes="panel-title", id="queue-title")
        yield OptionList(id="queue-list")

    @property
    def options(self) -> OptionList:
        return self.query_one("#queue-list", OptionList)

    def on_mount(self) -> None:
        self.rebuild()
        self.app.drill_events.subscribe(self, self.show_events)

    def show_events(self, events: list[Event]) -> None:
        if any(event.kind in QUEUE_EVENTS for event in events):
            self.rebuild()

    def items(self) -> list[tuple[str, Text]]:
        """(option id, prompt) for each decision waiting, then each inject held."""
        app = self.app
        engine = app.engine
        if engine is None or app.read_only or engine.ended:
            return []
        scenario, state = app.scenario, engine.state
        found: list[tuple[str, Text]] = []
        for pending in pending_choices(scenario, state):
            inject = pending.inject
            options = " / ".join(option.text for option in inject.options)
            if inject.chooser:
                options += f" · {role_name(scenario, inject.chooser)} may choose"
            found.append((CHOICE + inject.id, _queue_item("decide", inject.id, "Ctrl+O", options)))
        for held in held_injects(scenario, state):
            inject = held.inject
            title = inject.guide.title if inject.guide is not None and inject.guide.title else ""
            summary = f"{TYPE_LABELS.get(inject.type, inject.type.upper()).lower()} · {title or inject.text_for(held.occurrence)}"
            found.append((HELD + inject.id, _queue_item("release", inject.id, "Ctrl+R", summary)))
        return found

    def rebuild(self) -> None:
        items = self.items()
        options = self.options
        highlighted = options.highlighted_option.id if options.highlighted_option else None
        options.clear_options()
        options.add_options([Option(prompt, id=key) for key, prompt in items])
        ids = [key for key, _ in items]
        if highlighted in ids:
            options.highlighted = ids.index(highlighted)
        self.set_class(not items, "-empty")
        self.query_one("#queue-title", Label).update(f"Your queue ({len(items)})")

    @on(OptionList.OptionSelected, "#queue-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        key = event.option.id or ""
        if key.startswith(CHOICE):
            self.app.action_choose(key[len(CHOICE):])
        elif key.startswith(HELD):
            self.app.action_release(key[len(HELD):])


def _queue_item(verb: str, inject_id: str, key: str, detail: str) -> Text:
    """'◆ decide triage  Ctrl+O' over a dim line of what it is about; scenario text as plain text."""
    prompt = Text()
    prompt.append(f"◆ {verb} ", style="bold magenta")
    prompt.append_text(plain(one_line(inject_id, 40), "bold"))
    prompt.append(f"  {key}", style="dim")
    prompt.append("\n")
    prompt.append_text(plain(one_line(detail, 120), "dim"))
    return prompt
