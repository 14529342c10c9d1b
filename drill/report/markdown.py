"""The document as GitHub-flavoured Markdown.

Participant and scenario text is made printable and every character Markdown
could read as markup is backslash-escaped, so a message stays text: a ``|``
cannot split a table cell, ``<script>`` is not HTML, ``[x](y)`` is not a link.
Line breaks inside a block become ``<br>`` so text never starts a new block.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from drill.report.document import (Block, BulletList, Chart, Document, Figures, Inline, Notes, Paragraph, Quote,
                                   Section, Subsection, Table, anchor_of)
from drill.report.sections import build_document
from drill.textsafe import printable

# Always markup: escapes, code, emphasis, links, HTML, table cells, strikethrough, maths (_SPECIAL_TABLE).
# Emphasis by underscore only opens or closes next to a non-word character.
_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
# An entity reference would be decoded: "&lt;" must stay those four characters.
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# At the start of a block these would open a heading, quote, list, or code block.
_BLOCK_START = re.compile(r"^([-+=#>]|\d+(?=[.)]))")


_SPECIAL_TABLE = {ord(char): "\\" + char for char in "\\`*[]<|~$"}


@lru_cache(maxsize=8192)  # labels, reasons and names repeat throughout a report
def escape(text: str) -> str:
    """``text`` as literal Markdown inline content (any newline becomes ``<br>``)."""
    if not text.isprintable():  # printable text has no control characters to replace
        text = printable(text)
    escaped = text.translate(_SPECIAL_TABLE)
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
_MARKERS = {"strong": "**", "hit-fail": "**", "hit-pass": "*", "rating": "**", "em": "*", "muted": "*"}


def render_inline(content: Inline) -> str:
    out = []
    for text, style in content:
        if not text:
            continue
        if style == "code" and "`" not in text and "\n" not in text:
            out.append("`" + printable(text).replace("|", "\\|") + "`")
            continue
        marker = _MARKERS.get(style)
        if not marker:
            out.append(escape(text))
            continue
        # Emphasis must hug its text: "** x**" is not bold, so spaces go outside the markers.
        core = text.strip()
        if not core:
            out.append(escape(text))
            continue
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        out.append(f"{lead}{marker}{escape(core)}{marker}{trail}".replace("\n", "<br>"))
    return "".join(out)


def render_markdown(document: Document) -> str:
    lines = [f"# {escape(document.title)}", ""]
    if document.subtitle:
        lines += [_safe_start(escape(document.subtitle)), ""]
    contents = " · ".join(f"[{escape(section.title)}](#{anchor_of(section.title)})" for section in document.sections)
    lines += [f"**Contents:** {contents}", ""]
    for section in document.sections:
        lines += _section(section)
    return "\n".join(lines).rstrip() + "\n"


def _section(section: Section) -> list[str]:
    lines = [f"## {escape(section.title)}", ""]
    for block in section.blocks:
        lines += _block(block, level=3)
    return lines


def _block(block: Block, level: int) -> list[str]:
    if isinstance(block, Paragraph):
        text = render_inline(block.content)
        return [_safe_start(f"*{text}*" if block.tone == "muted" and text else text), ""]
    if isinstance(block, BulletList):
        return [*(f"{f'{n}.' if block.ordered else '-'} {_safe_start(render_inline(item))}"
                  for n, item in enumerate(block.items, 1)), ""]
    if isinstance(block, Table):
        return _table(block.head, [[render_inline(cell) for cell in row] for row in block.rows], block.numeric)
    if isinstance(block, Quote):
        return [f"> {_safe_start(render_inline(block.content))}", ""]
    if isinstance(block, Figures):
        return _table([label for label, _, _ in block.items], [[f"**{escape(value)}**" for _, value, _ in block.items]],
                      frozenset(range(len(block.items))))
    if isinstance(block, Chart):
        lines = [f"**{escape(block.title)}**", ""]
        if block.caption:
            lines += [f"*{escape(block.caption)}*", ""]
        for inner in block.fallback:
            lines += _block(inner, level)
        return lines
    if isinstance(block, Notes):
        return [f"*{escape(block.label)}:*", "", *(["> &nbsp;"] * block.lines), ""]
    if isinstance(block, Subsection):
        lines = [f"{'#' * level} {render_inline(block.title)}", ""]
        for inner in block.blocks:
            lines += _block(inner, level + 1)
        return lines
    raise TypeError(f"unknown block {type(block).__name__}")


def _table(head: Any, rows: list[list[str]], numeric: frozenset[int]) -> list[str]:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cell or " " for cell in cells) + " |"

    align = ["---:" if index in numeric else "---" for index in range(len(head))]
    return [line([escape(title) for title in head]), line(align), *(line(row) for row in rows), ""]


def report_to_markdown(report: dict[str, Any]) -> str:
    """``report.md``: the scored after-action report of ``report`` (report.json data)."""
    return render_markdown(build_document(report))
