"""The speed and public-reaction sections: charts over time, with the same data as tables for Markdown."""

from __future__ import annotations

import re
from typing import Any

from drill.report.charts import AskBar, PromiseMark, PublicData, Update, UpdatesData
from drill.report.document import Chart, Paragraph, Section, Span, Subsection, Table, inline
from drill.report.findings import promise_status, public_responses, team_item
from drill.report.fmt import channel_name, mins, out_of_100, role_names, score, t_plus

TIMING_LABELS = {
    "acknowledge": "First acknowledgement", "first_public_update": "First public update",
    "cadence": "Update cadence", "promises": "Promises kept", "proactivity": "Proactivity",
    "coverage": "Stakeholder coverage", "liaison_sync": "Liaison sync",
}
_STATUS_TONE = {"answered": "good", "late": "warn", "missed": "bad", "open": "warn", "unresolved": "warn",
                "kept": "good", "broken": "bad"}


def _end(report: dict[str, Any]) -> float:
    return (report.get("ended") or {}).get("at") or report["scenario"]["duration"]


# -------------------------------------------------------------------- speed


def speed_section(report: dict[str, Any]) -> Section:
    blocks: list[Any] = []
    total = report.get("score")
    if total:
        blocks.append(Paragraph(inline("Speed score ", Span(f"{score(total['speed'])}/100", "strong"), ".")))
    asks = report.get("asks", [])
    if asks:
        blocks.append(_latency_chart(report, asks))
    if report.get("team"):
        blocks.append(Table(("Measure", "Points", "Reason"),
                            tuple((inline(TIMING_LABELS.get(item["id"], item["id"])),
                                   inline(f"{item['points']:g}/{item['max']:g}" if item.get("max") else "n/a"),
                                   inline(item["reason"])) for item in report["team"]),
                            numeric=frozenset({1}), nowrap=frozenset({1})))
    blocks.append(_updates_chart(report))
    return Section("Speed", tuple(blocks), page_break=True)


def _latency_chart(report: dict[str, Any], asks: list[dict[str, Any]]) -> Chart:
    bars, rows = [], []
    names: dict[tuple[str, ...], str] = {}  # the same roles are asked again and again
    for ask in asks:
        who = names.get(tuple(ask["roles"]))
        if who is None:
            who = names[tuple(ask["roles"])] = role_names(report, ask["roles"])
        bars.append(AskBar(ask["ask_id"], who, ask["opened_at"], ask["within"], ask.get("latency"), ask["status"]))
        rows.append((inline(Span(ask["ask_id"], "code")), inline(who), inline(t_plus(ask["opened_at"])),
                     inline(mins(ask["within"])), inline(mins(ask.get("latency"))),
                     inline(Span(ask["status"], _STATUS_TONE.get(ask["status"], ""))),
                     inline(out_of_100(ask.get("score")))))
    table = Table(("Ask", "Who", "Opened", "Window", "Answer time", "Status", "Score"), tuple(rows),
                  numeric=frozenset({3, 4, 6}), nowrap=frozenset({2, 3, 4, 6}))
    return Chart("latency", "Answer time of each ask against its window", tuple(bars), (table,),
                 caption="Bars show how long each ask waited for its answer; the black tick is its window.")


