"""The document as one self-contained HTML file: inline CSS and SVG, no script, nothing fetched.

Every piece of text is made printable and HTML-escaped here, so participant
text (a message containing ``<script>``, say) is shown, never run.
"""

from __future__ import annotations

import html
import re
from typing import Any

from drill.report.charts import svg
from drill.report.collector import collector_paused
from drill.report.document import (Block, BulletList, Chart, Document, Figures, Inline, Notes, Paragraph, Quote,
                                   Subsection, Table)
from drill.report.rendered import RenderedCells, RenderedSpans
from drill.report.html_style import CSS
from drill.report.sections import build_document
from drill.textsafe import printable

_TAGS = {"strong": ("<strong>", "</strong>"), "em": ("<em>", "</em>"), "code": ("<code>", "</code>"),
         "hit-fail": ('<mark class="fail">', "</mark>"), "hit-pass": ('<mark class="pass">', "</mark>")}
_CLASSED = ("good", "bad", "warn", "muted")


_MARKUP = re.compile(r"[&<>\"']")  # what html.escape changes: most text has none and is returned as it is


def escape(text: str) -> str:
    if not text.isprintable():  # printable text has no control characters (nor newlines) to replace
        text = printable(text)
    elif _MARKUP.search(text) is None:
        return text
    return html.escape(text, quote=True).replace("\n", "<br>")


def render_inline(content: Inline) -> str:
    return "".join([render_span(text, style) for text, style in content])


def render_span(text: str, style: str = "") -> str:
    """One span as HTML; a line of spans is the spans one after another."""
    if not text:
        return ""
    body = escape(text)
    if style in _TAGS:
        start, end = _TAGS[style]
        return start + body + end
    if style in _CLASSED:
        return f'<span class="{style}">{body}</span>'
    if style == "rating":
        rating = text if text in ("P", "S", "M", "U") else "none"
        return f'<span class="rating r-{rating}">{body}</span>'
    if style == "rating-step":  # a step of a scenario's own scale: its id is scenario text, never a class
        return f'<span class="rating r-step">{body}</span>'
    return body


def render_html(document: Document, kind: str = "After-action report") -> str:
    with collector_paused():
        return _Writer().document(document, kind)


class _Column(dict):
    """The cells of the columns with one class attribute, each as its whole ``<td>`` element."""

    def __init__(self, cells: RenderedCells, classes: str) -> None:
        super().__init__()
        self.cell = cells.__getitem__
        self.start = f"<td{classes}>"

    def __missing__(self, cell: Inline) -> str:
        text = self[cell] = f"{self.start}{self.cell(cell)}</td>"
        return text


_LOOK_UP = dict.__getitem__  # (column, cell) -> the cell's element; mapped over a row's columns and cells


