"""write_report: report.json, report.md and report.html side by side."""

import json

import pytest

from drill.session import write_report
from report_helpers import report


def test_writes_all_three_by_default(tmp_path):
    data = report()
    written = write_report(data, tmp_path / "out")
    assert [path.name for path in written] == ["report.json", "report.md", "report.html"]
    assert json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8")) == data
    assert (tmp_path / "out" / "report.md").read_text(encoding="utf-8").startswith("# After-action report: ")
    assert (tmp_path / "out" / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_writes_only_the_formats_asked_for(tmp_path):
    assert [path.name for path in write_report(report(), tmp_path, formats=("md",))] == ["report.md"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.md"]


def test_an_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown report format"):
        write_report(report(), tmp_path, formats=("pdf",))
