"""The public's pressure at a glance: posts a minute, mood and press interest, with their history.

Three lines, each a sparkline of the last minutes (one bar a minute, newest on the
right) and the current value: ``posts ▂▃▅▇ 14/min``, ``mood ▅▃▂▁ angry −0.62``,
``press ▁▂▄▆ high 79%``. The bars use fixed scales (mood from −1 to 1, press from
0 to 1) so a mood stuck at "furious" stays at the bottom. A short screen hides the
three lines and shows the summary instead, on one line where it fits (see PlayScreen.DEFAULT_CSS).
"""

from __future__ import annotations

from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget

from drill.tui.support.public import (
    PublicPulse, mood, mood_word, per_minute, percent, press, spark,
)

MOOD_STYLES = {"furious": "bold red", "angry": "red", "uneasy": "yellow", "neutral": "", "calmer": "green",
               "reassured": "bold green"}
LABEL_WIDTH = 6


def mood_style(sentiment: float) -> str:
    return MOOD_STYLES.get(mood_word(sentiment), "")


def fit(pieces: list[Text], width: int) -> Text:
    """``pieces`` on one line, two spaces apart or one; if they do not fit, on as few lines as they need."""
    for separator in ("  ", " "):
        if sum(piece.cell_len for piece in pieces) + len(separator) * (len(pieces) - 1) <= width:
            return Text(separator, no_wrap=True, overflow="ellipsis").join(pieces)
    lines: list[Text] = []
    for piece in pieces:
        if lines and lines[-1].cell_len + 2 + piece.cell_len <= width:
            lines[-1].append("  ")
            lines[-1].append_text(piece)
        else:
            lines.append(piece.copy())
    return Text("\n", no_wrap=True, overflow="ellipsis").join(lines)


class MeterLine(Widget):
    """One line drawn at the width it is given."""

    DEFAULT_CSS = "MeterLine { height: 1; }"

    def __init__(self, draw: Callable[[int], Text], *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._draw = draw

    def render(self) -> Text:
        return self._draw(self.size.width)


class PressureMeter(Vertical):
    DEFAULT_CSS = """
    PressureMeter { height: auto; padding: 0 1; }
    PressureMeter > #meter-summary { display: none; height: auto; }
    PressureMeter.-quiet > .spark { display: none; }
    PressureMeter.-quiet > #meter-summary { display: block; }
    """

    def __init__(self, pulse: PublicPulse, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="-quiet")
        self.pulse = pulse

    def compose(self) -> ComposeResult:
        yield MeterLine(self.summary, id="meter-summary")
        yield MeterLine(self.posts_line, id="meter-posts", classes="spark")
        yield MeterLine(self.mood_line, id="meter-mood", classes="spark")
        yield MeterLine(self.press_line, id="meter-press", classes="spark")

    def update(self) -> None:
        """The pulse has a new reading: draw it (the three lines only, nothing else)."""
        self.set_class(not self.pulse.public, "-quiet")
        for line in self.query(MeterLine):
            line.refresh(layout=line.id == "meter-summary")  # the summary may wrap to a second line

    # --- the lines ----------------------------------------------------------

    def summary(self, width: int) -> Text:
        now = self.pulse.current
        if now is None:
            return Text("The public has not noticed yet.", style="dim italic", no_wrap=True, overflow="ellipsis")
        return fit([Text(mood(now.sentiment), style=mood_style(now.sentiment) or "bold"),
                    Text(per_minute(now.posts), style="cyan"),
                    Text(f"press {percent(now.press_interest)}", style="magenta")], width)

    def _spark_line(self, label: str, value: Text, width: int, bars: Callable[[int], Text]) -> Text:
        line = Text(label.ljust(LABEL_WIDTH), style="dim", no_wrap=True, overflow="ellipsis")
        room = width - LABEL_WIDTH - 1 - value.cell_len
        if room >= 3:
            line.append_text(bars(room))
            line.append(" ")
        line.append_text(value)
        return line

    def posts_line(self, width: int) -> Text:
        now = self.pulse.current
        if now is None:
            return Text()
        pulse = self.pulse

        def bars(room: int) -> Text:
            counts = pulse.posts(room)
            return Text(spark(counts, 0, max(max(counts), 1)), style="cyan")

        return self._spark_line("posts", Text(per_minute(now.posts), style="bold cyan"), width, bars)

    def mood_line(self, width: int) -> Text:
        now = self.pulse.current
        if now is None:
            return Text()
        pulse = self.pulse

        def bars(room: int) -> Text:
            values = pulse.sentiments(room)
            drawn = Text()
            for bar, value in zip(spark(values, -1.0, 1.0), values):
                drawn.append(bar, style=mood_style(value))
            return drawn

        return self._spark_line("mood", Text(mood(now.sentiment), style=mood_style(now.sentiment) or "bold"),
                                width, bars)

    def press_line(self, width: int) -> Text:
        now = self.pulse.current
        if now is None:
            return Text()
        pulse = self.pulse

        def bars(room: int) -> Text:
            return Text(spark(pulse.press(room), 0.0, 1.0), style="magenta")

        return self._spark_line("press", Text(press(now.press_interest), style="bold magenta"), width, bars)
