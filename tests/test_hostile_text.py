"""One sanitiser for the terminal and one for JSON, tested with the same hostile corpus."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, strategies as st

from drill.cli.main import main
from drill.textsafe import json_safe, printable, typed
from hostile import ALL, CORPUS, UNSAFE


@pytest.mark.parametrize("name", CORPUS)
def test_printable_leaves_nothing_a_terminal_would_act_on(name):
    shown = printable(CORPUS[name])
    assert not UNSAFE.search(shown)
    assert "\x1b" not in shown


def test_printable_shows_what_was_there_and_folds_line_breaks():
    assert printable("\x1b[2J") == "␛[2J"
    assert printable("a\r\nb\rc\u2028d\u2029e") == "a\nb\nc\nd\ne"
    assert printable("@acme\u200bpay") == "@acmepay"  # the hidden break in a handle is gone
    assert printable("invoice\u202eexe.pdf") == "invoice\ufffdexe.pdf"
    assert printable("tab\tand\nnewline") == "tab\tand\nnewline"
    assert printable("👨\u200d👩\u200d👧 ZWJ kept") == "👨\u200d👩\u200d👧 ZWJ kept"


@pytest.mark.parametrize("name", CORPUS)
def test_typed_text_keeps_no_control_and_no_invisible_character(name):
    kept = typed(CORPUS[name])
    assert not UNSAFE.search(kept) and "\x1b" not in kept


def test_typed_text_drops_escape_bytes_rather_than_showing_them():
    assert typed("\x1b]0;title\x07hello") == "]0;titlehello"
    assert typed("line\r\nnext") == "line\nnext"


@given(st.text())
def test_any_text_comes_out_safe_and_cleaning_twice_changes_nothing(text):
    assert not UNSAFE.search(printable(text)) and not UNSAFE.search(typed(text))
    assert typed(typed(text)) == typed(text)
    assert printable(printable(text)) == printable(text)


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                    max_leaves=12))
def test_json_made_safe_reads_back_unchanged(value):
    encoded = json_safe(json.dumps(value, ensure_ascii=False))
    assert json.loads(encoded) == value
    assert not UNSAFE.search(encoded)


def test_every_corpus_entry_reads_back_from_safe_json():
    encoded = json_safe(json.dumps(CORPUS, ensure_ascii=False))
    assert json.loads(encoded) == CORPUS and "\x1b" not in encoded


HOSTILE_SCENARIO = """format: 1
id: hostile
title: "Outage \\e]52;c;cHduZWQ=\\a\\e]0;pwned\\a\\e[2J\\r\\b\\x9b31m at Acme"
duration: 10m
roles: {comms: {name: "Comms \\u202eevil"}}
channels: {status_page: {audience: public}}
injects:
  - {id: a1, at: 0, type: alert, from: "Mon\\e[31mitor", to: [comms], text: "Errors \\e]0;x\\a rising"}
"""


def test_the_cli_prints_a_hostile_scenario_as_plain_text(tmp_path, capsys):
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE_SCENARIO)
    assert main(["validate", str(path)]) == 0
    assert main(["simulate", str(path), "--no-responses", "--no-store", "--out", str(tmp_path / "out")]) == 0
    assert main(["score", "--scenario", str(path), "--channel", "status_page", "--format", "table",
                 "We are investigating \x1b[2J errors."]) == 0
    printed = capsys.readouterr()
    for stream in (printed.out, printed.err):
        assert not UNSAFE.search(stream) and "\x1b" not in stream
    assert "Outage" in printed.out and "␛]52" in printed.out  # shown, not acted on


def test_json_output_escapes_what_it_quotes(tmp_path, capsys):
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE_SCENARIO)
    db = str(tmp_path / "drill.db")
    assert main(["simulate", str(path), "--no-responses", "--db", db, "--out", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    assert main(["history", "--json", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\u001b]52" in out  # escaped in the JSON string, not dropped
    assert json.loads(out)[0]["title"].startswith("Outage \x1b]52;c;")


def test_a_full_disk_is_an_error_message_not_a_traceback(tmp_path, capfd):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "drill.cli.main", "list"], stdout=open("/dev/full", "w"),
                            stderr=subprocess.PIPE, text=True, env={"DRILL_DB": str(tmp_path / "d.db"),
                                                                   "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "No space left on device" in result.stderr


def test_the_reports_carry_the_hostile_corpus_as_text(tmp_path, capsys):
    import yaml

    document = yaml.safe_load(HOSTILE_SCENARIO)
    document["summary"] = "<script>alert(1)</script> " + " ".join(v[:2000] for v in CORPUS.values())
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(document))
    out = tmp_path / "out"
    assert main(["simulate", str(path), "--no-responses", "--no-store", "--out", str(out)]) == 0
    html = (out / "report.html").read_text()
    markdown = (out / "report.md").read_text()
    for text in (html, markdown):
        assert not UNSAFE.search(text) and "\x1b" not in text
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_a_log_edited_to_hold_facts_of_the_wrong_type_is_refused_with_the_event(tmp_path, capsys):
    """An exported log is read as it is: a fact the scorer cannot read is named, never a traceback."""
    import json

    from drill.cli.main import main
    from drill.engine import InjectAdHoc
    from drill.engine.commands import CommandRejected
    from drill.library import load_builtin
    from drill.simulate import simulate

    engine = simulate(load_builtin("checkout-outage"), [], 7)
    lines = []
    for event in engine.log:
        raw = event.to_dict()
        if raw["kind"] == "facts_changed":
            raw["data"]["facts"]["regions"] = 5
        lines.append(json.dumps(raw))
    log = tmp_path / "edited.jsonl"
    log.write_text("\n".join(lines) + "\n")
    assert main(["report", str(log), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "fact 'regions' must be a list of region names" in err and "Traceback" not in err
    from drill.wiring import start_drill

    live = start_drill(load_builtin("checkout-outage"), 7)
    with pytest.raises(CommandRejected, match="fact 'customers_affected' must be a whole number"):
        live.handle(InjectAdHoc(type="fact_update", text="More.", facts={"customers_affected": "lots"}))
    assert live.state.facts["customers_affected"] != "lots"
