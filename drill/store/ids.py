"""Drill ids: short, random and easy to read aloud or type (no 0/o, 1/l/i)."""

from __future__ import annotations

ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
LENGTH = 6  # 31**6 is about 887 million: collisions are rare, and retried


def new_drill_id() -> str:
    import secrets  # with hashlib: loaded by the commands that start drills, not by those that read them

    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
