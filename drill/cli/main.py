"""`drill`: entry point. Keeps start-up light: no Textual or Faker until a command needs them."""

from __future__ import annotations

import argparse
import atexit
import gc
import importlib
import sys

from drill import __version__
from drill.cli import terminal

# name -> (module, one-line help). Each module defines add_arguments(parser) and run(args) -> int.
COMMANDS: dict[str, tuple[str, str]] = {
    "list": ("drill.cli.list_scenarios", "list the built-in scenarios"),
    "validate": ("drill.cli.validate", "check scenario files and report every problem"),
    "upgrade": ("drill.cli.upgrade", "rewrite a format 1 scenario file as format 2, keeping its comments"),
    "import": ("drill.cli.import_msel", "turn an MSEL spreadsheet (.csv or .xlsx) into a format 2 scenario"),
    "export-msel": ("drill.cli.export_msel", "write a scenario as an HSEEP-style MSEL spreadsheet (CSV or XLSX)"),
    "lint": ("drill.cli.lint", "warn about a drill's design: roles left out, objectives untested, no post-mortem..."),
    "simulate": ("drill.cli.simulate", "run a whole drill headless with scripted responses"),
    "score": ("drill.cli.score", "grade one message (or a JSON-lines batch) for quality"),
    "run": ("drill.cli.run", "run a drill live in the terminal, as its facilitator"),
    "serve": ("drill.cli.serve", "host a drill for many seats over the network (each joins with `drill join`)"),
    "join": ("drill.cli.join", "join a served drill as one seat (facilitator, a role or an observer)"),
    "history": ("drill.cli.history", "list the drills in the store"),
    "trends": ("drill.cli.trends", "show progress across stored drills: scores, first public update, criteria missed"),
    "store": ("drill.cli.store_admin", "migrate a drill store, or copy drills between stores (SQLite, PostgreSQL)"),
    "export": ("drill.cli.export", "print a stored drill's event log as JSON lines"),
    "report": ("drill.cli.report", "write the report of a stored drill, an exported log or a report.json"),
    "resume": ("drill.cli.resume", "reopen a stored drill in the terminal, paused where it stopped (an ended one at its debrief)"),
    "replay": ("drill.cli.replay", "watch a stored drill again in the terminal, read-only"),
}

# At exit, freeze what is left: the interpreter's last collection over every live object finds nothing
# a command needs collected, and costs a short command a tenth of its run.
atexit.register(gc.freeze)

# Commands that open the terminal UI: they start with garbage collection paused (see drill.tui.startup).
UI_COMMANDS = frozenset({"run", "resume", "replay", "join"})

EPILOG = """examples:
  drill list
  drill validate my-scenario.yaml
  drill simulate checkout-outage --out out/checkout
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # exit status 2 with usage, never a traceback
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="drill",
        description="Tabletop crisis-simulation drills for incident communications.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"drill {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    # A known command gets its own parser alone (and only its module is imported); otherwise every
    # command is listed, for `drill --help` and for the error naming the choices.
    names = [command] if command in COMMANDS else list(COMMANDS)
    for name in names:
        module_name, help_text = COMMANDS[name]
        sub = subparsers.add_parser(name, help=help_text, description=help_text[0].upper() + help_text[1:] + ".")
        if name == command:
            importlib.import_module(module_name).add_arguments(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    command = next((arg for arg in argv if not arg.startswith("-")), None)
    parser = build_parser(command if command in COMMANDS else None)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    module = importlib.import_module(COMMANDS[args.command][0])
    with terminal.safe_output():
        status = _run(module, args)
        unwritten = terminal.flush_output()
        if unwritten is not None:
            print(f"drill: error: cannot write the output: {unwritten}", file=sys.stderr)
            return 1
    return status


def _run(module, args: argparse.Namespace) -> int:
    try:
        if args.command in UI_COMMANDS:
            from drill.tui.startup import collection_paused

            with collection_paused():
                return module.run(args)
        return module.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as error:  # most often the output itself (a full disk): said, not a traceback
        terminal.flush_output()
        print(f"drill: error: {error.strerror or error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
