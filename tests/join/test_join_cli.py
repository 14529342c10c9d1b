"""`drill join` on the command line: lean to start, clear about a bad address, and a seat's core without Textual."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from drill.cli.join import check_url
from drill.cli.main import main


def imported_after(code: str) -> set[str]:
    probe = code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def test_join_help_loads_neither_textual_nor_websockets_nor_the_other_commands():
    modules = imported_after("""
from drill.cli.main import main
try:
    main(["join", "--help"])
except SystemExit:
    pass
""")
    assert "textual" not in modules and "websockets" not in modules and "faker" not in modules
    assert "drill.cli.serve" not in modules and "drill.cli.run" not in modules


@pytest.mark.parametrize("module", ["drill.join.remote", "drill.join.connection", "drill.join.outbox"])
def test_the_seats_core_never_imports_textual(module):
    modules = imported_after(f"import {module}")
    assert not [name for name in modules if name.split(".")[0] in ("textual", "rich")]


@pytest.mark.parametrize("url, ok", [("ws://127.0.0.1:8765", True), ("wss://drill.example.com", True),
                                     ("http://127.0.0.1:8765", False), ("127.0.0.1:8765", False), ("ws://", False)])
def test_only_a_websocket_address_is_taken(url, ok):
    assert (check_url(url) is None) == ok


def test_a_bad_address_is_refused_before_any_screen(capsys):
    assert main(["join", "http://127.0.0.1:1", "--token", "t"]) == 1
    assert "expected ws://HOST:PORT" in capsys.readouterr().err
