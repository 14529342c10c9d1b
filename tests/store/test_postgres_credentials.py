"""A PostgreSQL store's password never reaches a message: not in errors, hints, history or copies."""

from __future__ import annotations

import socket

import pytest

from drill.cli.main import main
from drill.store import Store, StoreError
from drill.store.target import is_postgres_url, redacted, scrub, store_target


@pytest.mark.parametrize("url, shown", [
    ("postgresql://drill:pa55@db.example.org:5432/drills", "postgresql://drill:***@db.example.org:5432/drills"),
    ("postgres://drill@db/drills", "postgres://drill@db/drills"),
    ("postgresql://db/drills?password=pa55&sslmode=require", "postgresql://db/drills?password=***&sslmode=require"),
    ("postgresql://drill:p%40ss@db/drills", "postgresql://drill:***@db/drills"),
])
def test_a_url_is_shown_without_its_password(url, shown):
    assert redacted(url) == shown
    assert "pa55" not in scrub(f"could not connect to {url}: password authentication failed (password=pa55)", url)


def test_a_path_stays_a_path_and_a_url_a_url(tmp_path):
    assert store_target(str(tmp_path / "x.db")) == tmp_path / "x.db"
    assert is_postgres_url(store_target("  postgresql://h/d "))
    assert not is_postgres_url("postgresql.db")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_server_is_named_without_the_password(capsys):
    url = f"postgresql://drill:hunter2-secret@127.0.0.1:{_closed_port()}/drills"
    with pytest.raises(StoreError) as error:
        Store(url)
    assert "cannot reach the drill store postgresql://drill:***@127.0.0.1" in str(error.value)
    assert "hunter2" not in str(error.value)
    assert main(["history", "--db", url]) == 1
    assert "hunter2" not in capsys.readouterr().err


def test_a_wrong_password_is_refused_without_echoing_either_password(postgres_server, capsys):
    url = postgres_server.url("postgres", password="wrong-Guess-123")
    with pytest.raises(StoreError) as error:
        Store(url)
    message = str(error.value)
    assert "wrong-Guess-123" not in message and "***" in message
    assert main(["store", "migrate", "--db", url]) == 1
    out, err = capsys.readouterr()
    assert "wrong-Guess-123" not in out + err


def test_the_password_may_come_from_pgpassword_or_a_pgpass_file(postgres_server, tmp_path, monkeypatch):
    from postgres_server import PASSWORD, SUPERUSER

    database = postgres_server.new_database().rsplit("/", 1)[1]
    url = postgres_server.url(database, password=None)  # no password in the URL
    monkeypatch.delenv("PGPASSFILE", raising=False)
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    with Store(url, migrate=True) as store:
        assert store.schema_version() >= 1
    monkeypatch.delenv("PGPASSWORD")
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"127.0.0.1:{postgres_server.port}:*:{SUPERUSER}:{PASSWORD}\n")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    with Store(url) as store:
        assert store.schema_version() >= 1
