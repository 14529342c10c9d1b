"""The timeline section: injects, responses, missed asks and press stories, interleaved by time."""

from __future__ import annotations

from typing import Any, NamedTuple

from drill.report.document import Inline, Section, Span, Table, inline
from drill.report.fmt import TYPE_LABELS, channel_name, excerpt, mins, out_of_100, role_name, role_names, t_plus

# Same-second events read in cause-and-effect order.
_ORDER = {"public": 0, "inject": 1, "response": 2, "missed": 3, "story": 4, "skipped": 5}


class Row(NamedTuple):
    at: float
    order: int
    event: Inline
    who: Inline
    detail: Inline
    outcome: Inline


def timeline_section(report: dict[str, Any]) -> Section:
    rows = sorted(_rows(report), key=lambda row: (row.at, row.order))
    table = Table(("Time", "Event", "Who", "What", "Outcome"),
                  tuple((inline(t_plus(row.at)), row.event, row.who, row.detail, row.outcome) for row in rows),
                  nowrap=frozenset({0}), tone="timeline")
    return Section("Timeline", (table,), page_break=True)


def _rows(report: dict[str, Any]) -> list[Row]:
    asks_by_delivery = {(ask["inject_id"], ask["opened_at"]): ask for ask in report.get("asks", [])}
    responses = {response["id"]: response for response in report.get("responses", [])}
    rows = []
    public_from = (report.get("public") or {}).get("public_from")
    if public_from:
        rows.append(Row(public_from["at"], _ORDER["public"], inline(Span("Public", "warn")), (),
                        inline("The incident became public-facing: ", public_from["cause"], "."), ()))
    for entry in report.get("timeline", []):
        ask = asks_by_delivery.get((entry["id"], entry["at"]))
        to = entry.get("to") or []
        addressees = "facilitator only" if to == ["facilitator"] else role_names(report, to)
        who = inline(entry.get("from") or "", f" → {addressees}" if to else "")
        label = TYPE_LABELS.get(entry["type"], entry["type"])
        rows.append(Row(entry["at"], _ORDER["inject"], inline(Span(label, "strong"), f" {entry['id']}"), who,
                        inline(entry["text"]), _ask_outcome(report, ask, responses) if ask else ()))
        if ask and ask["status"] == "missed":
            rows.append(Row(ask["due_at"], _ORDER["missed"], inline(Span("Missed", "bad"), f" {ask['ask_id']}"),
                            inline(role_names(report, ask["roles"])),
                            inline(f"No answer on {', '.join(channel_name(report, c) for c in ask['channels'])} "
                                   f"within {mins(ask['within'])}."),
                            inline(Span("missed", "bad"))))
    for response in report.get("responses", []):
        quality = (response.get("quality") or {}).get("score")
        rows.append(Row(response["at"], _ORDER["response"], inline(Span(f"Message #{response['id']}", "strong")),
                        inline(role_name(report, response["role"]), " on ", channel_name(report, response["channel"])),
                        inline(excerpt(response["text"])),
                        inline(f"quality {out_of_100(quality)}" if quality is not None else "")))
    for story in (report.get("public") or {}).get("stories", []):
        tone = "good" if story.get("kind") == "quoted" else "bad"
        rows.append(Row(story["at"], _ORDER["story"], inline(Span("Press story", tone)), inline(story["outlet"]),
                        inline(Span(story["headline"], "strong"), " — ", story["text"]),
                        inline("because ", story["cause"])))
    for skipped in report.get("skipped", []):
        rows.append(Row(skipped["at"], _ORDER["skipped"], inline(Span("Skipped", "muted"), f" {skipped['id']}"), (),
                        inline(_skip_reason(report, skipped["reason"])), ()))
    return rows


def _skip_reason(report: dict[str, Any], reason: str) -> str:
    """The engine's reason with the channel it ends on named as people know it ("... on the Status page")."""
    head, sep, tail = reason.rpartition(" on ")
    if sep and tail in (report.get("channels") or {}):
        return f"{head} on {channel_name(report, tail)}"
    return reason


def _ask_outcome(report: dict[str, Any], ask: dict[str, Any], responses: dict[int, dict[str, Any]]) -> Inline:
    status = ask["status"]
    if status == "missed":
        return inline(Span("missed", "bad"), f" (window {mins(ask['within'])})")
    if status == "open":
        return inline(Span("open", "warn"), f" (window {mins(ask['within'])})")
    answer = responses.get(ask.get("response_id"), {})
    by = role_name(report, answer["role"]) if answer else "?"
    tone = "good" if status == "answered" else "warn"
    return inline(Span(status, tone), f" by #{ask.get('response_id')} ({by}) in {mins(ask['latency'])} "
                                      f"of {mins(ask['within'])}")
