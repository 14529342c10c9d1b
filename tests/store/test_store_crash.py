"""SIGKILL at random moments never loses an acknowledged response, and the drill always resumes."""

from __future__ import annotations

import random
import select
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from drill.session import report_for
from drill.store import Store, rebuild

WRITER = Path(__file__).with_name("crash_writer.py")
KILLS = 15
LINE_TIMEOUT = 60.0  # a generous bound for a stuck writer, not a speed test


def run_until_killed(db: Path, drill_id: str | None, acks_first: int) -> tuple[str, list[int]]:
    """Start the writer, let it acknowledge ``acks_first`` responses, SIGKILL it while it streams on;
    return its drill id and every ACK it printed. Counting ACKs, not seconds, makes the test the
    same on a slow machine: only where in its loop the writer dies varies."""
    argv = [sys.executable, str(WRITER), str(db), *([drill_id] if drill_id else [])]  # a path or a URL
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    try:
        first = _line(process)
        assert first.startswith("DRILL "), f"the writer failed: {first!r} {process.stderr.read() if process.poll() is not None else ''}"
        while sum(line.startswith("ACK ") for line in lines) < acks_first:
            lines.append(_line(process))
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    lines.extend(process.stdout.read().splitlines())
    process.stdout.close()
    process.stderr.close()
    assert process.returncode == -signal.SIGKILL, "the writer stopped by itself"
    return first.split()[1], [int(line.split()[1]) for line in lines if line.startswith("ACK ")]


def _line(process: subprocess.Popen) -> str:
    ready, _, _ = select.select([process.stdout], [], [], LINE_TIMEOUT)
    assert ready, "the writer stopped writing"
    return process.stdout.readline()


def check_after_crash(db: Path | str, drill_id: str, acknowledged: int) -> int:
    if not isinstance(db, str):  # an SQLite file: intact, page for page
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


def test_sigkill_never_loses_an_acknowledged_response(store_target):
    """On both backends: each ACK is printed only after its batch committed."""
    db = store_target
    rng = random.Random(7)
    drill_id, acknowledged, stored = None, 0, 0
    for _ in range(KILLS):
        drill_id, acks = run_until_killed(db, drill_id, rng.randint(1, 4))
        assert acks == list(range(acknowledged + 1, acknowledged + 1 + len(acks))) or not acks
        acknowledged = max(acks, default=acknowledged)
        stored = check_after_crash(db, drill_id, acknowledged)
        acknowledged = stored  # the next run resumes after everything stored, acknowledged or not
    assert stored > KILLS  # the drill really went on across the kills
