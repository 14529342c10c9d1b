"""The facilitator looks through a role's eyes: the feed exactly as that role's seat receives it."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

import drill.tui.screens
from drill.engine.events import Event
from drill.tui.render import plain, role_name
from drill.tui.support.feed import feed_entry
from drill.tui.widgets.feed_log import FeedLog
from drill.tui.widgets.inject_feed import EntryRenderer


class PreviewPickerScreen(ModalScreen[str | None]):
    """Dismissed with the role to preview, or None."""

    CSS_PATH = str(Path(drill.tui.screens.__file__).with_name("modal.tcss"))
    AUTO_FOCUS = "#preview-roles"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self) -> None:
        super().__init__(classes="drill-modal")

    def compose(self) -> ComposeResult:
        roles = [Option(plain(role.name), id=role.id) for role in self.app.scenario.roles.values()]
        with Vertical(id="dialog"):
            yield Label("See the drill as one role sees it", classes="dialog-title")
            yield OptionList(*roles, id="preview-roles")

    @on(OptionList.OptionSelected, "#preview-roles")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PreviewScreen(Screen):
    """A role's feed, filled from the server's preview frames; Esc goes back to the facilitator's own."""

    AUTO_FOCUS = "#preview-log"
    BINDINGS = [Binding("escape", "back", "Back")]
    DEFAULT_CSS = """
    PreviewScreen > #preview-title { padding: 0 1; background: $panel; width: 1fr; }
    PreviewScreen > #preview-empty { padding: 0 1; color: $text-muted; }
    PreviewScreen.-has-entries > #preview-empty { display: none; }
    PreviewScreen > FeedLog { height: 1fr; }
    """

    def __init__(self, role: str) -> None:
        super().__init__()
        self.role = role

    def compose(self) -> ComposeResult:
        title = plain(f"What {role_name(self.app.scenario, self.role)} sees", "bold")
        title.append("  (their seat's feed; Esc: back)", style="dim")
        yield Label(title, id="preview-title")
        yield Label("Nothing has reached this role's feed yet.", id="preview-empty")
        yield FeedLog(EntryRenderer(self.app), id="preview-log")
        yield Footer()

    def on_mount(self) -> None:
        self.show_events(self.app.live.preview_log)

    def show_events(self, events: list[Event]) -> None:
        log = self.query_one("#preview-log", FeedLog)
        state = self.app.engine.state  # the facilitator's: it knows every ask the role's events name
        for event in events:
            entry = feed_entry(event, state)
            if entry is not None:
                log.append(entry)
        self.set_class(bool(log.items), "-has-entries")

    def action_back(self) -> None:
        self.app.stop_preview()
