"""The store is the I/O shell: the pure core never imports it, and every store command has help."""

import json
import subprocess
import sys

import pytest

from drill.cli.main import main

CORE = ["drill.engine", "drill.scenario", "drill.simulate", "drill.report.data", "scoring"]


def imported_after(code: str) -> set[str]:
    probe = code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("module", CORE)
def test_the_core_never_imports_the_store(module):
    modules = imported_after(f"import {module}")
    assert "drill.store" not in modules and "sqlite3" not in modules


@pytest.mark.parametrize("command", ["history", "export", "report", "resume", "replay"])
def test_store_commands_have_help_with_db(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: drill " + command) and "--db PATH" in out
