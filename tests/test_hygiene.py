"""The pure core never imports the UI or the store, and light commands stay light.

Checked in a subprocess: a static import graph cannot see a deferred import.
"""

import json
import subprocess
import sys

import pytest

UI_MODULES = ("textual", "rich")

PURE_MODULES = [
    "drill.scenario",
    "drill.engine",
    "drill.world",
    "drill.simulate",
    "drill.responses",
    "drill.grading",
    "drill.report.data",
    "drill.report.markdown",
    "drill.report.html",
    "drill.report.compare",
    "scoring",
    "scoring.message",
    "scoring.drill",
]

# The UI's own plain helpers, unit-tested without Textual.
UI_HELPERS = ["drill.tui.support.clock", "drill.tui.support.asks", "drill.tui.support.feed",
              "drill.tui.support.out_dir", "drill.tui.support.public", "drill.tui.support.social",
              "drill.tui.support.reasons", "drill.tui.support.length", "drill.tui.support.sending",
              "drill.live", "drill.live.replay", "drill.live.recorder", "drill.live.session", "drill.live.clock",
              "drill.join.remote", "drill.join.connection", "drill.join.outbox", "drill.serve.host",
              "drill.seats.audience", "drill.seats.protocol"]


def imported_after(code: str) -> set[str]:
    probe = code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("module", PURE_MODULES)
def test_core_modules_never_import_the_ui_or_the_store(module):
    modules = imported_after(f"import {module}")
    assert not [name for name in modules if name.split(".")[0] in UI_MODULES]
    assert "drill.store" not in modules and "sqlite3" not in modules


@pytest.mark.parametrize("module", UI_HELPERS)
def test_the_uis_plain_helpers_never_import_textual(module):
    modules = imported_after(f"import {module}")
    assert not [name for name in modules if name.split(".")[0] in UI_MODULES]


def test_scoring_never_imports_drill():
    modules = imported_after("import scoring, scoring.message")
    assert not [name for name in modules if name.split(".")[0] in ("drill", *UI_MODULES)]


@pytest.mark.parametrize("argv", [["--help"], ["validate", "checkout-outage"], ["list"], ["run", "--help"],
                                  ["score", "We are investigating."]])
def test_light_commands_do_not_import_textual_or_faker(argv):
    code = f"""
import sys
from drill.cli.main import main
try:
    main({argv!r})
except SystemExit:
    pass
"""
    modules = imported_after(code)
    assert "textual" not in modules
    assert "faker" not in modules


def test_a_simulated_drill_and_its_report_never_import_the_ui_or_the_store():
    """The real path, not just imports: every built-in scenario played with its example responses,
    graded, and its report rendered to Markdown and HTML."""
    modules = imported_after("""
from drill.library import builtin_files, builtin_responses, load_builtin
from drill.report.html import render_html
from drill.report.markdown import render_markdown
from drill.report.sections import build_document
from drill.responses import load_responses
from drill.session import report_for
from drill.simulate import simulate
for entry in builtin_files():
    scenario = load_builtin(entry.id)
    text, name = builtin_responses(scenario.id)
    document = build_document(report_for(simulate(scenario, load_responses(text, scenario, name), seed=1)))
    assert "<html" in render_html(document) and render_markdown(document).startswith("#")
""")
    assert not sorted(name for name in modules if name.split(".")[0] in (*UI_MODULES, "sqlite3", "_sqlite3"))
    assert not sorted(name for name in modules if name == "drill.store" or name.startswith("drill.store."))


def test_core_does_no_io(root):
    """Loading, playing and grading a drill reads no file and opens no socket.

    Scoring reads its packaged word lists once on first use, so it is warmed up first.
    """
    code = f"""
import builtins, io, os, socket
from drill.scenario import load_scenario
from drill.simulate import simulate
from scoring import grade_message, MessageContext
text = open({str(root / 'scenarios' / 'checkout-outage.yaml')!r}, 'rb').read()
grade_message("warm up", MessageContext())
def refuse(*args, **kwargs):
    raise AssertionError(f"I/O in the pure core: {{args[:1]}}")
builtins.open = io.open = os.open = refuse
socket.socket = refuse
scenario = load_scenario(text, "checkout-outage.yaml")
engine = simulate(scenario, seed=3)
grade_message("We are investigating failed payments.", MessageContext())
assert engine.ended
print("ok")
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_first_screen_needs_neither_the_engine_nor_the_scorer():
    """`drill run` paints before the drill starts: what it imports up to then stays light."""
    modules = imported_after("""
from drill.cli import run, recording
from drill.library import resolve_scenario
from drill.store import StoreRecorder
from drill.tui.launch import make_app
from drill.tui.screens.briefing import BriefingScreen
resolve_scenario("checkout-outage")
""")
    heavy = {"faker", "drill.engine.engine", "drill.grading", "scoring.drill", "scoring.message", "drill.store.rebuild"}
    assert not heavy & modules


def test_the_play_screen_is_painted_before_the_engine_loads():
    """A new drill's play screen is its first frame when there is no briefing: nothing it imports needs the
    engine's state (loaded as the drill starts, after that frame), nor a screen not yet opened."""
    modules = imported_after("""
from drill.tui.launch import make_app
from drill.tui.screens.play import PlayScreen
""")
    assert not {"drill.engine.state", "drill.engine.engine", "drill.tui.screens.guide"} & modules


def test_listing_the_builtins_reads_no_yaml():
    """`drill list` reads the catalogue: no YAML parser, no scenario loader, while the built-ins are unchanged."""
    modules = imported_after("from drill.cli.main import main\nmain(['list'])")
    assert "yaml" not in modules and "drill.scenario.loader" not in modules
