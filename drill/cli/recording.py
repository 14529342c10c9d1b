"""Recording a live drill (`drill run`, `drill resume`) in the store, and its last word on exit."""

from __future__ import annotations

import argparse
from typing import Any, Callable

from drill.cli.store_options import add_db_argument, open_store


def add_store_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-store", action="store_true", help="do not record the drill in the drill store")
    add_db_argument(parser)


def new_drill_recorder(args: argparse.Namespace, scenario_of: Callable[[], Any]):
    """A recorder that stores the drill from its first batch, or None with --no-store.

    ``scenario_of`` returns the scenario being played once it has started (it may be chosen
    in the UI); its text is read again then and kept with the drill. Raises StoreError.
    """
    if args.no_store:
        return None
    from drill.library import scenario_file_of
    from drill.store import StoreRecorder

    def scenario_text() -> tuple[str, str]:
        file = scenario_file_of(scenario_of())
        return file.text.decode("utf-8"), file.name

    return StoreRecorder(open_store(args), scenario_text=scenario_text)


def finish_recording(recorder, report: dict[str, Any] | None) -> str | None:
    """Keep the score, close the store; a line for the summary (None if nothing was stored)."""
    if recorder is None:
        return None
    from drill.store import StoreError

    store = recorder.store
    try:
        if recorder.pending:
            recorder.record([])  # one last try for a batch that met a locked or full store
        if recorder.drill_id is not None and report is not None:
            store.set_score(recorder.drill_id, (report.get("score") or {}).get("overall"))
    except StoreError as error:
        return f"the score was not recorded: {error}"
    finally:
        store.close()
    if recorder.drill_id is None:
        return None
    line = f"recorded as drill {recorder.drill_id} in {store.path}"
    if recorder.pending:
        line += f"; the last {recorder.pending} events could not be stored (see the error shown in the drill)"
    return line
