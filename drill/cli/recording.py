"""Recording a live drill (`drill run`, `drill resume`) in the store, and its last word on exit."""

from __future__ import annotations

import argparse
from typing import Any, Callable

from drill.cli.output import fail
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
            store.set_score(recorder.drill_id, overall_score(report))
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


def overall_score(report: dict[str, Any]) -> float | None:
    return (report.get("score") or {}).get("overall")


def finish_live_drill(app, recorder) -> int:
    """After the app has run (`drill run`, `drill resume`): what was recorded, then the report; the exit status."""
    from drill.session import summarise

    recorded = finish_recording(recorder, app.report)
    if recorded:
        print(recorded)
    if app.write_error:
        return fail(f"cannot write the report: {app.write_error}")
    if app.report is not None and app.written:
        print(summarise(app.report, app.written))
    return app.return_code or 0
