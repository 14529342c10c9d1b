"""The document as GitHub-flavoured Markdown.

Participant and scenario text is made printable and every character Markdown
could read as markup is backslash-escaped, so a message stays text: a ``|``
cannot split a table cell, ``<script>`` is not HTML, ``[x](y)`` is not a link.
Line breaks inside a block become ``<br>`` so text never starts a new block.
"""

from __future__ import annotations

import re
from typing import Any

from drill.report.collector import collector_paused
from drill.report.document import (Block, BulletList, Chart, Document, Figures, Inline, Notes, Paragraph, Quote,
                                   Subsection, Table, anchor_of)
from drill.report.rendered import RenderedCells, RenderedSpans
from drill.report.sections import build_document
from drill.textsafe import printable

# Always markup: escapes, code, emphasis, links, HTML, table cells, strikethrough, maths (_SPECIAL).
# Emphasis by underscore only opens or closes next to a non-word character.
_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
# An entity reference would be decoded: "&lt;" must stay those four characters.
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# At the start of a block these would open a heading, quote, list, or code block.
_BLOCK_START = re.compile(r"^([-+=#>]|\d+(?=[.)]))")


_SPECIAL = "`*[]<|~$"  # each is backslash-escaped, after any backslash itself
# Every character escape() may change in printable text: most text has none and is returned as it is.
_MARKUP = re.compile(r"[\\`*\[\]<|~$_&]")


def escape(text: str) -> str:
    """``text`` as literal Markdown inline content (any newline becomes ``<br>``)."""
    if not text.isprintable():  # printable text has no control characters (nor newlines) to replace
        text = printable(text)
    elif _MARKUP.search(text) is None:
        return text
    # One replace a character, each in C, and most find nothing: several times faster than
    # str.translate, which looks every character of the text up in a table.
    escaped = text.replace("\\", "\\\\") if "\\" in text else text
    for char in _SPECIAL:
        if char in escaped:
            escaped = escaped.replace(char, "\\" + char)
    if "_" in escaped:
        escaped = _UNDERSCORE.sub(r"\\_", escaped)
    if "&" in escaped:
        escaped = _ENTITY.sub(r"\\&", escaped)
    return escaped.replace("\n", "<br>")


def _safe_start(line: str) -> str:
    """``line`` made safe to begin a block: leading spaces dropped, a block marker escaped."""
    line = line.lstrip()
    match = _BLOCK_START.match(line)
    if not match:
        return line
    if match.group(1).isdigit():  # "1." -> "1\." keeps the number, loses the list
        return line[:match.end()] + "\\" + line[match.end():]
    return "\\" + line


# Evidence: bold where a criterion failed on it, italic where one passed (GitHub renders no ==mark==).
_MARKERS = {"strong": "**", "hit-fail": "**", "hit-pass": "*", "rating": "**", "rating-step": "**", "em": "*", "muted": "*"}


def render_inline(content: Inline) -> str:
    return "".join([render_span(text, style) for text, style in content])


def render_span(text: str, style: str = "") -> str:
    """One span as Markdown; a line of spans is the spans one after another."""
    if not text:
        return ""
    if style == "code" and "`" not in text and "\n" not in text:
        return "`" + printable(text).replace("|", "\\|") + "`"
    marker = _MARKERS.get(style)
    if not marker:
        return escape(text)
    # Emphasis must hug its text: "** x**" is not bold, so spaces go outside the markers.
    core = text.strip()
    if not core:
        return escape(text)
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    return f"{lead}{marker}{escape(core)}{marker}{trail}".replace("\n", "<br>")


def render_markdown(document: Document) -> str:
    with collector_paused():
        return _Writer().document(document)


class _Writer:
    """One rendering. Spans and whole table cells repeat a great deal (labels, results, points,
    reasons, times): each distinct one is rendered once."""

    def __init__(self) -> None:
        self.spans = RenderedSpans(render_span)
        self.cells = RenderedCells(self.spans, empty=" ")
        self.heads: dict[tuple[Any, ...], list[str]] = {}  # a table's first two lines, by its shape

    def inline(self, content: Inline) -> str:
        try:
            return "".join(map(self.spans.__getitem__, content))
        except TypeError:  # a part that cannot be a key (a list read from a hand-made report.json)
            return render_inline(content)

    def document(self, document: Document) -> str:
        lines = [f"# {escape(document.title)}", ""]
        if document.subtitle:
            lines += [_safe_start(escape(document.subtitle)), ""]
        contents = " · ".join(f"[{escape(section.title)}](#{anchor_of(section.title)})"
                              for section in document.sections)
        lines += [f"**Contents:** {contents}", ""]
        for section in document.sections:
            lines.append(f"## {escape(section.title)}")
            lines.append("")
            for block in section.blocks:
                self.block(block, 3, lines)
        return "\n".join(lines).rstrip() + "\n"

    def block(self, block: Block, level: int, lines: list[str]) -> None:
        """Append the lines of ``block`` (each block ends with a blank line)."""
        if isinstance(block, Paragraph):
            text = self.inline(block.content)
            lines += [_safe_start(f"*{text}*" if block.tone == "muted" and text else text), ""]
        elif isinstance(block, BulletList):
            lines += [f"{f'{n}.' if block.ordered else '-'} {_safe_start(self.inline(item))}"
                      for n, item in enumerate(block.items, 1)]
            lines.append("")
        elif isinstance(block, Table):
            self.table(block, lines)
        elif isinstance(block, Quote):
            lines += [f"> {_safe_start(self.inline(block.content))}", ""]
        elif isinstance(block, Figures):
            _table_head([escape(label) for label, _, _ in block.items], frozenset(range(len(block.items))), lines)
            lines += ["| " + " | ".join([f"**{escape(value)}**" for _, value, _ in block.items]) + " |", ""]
        elif isinstance(block, Chart):
            lines += [f"**{escape(block.title)}**", ""]
            if block.caption:
                lines += [f"*{escape(block.caption)}*", ""]
            for inner in block.fallback:
                self.block(inner, level, lines)
        elif isinstance(block, Notes):
            lines += [f"*{escape(block.label)}:*", "", *(["> &nbsp;"] * block.lines), ""]
        elif isinstance(block, Subsection):
            lines += [f"{'#' * level} {self.inline(block.title)}", ""]
            for inner in block.blocks:
                self.block(inner, level + 1, lines)
        else:
            raise TypeError(f"unknown block {type(block).__name__}")

    def table(self, table: Table, lines: list[str]) -> None:
        head = self.heads.get((table.head, table.numeric))
        if head is None:  # every message has a table of the same shape
            head = self.heads[table.head, table.numeric] = []
            _table_head([self.spans[title, ""] for title in table.head], table.numeric, head)
        lines += head
        cell = self.cells.__getitem__
        try:
            lines += [f"| {' | '.join(map(cell, row))} |" for row in table.rows]
        except TypeError:  # a cell that cannot be a key (a list read from a hand-made report.json)
            lines += ["| " + " | ".join([render_inline(part) or " " for part in row]) + " |" for row in table.rows]
        lines.append("")


def _table_head(head: list[str], numeric: frozenset[int], lines: list[str]) -> None:
    """A pipe table's first two lines, from its rendered headings."""
    lines.append("| " + " | ".join([title or " " for title in head]) + " |")
    lines.append("| " + " | ".join(["---:" if index in numeric else "---" for index in range(len(head))]) + " |")


def report_to_markdown(report: dict[str, Any]) -> str:
    """``report.md``: the scored after-action report of ``report`` (report.json data)."""
    return render_markdown(build_document(report))
