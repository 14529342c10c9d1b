"""The top line of play: scenario time (and the fiction's clock, if the drill has one), whether it runs,
its speed, the phase and the title. A drill of moves has no running clock: the move ("Move 2 of 3")
stands in its place, and there is no speed."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from drill.durations import format_clock
from drill.scenario.start import wall_time
from drill.tui.render import plain
from drill.tui.support.clock import format_speed


class DrillHeader(Widget):
    DEFAULT_CSS = """
    DrillHeader {
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        for name in ("clock", "speed", "paused", "phase", "ended", "store_error", "move"):
            self.watch(self.app, name, self._changed, init=False)

    def _changed(self, _value: object) -> None:
        self.refresh()

    def render(self) -> Text:
        app = self.app
        line = Text(no_wrap=True, overflow="ellipsis")
        moves = app.scenario.in_moves
        if moves:
            line.append(f" Move {max(app.move, 1)} of {app.scenario.moves}", style="bold")
        else:
            line.append(f" {format_clock(app.clock)}", style="bold")
            line.append(f" / {format_clock(app.scenario.duration)[2:]}", style="dim")
            fictional = wall_time(app.start_time, app.clock)
            if fictional:
                line.append(" · ", style="dim")
                line.append(fictional, style="bold")
        line.append("  ")
        if app.ended:
            line.append(" ENDED ", style="bold reverse")
        elif app.read_only:
            line.append(" REPLAY ", style="bold reverse")
            if app.paused:
                line.append(" ⏸ PAUSED ", style="bold black on yellow")
        elif app.store_error is not None:
            line.append(" ⏸ NOT SAVING ", style="bold white on red")
        elif app.paused:
            line.append(" ⏸ PAUSED ", style="bold black on yellow")
        elif moves:
            line.append(" ▶ IN PLAY ", style="bold black on green")
        else:
            line.append(" ▶ RUNNING ", style="bold black on green")
        if not moves:
            line.append(f"  {format_speed(app.speed)}", style="bold")
        if app.phase:
            line.append("  phase: ", style="dim")
            line.append(plain(app.phase, "bold"))
        if app.exam:
            line.append("  exam", style="bold magenta")
        line.append("  │ ", style="dim")
        line.append(plain(app.scenario.title))
        return line
