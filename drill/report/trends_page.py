"""`drill trends --html`: progress across drills as one self-contained page: inline CSS and SVG, no script.

It reads the object `drill trends --json` prints (see ``drill.cli.trends``): the drills oldest
first, the criteria missed most often and the change from the first drill to the last. The charts
draw each drill as a point, oldest on the left, in the style of the report's charts
(``drill.report.charts``); the page uses the report's stylesheet. Every piece of text (a team
label, a scenario title) is made printable and HTML-escaped, so it is shown, never run.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Sequence

from drill.report.charts import BAD, GOOD, GRID, INK, MUTED, PLOT, LEFT, SENTIMENT, VOLUME, svg_label, svg_legend, \
    svg_open, svg_text
from drill.report.fmt import drill_date, mins, score
from drill.report.html import escape
from drill.report.html_style import CSS

OVERALL = "#24527a"  # the page's accent colour
MOST_LABELS = 20     # drills numbered along the axis; beyond that every second, third... is


def trends_to_html(data: dict[str, Any]) -> str:
    """The page for ``data``, the object of `drill trends --json`."""
    drills = data["drills"]
    change = data.get("change") or {}
    team = (data.get("filters") or {}).get("team")
    title = f"Drill trends: {team}" if team else "Drill trends"
    subtitle = " · ".join(part for part in (_chosen(data.get("filters") or {}), change.get("summary")) if part)
    parts = [
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f'<div class="page">\n<header class="cover"><div class="kind">Progress across drills</div>'
        f'<h1>{escape(title)}</h1><p class="subtitle">{escape(subtitle)}</p></header>\n',
        _figures(drills, change),
        "<main>\n",
        _section("Scores over drills", _figure(
            "Overall, speed and quality", "each drill's scores out of 100, oldest first",
            scores_chart(drills, "Overall, speed and quality over drills"))),
        _section("First public update", _figure(
            "Minutes to the first public update", "the lower the better; a cross on top: no public update at all",
            first_public_chart(drills, "Minutes to the first public update over drills"))),
        _section("Drills", _drills_table(drills)),
        _section("Most often missed", _missed_table(data.get("most_missed") or [], len(drills))),
    ]
    if data.get("left_out"):
        items = "".join(f"<li><code>{escape(item['id'])}</code>: {escape(item['reason'])}</li>"
                        for item in data["left_out"])
        parts.append(_section("Left out", f'<p class="muted">These drills could not be rebuilt from their logs, '
                                          f"so they are not counted:</p><ul>{items}</ul>\n"))
    parts.append("</main>\n</div>\n</body>\n</html>\n")
    return "".join(parts)


# ------------------------------------------------------------------- page


def _chosen(filters: dict[str, Any]) -> str:
    said = []
    if filters.get("team"):
        said.append(f"team {filters['team']}")
    if filters.get("scenario"):
        said.append(f"scenario {filters['scenario']}")
    if filters.get("created_from"):
        said.append(f"recorded from {drill_date(None, filters['created_from'])}")
    if filters.get("created_before"):
        said.append(f"recorded before {drill_date(None, filters['created_before'])}")
    return ", ".join(said) if said else "all ended drills"


def _figures(drills: list[dict[str, Any]], change: dict[str, Any]) -> str:
    delta = change.get("delta")
    tone = "" if delta is None or abs(delta) < 0.5 else ("good" if delta > 0 else "bad")
    firsts = [drill["first_public_update_min"] for drill in drills]
    latest_first = firsts[-1] if firsts else None
    items = [
        ("drills", str(len(drills)), ""),
        ("overall, first drill", score(change.get("first")), ""),
        ("overall, last drill", score(change.get("last")), ""),
        ("change", "—" if delta is None else f"{delta:+.0f}", tone),
        ("first public update, last drill", _minutes(latest_first) if drills else "—", ""),
    ]
    return '<div class="figures">' + "".join(
        f'<div class="figure {tone}"><span class="value">{escape(value)}</span>'
        f'<span class="label">{escape(label)}</span></div>' for label, value, tone in items) + "</div>\n"


def _section(title: str, body: str) -> str:
    return f"<section>\n<h2>{escape(title)}</h2>\n{body}</section>\n"


def _figure(title: str, caption: str, chart: str) -> str:
    return (f'<figure class="chart"><figcaption><strong>{escape(title)}</strong> {escape(caption)}</figcaption>'
            f"{chart}</figure>\n")


def _drills_table(drills: list[dict[str, Any]]) -> str:
    head = ("#", "Date", "Drill", "Scenario", "Team", "Overall", "Speed", "Quality", "First public update",
            "Promises kept")
    numeric = {0, 5, 6, 7, 8, 9}
    rows = []
    for number, drill in enumerate(drills, 1):  # the date kept on one line, as the report's times are
        cells = (str(number), drill_date(None, drill["created_at"]) or "—", drill["id"],
                 drill["title"] or drill["scenario"], drill["team"] or "—", score(drill["overall"]),
                 score(drill["speed"]), score(drill["quality"]), _minutes(drill["first_public_update_min"]),
                 f"{drill['promises_kept']}/{drill['promises_made']}" if drill["promises_made"] else "—")
        rows.append("<tr>" + "".join(_cell(index, cell, numeric, nowrap={1}) for index, cell in enumerate(cells))
                    + "</tr>")
    return _table(head, numeric, rows)


def _missed_table(missed: list[dict[str, Any]], total: int) -> str:
    if not missed:
        return '<p class="muted">No message in these drills failed a quality criterion.</p>\n'
    head = ("Criterion", "Id", "Messages that failed it", "Drills")
    numeric = {2, 3}
    rows = ["<tr>" + _cell(0, item["label"], numeric) + f"<td><code>{escape(item['criterion'])}</code></td>"
            + _cell(2, str(item["misses"]), numeric) + _cell(3, f"{item['drills']} of {total}", numeric) + "</tr>"
            for item in missed]
    return _table(head, numeric, rows)


def _table(head: Sequence[str], numeric: set[int], rows: list[str]) -> str:
    cells = "".join(f'<th{_num(index, numeric)}>{escape(title)}</th>' for index, title in enumerate(head))
    return f"<table><thead><tr>{cells}</tr></thead><tbody>{''.join(rows)}</tbody></table>\n"


def _cell(index: int, text: str, numeric: set[int], nowrap: frozenset[int] | set[int] = frozenset()) -> str:
    return f"<td{_num(index, numeric, nowrap)}>{escape(text)}</td>"


def _num(index: int, numeric: set[int], nowrap: frozenset[int] | set[int] = frozenset()) -> str:
    """The class of a cell in column ``index``: ``num`` (right-aligned), ``nw`` (one line), or none."""
    if index in numeric:
        return ' class="num"'
    return ' class="nw"' if index in nowrap else ""


def _minutes(value: float | None) -> str:
    return "none" if value is None else mins(value * 60)


# ----------------------------------------------------------------- charts


def scores_chart(drills: list[dict[str, Any]], title: str) -> str:
    """Overall, speed and quality of each drill, on one 0-100 scale."""
    series = [(OVERALL, "overall", "overall", 3.0), (VOLUME, "speed", "speed", 1.8),
              (SENTIMENT, "quality", "quality", 1.8)]
    return _line_chart(drills, title, series, top=100, ticks=(0, 25, 50, 75, 100), shown=score,
                       axis="score out of 100")


def first_public_chart(drills: list[dict[str, Any]], title: str) -> str:
    """The minutes to each drill's first public update; a drill with none is marked on top of the chart."""
    values = [drill["first_public_update_min"] for drill in drills if drill["first_public_update_min"] is not None]
    step = _step(max(values, default=0))
    top = step * max(1, math.ceil(max(values, default=0) / step))
    return _line_chart(drills, title, [(GOOD, "first_public_update_min", "first public update", 2.4)], top=top,
                       ticks=tuple(step * index for index in range(int(round(top / step)) + 1)),
                       shown=lambda minutes: mins(minutes * 60), axis="minutes", missing="no public update")


