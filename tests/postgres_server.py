"""A real PostgreSQL server for the tests: initdb into a temporary folder, a free port on 127.0.0.1.

PostgreSQL refuses to run as root, so under root the server runs as an unprivileged account
(``postgres`` if the system has one, else ``nobody``) that owns its folder. Connections use a
password (SCRAM), as an organisation's server would, so the tests see credentials handled for real.
Stopped (``pg_ctl stop -m fast``) when the test session ends.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SUPERUSER = "drill"
PASSWORD = "s3cret-Pa55word"
BINARY_NAMES = ("initdb", "pg_ctl", "postgres")


def find_binaries() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres (on $PATH, or Debian's /usr/lib/postgresql/N/bin)."""
    on_path = shutil.which("initdb")
    candidates = [Path(on_path).resolve().parent] if on_path else []
    candidates += [Path(folder) for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    for folder in candidates:
        if all((folder / name).exists() for name in BINARY_NAMES):
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _account() -> pwd.struct_passwd | None:
    """Who runs the server: ourselves, unless we are root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root with no 'postgres' or 'nobody' account to run PostgreSQL as")


class PostgresServer:
    """``folder=None``: a folder of its own in the system's temporary folder, removed at ``stop`` (under
    root the server's account must be able to reach it, and pytest's folders are private to root)."""

    def __init__(self, binaries: Path, folder: Path | None = None):
        self._own_folder = folder is None
        self.folder = Path(tempfile.mkdtemp(prefix="drill-postgres-")) if folder is None else folder
        self.binaries = binaries
        self.data = self.folder / "data"
        self.port = _free_port()
        self.account = _account()
        self._databases = 0

    def _run(self, *argv: str, **kwargs) -> subprocess.CompletedProcess:
        def as_account():
            if self.account is not None:
                os.setgid(self.account.pw_gid)
                os.setuid(self.account.pw_uid)

        environment = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
        done = subprocess.run([str(self.binaries / argv[0]), *argv[1:]], preexec_fn=as_account, env=environment,
                              capture_output=True, text=True, cwd=self.folder, **kwargs)
        if done.returncode != 0:
            raise RuntimeError(f"{argv[0]} failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}")
        return done

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        password_file = self.folder / "pw"
        password_file.write_text(PASSWORD)
        if self.account is not None:
            os.chown(self.folder, self.account.pw_uid, self.account.pw_gid)
            os.chown(password_file, self.account.pw_uid, self.account.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, f"--pwfile={password_file}",
                  "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8" if _has_c_utf8() else "--no-locale")
        password_file.unlink()
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.folder} "
                   "-c fsync=on -c max_connections=100")
        self._run("pg_ctl", "start", "-w", "-t", "60", "-D", str(self.data), "-l", str(self.folder / "server.log"),
                  "-o", options)

    def stop(self) -> None:
        if self.data.exists():
            try:
                self._run("pg_ctl", "stop", "-m", "fast", "-w", "-D", str(self.data))
            except RuntimeError:
                pass
        if self._own_folder:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres", *, password: str | None = PASSWORD) -> str:
        credentials = SUPERUSER if password is None else f"{SUPERUSER}:{password}"
        return f"postgresql://{credentials}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh, empty database; its URL (with the password)."""
        import psycopg

        self._databases += 1
        name = f"drill_test_{self._databases}"
        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        return self.url(name)


def _has_c_utf8() -> bool:
    result = subprocess.run(["locale", "-a"], capture_output=True, text=True)
    return any(line.lower() in ("c.utf8", "c.utf-8") for line in result.stdout.splitlines())
