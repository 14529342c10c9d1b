import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

# Keep property tests quick and reproducible in CI.
from hypothesis import settings  # noqa: E402

settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture(autouse=True, scope="session")
def _private_tmux_server(tmp_path_factory):
    """The tests that drive drill in tmux use a tmux server of their own, never the user's sessions."""
    import shutil
    import subprocess

    folder = tmp_path_factory.mktemp("tmux")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TMUX_TMPDIR", str(folder))
        patch.delenv("TMUX", raising=False)  # tests run inside tmux still start their own server
        yield
        if shutil.which("tmux"):
            subprocess.run(["tmux", "kill-server"], capture_output=True)


@pytest.fixture(autouse=True, scope="session")
def _private_drill_store(tmp_path_factory):
    """Every test, and every command a test runs in a subprocess, records into a temporary store."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DRILL_DB", str(tmp_path_factory.mktemp("store") / "drill.db"))
        patch.setenv("DRILL_CACHE_DIR", "")  # and keeps no scenario it read (tests/test_scenario_cache.py does)
        yield


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server for the session. Without its binaries the tests that need it are
    skipped with the reason, except in CI (``$CI`` set), which must run them."""
    from postgres_server import PostgresServer, find_binaries

    binaries = find_binaries()
    if binaries is None:
        reason = "PostgreSQL's initdb/pg_ctl/postgres not found (Debian: apt install postgresql)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI runs the PostgreSQL store tests", pytrace=False)
        pytest.skip(reason)
    server = PostgresServer(binaries)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """The URL (password included) of a fresh, empty PostgreSQL database."""
    return postgres_server.new_database()