def _step(peak: float) -> float:
    for step in (1, 2, 5, 10, 15, 20, 30, 60, 120, 240):
        if peak / step <= 6:
            return step
    return 480


def _line_chart(drills: list[dict[str, Any]], title: str, series: list[tuple[str, str, str, float]], *,
                top: float, ticks: Sequence[float], shown: Callable[[float], str], axis: str,
                missing: str | None = None) -> str:
    """One line per series over the drills (a gap where a drill has no value), each point titled."""
    plot_top, plot_height = 44, 200
    bottom = plot_top + plot_height
    height = bottom + 44
    count = len(drills)
    inset = 14  # the first and last points clear the plot's edges
    span = PLOT - 2 * inset
    x = lambda index: LEFT + PLOT / 2 if count == 1 else LEFT + inset + span * index / (count - 1)  # noqa: E731
    y = lambda value: bottom - plot_height * min(max(value, 0.0), top) / top  # noqa: E731
    parts = svg_open(height, title)
    legend = [(colour, name) for colour, _, name, _ in series]
    if missing and any(drill[series[0][1]] is None for drill in drills):
        legend.append((BAD, missing))
    svg_legend(parts, 14, legend)
    for tick in ticks:
        parts.append(f'<line x1="{LEFT}" y1="{y(tick):.1f}" x2="{LEFT + PLOT}" y2="{y(tick):.1f}" stroke="{GRID}"/>')
        parts.append(svg_label(LEFT - 6, y(tick) + 4, f"{tick:g}", "end", 10, MUTED))
    parts.append(svg_label(LEFT - 34, plot_top + plot_height / 2 + 4, axis, "end", 10, MUTED))
    every = max(1, math.ceil(count / MOST_LABELS))
    for index in range(count):
        if index % every == 0 or index == count - 1:
            parts.append(svg_label(x(index), bottom + 14, str(index + 1), "middle", 10, MUTED))
    parts.append(svg_label(LEFT + PLOT, bottom + 30, "drills, oldest first (numbered as in the table)", "end", 10, MUTED))
    for colour, key, name, width in series:
        for run in _runs([drill[key] for drill in drills]):
            if len(run) > 1:
                points = " ".join(f"{x(index):.1f},{y(value):.1f}" for index, value in run)
                parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="{width}"/>')
        for index, drill in enumerate(drills):
            value = drill[key]
            if value is None:
                continue
            parts.append(f'<circle cx="{x(index):.1f}" cy="{y(value):.1f}" r="{width + 1.2:.1f}" fill="{colour}">'
                         f"<title>{svg_text(_point_title(index, drill, f'{name} {shown(value)}'))}</title></circle>")
    if missing:
        key = series[0][1]
        for index, drill in enumerate(drills):
            if drill[key] is None:
                cx, cy = x(index), plot_top - 4
                parts.append(f'<path d="M{cx - 4:.1f} {cy - 4:.1f} l8 8 m0 -8 l-8 8" stroke="{BAD}" '
                             f'stroke-width="2"><title>{svg_text(_point_title(index, drill, missing))}</title></path>')
    parts.append(f'<line x1="{LEFT}" y1="{bottom}" x2="{LEFT + PLOT}" y2="{bottom}" stroke="{INK}"/>')
    parts.append("</svg>")
    return "".join(parts)


def _runs(values: list[float | None]) -> list[list[tuple[int, float]]]:
    """The stretches of drills that each have a value: a line is not drawn across a drill without one."""
    runs: list[list[tuple[int, float]]] = [[]]
    for index, value in enumerate(values):
        if value is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((index, value))
    return [run for run in runs if run]


def _point_title(index: int, drill: dict[str, Any], what: str) -> str:
    said = [f"#{index + 1}", drill_date(None, drill["created_at"]) or "", drill["title"] or drill["scenario"]]
    if drill["team"]:
        said.append(drill["team"])
    return " · ".join(part for part in said if part) + f": {what}"
