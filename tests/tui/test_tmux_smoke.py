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


def new_session(session: str, *args: str) -> None:
    """``tmux new-session``, tried again if it met the server of a session just killed as it shut down."""
    for attempt in range(5):
        result = subprocess.run(["tmux", "new-session", "-d", "-s", session, *args], capture_output=True, text=True)
        if result.returncode == 0:
            return
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
        time.sleep(0.2 * (attempt + 1))
    raise AssertionError(f"tmux could not start a session: {result.stderr}")


def wait_for(session: str, marker: str | tuple[str, ...], seconds: float = 15.0) -> str:
    """Poll the pane until ``marker`` (or any of several) shows (no blind sleeps); fail with the screen if it never
    does."""
    markers = (marker,) if isinstance(marker, str) else marker
    deadline = time.monotonic() + seconds
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", session)
        if any(m in screen for m in markers):
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{marker!r} never appeared; the screen was:\n{screen}")


def test_run_type_send_and_quit_in_tmux(tmp_path):
    out = tmp_path / "out"
    session = f"drill-smoke-{uuid.uuid4().hex[:8]}"
    command = " ".join([*drill_command(), "run", "checkout-outage", "--no-briefing", "--out", str(out)])
    done = tmp_path / "exit-status"
    new_session(session, "-x", "100", "-y", "30",
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


def _clock(screen: str) -> str:
    """The T+ time on the header line."""
    import re

    match = re.search(r"T\+(\d+:\d\d(?::\d\d)?)", screen.splitlines()[0] if screen else "")
    assert match, f"no clock on the header:\n{screen}"
    return match.group(1)


def _start(tmp_path, session: str) -> None:
    command = " ".join([*drill_command(), "run", "checkout-outage", "--no-briefing", "--speed", "10",
                        "--no-store", "--out", str(tmp_path / "out")])
    new_session(session, "-x", "110", "-y", "32",
         "-e", "COLORTERM=truecolor", "-e", "TERM=xterm-256color", f"{command}; sleep 30")
    wait_for(session, "Payments monitoring")


def test_the_clock_stands_still_while_the_adhoc_form_is_open_and_runs_on_after(tmp_path):
    session = f"drill-hold-{uuid.uuid4().hex[:8]}"
    _start(tmp_path, session)
    try:
        tmux("send-keys", "-t", session, "F5")
        # The form scrolls to its text box when that takes focus, so on a short terminal its title may be above
        # the fold and its buttons below: either says the form is open.
        held = _clock(wait_for(session, ("Ad-hoc inject", "Inject (^S)")))
        # At 10x, two real seconds would be 20 scenario seconds: the clock must not have moved at all.
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline:
            assert _clock(tmux("capture-pane", "-p", "-t", session)) == held
            time.sleep(0.2)
        tmux("send-keys", "-t", session, "Escape")
        deadline = time.monotonic() + 15
        while _clock(tmux("capture-pane", "-p", "-t", session)) == held:
            assert time.monotonic() < deadline, "the clock did not run on after the form closed"
            time.sleep(0.1)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def test_the_palettes_quit_asks_first(tmp_path):
    session = f"drill-palette-{uuid.uuid4().hex[:8]}"
    _start(tmp_path, session)
    try:
        tmux("send-keys", "-t", session, "C-p")
        wait_for(session, "Search for commands")
        tmux("send-keys", "-t", session, "-l", "Quit")
        wait_for(session, "End the drill, write the report")
        tmux("send-keys", "-t", session, "Enter")
        wait_for(session, "end the drill now?")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
