"""Fixtures for the terminal UI: apps built by the one factory, with the clock in the test's hands."""

from __future__ import annotations

import pytest

from drill.library import load_builtin
from drill.tui.app import DrillApp, make_app



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