def _updates_chart(report: dict[str, Any]) -> Chart:
    first = team_item(report, "first_public_update")
    cadence = team_item(report, "cadence")
    public_from = (report.get("public") or {}).get("public_from")
    posts = _measured_posts(report)
    promises = report.get("promises") or []
    made = {response["id"]: response["at"] for response in report.get("responses", [])}
    data = UpdatesData(
        end=float(_end(report)),
        public_from=public_from["at"] if public_from else None,
        first_since=first["evidence"].get("since") if first else None,
        first_target=first["evidence"].get("target_s") if first else None,
        cadence=cadence["evidence"].get("target_s") if cadence else None,
        updates=tuple(Update(r["id"], r["at"], channel_name(report, r["channel"])) for r in posts),
        label=_short_label(_cadence_evidence(report).get("where")),
        promises=tuple(PromiseMark(p["response"], made.get(p["response"], 0), p.get("by"), p.get("next_post_at"),
                                   promise_status(p)) for p in promises),
    )
    fallback: list[Any] = [_updates_table(report, posts, data.cadence)]
    if promises:
        fallback.append(Table(("Promise", "In", "Due", "Next post", "Result"),
                              tuple((inline(p.get("text") or ""), inline(f"#{p['response']}"),
                                     inline(t_plus(p["by"]) if p.get("by") is not None else "—"),
                                     inline(t_plus(p["next_post_at"]) if p.get("next_post_at") is not None else "—"),
                                     inline(Span(mark.status, _STATUS_TONE.get(mark.status, ""))))
                                    for p, mark in zip(promises, data.promises)),
                              nowrap=frozenset({1, 2, 3})))
    target = f"cadence target {mins(data.cadence)}" if data.cadence else "no cadence target"
    where = _cadence_evidence(report).get("where")
    updates = f"Updates on {where}" if where else "Public updates"
    return Chart("updates", f"{updates} over time, against the cadence; promises kept and broken", data,
                 tuple(fallback), caption=f"{updates} on a time line ({target}); below, each promised next "
                                          "update from the post that made it to its due time.")


def _updates_table(report: dict[str, Any], posts: list[dict[str, Any]], cadence: float | None) -> Table | Paragraph:
    """The cadence item's own gaps, one row per update on the channels it measured: the table and the
    report's claims about the cadence come from the same evidence."""
    evidence = _cadence_evidence(report)
    measured = evidence.get("channels")
    posts = [post for post in posts if measured is None or post["channel"] in measured]
    where = evidence.get("where") or "a public channel"
    if not posts:
        return Paragraph(inline(Span(f"No update was posted on {where}.", "bad")))
    gaps = {gap.get("to_response"): gap for gap in evidence.get("gaps") or []}
    window_end = evidence.get("window_end")
    rows = []
    for post in posts:
        gap = gaps.get(post["id"])
        if window_end is not None and post["at"] > window_end:
            verdict = inline("after the window")
        elif gap is None or cadence is None:
            verdict = inline("—")
        else:
            verdict = _verdict(gap, cadence)
        rows.append((inline(f"#{post['id']}"), inline(t_plus(post["at"])),
                     inline(channel_name(report, post["channel"])),
                     inline(mins(gap["to"] - gap["from"]) if gap is not None else "—"), verdict))
    trailing = gaps.get(None)
    if trailing is not None and cadence is not None:
        rows.append((inline("—"), inline(t_plus(trailing["to"])), inline("no further update before the window ended"),
                     inline(mins(trailing["to"] - trailing["from"])), _verdict(trailing, cadence)))
    return Table(("Update", "Time", "Channel", "Gap", "Cadence"), tuple(rows), numeric=frozenset({3}),
                 nowrap=frozenset({0, 1, 3}))


def _short_label(where: str | None) -> str:
    """'the status page' -> 'status page updates', short enough for the chart's left margin."""
    if not where or " or " in where:
        return "public updates"
    return where.removeprefix("the ") + " updates"


def _cadence_evidence(report: dict[str, Any]) -> dict[str, Any]:
    # Read even when not rated: it still says which channels were measured.
    item = next((item for item in report.get("team") or [] if item["id"] == "cadence"), None)
    return (item or {}).get("evidence") or {}


