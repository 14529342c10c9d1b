"""The timeline section: injects, responses, relays between roles, missed asks and press stories, by time."""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from drill.report.document import Inline, Section, Span, Table, inline
from drill.report.fmt import TYPE_LABELS, channel_name, excerpt, mins, out_of_100, role_name, role_names, t_plus

# Same-second events read in cause-and-effect order.
_ORDER = {"public": 0, "inject": 1, "response": 2, "missed": 3, "story": 4, "skipped": 5}

# A row is a plain tuple (a long drill has thousands): (at, order, event, who, detail, outcome).
Row = tuple[float, int, Inline, Inline, Inline, Inline]


def _text(text: str) -> Inline:
    """``inline(text)`` for one plain string, with less to do: there is one for every row."""
    return ((text, ""),) if text else ()  # type: ignore[return-value]


def timeline_section(report: dict[str, Any]) -> Section:
    rows = _rows(report)
    rows.sort(key=itemgetter(0, 1))  # by time, then _ORDER; stable, so in the order added within both
    table = Table(("Time", "Event", "Who", "What", "Outcome"),
                  tuple((_text(t_plus(at)), event, who, detail, outcome)
                        for at, _, event, who, detail, outcome in rows),
                  nowrap=frozenset({0}), tone="timeline")
    return Section("Timeline", (table,), page_break=True)


def _rows(report: dict[str, Any]) -> list[Row]:
    asks_by_delivery = {(ask["inject_id"], ask["opened_at"]): ask for ask in report.get("asks", [])}
    responses = {response["id"]: response for response in report.get("responses", [])}
    rows: list[Row] = []
    public_from = (report.get("public") or {}).get("public_from")
    if public_from:
        rows.append((public_from["at"], _ORDER["public"], inline(Span("Public", "warn")), (),
                     inline("The incident became public-facing: ", public_from["cause"], "."), ()))
    # Senders with their addressees, and inject types, recur from inject to inject: each is made once.
    senders: dict[tuple[str, tuple[str, ...]], Inline] = {}
    labels: dict[str, Span] = {}
    inject = _ORDER["inject"]
    for entry in report.get("timeline", []):
        ask = asks_by_delivery.get((entry["id"], entry["at"]))
        to = entry.get("to") or []
        sender = entry.get("from") or ""
        who = senders.get((sender, tuple(to)))
        if who is None:
            addressees = "facilitator only" if to == ["facilitator"] else role_names(report, to)
            who = senders[sender, tuple(to)] = inline(sender, f" → {addressees}" if to else "")
        label = labels.get(entry["type"])
        if label is None:
            label = labels[entry["type"]] = Span(TYPE_LABELS.get(entry["type"], entry["type"]), "strong")
        rows.append((entry["at"], inject, (label, (f" {entry['id']}", "")), who, _text(entry["text"]),
                     _ask_outcome(report, ask, responses) if ask else ()))
        if ask and ask["status"] == "missed":
            rows.append((ask["due_at"], _ORDER["missed"], inline(Span("Missed", "bad"), f" {ask['ask_id']}"),
                         inline(role_names(report, ask["roles"])),
                         inline(f"No answer on {', '.join(channel_name(report, c) for c in ask['channels'])} "
                                f"within {mins(ask['within'])}."),
                         inline(Span("missed", "bad"))))
    relays = iter(report.get("relays") or [])
    relay = next(relays, None)
    for response in report.get("responses", []):
        while relay is not None and relay["after_response"] < response["id"]:  # sent before this response
            rows.append(_relay_row(report, relay))
            relay = next(relays, None)
        quality = (response.get("quality") or {}).get("score")
        rows.append((response["at"], _ORDER["response"], inline(Span(f"Message #{response['id']}", "strong")),
                     inline(role_name(report, response["role"]), " on ", channel_name(report, response["channel"])),
                     inline(excerpt(response["text"])),
                     inline(f"quality {out_of_100(quality)}" if quality is not None else "")))
    while relay is not None:
        rows.append(_relay_row(report, relay))
        relay = next(relays, None)
    for story in (report.get("public") or {}).get("stories", []):
        tone = "good" if story.get("kind") == "quoted" else "bad"
        rows.append((story["at"], _ORDER["story"], inline(Span("Press story", tone)), inline(story["outlet"]),
                     inline(Span(story["headline"], "strong"), " — ", story["text"]),
                     inline("because ", story["cause"])))
    for skipped in report.get("skipped", []):
        rows.append((skipped["at"], _ORDER["skipped"], inline(Span("Skipped", "muted"), f" {skipped['id']}"), (),
                     inline(_skip_reason(report, skipped["reason"])), ()))
    return rows


def _relay_row(report: dict[str, Any], relay: dict[str, Any]) -> Row:
    """A relay shares the responses' place in a second: the two are kept in the order they were sent."""
    to = role_names(report, relay["to"]) if relay.get("to") else "every role"
    return (relay["at"], _ORDER["response"], inline(Span(f"Relay #{relay['id']}", "strong")),
            inline(role_name(report, relay["role"]), f" → {to}"), _text(relay["text"]), ())


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
