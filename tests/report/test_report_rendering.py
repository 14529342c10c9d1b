"""The renderers render each distinct span and cell once: what is looked up reads exactly as what is rendered."""

import html as stdlib_html

import pytest

from drill.report import charts, html, markdown
from drill.report.document import Document, Paragraph, Section, Span, Subsection, Table, inline
from drill.report.messages import _criterion_row, _criterion_rows
from drill.textsafe import printable

CELLS = [inline("plain"), inline(Span("Alert", "strong"), " i1"), inline(Span("Alert", "strong"), " i2"),
         inline(Span("  spaced ", "em")), inline(Span("code|x", "code")), inline(Span("P", "rating")),
         inline(Span("late", "warn"), " by #2"), (), inline("<b>&amp;</b> | *x* _y_")]


def _document(rows) -> Document:
    table = Table(("A", "B", ""), tuple(rows), numeric=frozenset({1}), nowrap=frozenset({0, 1}), tone="compact")
    again = Table(("A", "B", ""), tuple(reversed(rows)), numeric=frozenset({1}), nowrap=frozenset({0, 1}),
                  tone="compact")
    return Document("Title", "", (Section("One", (table, Subsection(inline("Sub"), (again, Paragraph(rows[0][0]))))),))


def _rows():
    return [(first, second, CELLS[index % len(CELLS)])
            for index, (first, second) in enumerate(zip(CELLS * 3, reversed(CELLS * 3)))]


def test_markdown_table_cells_read_as_each_is_rendered_on_its_own():
    rows = _rows()
    text = markdown.render_markdown(_document(rows))
    expected = ["| " + " | ".join(markdown.render_inline(cell) or " " for cell in row) + " |" for row in rows]
    lines = text.splitlines()
    start = lines.index("| A | B |   |")
    assert lines[start + 1] == "| --- | ---: | --- |"
    assert lines[start + 2:start + 2 + len(rows)] == expected
    assert lines.count("| A | B |   |") == 2


def test_html_table_cells_read_as_each_is_rendered_on_its_own():
    rows = _rows()
    page = html.render_html(_document(rows))
    classes = (' class="nw"', ' class="num nw"', "")
    expected = "".join("<tr>" + "".join(f"<td{cls}>{html.render_inline(cell)}</td>" for cls, cell in zip(classes, row))
                       + "</tr>" for row in rows)
    assert ('<table class="compact"><thead><tr><th class="nw">A</th><th class="num nw">B</th><th></th></tr>'
            f"</thead><tbody>{expected}</tbody></table>") in page


@pytest.mark.parametrize("render", [markdown.render_markdown, html.render_html])
def test_a_cell_that_cannot_be_looked_up_is_still_rendered(render):
    """A hand-made report.json can put a list where text belongs; it renders as before rather than failing."""
    odd = (["listed", ""],)
    rows = [(inline("a"), odd, inline("c")), (inline("a"), inline("b"), inline("c"))]
    text = render(_document(rows))
    assert "listed" in text and text == render(_document(rows))


def test_a_table_row_shorter_than_its_head_keeps_its_cells():
    rows = [(inline("a"), inline("b"), inline("c")), (inline("short"),)]
    assert "<tr><td class=\"nw\">short</td></tr>" in html.render_html(_document(rows))
    assert "| short |" in markdown.render_markdown(_document(rows))


@pytest.mark.parametrize("text", ["plain words, 12:05 — “quoted” ✓", "a\\b", "`tick`", "*star*", "[link](x)", "<tag>",
                                  "a|b", "~strike~", "$x$", "_under_", "snake_case", "&amp;", "a & b", "line\nbreak",
                                  "esc\x1b[31m", "zero\u200bwidth", "bidi\u202eevil"])
def test_escaping_returns_plain_text_as_it_is_and_escapes_the_rest(text):
    # The full escaping, without the shortcut for text with nothing to escape.
    md = printable(text)
    md = md.replace("\\", "\\\\")
    for char in "`*[]<|~$":
        md = md.replace(char, "\\" + char)
    md = markdown._UNDERSCORE.sub(r"\\_", md)
    md = markdown._ENTITY.sub(r"\\&", md).replace("\n", "<br>")
    assert markdown.escape(text) == md
    assert html.escape(text) == stdlib_html.escape(printable(text), quote=True).replace("\n", "<br>")
    assert charts.svg_text(text) == stdlib_html.escape(printable(text), quote=True)


def test_equal_criteria_share_one_row_and_unhashable_ones_are_made_apart():
    criteria = [{"id": "impact", "passed": True, "points": 9.0, "max": 9, "reason": "Says who.", "evidence": []},
                {"id": "impact", "passed": True, "points": 9.0, "max": 9, "reason": "Says who.",
                 "evidence": [{"start": 0, "end": 1}]},
                {"id": "phase", "passed": 0.5, "points": 3.5, "max": 7, "reason": "Half.", "evidence": []},
                {"id": "phase", "passed": False, "points": 0, "max": 7, "reason": ["not", "text"]}]
    cache: dict = {}
    rows = _criterion_rows(criteria, cache)
    assert rows == tuple(_criterion_row(criterion) for criterion in criteria)
    assert rows[0] is rows[1] and len(cache) == 2
