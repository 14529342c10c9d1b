"""Fixtures for the terminal UI: apps built by the one factory, with the clock in the test's hands."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from drill.library import load_builtin
from drill.tui.app import DrillApp
from drill.tui.launch import make_app


@pytest.fixture(autouse=True)
def steady_cursors(monkeypatch):
    """Text cursors that never blink: a snapshot never catches one half-way, and no blink timer runs."""
    for widget in (Input, TextArea):
        def init(self, *args, _init=widget.__init__, **kwargs):
            _init(self, *args, **kwargs)
            self.cursor_blink = False

        monkeypatch.setattr(widget, "__init__", init)


@pytest.fixture(scope="session")
def checkout():
    return load_builtin("checkout-outage")


@pytest.fixture
def build(checkout, tmp_path):
    """make_app with the real-time timer off and the report under tmp_path."""

    def build(**options) -> DrillApp:
        options.setdefault("briefing", False)
        options.setdefault("realtime", False)
        options.setdefault("out", tmp_path / "report")
        return make_app(options.pop("scenario", checkout), **options)

    return build
