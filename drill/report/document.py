"""A small document model shared by the Markdown and HTML renderers.

The report's content is decided once (``sections``, ``compare``) as these
blocks; each renderer only decides how a block looks. Every piece of text here
is raw: renderers make it printable and escape it for their format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NamedTuple, Union


class Span(NamedTuple):
    """Text and its style: "" (plain), "strong", "em", "code", "muted"; "hit-fail"/"hit-pass" for
    evidence spans in a message (a criterion failed or passed on them); "good"/"bad"/"warn" to colour
    an outcome; "rating" for an HSEEP rating letter, "rating-step" for a step of a scenario's own scale."""

    text: str
    style: str = ""


Inline = tuple[Span, ...]


def inline(*parts: str | Span | Inline | None) -> Inline:
    """Plain strings become unstyled spans; nested inlines are flattened; None and "" are dropped."""
    if len(parts) == 1 and type(parts[0]) is str:  # most cells are one plain string
        return ((parts[0], ""),) if parts[0] else ()  # type: ignore[return-value]
    spans: list[Span] = []
    for part in parts:
        if not part:
            continue
        if isinstance(part, str):
            # A plain tuple equals Span(part) and is much cheaper to make: reports run to 100,000s of spans.
            spans.append((part, ""))  # type: ignore[arg-type]
        elif isinstance(part[0], str):
            spans.append(part)  # type: ignore[arg-type]
        else:
            spans.extend(part)  # type: ignore[arg-type]
    return tuple(spans)


@dataclass(frozen=True)
class Paragraph:
    content: Inline
    tone: str = ""  # "lead" for the opening paragraph, "muted" for notes


@dataclass(frozen=True)
class BulletList:
    items: tuple[Inline, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Table:
    head: tuple[str, ...]
    rows: tuple[tuple[Inline, ...], ...]
    numeric: frozenset[int] = frozenset()  # right-aligned column indexes
    nowrap: frozenset[int] = frozenset()   # columns kept on one line (times, numbers)
    tone: str = ""                           # "plan" for the fill-in improvement plan, "compact", "kv"


@dataclass(frozen=True)
class Quote:
    """A participant's message, shown as written (with its evidence spans styled)."""

    content: Inline


@dataclass(frozen=True)
class Figures:
    """Key numbers shown side by side: (label, value, tone)."""

    items: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class Chart:
    """A chart: HTML draws ``data`` as SVG (``charts.svg``); Markdown shows ``fallback``."""

    kind: str
    title: str
    data: Any
    fallback: tuple["Block", ...]
    caption: str = ""


@dataclass(frozen=True)
class Notes:
    """Room to write by hand (hot-wash notes, improvement plan sign-off)."""

    label: str
    lines: int = 3


@dataclass(frozen=True)
class Subsection:
    title: Inline
    blocks: tuple["Block", ...]
    anchor: str = ""
    tone: str = ""  # "message" keeps a message on one printed page where it fits


Block = Union[Paragraph, BulletList, Table, Quote, Figures, Chart, Notes, Subsection]


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]
    page_break: bool = False  # start on a new printed page

    @property
    def anchor(self) -> str:
        return anchor_of(self.title)


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    sections: tuple[Section, ...]


def anchor_of(title: str) -> str:
    """The anchor a code host gives a heading (lower case, punctuation dropped, spaces to hyphens)."""
    return re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")
