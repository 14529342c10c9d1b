"""Benchmark of the terminal UI: launch to first paint, and memory after a long feed.

    python benchmarks/bench_tui.py [--repeat N]

First paint is timed the same way for `drill run` and for a minimal Textual app in the
same run, interleaved (these machines are noisy): each starts in a pseudo-terminal of
100x30 and the clock stops when a marker it paints shows in its output. Timed:

* `drill run checkout-outage`, the README's main command: its briefing ("Roles: who plays");
* `drill run checkout-outage --no-briefing`: the play screen ("T+00:00" in its header),
  and the first alert in its feed ("Payments monitoring"), which comes once the drill
  has started, after the first paint;
* the minimal app: "minimal-ready".

Target: first paint within 1.5x of the minimal app. Bytecode is compiled first and each
command launched once untimed (its scenario is kept in a throwaway cache folder), as for
anyone who has run drill once: the timings are of a warm start.

Memory is the resident set size of a headless `drill run` app after 2,000 injects have
arrived in its feed (target: under 100 MiB), beside the same app before them and the
minimal app, each in a fresh process.
"""

from __future__ import annotations

import argparse
import compileall
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MINIMAL_APP = textwrap.dedent("""
    from textual.app import App
    from textual.widgets import Static

    class Minimal(App):
        def compose(self):
            yield Static("minimal-ready")

    Minimal().run()
""")

FEED_MEMORY = textwrap.dedent("""
    import asyncio, sys
    from drill.scenario import load_scenario
    from drill.tui.launch import make_app

    def rss_mib():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

    items = int(sys.argv[1])
    injects = "\\n".join(
        f"  - {{id: i{n}, at: {n}, type: chat, from: Engineer {n % 7}, to: [ic], "
        f"text: 'Update {n}: error rate at {n % 90}% in eu-west, rollback of the gateway config under way.'}}"
        for n in range(items))
    scenario = load_scenario(f'''format: 1
    id: long-feed
    title: A long feed
    duration: {items + 10}s
    roles: {{ic: {{name: Incident Commander}}}}
    channels: {{chat: {{audience: internal}}}}
    injects:
    {injects}
    '''.replace("\\n    ", "\\n"), "long-feed.yaml")

    async def main():
        app = make_app(scenario, briefing=False, realtime=False, out=None)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            before = rss_mib()
            for _ in range(items // 20):  # batches as a fast clock would bring them
                app.advance_clock(20)
                await pilot.pause()
            feed = app.screen.query_one("#feed-log")
            print(f"{before:.1f} {rss_mib():.1f} {len(feed.items)}")
            app.exit()

    asyncio.run(main())
""")

MINIMAL_MEMORY = textwrap.dedent("""
    import asyncio
    from textual.app import App
    from textual.widgets import Static

    class Minimal(App):
        def compose(self):
            yield Static("minimal-ready")

    async def main():
        app = Minimal()
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            for line in open("/proc/self/status"):
                if line.startswith("VmRSS:"):
                    print(f"{int(line.split()[1]) / 1024:.1f}")

    asyncio.run(main())
""")


def time_to_marker(argv: list[str], marker: bytes, cwd: str, timeout: float = 20.0) -> float:
    """Seconds from spawning ``argv`` in a 100x30 pseudo-terminal until ``marker`` is written."""
    env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor", "PYTHONPATH": str(ROOT),
           "DRILL_DB": str(Path(cwd) / "drill.db"),  # recorded as usual, into a throwaway store
           "DRILL_CACHE_DIR": str(Path(cwd) / "cache")}  # and the scenarios read kept in a throwaway folder
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the app
        os.chdir(cwd)
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    seen = b""
    try:
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            seen += chunk
            if marker in seen:
                return time.perf_counter() - started
        raise RuntimeError(f"{marker!r} never appeared; output ended with {seen[-400:]!r}")
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


PAINTS = {  # what is timed: the arguments after `drill run`, and the marker that ends the clock
    "briefing (main command)": ([], b"Roles: who plays"),
    "play screen, --no-briefing": (["--no-briefing"], b"T+00:00"),
    "first alert, --no-briefing": (["--no-briefing"], b"Payments monitoring"),
}


def first_paint(repeat: int) -> tuple[dict[str, float], float]:
    """Median seconds to each of PAINTS, and to the minimal app's first paint."""
    compileall.compile_dir(str(ROOT / "drill"), quiet=1)
    compileall.compile_dir(str(ROOT / "scoring"), quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        minimal = Path(folder) / "minimal_app.py"
        minimal.write_text(MINIMAL_APP)
        drill = [sys.executable, "-m", "drill.cli.main", "run", "checkout-outage", "--out", str(Path(folder) / "out")]
        times: dict[str, list[float]] = {label: [] for label in PAINTS}
        minimal_times = []
        time_to_marker(drill + ["--no-briefing"], PAINTS["play screen, --no-briefing"][1], folder)  # warm-up
        for _ in range(repeat):  # interleaved, so all see the same machine
            minimal_times.append(time_to_marker([sys.executable, str(minimal)], b"minimal-ready", folder))
            for label, (extra, marker) in PAINTS.items():
                times[label].append(time_to_marker(drill + extra, marker, folder))
    return {label: statistics.median(values) for label, values in times.items()}, statistics.median(minimal_times)


def run_python(code: str, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as folder:
        result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env,
                                cwd=folder, check=True)
    return result.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--items", type=int, default=2000)
    args = parser.parse_args()

    paints, minimal_paint = first_paint(args.repeat)
    print(f"first paint, minimal Textual app:  {minimal_paint * 1000:4.0f} ms")
    for label, seconds in paints.items():
        print(f"drill run, {label + ':':31} {seconds * 1000:4.0f} ms  {seconds / minimal_paint:.2f}x")
    print("  target: first paint within 1.5x of the minimal app")

    before, after, shown = run_python(FEED_MEMORY, str(args.items)).split()
    minimal_rss = float(run_python(MINIMAL_MEMORY))
    print(f"RSS, minimal Textual app:              {minimal_rss:.1f} MiB")
    print(f"RSS, drill run before its feed:        {float(before):.1f} MiB")
    print(f"RSS, drill run after {shown} feed items: {float(after):.1f} MiB (target: under 100 MiB)")


if __name__ == "__main__":
    main()
