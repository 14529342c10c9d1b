"""`drill serve` and three `drill join` seats (facilitator, IC, comms) in real terminals, through ten minutes.

Every wait polls a pane for what it should show (generous timeouts: the machine may be
loaded); scenario time moves only when the facilitator's seat presses F4.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

MESSAGE = "We are investigating failed card payments at checkout. Next update in 30 minutes."
REPLY = "Rolling back the gateway deploy now."
WAIT = 30.0


def drill_command() -> list[str]:
    script = Path(sys.executable).with_name("drill")
    return [str(script)] if script.exists() else [sys.executable, "-m", "drill.cli.main"]


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


def screen(target: str) -> str:
    return tmux("capture-pane", "-p", "-t", target)


def wait_for(target: str, marker: str | re.Pattern, seconds: float = WAIT) -> str:
    """Poll the pane until ``marker`` shows; fail with the screen if it never does."""
    deadline = time.monotonic() + seconds
    shown = ""
    while time.monotonic() < deadline:
        shown = screen(target)
        if (marker.search(shown) if isinstance(marker, re.Pattern) else marker in shown):
            return shown
        time.sleep(0.1)
    raise AssertionError(f"{marker!r} never appeared in {target}; the screen was:\n{shown}")


def header_clock(target: str) -> int:
    """The scenario time on the pane's header line, in seconds."""
    match = re.search(r"T\+(\d+):(\d\d)", screen(target).splitlines()[0])
    return int(match.group(1)) * 60 + int(match.group(2)) if match else -1


def wait_until_clock(target: str, at_least: int, seconds: float = WAIT) -> None:
    deadline = time.monotonic() + seconds
    while header_clock(target) < at_least:
        assert time.monotonic() < deadline, f"{target} never reached {at_least}s:\n{screen(target)}"
        time.sleep(0.1)


def test_a_served_drill_with_three_seats_through_its_first_ten_minutes(tmp_path):
    session = f"drill-seats-{uuid.uuid4().hex[:8]}"
    codes = tmp_path / "codes.json"
    environment = {"COLORTERM": "truecolor", "TERM": "xterm-256color", "DRILL_DB": str(tmp_path / "drill.db"),
                   "DRILL_OUTBOX": str(tmp_path / "outbox")}
    env_args = [arg for key, value in environment.items() for arg in ("-e", f"{key}={value}")]
    serve = " ".join([*drill_command(), "serve", "checkout-outage", "--seed", "3", "--codes-out", str(codes)])
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-n", "serve", "-x", "110", "-y", "32", *env_args,
                    f"{serve}; sleep 60"], check=True, capture_output=True)
    try:
        deadline = time.monotonic() + WAIT
        while not codes.exists():
            assert time.monotonic() < deadline, screen(f"{session}:serve")
            time.sleep(0.1)
        served = json.loads(codes.read_text())
        seats = {"facilitator": "Fran", "ic": "Ines", "comms": "Cole"}
        for seat, name in seats.items():
            join = " ".join([*drill_command(), "join", served["url"], "--token", served["tokens"][seat],
                             "--name", name])
            tmux("new-window", "-d", "-t", session, "-n", seat, *env_args,
                 f"{join}; echo $? > {tmp_path / (seat + '.exit')}; sleep 60")
            tmux("resize-window", "-t", f"{session}:{seat}", "-x", "110", "-y", "32")
        facilitator, ic, comms = (f"{session}:{seat}" for seat in seats)
        for target in (facilitator, ic, comms):
            wait_for(target, "● connected")
            wait_for(target, "PAUSED")  # a served drill waits for the facilitator
        wait_for(ic, "Card authorisation")  # the first alert is for the IC...
        assert "Card authorisation" not in screen(comms)  # ...and not for Comms
        wait_for(facilitator, "3/8 connected")

        tmux("send-keys", "-t", facilitator, "F2")  # resume, for everyone
        for target in (facilitator, ic, comms):
            wait_for(target, "RUNNING")

        tmux("send-keys", "-t", comms, "-l", MESSAGE)
        wait_for(comms, MESSAGE[:30])
        tmux("send-keys", "-t", comms, "C-s")
        wait_for(comms, "last:")  # acknowledged, with its grade
        wait_for(ic, MESSAGE[:30])  # the IC reads what Comms posted (wrapped: its first words)
        tmux("send-keys", "-t", ic, "-l", REPLY)
        wait_for(ic, REPLY[:20])
        tmux("send-keys", "-t", ic, "C-s")
        wait_for(comms, REPLY[:20])  # and Comms reads the IC's

        # Each seat sees what reaches it as the facilitator jumps from inject to inject.
        expected = [(180, ic, "On-call engineer")]
        for _ in range(12):
            before = header_clock(facilitator)
            if before >= 600:
                break
            tmux("send-keys", "-t", facilitator, "F4")
            deadline = time.monotonic() + WAIT
            while header_clock(facilitator) <= before:
                assert time.monotonic() < deadline, screen(facilitator)
                time.sleep(0.1)
            while expected and header_clock(facilitator) >= expected[0][0]:
                _, target, marker = expected.pop(0)
                wait_for(target, marker)
        assert not expected
        for target in (facilitator, ic, comms):
            wait_until_clock(target, 600)

        tmux("send-keys", "-t", facilitator, "F10")
        wait_for(facilitator, "End the drill for everyone?")
        tmux("send-keys", "-t", facilitator, "y")
        for target in (facilitator, ic, comms):
            wait_for(target, "ENDED")
        wait_for(f"{session}:serve", "has ended")  # the server recorded the end (it lingers for late seats)
        for target in (facilitator, ic, comms):
            tmux("send-keys", "-t", target, "C-q")
        exits = [tmp_path / f"{seat}.exit" for seat in seats]
        deadline = time.monotonic() + WAIT
        while not all(path.exists() for path in exits):
            assert time.monotonic() < deadline, "a seat did not leave on Ctrl+Q"
            time.sleep(0.1)
        assert [path.read_text().strip() for path in exits] == ["0", "0", "0"]
        assert not list((tmp_path / "outbox").glob("*.json"))  # everything acknowledged, no draft left
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
