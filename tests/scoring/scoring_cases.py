"""Shared contexts and helpers for the scoring tests."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from scoring import ChannelInfo, MessageContext

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "data" / "github-status-updates.jsonl"

STATUS_PAGE = ChannelInfo("status_page", max_chars=1500, name="Status page")
SOCIAL = ChannelInfo("social", max_chars=280, name="Social")
INTERNAL_CHANNEL = ChannelInfo("internal_update", audience="internal", name="Internal update")
START = datetime(2024, 3, 5, 14, 0, tzinfo=timezone.utc)


def public(**kwargs) -> MessageContext:
    kwargs.setdefault("channel", STATUS_PAGE)
    kwargs.setdefault("start_time", START)
    return MessageContext(**kwargs)


def internal(**kwargs) -> MessageContext:
    kwargs.setdefault("channel", INTERNAL_CHANNEL)
    kwargs.setdefault("start_time", START)
    return MessageContext(**kwargs)


def criterion(grade, cid):
    for c in grade.criteria:
        if c.id == cid:
            return c
    raise AssertionError(f"{cid} not graded; got {[c.id for c in grade.criteria]}")


def corpus_or_skip() -> Path:
    if not CORPUS.exists():
        pytest.skip(f"corpus not found at {CORPUS}")
    return CORPUS
