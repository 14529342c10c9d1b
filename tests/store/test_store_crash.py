"""SIGKILL at random moments never loses an acknowledged response, and the drill always resumes."""

from __future__ import annotations

import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from drill.session import report_for
from drill.store import Store, rebuild

WRITER = Path(__file__).with_name("crash_writer.py")
KILLS = 15
START_TIMEOUT = 20.0


def run_until_killed(db: Path, drill_id: str | None, delay: float) -> tuple[str, list[int]]:
    """Start the writer, let it stream for ``delay`` seconds, SIGKILL it; return its drill id and ACKs."""
    argv = [sys.executable, str(WRITER), str(db), *([drill_id] if drill_id else [])]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        ready, _, _ = select.select([process.stdout], [], [], START_TIMEOUT)
        assert ready, "the writer did not start"
        first = process.stdout.readline()
        assert first.startswith("DRILL "), f"the writer failed: {first!r} {process.stderr.read() if process.poll() is not None else ''}"
        time.sleep(delay)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    rest = process.stdout.read()
    process.stdout.close()
    process.stderr.close()
    assert process.returncode == -signal.SIGKILL, "the writer stopped by itself"
    return first.split()[1], [int(line.split()[1]) for line in rest.splitlines() if line.startswith("ACK ")]


def check_after_crash(db: Path, drill_id: str, acknowledged: int) -> int:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Store(db) as store:
        events = store.events(drill_id)
        assert [event.seq for event in events] == list(range(1, len(events) + 1))
        texts = {e.data["response_id"]: e.data["text"] for e in events if e.kind == "response_recorded"}
        missing = [n for n in range(1, acknowledged + 1) if texts.get(n) != f"update {n}"]
        assert not missing, f"acknowledged responses lost: {missing[:5]}"
        rebuilt = rebuild(store, drill_id)
        assert rebuilt.engine.clock == rebuilt.record.clock >= events[-1].at
        assert not rebuilt.engine.ended
        report = report_for(rebuilt.engine)
        assert len(report["responses"]) == len(texts)
    return len(texts)


def test_sigkill_never_loses_an_acknowledged_response(tmp_path):
    db = tmp_path / "crash.db"
    rng = random.Random(7)
    drill_id, acknowledged, stored = None, 0, 0
    started = time.monotonic()
    for _ in range(KILLS):
        drill_id, acks = run_until_killed(db, drill_id, rng.uniform(0.0, 0.3))
        assert acks == list(range(acknowledged + 1, acknowledged + 1 + len(acks))) or not acks
        acknowledged = max(acks, default=acknowledged)
        stored = check_after_crash(db, drill_id, acknowledged)
        acknowledged = stored  # the next run resumes after everything stored, acknowledged or not
    assert stored > KILLS  # the drill really went on across the kills
    assert time.monotonic() - started < 30
