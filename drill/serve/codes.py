"""How people are told to join: one ``drill join`` line per seat, and the codes file for tools.

The codes file holds every token, so it is written private to its owner (0600).
"""

from __future__ import annotations

import json
import os
from pathlib import Path


def join_url(host: str, port: int, tls: bool) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"{'wss' if tls else 'ws'}://{shown}:{port}"


def join_lines(url: str, tokens: dict[str, str]) -> list[str]:
    return [f"drill join {url} --token {token}  # {seat}" for seat, token in tokens.items()]


def write_codes(path: Path, url: str, drill_id: str, tokens: dict[str, str]) -> None:
    """The codes file (JSON {"url", "drill", "tokens"}), replaced whole, readable by its owner only."""
    from drill.files import write_text_atomic

    text = json.dumps({"url": url, "drill": drill_id, "tokens": tokens}, indent=2) + "\n"
    old_umask = os.umask(0o077)  # the file is private from the moment it exists
    try:
        write_text_atomic(path, text)
    finally:
        os.umask(old_umask)
    os.chmod(path, 0o600)
