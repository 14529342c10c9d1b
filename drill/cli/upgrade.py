"""`drill upgrade FILE [--out NEW]`: rewrite a format 1 scenario as format 2.

Nothing but the format line changes: comments and layout are kept. Without
``--out`` the file is rewritten in place (through a temporary file, so a failure
leaves it as it was).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from drill.cli.output import fail, print_problems
from drill.scenario.problems import ScenarioError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a format 1 scenario file (or a built-in id, with --out)")
    parser.add_argument("--out", metavar="NEW", help="write the format 2 file here (default: rewrite FILE)")


def run(args: argparse.Namespace) -> int:
    from drill.files import write_text_atomic
    from drill.library import builtin_files, scenario_file
    from drill.scenario.upgrade import upgraded_text

    if args.out is None and args.file in {entry.id for entry in builtin_files()}:
        return fail(f"{args.file} is a built-in scenario: name a new file with --out")
    try:
        source = scenario_file(args.file)
        text = source.text.decode("utf-8")
        upgraded, scenario = upgraded_text(text, source.name)
    except UnicodeDecodeError:
        return fail(f"{args.file}: not UTF-8 text")
    except ScenarioError as error:
        return print_problems(error)
    target = Path(args.out) if args.out else Path(source.name)
    try:
        write_text_atomic(target, upgraded)
    except OSError as error:
        return fail(f"cannot write {target}: {error.strerror or error}")
    print(f"wrote {target}: {scenario.id} as format 2 ({len(scenario.injects)} injects)")
    return 0
