"""What ``--db`` names: an SQLite file, or a PostgreSQL database by its ``postgresql://`` URL.

A URL may carry a password; it is never printed. ``redacted`` is how every message names a
PostgreSQL store: the URL with its password (and any ``password=`` parameter) replaced.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

URL_SCHEMES = ("postgresql://", "postgres://")
HIDDEN = "***"
# A password written where no URL parser looks (a libpq keyword string, an error message quoting it).
_PASSWORD_WORD = re.compile(r"(password\s*=\s*)('[^']*'|\S+)", re.IGNORECASE)


def is_postgres_url(target: object) -> bool:
    return isinstance(target, str) and target.strip().lower().startswith(URL_SCHEMES)


def redacted(url: str) -> str:
    """``url`` as it may be shown: the password replaced by ***, everything else as written."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return "postgresql://(an unreadable URL)"
    netloc = parts.netloc
    if "@" in netloc:
        credentials, _, host = netloc.rpartition("@")
        user, colon, _password = credentials.partition(":")
        netloc = f"{user}:{HIDDEN}@{host}" if colon else f"{user}@{host}"
    query = urlencode([(key, HIDDEN if key.lower() == "password" else value)
                       for key, value in parse_qsl(parts.query, keep_blank_values=True)], safe="*")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def scrub(text: str, url: str) -> str:
    """``text`` (a driver's error message, say) with the URL's password nowhere in it."""
    password = ""
    try:
        password = urlsplit(url.strip()).password or ""
    except ValueError:
        pass
    for key, value in parse_qsl(urlsplit(url.strip()).query if "?" in url else ""):
        if key.lower() == "password" and value:
            text = text.replace(value, HIDDEN)
    if password:
        text = text.replace(password, HIDDEN)
    return _PASSWORD_WORD.sub(lambda match: match[1] + HIDDEN, text.replace(url, redacted(url)))


def store_target(option: str | Path) -> str | Path:
    """A URL stays a URL; anything else is a path (``~`` expanded)."""
    if is_postgres_url(option):
        return str(option).strip()
    return Path(option).expanduser()
