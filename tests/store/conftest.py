"""The store's tests run against both backends: an SQLite file and a real PostgreSQL database."""

from __future__ import annotations

import pytest

from drill.store import Store

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(params=BACKENDS)
def store_target(request, tmp_path):
    """Where a test's store lives: a fresh SQLite path, or the URL of a fresh, migrated PostgreSQL database."""
    if request.param == "sqlite":
        return tmp_path / "drill.db"
    url = request.getfixturevalue("postgres_url")
    Store(url, migrate=True).close()
    return url


@pytest.fixture
def store(store_target):
    """An open store on each backend in turn."""
    with Store(store_target) as opened:
        yield opened
