"""The UI's pure parts never import Textual, and `drill run --help` stays light."""

import json
import subprocess
import sys

import pytest

PURE = ["drill.tui.support.clock", "drill.tui.support.asks", "drill.tui.support.feed", "drill.tui.support.schedule",
        "drill.tui.support.out_dir", "drill.tui.recorder", "drill.message_grading", "drill.cli.run"]


def imported_after(code: str) -> set[str]:
    probe = code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("module", PURE)
def test_pure_ui_helpers_never_import_textual(module):
    modules = imported_after(f"import {module}")
    assert not [name for name in modules if name.split(".")[0] in ("textual", "rich")]


def test_run_help_does_not_import_textual():
    modules = imported_after("""
from drill.cli.main import main
try:
    main(["run", "--help"])
except SystemExit:
    pass
""")
    assert "textual" not in modules
