"""Where the store lives: --db, else $DRILL_DB, else the user's data directory.

Either names an SQLite file or, as a ``postgresql://`` URL, a PostgreSQL database.
"""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV_VAR = "DRILL_DB"
DB_FILE = "drill.db"


def default_db_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("drill", appauthor=False)) / DB_FILE


def resolve_db_path(option: str | os.PathLike | None = None) -> Path | str:
    """The store to open: a path, or a PostgreSQL URL as written."""
    from drill.store.target import store_target

    if option:
        return store_target(option)
    from_env = os.environ.get(DB_ENV_VAR, "").strip()
    if from_env:
        return store_target(from_env)
    return default_db_path()
