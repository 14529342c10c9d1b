"""`drill run` in a real terminal: tmux at 100x30, keys typed as a person would."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

MESSAGE = "Smoke test: we are investigating failed card payments."


def drill_command() -> list[str]:
    script = Path(sys.executable).with_name("drill")
    return [str(script)] if script.exists() else [sys.executable, "-m", "drill.cli.main"]


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


def wait_for(session: str, marker: str, seconds: float = 15.0) -> str:
    """Poll the pane until ``marker`` shows (no blind sleeps); fail with the screen if it never does."""
    deadline = time.monotonic() + seconds
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", session)
        if marker in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{marker!r} never appeared; the screen was:\n{screen}")


def test_run_type_send_and_quit_in_tmux(tmp_path):
    out = tmp_path / "out"
    session = f"drill-smoke-{uuid.uuid4().hex[:8]}"
    command = " ".join([*drill_command(), "run", "checkout-outage", "--no-briefing", "--out", str(out)])
    done = tmp_path / "exit-status"
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30",
         "-e", "COLORTERM=truecolor", "-e", "TERM=xterm-256color", "-e", f"DRILL_DB={tmp_path / 'drill.db'}",
         f"{command}; echo $? > {done}; sleep 30")
    try:
        wait_for(session, "Payments monitoring")  # the first alert has arrived: play is on screen
        tmux("send-keys", "-t", session, "-l", MESSAGE)
        wait_for(session, MESSAGE[:40])
        tmux("send-keys", "-t", session, "C-s")
        wait_for(session, "SENT")
        tmux("send-keys", "-t", session, "C-q")
        wait_for(session, "end the drill now?")
        tmux("send-keys", "-t", session, "y")
        deadline = time.monotonic() + 15
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert done.exists(), tmux("capture-pane", "-p", "-t", session)
        assert done.read_text().strip() == "0"
        report = json.loads((out / "report.json").read_text())
        assert [response["text"] for response in report["responses"]] == [MESSAGE]
        printed = tmux("capture-pane", "-p", "-t", session)
        assert f"wrote {out / 'report.json'}" in printed
        assert "recorded as drill" in printed
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
