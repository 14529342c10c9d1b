"""Benchmark of the feed at size: resume and replay of a long drill, and window resize.

    python benchmarks/bench_feed.py [--repeat N] [--events N] [--only launch|resize]

A drill of checkout-outage is played until it has N events (default 10,000; the
public reacting, a response every few scenario seconds) and stored. Timed against
a minimal Textual app in the same run, interleaved, each in a 100x30 pseudo-terminal
until a marker it paints shows in its output:

* `drill resume ID`: the play screen, paused where the drill stopped, with the newest
  responses in its feed (target: within 2x of the minimal app);
* `drill replay ID`: the replay's header (target: within 2x).

Resize is timed headless: a play screen with 100, 2,000 and 10,000 items in its feed
(target: under 100 ms, flat), from the new terminal size to the frame drawn at it, beside
a small Textual app (a header, a text area, a paragraph, an input and a footer) resized the
same way in the same run: the least a resize costs in Textual on this machine.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_store import play  # noqa: E402
from bench_tui import MINIMAL_APP, time_to_marker  # noqa: E402

RESUME_MARKER = b"SENT"  # a response row in the feed: the screen is painted with its content
REPLAY_MARKER = b"REPLAY"


def stored_drill(folder: Path, events: int) -> str:
    from drill.store import Store

    batches, text, name = play(events)
    with Store(folder / "drill.db") as store:
        drill_id = store.create_drill(batches[0], text, name)
        for batch in batches[1:]:
            store.append(drill_id, batch)
    return drill_id


def launches(repeat: int, events: int) -> tuple[dict[str, float], float]:
    compileall.compile_dir(str(ROOT / "drill"), quiet=1)
    compileall.compile_dir(str(ROOT / "scoring"), quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        drill_id = stored_drill(Path(folder), events)
        minimal = Path(folder) / "minimal_app.py"
        minimal.write_text(MINIMAL_APP)
        drill = [sys.executable, "-m", "drill.cli.main"]
        commands = {
            "resume": ([*drill, "resume", drill_id, "--out", str(Path(folder) / "out")], RESUME_MARKER),
            "replay": ([*drill, "replay", drill_id], REPLAY_MARKER),
        }
        times: dict[str, list[float]] = {label: [] for label in commands}
        minimal_times = []
        for argv, marker in commands.values():  # warm-up, as bench_tui.py's
            time_to_marker(argv, marker, folder, timeout=120)
        for _ in range(repeat):
            minimal_times.append(time_to_marker([sys.executable, str(minimal)], b"minimal-ready", folder))
            for label, (argv, marker) in commands.items():
                times[label].append(time_to_marker(argv, marker, folder, timeout=120))
    return {label: statistics.median(values) for label, values in times.items()}, statistics.median(minimal_times)


def long_feed_scenario(items: int):
    """A scenario whose feed has ``items`` chat lines, four a second, some wrapping over two or three lines."""
    from drill.scenario import load_scenario

    per_inject = 100  # each inject repeats, so 20,000 lines stay within the scenario file's size cap
    injects = "\n".join(
        f"  - {{id: i{n}, at: {n * per_inject // 4}, type: chat, from: Engineer {n % 7}, to: [ic], "
        f"repeat: {{every: 1s, count: {per_inject}}}, texts: ["
        + ", ".join(f"'Update {n}.{k}: error rate at {k % 90}% in eu-west, rollback of the gateway config under way"
                    f"{', and the database failover is being prepared by the on-call engineer' * (k % 3)}.'"
                    for k in range(4))
        + "]}"
        for n in range(items // per_inject))
    return load_scenario(f"format: 1\nid: long-feed\ntitle: A long feed\nduration: {items + 10}s\n"
                         f"roles: {{ic: {{name: Incident Commander}}}}\nchannels: {{chat: {{audience: internal}}}}\n"
                         f"injects:\n{injects}\n", "long-feed.yaml")


def small_app():
    """The baseline: a few of Textual's own widgets, laid out as a screen of ours is."""
    from textual.app import App
    from textual.containers import Horizontal, Vertical
    from textual.widgets import Footer, Header, Input, Static, TextArea

    class Small(App):
        def compose(self):
            yield Header()
            with Horizontal():
                yield TextArea("An update.\n" * 50)
                with Vertical():
                    yield Static("A paragraph that wraps. " * 40)
                    yield Input()
            yield Footer()

    return Small()


async def resize_times(items: int | None, repeat: int) -> tuple[list[float], list[float]]:
    """Seconds from each new terminal size to the frame drawn at it: wall time, and the process's CPU
    time (the wall time also holds the app's wait for its next frame, which no feed can shorten).
    ``items`` None: the small baseline app."""
    from drill.tui.launch import make_app

    if items is None:
        app = small_app()
    else:
        app = make_app(long_feed_scenario(items), briefing=False, realtime=False, out=None)
    sizes = [(100, 32), (140, 40), (80, 30), (120, 36)]
    times, cpu_times = [], []
    async with app.run_test(size=sizes[0]) as pilot:
        await pilot.pause()
        if items is not None:
            app.advance_clock(items + 1)
            await pilot.pause()
            feed = app.screen.query_one("#feed-log")
            assert len(feed.items) >= items, len(feed.items)
        for index in range(repeat):
            width, height = sizes[(index + 1) % len(sizes)]
            started, cpu_started = time.perf_counter(), time.process_time()
            await pilot.resize_terminal(width, height)  # returns once the frame at that size is drawn
            times.append(time.perf_counter() - started)
            cpu_times.append(time.process_time() - cpu_started)
        app.exit()
    return times, cpu_times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--only", choices=("launch", "resize"), help="only the launch or only the resize figures")
    parser.add_argument("--skip-launch", action="store_true", help="the same as --only resize")
    args = parser.parse_args()
    if args.skip_launch:
        args.only = "resize"
    if args.only != "resize":
        paints, minimal = launches(args.repeat, args.events)
        print(f"first paint, minimal Textual app:   {minimal * 1000:6.0f} ms")
        for label, seconds in paints.items():
            print(f"drill {label}, {args.events:,}-event drill: {seconds * 1000:6.0f} ms  "
                  f"{seconds / minimal:.2f}x (target: within 2x)")
    if args.only == "launch":
        return
    for items in (None, 100, 2_000, 10_000):  # 100: early in a drill; 10,000: the format's most deliveries
        times, cpu_times = asyncio.run(resize_times(items, max(args.repeat, 4)))
        label = "resize of the small Textual app: " if items is None else f"resize with {items:6,} feed items:"
        print(f"{label:33s} median {statistics.median(times) * 1000:4.0f} ms "
              f"(worst {max(times) * 1000:4.0f}), CPU {statistics.median(cpu_times) * 1000:4.0f} ms "
              f"(worst {max(cpu_times) * 1000:4.0f}); target under 100 ms, flat")


if __name__ == "__main__":
    main()
