import errno
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from drill.cli.main import main
from scenario_text import MINIMAL


def run_cli(*argv):
    return subprocess.run([sys.executable, "-m", "drill.cli.main", *argv], capture_output=True, text=True)


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith("drill ")
    assert main([]) == 0
    assert "simulate" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["list", "validate", "simulate"])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert "usage: drill " + command in capsys.readouterr().out


def test_list_shows_the_builtins(capsys):
    assert main(["list"]) == 0
    assert "checkout-outage" in capsys.readouterr().out


def test_validate_reports_problems_with_positions_and_exit_1(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.replace("duration: 30m", "duration: soon").replace("to: [comms]", "to: [nobody]"))
    result = run_cli("validate", str(bad))
    assert result.returncode == 1
    assert f"{bad}:4:11: duration: cannot read 'soon' as a time" in result.stderr
    assert "unknown role 'nobody'" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_ok_and_missing_file(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL)
    assert run_cli("validate", str(good)).returncode == 0
    result = run_cli("validate", str(tmp_path / "missing.yaml"))
    assert result.returncode == 1 and "cannot read" in result.stderr and "Traceback" not in result.stderr


def test_unknown_command_is_a_usage_error():
    result = run_cli("frobnicate")
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_simulate_writes_the_report(tmp_path):
    scenario = tmp_path / "tiny.yaml"
    scenario.write_text(MINIMAL)
    responses = tmp_path / "responses.yaml"
    responses.write_text("""responses:
  - {at: 3m, role: comms, channel: status_page, reply_to: alert-1, text: "We are investigating errors."}
  - {at: 4m, role: support, channel: chat, text: "Customer told."}
""")
    out = tmp_path / "out"
    result = run_cli("simulate", str(scenario), "--responses", str(responses), "--seed", "4", "--out", str(out))
    assert result.returncode == 0, result.stderr
    report = json.loads((out / "report.json").read_text())
    assert report["format"] == 1 and report["seed"] == 4
    assert report["scenario"] == {"id": "tiny", "title": "Tiny drill", "summary": "", "duration": 1800} | {
        k: report["scenario"][k] for k in report["scenario"] if k not in ("id", "title", "summary", "duration")}
    first = report["timeline"][0]
    assert {"id", "at", "type", "to", "from", "text"} <= set(first)
    answered = report["responses"][0]
    assert answered["answers"] == "alert-1" and answered["latency"] == 180 and answered["reply_to"] == "alert-1"
    statuses = {ask["inject_id"]: ask["status"] for ask in report["asks"]}
    assert statuses == {"alert-1": "answered", "ticket-1": "answered"}


def test_simulate_reports_bad_responses_with_positions(tmp_path):
    responses = tmp_path / "responses.yaml"
    responses.write_text("responses:\n  - {at: 3m, role: ceo, channel: status_page, text: hi}\n")
    result = run_cli("simulate", "checkout-outage", "--responses", str(responses), "--out", str(tmp_path / "o"))
    assert result.returncode == 1
    assert f"{responses}:2:20: unknown role 'ceo'" in result.stderr


def test_simulate_unknown_scenario():
    result = run_cli("simulate", "no-such-scenario")
    assert result.returncode == 1 and "no built-in scenario" in result.stderr


def test_validate_checks_responses_files_against_their_scenario(tmp_path):
    (tmp_path / "tiny.yaml").write_text(MINIMAL)
    good = tmp_path / "tiny.responses.yaml"
    good.write_text("responses:\n  - {at: 1m, role: comms, channel: chat, text: hi}\n")
    bad = tmp_path / "tiny.poor.responses.yaml"
    bad.write_text("responses:\n  - {at: 1m, role: comms, channel: fax, text: hi}\n")
    orphan = tmp_path / "other.responses.yaml"
    orphan.write_text("responses: []\n")
    result = run_cli("validate", str(good), str(bad), str(orphan))
    assert result.returncode == 1
    assert "1 response for tiny" in result.stdout
    assert f"{bad}:2:36: unknown channel 'fax'" in result.stderr
    assert "no scenario other.yaml beside it" in result.stderr


def test_builtin_example_responses_are_valid(root):
    result = run_cli("validate", *[str(p) for p in sorted((root / "scenarios").glob("*.yaml"))])
    assert result.returncode == 0, result.stderr


