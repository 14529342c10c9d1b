"""Deciding who sees what is pure: it imports neither the UI, the store nor the network."""

import json
import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["drill.seats.audience", "drill.seats.views"])
def test_seat_rules_import_no_ui_store_or_network(module):
    probe = f"import {module}, sys, json; print(json.dumps(sorted(sys.modules)))"
    modules = json.loads(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                                        check=True).stdout)
    assert not [name for name in modules if name.split(".")[0] in
                ("textual", "rich", "sqlite3", "_sqlite3", "websockets", "msgspec")]
    assert not [name for name in modules if name.startswith("drill.store")]
