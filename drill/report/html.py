"""The document as one self-contained HTML file: inline CSS and SVG, no script, nothing fetched.

Every piece of text is made printable and HTML-escaped here, so participant
text (a message containing ``<script>``, say) is shown, never run.
"""

from __future__ import annotations

import html
from functools import lru_cache
from typing import Any

from drill.report.charts import svg
from drill.report.document import (Block, BulletList, Chart, Document, Figures, Inline, Notes, Paragraph, Quote,
                                   Section, Subsection, Table)
from drill.report.html_style import CSS
from drill.report.sections import build_document
from drill.textsafe import printable

_TAGS = {"strong": ("<strong>", "</strong>"), "em": ("<em>", "</em>"), "code": ("<code>", "</code>"),
         "hit-fail": ('<mark class="fail">', "</mark>"), "hit-pass": ('<mark class="pass">', "</mark>")}
_CLASSED = ("good", "bad", "warn", "muted")


@lru_cache(maxsize=8192)  # labels, reasons and names repeat throughout a report
def escape(text: str) -> str:
    if not text.isprintable():  # printable text has no control characters to replace
        text = printable(text)
    return html.escape(text, quote=True).replace("\n", "<br>")


def render_inline(content: Inline) -> str:
    out = []
    for text, style in content:
        if not text:
            continue
        body = escape(text)
        if style in _TAGS:
            start, end = _TAGS[style]
            out.append(start + body + end)
        elif style in _CLASSED:
            out.append(f'<span class="{style}">{body}</span>')
        elif style == "rating":
            rating = text if text in ("P", "S", "M", "U") else "none"
            out.append(f'<span class="rating r-{rating}">{body}</span>')
        else:
            out.append(body)
    return "".join(out)


def render_html(document: Document, kind: str = "After-action report") -> str:
    contents = "".join(f'<li><a href="#{section.anchor}">{escape(section.title)}</a></li>'
                       for section in document.sections)
    body = "".join(_section(section) for section in document.sections)
    subtitle = f'<p class="subtitle">{escape(document.subtitle)}</p>' if document.subtitle else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(document.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f'<div class="page">\n<header class="cover"><div class="kind">{escape(kind)}</div>'
        f"<h1>{escape(document.title)}</h1>{subtitle}</header>\n"
        f'<nav class="contents"><strong>Contents</strong><ol>{contents}</ol></nav>\n'
        f"<main>\n{body}</main>\n</div>\n</body>\n</html>\n"
    )


def _section(section: Section) -> str:
    classes = ' class="break"' if section.page_break else ""
    inner = "".join(_block(block, 3) for block in section.blocks)
    return f'<section id="{section.anchor}"{classes}>\n<h2>{escape(section.title)}</h2>\n{inner}</section>\n'


def _block(block: Block, level: int) -> str:
    if isinstance(block, Paragraph):
        tone = f' class="{block.tone}"' if block.tone else ""
        return f"<p{tone}>{render_inline(block.content)}</p>\n"
    if isinstance(block, BulletList):
        tag = "ol" if block.ordered else "ul"
        return f"<{tag}>" + "".join(f"<li>{render_inline(item)}</li>" for item in block.items) + f"</{tag}>\n"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Quote):
        return f'<blockquote class="message-text">{render_inline(block.content)}</blockquote>\n'
    if isinstance(block, Figures):
        return '<div class="figures">' + "".join(
            f'<div class="figure {tone}"><span class="value">{escape(value)}</span>'
            f'<span class="label">{escape(label)}</span></div>' for label, value, tone in block.items) + "</div>\n"
    if isinstance(block, Chart):
        data = "".join(_block(inner, level) for inner in block.fallback)
        caption = f" {escape(block.caption)}" if block.caption else ""
        return (f'<figure class="chart chart-{block.kind}"><figcaption><strong>{escape(block.title)}</strong>'
                f"{caption}</figcaption>{svg(block.kind, block.data, block.title)}"
                f'<details class="data"><summary>The data as a table</summary>{data}</details></figure>\n')
    if isinstance(block, Notes):
        lines = '<div class="line"></div>' * block.lines
        return f'<div class="notes"><span class="label">{escape(block.label)}</span>{lines}</div>\n'
    if isinstance(block, Subsection):
        tag = "article" if block.tone == "message" else "div"
        anchor = f' id="{html.escape(block.anchor)}"' if block.anchor else ""
        classes = f' class="{block.tone}"' if block.tone else ""
        heading = min(level, 6)
        inner = "".join(_block(child, level + 1) for child in block.blocks)
        return f"<{tag}{anchor}{classes}><h{heading}>{render_inline(block.title)}</h{heading}>\n{inner}</{tag}>\n"
    raise TypeError(f"unknown block {type(block).__name__}")


def _table(table: Table) -> str:
    classes = []
    for index in range(len(table.head)):
        names = " ".join(name for name, columns in (("num", table.numeric), ("nw", table.nowrap)) if index in columns)
        classes.append(f' class="{names}"' if names else "")
    head = "".join(f"<th{cls}>{escape(title)}</th>" for cls, title in zip(classes, table.head))
    rows = "".join("<tr>" + "".join(f"<td{cls}>{render_inline(cell)}</td>" for cls, cell in zip(classes, row)) + "</tr>"
                   for row in table.rows)
    tone = f' class="{table.tone}"' if table.tone else ""
    return f"<table{tone}><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>\n"


def report_to_html(report: dict[str, Any]) -> str:
    """``report.html``: the scored after-action report of ``report`` (report.json data), one self-contained file."""
    return render_html(build_document(report))
