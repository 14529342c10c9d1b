"""The layers hold: `lint-imports` keeps the contracts in pyproject.toml.

Each layer imports only the layers below it (drill.cli at the top, scoring at the
bottom), and the core imports neither Textual, Rich nor sqlite3. A static graph
cannot see an import made inside a function at run time; tests/test_hygiene.py
checks that in a subprocess.
"""

import importlib.util
import subprocess
import sys

import pytest


@pytest.mark.skipif(importlib.util.find_spec("importlinter") is None,
                    reason="import-linter is not installed (pip install -e '.[test]')")
def test_the_import_contracts_are_kept(root):
    result = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()",
         "--no-cache", "--no-logo", str(root / "pyproject.toml")],
        capture_output=True, text=True, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