def test_score_one_message_as_json_and_table():
    result = run_cli("score", "--channel", "social", "We're investigating failed payments in the EU. Next update in 30 minutes.")
    assert result.returncode == 0, result.stderr
    grade = json.loads(result.stdout)
    assert grade["phase"] == "investigating" and grade["promises"][0]["due_at"] == 1800
    assert {c["id"] for c in grade["criteria"]} >= {"impact", "no_blame", "length"}
    table = run_cli("score", "--format", "table", "No comment.")
    assert "✗ respect" in table.stdout


def test_score_against_a_scenario_uses_its_facts_then():
    result = run_cli("score", "--scenario", "checkout-outage", "--at", "20m", "--channel", "press",
                     "About 50 merchants are affected.")
    grade = json.loads(result.stdout)
    accuracy = next(c for c in grade["criteria"] if c["id"] == "accuracy")
    assert accuracy["passed"] is False
    assert "2,300" in accuracy["reason"] or "2300" in accuracy["reason"]


def test_score_jsonl_batch_reports_bad_lines(tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text('{"text": "We are investigating.", "at": "2023-01-01T10:00:00Z"}\nnot json\n{"text": "Resolved."}\n')
    result = run_cli("score", "--jsonl", str(batch))
    assert result.returncode == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["line"] for line in lines] == [1, 3]
    assert f"{batch}:2:1:" in result.stderr


def test_score_refuses_empty_or_blank_text(tmp_path):
    for text in ("", "   \n\t "):
        result = run_cli("score", text)
        assert result.returncode == 2
        assert "empty" in result.stderr and "Traceback" not in result.stderr
        assert result.stdout == ""
    batch = tmp_path / "batch.jsonl"
    batch.write_text('{"text": "  "}\n{"text": "We are investigating failed payments."}\n')
    result = run_cli("score", "--jsonl", str(batch))
    assert result.returncode == 1
    assert f"{batch}:1:1: the message is empty" in result.stderr
    assert [json.loads(line)["line"] for line in result.stdout.splitlines()] == [2]


def test_report_formats_and_compare(tmp_path, root):
    good, poor = tmp_path / "good", tmp_path / "poor"
    assert run_cli("simulate", "checkout-outage", "--no-store", "--out", str(good)).returncode == 0
    assert run_cli("simulate", "checkout-outage", "--no-store", "--out", str(poor),
                   "--responses", str(root / "scenarios" / "checkout-outage.poor.responses.yaml")).returncode == 0
    assert sorted(p.name for p in good.iterdir()) == ["report.html", "report.json", "report.md"]
    assert json.loads((good / "report.json").read_text())["generated_at"].endswith("UTC")

    only_md = run_cli("report", str(good / "report.json"), "--format", "md", "--out", str(tmp_path / "md"))
    assert only_md.returncode == 0 and [p.name for p in (tmp_path / "md").iterdir()] == ["report.md"]

    compared = run_cli("report", "--compare", str(poor / "report.json"), str(good / "report.json"),
                       "--out", str(tmp_path / "cmp"))
    assert compared.returncode == 0, compared.stderr
    assert "Overall score" in compared.stdout and "regressed: 0" in compared.stdout
    comparison = json.loads((tmp_path / "cmp" / "compare.json").read_text())
    assert comparison["score"]["overall"]["change"] == "improved"
    assert (tmp_path / "cmp" / "compare.html").read_text().startswith("<!DOCTYPE html>")


def test_report_usage_errors(tmp_path):
    assert run_cli("report").returncode == 2
    bad = run_cli("report", "x", "--format", "pdf")
    assert bad.returncode == 2 and "unknown format 'pdf'" in bad.stderr
    missing = run_cli("report", str(tmp_path / "nope.json"))
    assert missing.returncode == 1 and "Traceback" not in missing.stderr



# --- drill run: the report folder is checked before the drill starts ---------------------------------


class FakeApp:
    """Stands in for the terminal UI: `drill run` is tested up to the app, and from the app's end."""

    def __init__(self, scenario, write_error, **options):
        self.scenario, self.options = scenario, options
        self.report, self.written, self.write_error, self.return_code = {}, [], write_error, None

    def run(self):
        from drill.wiring import start_drill

        if self.options["recorder"] is not None:  # the drill's first batch, stored as the UI stores it
            self.options["recorder"].record(start_drill(self.scenario, seed=1).log)
        if self.write_error:
            self.return_code = 1