class _Writer:
    """One rendering. Spans and whole table cells repeat a great deal (labels, results, points,
    reasons, times): each distinct one is rendered once."""

    def __init__(self) -> None:
        self.spans = RenderedSpans(render_span)
        self.cells = RenderedCells(self.spans)
        self.columns: dict[str, _Column] = {}  # by class attribute
        self.frames: dict[tuple[Any, ...], tuple[str, list[str], list[_Column]]] = {}

    def inline(self, content: Inline) -> str:
        try:
            return "".join(map(self.spans.__getitem__, content))
        except TypeError:  # a part that cannot be a key (a list read from a hand-made report.json)
            return render_inline(content)

    def document(self, document: Document, kind: str) -> str:
        contents = "".join(f'<li><a href="#{section.anchor}">{escape(section.title)}</a></li>'
                           for section in document.sections)
        subtitle = f'<p class="subtitle">{escape(document.subtitle)}</p>' if document.subtitle else ""
        parts = [
            "<!DOCTYPE html>\n"
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(document.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            f'<div class="page">\n<header class="cover"><div class="kind">{escape(kind)}</div>'
            f"<h1>{escape(document.title)}</h1>{subtitle}</header>\n"
            f'<nav class="contents"><strong>Contents</strong><ol>{contents}</ol></nav>\n'
            "<main>\n"
        ]
        for section in document.sections:
            classes = ' class="break"' if section.page_break else ""
            parts.append(f'<section id="{section.anchor}"{classes}>\n<h2>{escape(section.title)}</h2>\n')
            for block in section.blocks:
                self.block(block, 3, parts)
            parts.append("</section>\n")
        parts.append("</main>\n</div>\n</body>\n</html>\n")
        return "".join(parts)  # the page is joined once, not copied into a template

    def block(self, block: Block, level: int, parts: list[str]) -> None:
        """Append the markup of ``block`` to ``parts``."""
        if isinstance(block, Paragraph):
            tone = f' class="{block.tone}"' if block.tone else ""
            parts.append(f"<p{tone}>{self.inline(block.content)}</p>\n")
        elif isinstance(block, BulletList):
            tag = "ol" if block.ordered else "ul"
            parts.append(f"<{tag}>" + "".join([f"<li>{self.inline(item)}</li>" for item in block.items])
                         + f"</{tag}>\n")
        elif isinstance(block, Table):
            self.table(block, parts)
        elif isinstance(block, Quote):
            parts.append(f'<blockquote class="message-text">{self.inline(block.content)}</blockquote>\n')
        elif isinstance(block, Figures):
            parts.append('<div class="figures">' + "".join(
                f'<div class="figure {tone}"><span class="value">{escape(value)}</span>'
                f'<span class="label">{escape(label)}</span></div>' for label, value, tone in block.items)
                + "</div>\n")
        elif isinstance(block, Chart):
            data: list[str] = []
            for inner in block.fallback:
                self.block(inner, level, data)
            caption = f" {escape(block.caption)}" if block.caption else ""
            parts.append(f'<figure class="chart chart-{block.kind}"><figcaption><strong>{escape(block.title)}</strong>'
                         f"{caption}</figcaption>{svg(block.kind, block.data, block.title)}"
                         f'<details class="data"><summary>The data as a table</summary>{"".join(data)}</details>'
                         "</figure>\n")
        elif isinstance(block, Notes):
            lines = '<div class="line"></div>' * block.lines
            parts.append(f'<div class="notes"><span class="label">{escape(block.label)}</span>{lines}</div>\n')
        elif isinstance(block, Subsection):
            tag = "article" if block.tone == "message" else "div"
            anchor = f' id="{html.escape(block.anchor)}"' if block.anchor else ""
            classes = f' class="{block.tone}"' if block.tone else ""
            heading = min(level, 6)
            parts.append(f"<{tag}{anchor}{classes}><h{heading}>{self.inline(block.title)}</h{heading}>\n")
            for child in block.blocks:
                self.block(child, level + 1, parts)
            parts.append(f"</{tag}>\n")
        else:
            raise TypeError(f"unknown block {type(block).__name__}")

    def table(self, table: Table, parts: list[str]) -> None:
        frame = (table.head, table.numeric, table.nowrap, table.tone)
        if frame not in self.frames:  # every message has a table of the same shape
            self.frames[frame] = self.frame(table)
        start, classes, columns = self.frames[frame]
        try:  # a row with fewer cells than the head has, as zip() would
            rows = [f"<tr>{''.join(map(_LOOK_UP, columns, row))}</tr>" for row in table.rows]
        except TypeError:  # a cell that cannot be a key (a list read from a hand-made report.json)
            rows = [_row(classes, row) for row in table.rows]
        parts.append(f"{start}{''.join(rows)}</tbody></table>\n")

    def frame(self, table: Table) -> tuple[str, list[str], list[_Column]]:
        """A table's opening up to its first row, each column's class attribute, and its cells by column."""
        classes = []
        for index in range(len(table.head)):
            names = " ".join(name for name, columns in (("num", table.numeric), ("nw", table.nowrap))
                             if index in columns)
            classes.append(f' class="{names}"' if names else "")
        head = "".join(f"<th{cls}>{self.spans[title, '']}</th>" for cls, title in zip(classes, table.head))
        tone = f' class="{table.tone}"' if table.tone else ""
        columns = [self.columns.setdefault(cls, _Column(self.cells, cls)) for cls in classes]
        return f"<table{tone}><thead><tr>{head}</tr></thead><tbody>", classes, columns


def _row(classes: list[str], row: tuple[Inline, ...]) -> str:
    return "<tr>" + "".join(f"<td{cls}>{render_inline(cell)}</td>" for cls, cell in zip(classes, row)) + "</tr>"


def report_to_html(report: dict[str, Any]) -> str:
    """``report.html``: the scored after-action report of ``report`` (report.json data), one self-contained file."""
    return render_html(build_document(report))
