"""Report and export files are written through an exclusive temporary file, never through a link."""

from __future__ import annotations

import os

import pytest

from drill.cli.main import main
from drill.files import write_text_atomic


def test_a_link_at_the_temporary_name_is_never_followed(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / ".report.md.tmp").symlink_to(victim)  # the name writes used to take
    write_text_atomic(tmp_path / "report.md", "# report\n")
    assert victim.read_text() == "precious"
    assert (tmp_path / "report.md").read_text() == "# report\n"


def test_a_link_or_a_device_at_the_target_is_refused_and_left_as_it_is(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "report.md"
    link.symlink_to(victim)
    with pytest.raises(OSError, match="not a regular file"):
        write_text_atomic(link, "# report\n")
    assert link.is_symlink() and victim.read_text() == "precious"
    with pytest.raises(OSError, match="not a regular file"):
        write_text_atomic(tmp_path, "text")  # a folder
    if os.path.exists("/dev/null"):
        with pytest.raises(OSError, match="not a regular file"):
            write_text_atomic(type(tmp_path)("/dev/null"), "text")
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]


def test_a_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError):
        write_text_atomic(tmp_path / "report.json", "{}\n")
    assert os.listdir(tmp_path) == []


def test_export_to_a_link_is_an_error_message(tmp_path, capsys):
    db = str(tmp_path / "drill.db")
    assert main(["simulate", "checkout-outage", "--db", db, "--out", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    assert main(["history", "--json", "--db", db]) == 0
    import json

    drill_id = json.loads(capsys.readouterr().out)[0]["id"]
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "log.jsonl").symlink_to(victim)
    assert main(["export", drill_id, "--db", db, "--out", str(tmp_path / "log.jsonl")]) == 1
    assert "not a regular file" in capsys.readouterr().err and victim.read_text() == "precious"
