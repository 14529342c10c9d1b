"""Benchmark of the after-action report: report data, Markdown and HTML for a drill with 1,000 responses.

    python benchmarks/bench_report.py [--repeat N]

The drill is bench_core's generated 8-hour scenario (5,000 injects) played with
1,000 scripted responses. Grading is timed apart: it is the scorer's cost, paid
once per drill, while the report is rebuilt from the same scores each time it
is written. Target for report data + Markdown + HTML: under 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_core import generated_responses, generated_scenario, run_simulation  # noqa: E402
from drill.grading import grade_drill  # noqa: E402
from drill.report.data import build_report  # noqa: E402
from drill.report.html import render_html  # noqa: E402
from drill.report.markdown import render_markdown  # noqa: E402
from drill.report.sections import build_document  # noqa: E402
from drill.scenario import load_scenario  # noqa: E402


def median_time(action, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    scenario = load_scenario(generated_scenario(), "bench.yaml")
    engine = run_simulation(scenario, generated_responses(1000, scenario.duration))
    grade_time, scores = median_time(lambda: grade_drill(scenario, engine.log), max(1, args.repeat // 2))
    data_time, report = median_time(lambda: build_report(scenario, engine.log, scores), args.repeat)
    document_time, document = median_time(lambda: build_document(report), args.repeat)
    md_time, markdown = median_time(lambda: render_markdown(document), args.repeat)
    html_time, page = median_time(lambda: render_html(document), args.repeat)
    total = data_time + document_time + md_time + html_time
    print(f"drill: {len(report['responses']):,} responses, {len(report['asks']):,} asks, "
          f"{len(report['timeline']):,} injects delivered")
    print(f"grade (scorer, once per drill)  {grade_time * 1000:7.0f} ms")
    print(f"report data                     {data_time * 1000:7.0f} ms")
    print(f"report content (both formats)   {document_time * 1000:7.0f} ms")
    print(f"Markdown                        {md_time * 1000:7.0f} ms  ({len(markdown) / 1e6:.1f} MB)")
    print(f"HTML                            {html_time * 1000:7.0f} ms  ({len(page) / 1e6:.1f} MB)")
    print(f"report data + Markdown + HTML   {total * 1000:7.0f} ms  (target < 1000 ms)")


if __name__ == "__main__":
    main()
