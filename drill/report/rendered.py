"""Rendered text by content, shared by the Markdown and HTML writers: a long report repeats the same
spans and cells (role names, ratings, "answered") thousands of times, and each is rendered once."""

from __future__ import annotations

from typing import Callable

from drill.report.document import Inline


class RenderedSpans(dict):
    """Each distinct (text, style) span, rendered by ``render_span`` the first time it is asked for."""

    def __init__(self, render_span: Callable[[str, str], str]) -> None:
        super().__init__()
        self.render_span = render_span

    def __missing__(self, span: tuple[str, str]) -> str:
        text = self[span] = self.render_span(*span)
        return text


class RenderedCells(dict):
    """Each distinct table cell, made of rendered spans; an empty cell is ``empty``."""

    def __init__(self, spans: RenderedSpans, empty: str = "") -> None:
        super().__init__()
        self.span = spans.__getitem__
        self.empty = empty

    def __missing__(self, cell: Inline) -> str:
        text = self[cell] = (self.span(cell[0]) if len(cell) == 1 else "".join(map(self.span, cell))) or self.empty
        return text
