"""Benchmark of the after-action report as a command writes it, for a drill with 1,000 responses.

    python benchmarks/bench_report.py [--repeat N]

The drill is bench_core's generated 8-hour scenario (5,000 injects) played with
1,000 scripted responses. Grading is timed apart: it is the scorer's cost, paid
once per drill, while the report is rebuilt from the same scores each time it
is written.

Each repeat runs the steps in the order `drill simulate`, `drill run` and
`drill report` run them: the report data, then `render_report` (report.json
compact, the document, Markdown and HTML, with the collector paused), then the
same steps one by one for the breakdown, and the indented JSON of `--pretty`
(how every report.json was written before) for comparison. Writing the files is
timed apart too: it is the disk's cost. Figures are medians over the repeats.
Target for report data + JSON + Markdown + HTML: under 600 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_core import generated_responses, generated_scenario, run_simulation  # noqa: E402
from drill.files import json_text, write_text_atomic  # noqa: E402
from drill.grading import grade_drill  # noqa: E402
from drill.report.collector import collector_paused  # noqa: E402
from drill.report.data import build_report  # noqa: E402
from drill.report.html import render_html  # noqa: E402
from drill.report.markdown import render_markdown  # noqa: E402
from drill.report.output import render_report  # noqa: E402
from drill.report.sections import build_document  # noqa: E402
from drill.scenario import load_scenario  # noqa: E402

TARGET_MS = 600


class Timings:
    def __init__(self) -> None:
        self.seconds: dict[str, list[float]] = {}

    def time(self, name: str, action):
        started = time.perf_counter()
        result = action()
        self.seconds.setdefault(name, []).append(time.perf_counter() - started)
        return result

    def ms(self, name: str) -> float:
        return statistics.median(self.seconds[name]) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    scenario = load_scenario(generated_scenario(), "bench.yaml")
    engine = run_simulation(scenario, generated_responses(1000, scenario.duration))
    timings = Timings()
    scores = timings.time("grade", lambda: grade_drill(scenario, engine.log))
    sizes: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(max(1, args.repeat)):
            report = timings.time("data", lambda: build_report(scenario, engine.log, scores))
            texts = timings.time("whole", lambda: render_report(report))
            with collector_paused():  # as render_report runs them
                timings.time("json", lambda: json_text(report))
                timings.time("pretty", lambda: json_text(report, pretty=True))
                document = timings.time("document", lambda: build_document(report))
                timings.time("md", lambda: render_markdown(document))
                timings.time("html", lambda: render_html(document))
            timings.time("write", lambda: [write_text_atomic(Path(folder) / f"report.{suffix}", text)
                                           for suffix, text in texts.items()])
            sizes = {suffix: len(text.encode("utf-8")) for suffix, text in texts.items()}
            del report, texts, document
    total = timings.ms("data") + timings.ms("whole")
    pretty = total - timings.ms("json") + timings.ms("pretty")
    print(f"drill: 1,000 responses; {args.repeat} repeats, medians")
    print(f"grade (scorer, once per drill)      {timings.ms('grade'):7.0f} ms")
    print(f"report data                         {timings.ms('data'):7.0f} ms")
    print(f"  report.json, compact              {timings.ms('json'):7.0f} ms  ({sizes['json'] / 1e6:.1f} MB)")
    print(f"  report.json, --pretty (indent=2)  {timings.ms('pretty'):7.0f} ms  "
          f"({timings.ms('pretty') / timings.ms('json'):.1f}x compact; the only way before)")
    print(f"  report content (both formats)     {timings.ms('document'):7.0f} ms")
    print(f"  Markdown                          {timings.ms('md'):7.0f} ms  ({sizes['md'] / 1e6:.1f} MB)")
    print(f"  HTML                              {timings.ms('html'):7.0f} ms  ({sizes['html'] / 1e6:.1f} MB)")
    print(f"render_report (JSON + MD + HTML)    {timings.ms('whole'):7.0f} ms")
    print(f"report data + JSON + MD + HTML      {total:7.0f} ms  (target < {TARGET_MS} ms: "
          f"{'met' if total < TARGET_MS else 'missed'}); with --pretty about {pretty:.0f} ms")
    print(f"writing the three files (fsync)     {timings.ms('write'):7.0f} ms  (the disk's share, apart)")


if __name__ == "__main__":
    main()
