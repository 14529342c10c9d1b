"""Count how many elements of each exercise in inventory.yaml map natively onto format 2.

    python docs/exercises/count.py [--min 80] [--inventory PATH]

Prints, per exercise and overall: elements, native, percent, how many are native only thanks to
the new keys (questions, options, after.chose ..., findings, preflight, the scenario's tags and
meta), the percent without them, and the categories that are not native. Exits 1 if any exercise
is below --min percent.
"""

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

CATEGORIES = {
    "facilitator_script", "inject_notes", "discussion_question", "evaluator_criteria", "evaluator_notes",
    "title", "severity", "tags", "expected_action", "red_flag", "branch", "option", "success_criteria",
    "hint", "attachment", "moves", "manual_release", "timing", "message_text", "role", "objective", "other",
}
# The keys format 2 gained with its decision and evaluation layers (README "Format 2: evaluation" and
# "Format 2: questions, decisions, branches and moves"); a native element whose maps_to names one of
# them was not native before. The scenario-level tags and meta are new, an inject's are not, so only a
# maps_to that starts with them counts ("tags", "meta.author"; not "injects[].meta").
NEW_KEYS = re.compile(r"questions|options|chooser|after\.chose|after\.any|max_fires|release|mode: moves|"
                      r"\bmoves?\b|criteria|rating_scale|hot-wash|findings|preflight|^(tags|meta)\b")


def count(elements: list[dict]) -> tuple[int, int, int, Counter]:
    native = [e for e in elements if e["native"]]
    new = [e for e in native if NEW_KEYS.search(str(e["maps_to"]))]
    missing = Counter(e["category"] for e in elements if not e["native"])
    return len(elements), len(native), len(new), missing


def row(name: str, total: int, native: int, new: int, missing: Counter) -> str:
    percent = 100 * native / total if total else 0.0
    before = 100 * (native - new) / total if total else 0.0
    gaps = ", ".join(f"{category} ({n})" for category, n in sorted(missing.items())) or "-"
    return f"{name:30} {total:6} {native:6} {percent:6.1f}% {new:6} {before:8.1f}%  {gaps}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min", type=float, default=80.0, help="lowest acceptable percent native (default 80)")
    parser.add_argument("--inventory", type=Path, default=Path(__file__).with_name("inventory.yaml"))
    args = parser.parse_args()

    exercises = yaml.safe_load(args.inventory.read_text(encoding="utf-8"))["exercises"]
    for exercise in exercises:
        for element in exercise["elements"]:
            if element["category"] not in CATEGORIES or not isinstance(element["native"], bool):
                print(f"{exercise['name']}: bad element {element}", file=sys.stderr)
                return 2

    print(f"{'exercise':30} {'total':>6} {'native':>6} {'%':>7} {'new':>6} {'% before':>9}  not native (category: count)")
    below, everything = [], []
    for exercise in exercises:
        total, native, new, missing = count(exercise["elements"])
        print(row(exercise["name"], total, native, new, missing))
        everything += exercise["elements"]
        if 100 * native / total < args.min:
            below.append(exercise["name"])
    print(row("overall", *count(everything)))
    print("new = native only thanks to the new keys (questions, options, chose, release, criteria, findings, preflight ...);"
          " % before = native without them")
    if below:
        print(f"below {args.min:g}%: {', '.join(below)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
