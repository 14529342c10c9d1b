"""`drill store migrate` and `drill store copy`: looking after a store, SQLite or PostgreSQL."""

from __future__ import annotations

import argparse
import sys

from drill.cli.drill_filters import add_filter_arguments, filters_of
from drill.cli.output import fail
from drill.cli.store_options import add_db_argument


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", parser_class=type(parser))
    migrate = actions.add_parser(
        "migrate", help="create or bring the store's tables up to this drill's version",
        description="Create the store's tables, or bring an older store up to this drill's version, in one "
                    "transaction. A PostgreSQL store is only ever migrated by this command; an SQLite file "
                    "migrates by itself when opened.")
    add_db_argument(migrate)
    copy = actions.add_parser(
        "copy", help="copy drills from one store to another (SQLite and PostgreSQL alike), verified",
        description="Copy drills (all, or those chosen) from SRC to DST, each with its id, log, seats and "
                    "results. Safe to run again: a drill already copied is left as it is, one copied while "
                    "it was still being played gets the events it lacks. Each copy is checked by its event "
                    "count and a SHA-256 checksum of its log.")
    copy.add_argument("source", metavar="SRC", help="the store to copy from: a path or a postgresql:// URL")
    copy.add_argument("destination", metavar="DST", help="the store to copy into (created or migrated first)")
    copy.add_argument("--drill", metavar="ID", action="append", dest="drill_ids",
                      help="copy this drill (repeat for several; default: every drill the filters choose)")
    add_filter_arguments(copy)


def run(args: argparse.Namespace) -> int:
    if args.action is None:
        return fail("say what to do: `drill store migrate` or `drill store copy SRC DST` (see --help)", 2)
    from drill.store import StoreError

    try:
        return _migrate(args) if args.action == "migrate" else _copy(args)
    except StoreError as error:
        return fail(str(error))


def _migrate(args: argparse.Namespace) -> int:
    from drill.store import Store, resolve_db_path
    from drill.store.schema import SCHEMA_VERSION

    with Store(resolve_db_path(args.db), migrate=True) as store:
        if store.migrated:
            print(f"{store.label}: migrated to store version {SCHEMA_VERSION} "
                  f"({store.migrated} step{'s' if store.migrated != 1 else ''})")
        else:
            print(f"{store.label}: already at store version {SCHEMA_VERSION}")
    return 0


def _copy(args: argparse.Namespace) -> int:
    from drill.store import Store
    from drill.store.copy import SAME, copy_drills
    from drill.store.target import store_target

    with Store(store_target(args.source), create=False) as source, \
            Store(store_target(args.destination), migrate=True) as destination:
        if source.label == destination.label:
            return fail("SRC and DST are the same store", 2)
        chosen = source.drills(**filters_of(args), ids=args.drill_ids)
        missing = sorted(set(args.drill_ids or ()) - {drill.id for drill in chosen})
        if missing:
            return fail(f"no drill {', '.join(missing)} in {source.label} matches (see `drill history`)")
        if not chosen:
            print(f"no drills to copy from {source.label}")
            return 0
        done = 0
        for number, copied in enumerate(copy_drills(source, destination, [drill.id for drill in chosen]), 1):
            done += copied.outcome != SAME
            print(f"[{number}/{len(chosen)}] {copied.drill_id}: {copied.outcome} ({copied.events:,} events, "
                  f"sha256 {copied.checksum[:12]})", file=sys.stderr, flush=True)
        print(f"{done} of {len(chosen)} drill{'s' if len(chosen) != 1 else ''} copied to {destination.label}, "
              "each verified")
    return 0
