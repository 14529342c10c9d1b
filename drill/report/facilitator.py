"""The facilitator's view of each inject delivered: format 2's facilitator layer, one row an inject.

It shows what the facilitator was given to run the inject (what a good team does, the warning
signs, what success looks like, hints, notes, attachments and the free ``meta``), beside the
play sections, so the debrief can set what happened against what was looked for.
"""

from __future__ import annotations

import json
from typing import Any

from drill.report.document import Inline, Paragraph, Section, Span, Table, inline
from drill.report.fmt import TYPE_LABELS, mins
from drill.report.play import inject_label, joined, when

# The lists of the layer, in the order a facilitator reads them.
_LISTS = (("expected", "Expected"), ("red_flags", "Red flags"), ("success", "Success"),
          ("preflight", "Checked before the session"))


def facilitator_section(report: dict[str, Any]) -> Section | None:
    layers = report.get("facilitator_layer")
    if not layers:
        return None
    rows = tuple((_inject(report, layer), _guide(layer)) for layer in layers)
    intro = Paragraph(inline("What the scenario gave the facilitator for each inject delivered; "
                             "the players saw none of it."), tone="muted")
    return Section("Facilitator's view of each inject", (intro, Table(("Inject", "Facilitator's guide"), rows)),
                   page_break=True)


def _inject(report: dict[str, Any], layer: dict[str, Any]) -> Inline:
    parts: list[Any] = [inject_label(layer), "\n",
                        f"{TYPE_LABELS.get(layer['type'], layer['type'])}, {when(report, layer['delivered_at'])}"]
    if layer.get("severity"):
        parts += ["\n", "Severity ", Span(layer["severity"], "strong")]
    if layer.get("tags"):
        parts += ["\n", Span(" · ".join(layer["tags"]), "muted")]
    return inline(*parts)


def _guide(layer: dict[str, Any]) -> Inline:
    lines: list[Inline] = []
    for key, label in _LISTS:
        items = layer.get(key) or []
        if len(items) == 1:
            lines.append(inline(Span(f"{label}:", "strong"), " ", items[0]))
        elif items:
            lines.append(inline(Span(f"{label}:", "strong"), *[part for item in items for part in ("\n• ", item)]))
    for hint in layer.get("hints") or []:
        due = f" (after {mins(hint['after'])})" if hint.get("after") is not None else " (for the facilitator to send)"
        lines.append(inline(Span("Hint:", "strong"), " ", hint["text"], Span(due, "muted")))
    for answer in layer.get("if_asked") or []:
        lines.append(inline(Span("If asked:", "strong"), " ", answer["question"], " → ", answer["answer"]))
    if layer.get("notes"):
        lines.append(inline(Span("Notes:", "strong"), " ", layer["notes"].strip()))
    if layer.get("attachments"):
        lines.append(inline(Span("Attachments:", "strong"), " ",
                            *joined([Span(path, "code") for path in layer["attachments"]], ", ")))
    if layer.get("meta"):
        pairs = [inline(Span(f"{key}:", "em"), " ", _as_written(value)) for key, value in layer["meta"].items()]
        lines.append(inline(Span("Meta:", "strong"), " ", *joined(pairs, " · ")))
    if not lines:
        return inline(Span("—", "muted"))
    return inline(*joined(lines, "\n"))


def _as_written(value: Any) -> str:
    """A ``meta`` value as the scenario wrote it: text as it is, anything else as JSON (``12``, ``true``)."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
