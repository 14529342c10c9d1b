"""The messages section: every response, its criteria and the evidence that decided them."""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from drill.report import remedies
from drill.report.document import Inline, Paragraph, Quote, Section, Span, Subsection, Table, inline
from drill.report.findings import failed, fully_passed
from drill.report.fmt import channel_name, mins, out_of_100, role_name, t_plus


def messages_section(report: dict[str, Any]) -> Section:
    responses = report.get("responses", [])
    if not responses:
        return Section("Messages", (Paragraph(inline("The team sent no messages.")),), page_break=True)
    asks = {ask["ask_id"]: ask for ask in report.get("asks", [])}
    rows: dict[tuple[Any, ...], tuple[Inline, ...]] = {}  # the same criterion rows recur from message to message
    blocks = tuple(_message(report, response, asks, rows) for response in responses)
    # Not a muted (italic) paragraph: its own spans show the two evidence styles.
    intro = Paragraph(inline("The words each criterion was decided on are highlighted: ",
                             Span("where it failed", "hit-fail"), ", ", Span("where it passed", "hit-pass"), "."))
    return Section("Messages", (intro, *blocks), page_break=True)


def _message(report: dict[str, Any], response: dict[str, Any], asks: dict[str, dict[str, Any]],
             rows: dict[tuple[Any, ...], tuple[Inline, ...]]) -> Subsection:
    title = inline(f"#{response['id']} · {role_name(report, response['role'])} · "
                   f"{channel_name(report, response['channel'])} · {t_plus(response['at'])}")
    quality = response.get("quality") or {}
    blocks = [Paragraph(_meta(response, quality, asks.get(response.get("answers") or ""))),
              Quote(highlighted(response["text"], quality.get("criteria", [])))]
    if quality.get("criteria"):
        blocks.append(Table(("Criterion", "Result", "Points", "Reason"),
                            _criterion_rows(quality["criteria"], rows),
                            numeric=frozenset({2}), nowrap=frozenset({1, 2}), tone="compact"))
    return Subsection(title, tuple(blocks), anchor=f"message-{response['id']}", tone="message")


def _meta(response: dict[str, Any], quality: dict[str, Any], ask: dict[str, Any] | None) -> Inline:
    parts: list[Any] = []
    if quality.get("score") is not None:
        parts += ["Quality ", Span(out_of_100(quality["score"]), "strong")]
    if quality.get("phase"):
        parts += [f" · phase {quality['phase']}"]
    if ask is not None:
        tone = {"answered": "good", "late": "warn"}.get(ask["status"], "bad")
        speed = (response.get("speed") or {}).get("score")
        parts += [" · answers ", Span(ask["ask_id"], "code"), " ", Span(ask["status"], tone),
                  f" in {mins(response.get('latency'))} of {mins(ask['within'])}"]
        if speed is not None:
            parts += [f" (speed {out_of_100(speed)})"]
        if ask.get("must_failed"):
            labels = [remedies.label(criterion_id) for criterion_id in ask["must_failed"]]
            parts += [" · required but missed: ", Span(", ".join(labels), "bad")]
    elif response.get("reply_to"):
        parts += [" · replies to " if parts else "Replies to ", Span(response["reply_to"], "code")]
        if not quality:  # a format 2 question's `grade: none`: kept for the debrief, never scored
            parts += [" · recorded, not graded"]
    return inline(*parts)


_RESULT = itemgetter("id", "passed", "points", "max", "reason")  # all that a criterion's row shows


def _criterion_rows(criteria: list[dict[str, Any]],
                    rows: dict[tuple[Any, ...], tuple[Inline, ...]]) -> tuple[tuple[Inline, ...], ...]:
    """``_criterion_row`` of each criterion, made once for each distinct result (equal values read the same)."""
    table = []
    for criterion in criteria:
        try:
            key = _RESULT(criterion)
            row = rows.get(key)
        except (KeyError, TypeError):  # a part missing, or one that cannot be a key (a hand-made report.json)
            row = key = None
        if row is None:
            row = _criterion_row(criterion)
            if key is not None:
                rows[key] = row
        table.append(row)
    return tuple(table)


def _criterion_row(criterion: dict[str, Any]) -> tuple[Inline, ...]:
    passed = criterion.get("passed")
    if fully_passed(criterion):
        result = Span("pass", "good")
    elif failed(criterion):
        result = Span("fail", "bad")
    else:
        result = Span(f"partial {float(passed):.0%}", "warn")
    return (inline(remedies.criterion(criterion["id"]).label), inline(result),
            inline(f"{criterion.get('points', 0):g}/{criterion.get('max', 0):g}"), inline(criterion.get("reason", "")))


def highlighted(text: str, criteria: list[dict[str, Any]]) -> Inline:
    """``text`` split into spans, the evidence of each criterion styled as a hit (a failing one wins overlaps)."""
    marks: list[tuple[int, int, bool]] = []
    for criterion in criteria:
        found = criterion.get("evidence")
        if not found:
            continue
        is_failure = failed(criterion)  # a partial pass's evidence is what it got right
        for evidence in found:
            span = _locate(text, evidence)
            if span:
                marks.append((*span, is_failure))
    if not marks:
        return inline(text)
    marks.sort()
    merged: list[list[Any]] = []
    for start, end, is_failure in marks:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2] = merged[-1][2] or is_failure
        else:
            merged.append([start, end, is_failure])
    spans: list[tuple[str, str]] = []  # plain tuples, as inline() makes: equal to Span and cheaper
    cursor = 0
    for start, end, is_failure in merged:
        spans.append((text[cursor:start], ""))
        spans.append((text[start:end], "hit-fail" if is_failure else "hit-pass"))
        cursor = end
    spans.append((text[cursor:], ""))
    return tuple(spans)  # type: ignore[return-value]


def _locate(text: str, evidence: Any) -> tuple[int, int] | None:
    """The evidence span, trimmed of surrounding spaces; found by its text when offsets do not match it."""
    if not isinstance(evidence, dict):
        return None
    start, end, quoted = evidence.get("start"), evidence.get("end"), evidence.get("text") or ""
    valid = isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
    if not valid or (quoted and text[start:end] != quoted):
        found = text.find(quoted) if quoted else -1
        if found < 0:
            return None
        start, end = found, found + len(quoted)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return word_bounds(text, start, end) if start < end else None


_APOSTROPHES = "'’"


def _in_word(text: str, index: int) -> bool:
    """Whether ``text[index]`` belongs to a word: a letter or digit, or an apostrophe between two."""
    if not 0 <= index < len(text):
        return False
    char = text[index]
    if char.isalnum():
        return True
    return (char in _APOSTROPHES and 0 < index < len(text) - 1
            and text[index - 1].isalnum() and text[index + 1].isalnum())


def word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` widened so that it neither starts nor ends inside a word ("nvestigat" → "investigating")."""
    while start > 0 and _in_word(text, start - 1) and _in_word(text, start):
        start -= 1
    while end < len(text) and _in_word(text, end) and _in_word(text, end - 1):
        end += 1
    return start, end
