"""`drill run` in a real terminal while another process holds the store: the screen keeps answering,
the banner says why nothing is saved, F2 carries on once the lock is gone, and nothing is lost."""

from __future__ import annotations

import sqlite3
import subprocess
import time
import uuid

from drill.store import Store
from tui.test_tmux_smoke import drill_command, new_session, pytestmark, tmux, wait_for  # noqa: F401

TYPED = "Typed while another process holds the store."


def test_a_locked_store_never_freezes_drill_run_and_loses_nothing(tmp_path):
    db, out, done = tmp_path / "drill.db", tmp_path / "out", tmp_path / "exit-status"
    session = f"drill-locked-{uuid.uuid4().hex[:8]}"
    command = " ".join([*drill_command(), "run", "checkout-outage", "--no-briefing", "--speed", "10",
                        "--db", str(db), "--out", str(out)])
    new_session(session, "-x", "110", "-y", "32", "-e", "COLORTERM=truecolor", "-e", "TERM=xterm-256color",
                f"{command}; echo $? > {done}; sleep 30")
    lock = None
    try:
        wait_for(session, "Payments monitoring")
        lock = sqlite3.connect(db, isolation_level=None)
        lock.execute("BEGIN EXCLUSIVE")  # another process is writing, and goes on writing
        tmux("send-keys", "-t", session, "-l", TYPED)
        wait_for(session, TYPED[:40])  # the keys still answer
        wait_for(session, "NOT SAVING")  # and the banner says why nothing moves
        wait_for(session, "Could not save to the drill store")
        lock.execute("ROLLBACK")
        lock.close()
        lock = None
        tmux("send-keys", "-t", session, "F2")
        wait_for(session, "RUNNING")
        tmux("send-keys", "-t", session, "C-q")
        wait_for(session, "end the drill now?")
        tmux("send-keys", "-t", session, "y")
        deadline = time.monotonic() + 15
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert done.exists(), tmux("capture-pane", "-p", "-t", session)
        assert done.read_text().strip() == "0"
        assert "recorded as drill" in tmux("capture-pane", "-p", "-t", session)
    finally:
        if lock is not None:
            lock.execute("ROLLBACK")
            lock.close()
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    with Store(db) as store:
        (drill,) = store.drills()
        events = store.events(drill.id)
        assert drill.status == "ended" and drill.draft_text == TYPED  # the draft typed while locked, too
    assert [event.seq for event in events] == list(range(1, len(events) + 1))
    kinds = [event.kind for event in events]
    assert kinds.count("drill_paused") == 1 and kinds.count("drill_resumed") == 1 and kinds[-1] == "drill_ended"
    assert (out / "report.json").exists()
