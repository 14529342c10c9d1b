"""The report's files: ``report.json``, ``report.md`` and ``report.html`` from the report data.

The Markdown and HTML are renderings of one document, built once; the JSON is written compactly
unless ``pretty`` asks for it indented for people to read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from drill.files import json_text, write_text_atomic
from drill.report import REPORT_FORMATS
from drill.report.collector import collector_paused
from drill.report.html import render_html
from drill.report.markdown import render_markdown
from drill.report.sections import build_document


def render_report(report: dict[str, Any], formats: Iterable[str] = REPORT_FORMATS,
                  pretty: bool = False) -> dict[str, str]:
    """The text of each of ``formats`` (``json``, ``md``, ``html``), by format, in that order."""
    wanted = _checked(formats)
    texts: dict[str, str] = {}
    with collector_paused():
        if "json" in wanted:
            texts["json"] = json_text(report, pretty)
        if "md" in wanted or "html" in wanted:
            document = build_document(report)  # shared by both renderings
            if "md" in wanted:
                texts["md"] = render_markdown(document)
            if "html" in wanted:
                texts["html"] = render_html(document)
    return texts


def write_report(report: dict[str, Any], out: Path, formats: Iterable[str] = REPORT_FORMATS,
                 pretty: bool = False) -> list[Path]:
    """Write ``out/report.json``, ``report.md`` and ``report.html`` (those of ``formats``); return the paths.

    Raises ValueError for an unknown format (before anything is written) and OSError if a file
    cannot be written.
    """
    written = []
    for suffix, text in render_report(report, formats, pretty).items():
        path = out / f"report.{suffix}"
        write_text_atomic(path, text)
        written.append(path)
    return written


def _checked(formats: Iterable[str]) -> set[str]:
    wanted = set(formats)
    unknown = sorted(wanted - set(REPORT_FORMATS))
    if unknown:
        raise ValueError(f"unknown report format(s): {', '.join(unknown)}")
    return wanted
