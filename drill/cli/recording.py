"""A live drill's edges (`drill run`, `drill resume`): its report folder checked before it starts,
its recording in the store, and its last word on exit."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any, Callable

from drill.cli.output import fail
from drill.cli.store_options import add_db_argument, open_store


def out_dir_problem(out: Path | None) -> str | None:
    """Why the report could not be written to ``out`` (None: a new folder in the current one), else None.

    Tried for real, since permissions alone do not tell (root may write anywhere but /proc, a
    disk may be read-only): the missing folders are made and a file is written in the last,
    then everything made is removed again.
    """
    import tempfile

    folder = out if out is not None else Path.cwd()
    existing, missing = folder, []
    while not existing.exists() and existing != existing.parent:
        missing.append(existing)
        existing = existing.parent
    if not existing.is_dir():
        in_the_way = f"{existing} is a file, not a folder"
        return in_the_way if existing == folder else f"{in_the_way}, so {folder} cannot be made"
    made: list[Path] = []
    try:
        for path in reversed(missing):
            try:
                path.mkdir()
            except OSError as error:
                return f"cannot make the folder {path}: {error.strerror or error}"
            made.append(path)
        try:
            handle, probe = tempfile.mkstemp(prefix=".drill-check-", dir=folder)
            os.close(handle)
            os.unlink(probe)
        except OSError as error:
            return f"cannot write in {folder}: {error.strerror or error}"
    finally:
        for path in reversed(made):
            try:
                path.rmdir()
            except OSError:
                pass  # something else put a file there meanwhile: leave it
    return None


def check_out_argument(args: argparse.Namespace) -> int | None:
    """Before a live drill starts: exit status 2 with the reason if its report could not be written."""
    out = Path(args.out) if args.out else None
    problem = out_dir_problem(out)
    if problem is None:
        return None
    if out is None:
        return fail(f"the report goes in a new folder here, but {problem}; choose another place with --out DIR", 2)
    return fail(f"--out {args.out}: {problem}", 2)


def add_store_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-store", action="store_true", help="do not record the drill in the drill store")
    add_db_argument(parser)
    parser.add_argument("--team", metavar="LABEL", type=team_label, default="",
                        help="who is playing, as `drill history --team` and `drill trends --team` find it "
                             "(free text, e.g. 'EU support')")


def team_label(text: str) -> str:
    """A team label: one line of printable text, at most 100 characters."""
    from drill.textsafe import printable

    label = " ".join(printable(text).split())
    if len(label) > 100:
        raise argparse.ArgumentTypeError(f"a team label is at most 100 characters ({len(label)})")
    return label


def new_drill_recorder(args: argparse.Namespace, scenario_of: Callable[[], Any], read_from: tuple | None = None):
    """A recorder that stores the drill from its first batch, or None with --no-store.

    ``scenario_of`` returns the scenario being played once it has started (it may be chosen
    in the UI); its text is kept with the drill: the text ``read_from`` (scenario, ScenarioFile)
    says it was loaded from, else its file read again then. Raises StoreError.
    """
    if args.no_store:
        return None
    from drill.library import scenario_file_of
    from drill.store import StoreRecorder

    def scenario_text() -> tuple[str, str]:
        scenario = scenario_of()
        if read_from is not None and scenario is read_from[0]:
            file = read_from[1]  # in hand: neither read nor loaded again as the drill starts
        else:
            file = scenario_file_of(scenario)
        return file.text.decode("utf-8"), file.name

    return StoreRecorder(open_store(args, live=True), scenario_text=scenario_text, team=args.team)


def finish_recording(recorder, report: dict[str, Any] | None) -> str | None:
    """Keep the score, close the store; a line for the summary (None if nothing was stored)."""
    if recorder is None:
        return None
    from drill.store import StoreError

    store = recorder.store
    try:
        recorder.close()  # the last draft, and no timer left writing
        if recorder.pending:
            recorder.record([])  # one last try for a batch that met a locked or full store
        if recorder.drill_id is not None and report is not None:
            from drill.store.results import results_of

            store.set_results(recorder.drill_id, results_of(report))
    except StoreError as error:
        return f"the score was not recorded: {error}"
    finally:
        store.close()
    if recorder.drill_id is None:
        return None
    line = f"recorded as drill {recorder.drill_id} in {store.label}"
    if recorder.pending:
        line += f"; the last {recorder.pending} events could not be stored (see the error shown in the drill)"
    return line


def finish_live_drill(app, recorder) -> int:
    """After the app has run (`drill run`, `drill resume`): what was recorded, then the report; the exit status."""
    from drill.session import summarise

    recorded = finish_recording(recorder, app.report)
    if recorded:
        print(recorded)
    if app.write_error:
        return fail(f"cannot write the report: {app.write_error}; {write_later(recorder)}")
    if app.report is not None and app.written:
        print(summarise(app.report, app.written))
    return app.return_code or 0


def write_later(recorder) -> str:
    """How to write the report of a drill whose report could not be written when it ended."""
    if recorder is None:
        return "the drill was not stored (--no-store), so its report cannot be written later"
    if recorder.drill_id is None:
        return "the drill could not be stored either, so its report cannot be written later"
    from drill.store import resolve_db_path

    db = "" if recorder.store.path == resolve_db_path(None) else f" --db {recorder.store.label}"
    command = f"`drill report {recorder.drill_id} --out DIR{db}` writes it from the store"
    if recorder.pending:
        command += f" (without the last {recorder.pending} events, which could not be stored)"
    return command
