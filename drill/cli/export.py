"""`drill export ID`: a stored drill's event log as JSON lines (the format `drill report` reads back)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from drill.cli.output import fail
from drill.cli.store_options import add_db_argument, open_store
from drill.files import write_text_atomic


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("drill_id", metavar="ID", help="a drill id (see `drill history`)")
    parser.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    parser.add_argument("--follow", action="store_true",
                        help="keep printing the drill's new events as they are stored (by this machine or "
                             "another), until it ends or Ctrl+C")
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    from drill.engine import events_to_jsonl
    from drill.textsafe import json_safe
    from drill.store import StoreError

    if args.follow:
        if args.out is not None:
            return fail("--follow prints to standard output; leave out --out", 2)
        return _follow(args)
    try:
        with open_store(args, create=False) as store:
            store.drill(args.drill_id)  # an unknown id is an error, not an empty log
            text = json_safe(events_to_jsonl(store.events(args.drill_id)))
    except StoreError as error:
        return fail(str(error))
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        write_text_atomic(Path(args.out), text)
    except OSError as error:
        return fail(f"cannot write {args.out}: {error.strerror or error}")
    return 0


def _follow(args: argparse.Namespace) -> int:
    from drill.store import StoreError
    from drill.store.follow import follow
    from drill.textsafe import json_safe

    try:
        with open_store(args, create=False) as store:
            for event in follow(store, args.drill_id):
                sys.stdout.write(json_safe(event.to_json()) + "\n")
                sys.stdout.flush()
    except StoreError as error:
        return fail(str(error))
    return 0
