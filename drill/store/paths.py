"""Where the store lives: --db, else $DRILL_DB, else the user's data directory."""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV_VAR = "DRILL_DB"
DB_FILE = "drill.db"


def default_db_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("drill", appauthor=False)) / DB_FILE


def resolve_db_path(option: str | os.PathLike | None = None) -> Path:
    if option:
        return Path(option).expanduser()
    from_env = os.environ.get(DB_ENV_VAR)
    if from_env:
        return Path(from_env).expanduser()
    return default_db_path()