def _measured_posts(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The public posts the cadence was measured on (the status page, when the objectives say so)."""
    measured = _cadence_evidence(report).get("channels")
    return [post for post in public_responses(report) if measured is None or post["channel"] in measured]


def _verdict(gap: dict[str, Any], cadence: float):
    over = gap["to"] - gap["from"] > cadence  # the cadence item's own test for "over target"
    return inline(Span("over" if over else "within", "bad" if over else "good"))


# ------------------------------------------------------------------- public


def public_section(report: dict[str, Any]) -> Section:
    public = report.get("public") or {}
    series = public.get("series") or []
    blocks: list[Any] = []
    public_from = public.get("public_from")
    if public_from:
        blocks.append(Paragraph(inline(f"The incident became public-facing at {t_plus(public_from['at'])}: ",
                                       public_from["cause"], ".")))
    else:
        blocks.append(Paragraph(inline("The incident never became public-facing.")))
    posts = public_responses(report)
    if series:
        data = PublicData(
            end=float(_end(report)),
            ticks=tuple((tick["at"], tick["volume"], tick["sentiment"]) for tick in series),
            posts=tuple((post["at"], post["id"]) for post in posts),
            stories=tuple((story["at"], f"{story['outlet']}: {story['headline']}", story.get("kind") == "quoted")
                          for story in public.get("stories", [])),
        )
        blocks.append(Chart("public", "Public reaction: volume and sentiment over time", data,
                            (_sampled_table(series, posts),),
                            caption="Area: posts a minute about the incident. Line: sentiment. Green lines: the "
                                    "team's public posts. Triangles: press stories."))
    stories = public.get("stories", [])
    if stories:
        blocks.append(Subsection(inline("Press stories"), (Table(("Time", "Outlet", "Headline", "Why"),
                            tuple((inline(t_plus(story["at"])), inline(story["outlet"]),
                                   inline(Span(story["headline"], "good" if story.get("kind") == "quoted" else "bad")),
                                   inline(story["cause"])) for story in stories), nowrap=frozenset({0})),)))
    reactions = public.get("reactions", [])
    if reactions:
        table = Table(("Time", "Post", "Public's view", "Calming (0 to 1)", "Why"),
                      tuple((inline(t_plus(reaction["at"])), inline(f"#{reaction['response_id']}"),
                             inline(out_of_100(reaction["score"])), inline(f"{reaction['calm']:.2f}"),
                             inline("; ".join(reaction.get("causes") or []) or "—")) for reaction in reactions),
                      numeric=frozenset({2, 3}), nowrap=frozenset({0, 1, 2, 3}))
        blocks.append(Subsection(inline("How the public took each post"), (table,)))
    return Section("Public reaction", tuple(blocks), page_break=True)


_MINUTES = re.compile(r"\b\d+ minutes?\b")


def _window_causes(ticks: list[dict[str, Any]]) -> list[str]:
    """A window's causes, the one that led most minutes first; a cause that only counts the minutes
    up ("no post for 31 minutes", "... 32 minutes") is one cause, in its latest words."""
    led: dict[str, int] = {}
    latest: dict[str, str] = {}
    for tick in ticks:
        for rank, cause in enumerate(tick.get("causes") or []):
            key = _MINUTES.sub("N minutes", cause)
            latest[key] = cause
            led.setdefault(key, 0)
            if rank == 0:
                led[key] += 1
    order = sorted(led, key=lambda key: -led[key])  # stable: first seen first among equals
    return [latest[key] for key in order]


def _sampled_table(series: list[dict[str, Any]], posts: list[dict[str, Any]], rows: int = 16) -> Table:
    """The series in at most ``rows`` windows: peak volume, last sentiment, team posts, and why."""
    end = series[-1]["at"]
    step = next((minutes * 60 for minutes in (5, 10, 15, 30, 60, 120, 240) if end / (minutes * 60) < rows), 480 * 60)
    peak = max(tick["volume"] for tick in series) or 1
    windows: dict[int, list[dict[str, Any]]] = {}
    for tick in series:
        windows.setdefault(int(tick["at"] // step), []).append(tick)
    table_rows = []
    for index, ticks in sorted(windows.items()):
        start, stop = index * step, (index + 1) * step
        volume = max(tick["volume"] for tick in ticks)
        sentiment = ticks[-1]["sentiment"]
        team = [f"#{post['id']}" for post in posts if start <= post["at"] < stop]
        causes = _window_causes(ticks)
        table_rows.append((inline(f"{t_plus(start)}–{t_plus(stop)}"), inline(f"{round(volume, 1):g}"),
                           inline("█" * round(8 * volume / peak) or "·"), inline(f"{sentiment:+.2f}"),
                           inline(" ".join(team) or "—"), inline("; ".join(causes[:2]) or "—")))
    return Table(("Window", "Peak posts/min", "Volume", "Sentiment (−1 to +1)", "Team posts", "Why"), tuple(table_rows),
                 numeric=frozenset({1, 3}), nowrap=frozenset({0, 1, 2, 3}), tone="compact")
