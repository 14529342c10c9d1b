"""Fixtures for the seat client: each test's outbox in its own folder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(autouse=True)
def private_outbox(tmp_path, monkeypatch):
    """Every test, and every client it starts in a subprocess, keeps its outbox under tmp_path."""
    folder = tmp_path / "outbox"
    monkeypatch.setenv("DRILL_OUTBOX", str(folder))
    return folder
