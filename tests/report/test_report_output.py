"""report.json compact by default and indented with --pretty; the report's three files from one document."""

import gc
import json
from types import SimpleNamespace

import pytest

from drill.cli.main import main
from drill.files import json_text, write_json
from drill.report.collector import collector_paused
from drill.report.html import render_html
from drill.report.markdown import render_markdown
from drill.report.output import render_report, write_report
from drill.report.sections import build_document
from report_helpers import hostile_report, report


def _lines(path):
    return path.read_text(encoding="utf-8").splitlines()


# ------------------------------------------------------------------- JSON


def test_compact_json_is_one_utf8_line_of_the_same_data():
    data = {"title": "Zürich — “quoted” ✓", "list": [1, 2.5, None, True], "nested": {"a": {"b": []}}}
    text = json_text(data)
    assert text == '{"title":"Zürich — “quoted” ✓","list":[1,2.5,null,true],"nested":{"a":{"b":[]}}}\n'
    assert json.loads(text) == data


def test_pretty_json_is_indented_as_report_json_always_was():
    data = report()
    assert json_text(data, pretty=True) == json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    assert json.loads(json_text(data, pretty=True)) == json.loads(json_text(data)) == data


def test_write_json_is_compact_unless_pretty(tmp_path):
    data = report()
    write_json(tmp_path / "compact.json", data)
    write_json(tmp_path / "pretty.json", data, pretty=True)
    assert len(_lines(tmp_path / "compact.json")) == 1
    assert _lines(tmp_path / "pretty.json")[:2] == ["{", '  "format": 1,']
    for name in ("compact.json", "pretty.json"):
        text = (tmp_path / name).read_bytes().decode("utf-8")
        assert text.endswith("}\n") and json.loads(text) == data


# --------------------------------------------------------- the three files


def test_render_report_is_the_document_rendered_once_for_both_formats():
    data = hostile_report()
    texts = render_report(data)
    assert list(texts) == ["json", "md", "html"]
    document = build_document(data)
    assert texts["md"] == render_markdown(document)
    assert texts["html"] == render_html(document)
    assert texts["json"] == json_text(data) and json.loads(texts["json"]) == data


def test_render_report_makes_only_the_formats_asked_for():
    assert list(render_report(report(), ("html", "json"))) == ["json", "html"]
    assert json.loads(render_report(report(), ("json",), pretty=True)["json"]) == report()
    with pytest.raises(ValueError, match="unknown report format"):
        render_report(report(), ("json", "pdf"))


def test_write_report_writes_compact_or_pretty_json_beside_the_renderings(tmp_path):
    data = report()
    written = write_report(data, tmp_path / "compact")
    assert [path.name for path in written] == ["report.json", "report.md", "report.html"]
    assert len(_lines(tmp_path / "compact" / "report.json")) == 1
    write_report(data, tmp_path / "pretty", pretty=True)
    assert len(_lines(tmp_path / "pretty" / "report.json")) > 100
    for folder in ("compact", "pretty"):
        assert json.loads((tmp_path / folder / "report.json").read_text(encoding="utf-8")) == data
    assert (tmp_path / "compact" / "report.md").read_bytes() == (tmp_path / "pretty" / "report.md").read_bytes()


# ------------------------------------------------------------- the collector


def test_the_collector_is_paused_inside_and_restored_after():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves it as the outer one set it
    assert gc.isenabled()


def test_the_collector_is_restored_after_an_error_and_left_off_if_it_was_off():
    with pytest.raises(RuntimeError):
        with collector_paused():
            raise RuntimeError("boom")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


# ----------------------------------------------------------------- commands


def test_simulate_writes_compact_json_and_pretty_indents_it(tmp_path, capsys):
    assert main(["simulate", "checkout-outage", "--no-store", "--out", str(tmp_path / "compact")]) == 0
    assert main(["simulate", "checkout-outage", "--no-store", "--out", str(tmp_path / "pretty"), "--pretty"]) == 0
    compact, pretty = tmp_path / "compact" / "report.json", tmp_path / "pretty" / "report.json"
    assert len(_lines(compact)) == 1 and _lines(pretty)[1] == '  "format": 1,'
    one, two = (json.loads(path.read_text(encoding="utf-8")) for path in (compact, pretty))
    for data in (one, two):
        data.pop("generated_at")  # the minute each was run
    assert one == two
    assert (tmp_path / "compact" / "report.md").read_text(encoding="utf-8").startswith("# After-action report")
    assert "wrote" in capsys.readouterr().out


def test_report_writes_compact_json_and_pretty_indents_it(tmp_path, capsys):
    source = tmp_path / "source.json"
    write_json(source, report())
    assert main(["report", str(source), "--out", str(tmp_path / "compact"), "--format", "json"]) == 0
    assert main(["report", str(source), "--out", str(tmp_path / "pretty"), "--pretty"]) == 0
    compact, pretty = tmp_path / "compact" / "report.json", tmp_path / "pretty" / "report.json"
    assert [path.name for path in (tmp_path / "compact").iterdir()] == ["report.json"]
    assert compact.read_text(encoding="utf-8") == json_text(report())
    assert pretty.read_text(encoding="utf-8") == json_text(report(), pretty=True)


def test_compare_json_follows_pretty_too(tmp_path, capsys):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    write_json(a, report("checkout-outage", "poor"))
    write_json(b, report("checkout-outage", "good"))
    assert main(["report", "--compare", str(a), str(b), "--out", str(tmp_path / "compact"), "--format", "json"]) == 0
    assert main(["report", "--compare", str(a), str(b), "--out", str(tmp_path / "pretty"), "--format", "json",
                 "--pretty"]) == 0
    compact, pretty = (tmp_path / folder / "compare.json" for folder in ("compact", "pretty"))
    assert len(_lines(compact)) == 1 and len(_lines(pretty)) > 10
    assert json.loads(compact.read_text(encoding="utf-8")) == json.loads(pretty.read_text(encoding="utf-8"))


@pytest.mark.parametrize("pretty", [False, True])
def test_run_and_resume_pass_pretty_to_the_app_that_writes_the_report(monkeypatch, pretty):
    import drill.tui.launch

    seen = {}

    class FakeApp(SimpleNamespace):
        def run(self):
            pass

    def make_app(*args, **kwargs):
        seen.update(kwargs)
        return FakeApp(report=None, written=[], write_error=None, return_code=0)

    monkeypatch.setattr(drill.tui.launch, "make_app", make_app)
    assert main(["run", "checkout-outage", "--no-store"] + (["--pretty"] if pretty else [])) == 0
    assert seen["pretty"] is pretty


@pytest.mark.parametrize("command", ["simulate", "report", "run", "resume"])
def test_pretty_is_in_the_help_of_each_command_that_writes_report_json(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert "--pretty" in capsys.readouterr().out
