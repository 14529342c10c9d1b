"""Inline SVG charts for the HTML report: static markup only, no script, no external resources.

Each chart takes plain data built by the sections (the same data the Markdown
report shows as a table) and returns one ``<svg>`` element. Sizes are in
viewBox units; CSS scales the chart to the page width.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from drill.textsafe import printable

WIDTH = 760
LEFT = 150   # room for row labels
RIGHT = 20
PLOT = WIDTH - LEFT - RIGHT

GOOD, WARN, BAD, INK, MUTED, GRID = "#2e7d32", "#c77700", "#c62828", "#222222", "#6b6b6b", "#dddddd"
VOLUME, SENTIMENT = "#3f6fb5", "#7b3fa0"


@dataclass(frozen=True)
class AskBar:
    label: str
    who: str
    opened_at: float
    within: float
    latency: float | None  # None: never answered
    status: str


@dataclass(frozen=True)
class Update:
    response: int
    at: float
    channel: str


@dataclass(frozen=True)
class PromiseMark:
    response: int
    made_at: float
    by: float | None
    next_post_at: float | None
    status: str  # kept, broken or open


@dataclass(frozen=True)
class UpdatesData:
    end: float
    public_from: float | None   # when the simulated public noticed the incident
    first_since: float | None   # when the first-update clock started (scoring's view)
    first_target: float | None  # seconds after first_since
    cadence: float | None
    updates: tuple[Update, ...]
    promises: tuple[PromiseMark, ...]
    label: str = "public updates"  # what the line counts: "status page updates" when measured there


@dataclass(frozen=True)
class PublicData:
    end: float
    ticks: tuple[tuple[float, float, float], ...]  # (at, volume, sentiment)
    posts: tuple[tuple[float, int], ...]           # the team's public posts: (at, response id)
    stories: tuple[tuple[float, str, bool], ...]   # (at, label, good)


def svg(kind: str, data: object, title: str) -> str:
    draw = {"latency": latency_chart, "updates": updates_chart, "public": public_chart}[kind]
    return draw(data, title)


_MARKUP = re.compile(r"[&<>\"']")  # what html.escape changes


@lru_cache(maxsize=4096)  # labels repeat from chart to chart
def svg_text(value: str) -> str:
    if value.isprintable() and _MARKUP.search(value) is None:  # most labels: nothing to replace
        return value
    return html.escape(printable(value), quote=True)


def svg_open(height: float, title: str) -> list[str]:
    return [f'<svg viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
            f'class="chart" aria-label="{svg_text(title)}"><title>{svg_text(title)}</title>']


def svg_label(x: float, y: float, text: str, anchor: str = "start", size: int = 11, fill: str = INK,
           weight: str = "normal") -> str:
    bold = ' font-weight="bold"' if weight == "bold" else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{fill}" text-anchor="{anchor}"{bold}>'
            f'{svg_text(text)}</text>')


def _minute_step(span: float) -> int:
    for step in (1, 2, 5, 10, 15, 30, 60, 120, 240, 480):
        if span / 60 / step <= 10:
            return step * 60
    return 960 * 60


def _time_axis(parts: list[str], end: float, top: float, bottom: float, scale,
               title: str = "minutes since T+0") -> None:
    """Vertical grid lines every few minutes, labelled in minutes below ``bottom``."""
    step = _minute_step(end)
    at = 0
    while at <= end + 1e-9:
        x = scale(at)
        parts.append(f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" stroke="{GRID}"/>')
        parts.append(svg_label(x, bottom + 13, f"{at / 60:g}", "middle", 10, MUTED))
        at += step
    parts.append(svg_label(LEFT + PLOT, bottom + 26, title, "end", 10, MUTED))


def svg_legend(parts: list[str], y: float, items: list[tuple[str, str]]) -> None:
    x = LEFT
    for colour, name in items:
        parts.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{colour}"/>')
        parts.append(svg_label(x + 14, y, name, size=10))
        x += 24 + 6.2 * len(name)


# ------------------------------------------------------------------ latency


def latency_chart(bars: tuple[AskBar, ...], title: str) -> str:
    """One row per ask: the answer time as a bar, the window as a black tick; missed asks hatched."""
    row = 20
    top = 30
    height = top + row * max(len(bars), 1) + 40
    longest = max([bar.within for bar in bars] + [bar.latency or 0 for bar in bars] + [60])
    end = longest * 1.1
    scale = lambda seconds: LEFT + PLOT * min(seconds, end) / end  # noqa: E731
    parts = svg_open(height, title)
    parts.append('<defs><pattern id="missed-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
                 f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f6d5d5"/>'
                 f'<line x1="0" y1="0" x2="0" y2="6" stroke="{BAD}" stroke-width="2"/></pattern></defs>')
    svg_legend(parts, 14, [(GOOD, "in time"), (WARN, "late"), (BAD, "missed"), (INK, "target (window)")])
    bottom = top + row * len(bars)
    _time_axis(parts, end, top, bottom, scale, "minutes from the ask to its answer")
    for index, bar in enumerate(bars):
        y = top + index * row
        parts.append(f'<g><title>{svg_text(_bar_title(bar))}</title>')
        parts.append(svg_label(LEFT - 6, y + 14, _short(bar.label, 22), "end", 11))
        if bar.latency is None:
            parts.append(f'<rect x="{LEFT}" y="{y + 4}" width="{scale(end) - LEFT:.1f}" height="12" '
                         f'fill="url(#missed-hatch)" stroke="{BAD}" stroke-width="0.5"/>')
            parts.append(svg_label(scale(end) - 4, y + 14, "missed", "end", 10, BAD, "bold"))
        else:
            colour = GOOD if bar.status == "answered" else WARN
            width = max(scale(bar.latency) - LEFT, 1.5)
            parts.append(f'<rect x="{LEFT}" y="{y + 4}" width="{width:.1f}" height="12" fill="{colour}"/>')
            parts.append(svg_label(LEFT + width + 4, y + 14, f"{bar.latency / 60:.1f} min", size=10, fill=MUTED))
        x = scale(bar.within)
        parts.append(f'<line x1="{x:.1f}" y1="{y + 1}" x2="{x:.1f}" y2="{y + 19}" stroke="{INK}" stroke-width="2"/>')
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def _bar_title(bar: AskBar) -> str:
    answered = "never answered" if bar.latency is None else f"answered in {bar.latency / 60:.1f} min ({bar.status})"
    return f"{bar.label} ({bar.who}): {answered}; window {bar.within / 60:.1f} min"


def _stagger(xs: list[float], rows: int = 2, gap: float = 22) -> list[int | None]:
    """A label row for each x so that labels in one row stay ``gap`` apart; None where no row has room."""
    last = [float("-inf")] * rows
    placed: list[int | None] = []
    for x in xs:
        row = next((index for index in range(rows) if x - last[index] >= gap), None)
        if row is not None:
            last[row] = x
        placed.append(row)
    return placed


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ------------------------------------------------------------------ updates


def updates_chart(data: UpdatesData, title: str) -> str:
    """Public updates on a time line, each gap coloured against the cadence; promises below, kept or broken."""
    top, lane, row = 34, 46, 22
    promises_top = top + lane + 14
    bottom = promises_top + row * len(data.promises)
    height = bottom + 40
    end = max(data.end, 60)
    scale = lambda seconds: LEFT + PLOT * max(0.0, min(seconds, end)) / end  # noqa: E731
    parts = svg_open(height, title)
    svg_legend(parts, 14, [(GOOD, "gap within cadence / promise kept"), (BAD, "gap over cadence / promise broken"),
                        (MUTED, "before the first update")])
    _time_axis(parts, end, top, bottom, scale)
    y = top + lane / 2 + 4
    parts.append(svg_label(LEFT - 6, y + 4, data.label, "end", 11, weight="bold"))
    updates = data.updates
    if data.public_from is not None:
        parts.append(f'<path d="M{scale(data.public_from):.1f} {y - 12} l5 -7 h-10 z" fill="{MUTED}">'
                     f'<title>the public noticed the incident</title></path>')
    if data.first_since is not None:
        first_at = updates[0].at if updates else end
        late = data.first_target is not None and first_at - data.first_since > data.first_target
        parts.append(f'<line x1="{scale(data.first_since):.1f}" y1="{y}" x2="{scale(first_at):.1f}" y2="{y}" '
                     f'stroke="{BAD if late else MUTED}" stroke-width="3" stroke-dasharray="5 4"/>')
        if data.first_target is not None:
            x = scale(data.first_since + data.first_target)
            parts.append(f'<line x1="{x:.1f}" y1="{y - 14}" x2="{x:.1f}" y2="{y + 14}" stroke="{INK}" '
                         f'stroke-width="2"><title>first-update target</title></line>')
            parts.append(svg_label(x, y + 25, "first-update target", "middle", 9, MUTED))
    stops = [update.at for update in updates] + ([end] if updates else [])
    for start, stop in zip(stops, stops[1:]):
        over = data.cadence is not None and stop - start > data.cadence
        parts.append(f'<line x1="{scale(start):.1f}" y1="{y}" x2="{scale(stop):.1f}" y2="{y}" '
                     f'stroke="{BAD if over else GOOD}" stroke-width="5"/>')
    levels = _stagger([scale(update.at) for update in updates])
    for update, level in zip(updates, levels):
        x = scale(update.at)
        parts.append(f'<circle cx="{x:.1f}" cy="{y}" r="5" fill="#ffffff" stroke="{INK}" stroke-width="2">'
                     f'<title>#{update.response} on {svg_text(update.channel)}</title></circle>')
        if level is not None:
            parts.append(svg_label(x, y - 10 - level * 10, f"#{update.response}", "middle", 10))
    for index, promise in enumerate(data.promises):
        py = promises_top + index * row + 9
        colour = {"kept": GOOD, "broken": BAD}.get(promise.status, MUTED)
        parts.append(svg_label(LEFT - 6, py + 4, f"#{promise.response} promise", "end", 10))
        due = promise.by if promise.by is not None else end
        parts.append(f'<g><title>promise in #{promise.response}: {promise.status}</title>'
                     f'<line x1="{scale(promise.made_at):.1f}" y1="{py}" x2="{scale(due):.1f}" y2="{py}" '
                     f'stroke="{colour}" stroke-width="2"/>'
                     f'<circle cx="{scale(due):.1f}" cy="{py}" r="4" fill="{colour}"/></g>')
        if promise.status == "broken" and promise.next_post_at is not None:
            parts.append(f'<line x1="{scale(due):.1f}" y1="{py}" x2="{scale(promise.next_post_at):.1f}" y2="{py}" '
                         f'stroke="{BAD}" stroke-width="2" stroke-dasharray="2 3"/>')
        parts.append(svg_label(scale(due), py - 5, promise.status, "middle", 9, colour))
    parts.append("</svg>")
    return "".join(parts)


# ------------------------------------------------------------------- public


def public_chart(data: PublicData, title: str) -> str:
    """Chatter volume (area, left scale) and sentiment (line, -1..+1, right scale); team posts and stories marked."""
    top, plot_height = 48, 170
    bottom = top + plot_height
    height = bottom + 44
    end = max(data.end, 60)
    scale = lambda seconds: LEFT + PLOT * max(0.0, min(seconds, end)) / end  # noqa: E731
    peak = max([volume for _, volume, _ in data.ticks] + [1.0])
    vy = lambda volume: bottom - plot_height * volume / peak  # noqa: E731
    sy = lambda sentiment: top + plot_height * (1 - sentiment) / 2  # noqa: E731
    parts = svg_open(height, title)
    svg_legend(parts, 14, [(VOLUME, "posts a minute"), (SENTIMENT, "sentiment (-1 to +1)"), (GOOD, "team public post"),
                        (BAD, "press story")])
    _time_axis(parts, end, top, bottom, scale)
    parts.append(svg_label(LEFT - 6, top + 8, f"{round(peak, 1):g}/min", "end", 10, VOLUME))
    parts.append(svg_label(LEFT + PLOT + 2, top + 8, "+1", size=9, fill=SENTIMENT))
    parts.append(svg_label(LEFT + PLOT + 2, bottom, "−1", size=9, fill=SENTIMENT))
    parts.append(svg_label(LEFT - 6, bottom, "0", "end", 10, VOLUME))
    parts.append(svg_label(LEFT - 40, sy(0) + 4, "sentiment 0", "end", 10, SENTIMENT))
    parts.append(f'<line x1="{LEFT}" y1="{sy(0):.1f}" x2="{LEFT + PLOT}" y2="{sy(0):.1f}" stroke="{SENTIMENT}" '
                 f'stroke-dasharray="3 3" stroke-width="0.7"/>')
    if data.ticks:
        area = " ".join(f"{scale(at):.1f},{vy(volume):.1f}" for at, volume, _ in data.ticks)
        first, last = scale(data.ticks[0][0]), scale(data.ticks[-1][0])
        parts.append(f'<polygon points="{first:.1f},{bottom} {area} {last:.1f},{bottom}" fill="{VOLUME}" '
                     f'fill-opacity="0.25" stroke="{VOLUME}" stroke-width="1.5"/>')
        line = " ".join(f"{scale(at):.1f},{sy(sentiment):.1f}" for at, _, sentiment in data.ticks)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{SENTIMENT}" stroke-width="2"/>')
    levels = _stagger([scale(at) for at, _ in data.posts])
    for (at, response), level in zip(data.posts, levels):
        x = scale(at)
        parts.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" stroke="{GOOD}" stroke-width="1.2">'
                     f'<title>team post #{response}</title></line>')
        if level is not None:
            parts.append(svg_label(x, top - 4 - level * 10, f"#{response}", "middle", 9, GOOD))
    for at, label, good in data.stories:
        x = scale(at)
        colour = GOOD if good else BAD
        parts.append(f'<path d="M{x:.1f} {bottom - 2} l6 -11 h-12 z" fill="{colour}"><title>{svg_text(label)}</title>'
                     f'</path>')
    parts.append("</svg>")
    return "".join(parts)
