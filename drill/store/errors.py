"""Store failures as one error type with a message for a person.

SQLite reports locking, a full disk and damage as generic exceptions; they are
told apart by their result code (Python 3.11+) or, failing that, the message.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

# Primary SQLite result codes (the low byte of an extended code).
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 5, 6, 11, 13, 14, 26


class StoreError(Exception):
    """The drill store cannot do what was asked; the message says why and what to do."""


def _primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF
    message = str(error).lower()
    for needle, guessed in (("locked", SQLITE_BUSY), ("is full", SQLITE_FULL), ("not a database", SQLITE_NOTADB),
                            ("malformed", SQLITE_CORRUPT), ("unable to open", SQLITE_CANTOPEN)):
        if needle in message:
            return guessed
    return None


def store_error(error: sqlite3.Error, path: Path) -> StoreError:
    """Translate a sqlite3 exception raised while using the store at ``path``."""
    code = _primary_code(error)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        message = (f"the drill store {path} is locked by another drill process; "
                   "try again when it has finished, or use --db for another store")
    elif code == SQLITE_FULL:
        message = (f"the drill store {path} is full (no space left on the disk, or a size limit); "
                   "the last change was not saved, nothing stored before it was lost")
    elif code in (SQLITE_NOTADB, SQLITE_CORRUPT):
        message = (f"{path} is not a drill store or is damaged ({error}); it was left untouched: "
                   "move it aside, or use --db for another store")
    elif code == SQLITE_CANTOPEN:
        message = f"cannot open the drill store {path} ({error})"
    else:
        message = f"the drill store {path} failed: {error}"
    return StoreError(message)
