"""The facilitator's list of seats: who is connected, when each last did something, what waits on them."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Static

from drill.durations import format_clock
from drill.seats.protocol import RosterSeat
from drill.tui.render import one_line, plain


def seat_line(seat: RosterSeat, token: str | None = None) -> Text:
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append("● " if seat.connected else "○ ", style="bold green" if seat.connected else "dim")
    line.append(one_line(seat.seat, 20), style="bold")
    if seat.name:
        line.append_text(plain(f" {one_line(seat.name, 24)}"))
    if not seat.connected:
        line.append(" away", style="dim")
    elif seat.last_active is not None:
        line.append(f" {format_clock(seat.last_active)}", style="dim")
    if seat.open_asks:
        line.append(f"  {seat.open_asks} open ask{'s' if seat.open_asks != 1 else ''}", style="bold yellow")
    if seat.open_questions:
        line.append(f"  {seat.open_questions} open question{'s' if seat.open_questions != 1 else ''}",
                    style="bold cyan")
    if token:
        line.append("\n  new token: ", style="dim")
        line.append_text(plain(token, "bold"))
    return line


def roster_text(seats: list[RosterSeat], tokens: dict[str, str]) -> Text:
    if not seats:
        return Text("No seat has joined yet.", style="dim")
    return Text("\n").join(seat_line(seat, tokens.get(seat.seat)) for seat in seats)


class RosterPanel(Vertical):
    DEFAULT_CSS = """
    RosterPanel { height: auto; max-height: 40%; border-bottom: solid $primary; }
    RosterPanel > #roster-seats { padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        yield Label("Seats", classes="panel-title", id="roster-title")
        yield Static(id="roster-seats", markup=False)

    def on_mount(self) -> None:
        self.show_roster()
        self.app.roster_changed.subscribe(self, lambda _: self.show_roster())

    def show_roster(self) -> None:
        live = self.app.live
        seats, tokens = (live.roster, live.tokens) if live is not None else ([], {})
        connected = sum(seat.connected for seat in seats)
        self.query_one("#roster-title", Label).update(f"Seats ({connected}/{len(seats)} connected)" if seats
                                                      else "Seats")
        self.query_one("#roster-seats", Static).update(roster_text(seats, tokens))