class Apps(list):
    write_error = None  # set: each app ends with its report unwritten, for this reason


@pytest.fixture
def apps(monkeypatch) -> Apps:
    """The apps `drill run` built, in place of the terminal UI."""
    built = Apps()

    def make_app(scenario, **options):
        built.append(FakeApp(scenario, built.write_error, **options))
        return built[-1]

    monkeypatch.setattr("drill.tui.launch.make_app", make_app)
    return built


@pytest.fixture
def no_drill(monkeypatch):
    monkeypatch.setattr("drill.tui.launch.make_app", lambda *args, **kwargs: pytest.fail("the drill started"))


def test_run_and_resume_refuse_a_report_folder_they_cannot_write_before_the_drill_starts(tmp_path, no_drill, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    places = [(blocker, f"{blocker} is a file, not a folder"),
              (blocker / "report", f"{blocker} is a file, not a folder, so {blocker / 'report'} cannot be made")]
    if sys.platform.startswith("linux"):
        proc = Path("/proc/drill-report")  # nothing but the kernel makes files there, not even root
        places.append((proc, f"cannot make the folder {proc}: No such file or directory"))
    db = tmp_path / "drill.db"
    for out, reason in places:
        assert main(["run", "checkout-outage", "--out", str(out), "--db", str(db)]) == 2
        assert capsys.readouterr().err == f"drill: error: --out {out}: {reason}\n"
    assert main(["resume", "abc123", "--out", str(blocker), "--db", str(db)]) == 2  # checked before the store too
    assert capsys.readouterr().err == f"drill: error: --out {blocker}: {blocker} is a file, not a folder\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a-file"]  # and no store was opened


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write in a read-only folder")
def test_run_refuses_a_folder_without_permission(tmp_path, no_drill, capsys):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    try:
        assert main(["run", "checkout-outage", "--no-store", "--out", str(locked / "report")]) == 2
    finally:
        locked.chmod(0o700)
    assert capsys.readouterr().err == (f"drill: error: --out {locked / 'report'}: cannot make the folder "
                                       f"{locked / 'report'}: Permission denied\n")


def test_run_says_why_a_folder_it_cannot_write_in_is_refused(tmp_path, no_drill, monkeypatch, capsys):
    """However the trial write fails (here a denied permission, which root never meets), the reason is given."""
    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    out = tmp_path / "new" / "report"
    assert main(["run", "checkout-outage", "--no-store", "--out", str(out)]) == 2
    assert capsys.readouterr().err == f"drill: error: --out {out}: cannot write in {out}: Permission denied\n"
    assert not (tmp_path / "new").exists()  # the folders made for the trial are gone again

    monkeypatch.chdir(tmp_path)  # the default: a new folder in the current one
    assert main(["run", "checkout-outage", "--no-store"]) == 2
    assert capsys.readouterr().err == (f"drill: error: the report goes in a new folder here, but cannot write in "
                                       f"{tmp_path}: Permission denied; choose another place with --out DIR\n")


def test_run_starts_with_a_folder_it_can_make_and_makes_it_only_for_the_report(tmp_path, apps):
    out = tmp_path / "new" / "report"
    assert main(["run", "checkout-outage", "--no-store", "--out", str(out)]) == 0
    assert len(apps) == 1 and apps[0].options["out"] == out
    assert not (tmp_path / "new").exists()


def test_a_report_that_cannot_be_written_at_the_end_says_how_to_write_it_later(tmp_path, apps, capsys):
    out = tmp_path / "out"
    apps.write_error = f"{out}: No space left on device"
    db = tmp_path / "drill.db"
    assert main(["run", "checkout-outage", "--db", str(db), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    drill_id = captured.out.split("recorded as drill ", 1)[1].split()[0]
    assert captured.err == (f"drill: error: cannot write the report: {out}: No space left on device; "
                            f"`drill report {drill_id} --out DIR --db {db}` writes it from the store\n")

    assert main(["run", "checkout-outage", "--out", str(out)]) == 1  # in the store $DRILL_DB names: no --db
    err = capsys.readouterr().err
    assert re.search(r"; `drill report [a-z0-9]+ --out DIR` writes it from the store\n$", err), err

    assert main(["run", "checkout-outage", "--no-store", "--out", str(out)]) == 1
    assert capsys.readouterr().err.endswith(
        "; the drill was not stored (--no-store), so its report cannot be written later\n")
