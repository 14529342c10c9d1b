"""Frames as the server writes them: each event encoded once, however many seats receive it.

An event's JSON is made once and shared by every viewer that sees it unchanged;
an ``events`` frame is assembled around the shared bytes (``msgspec.Raw``). Long
catch-ups are split into frames of about ``FRAME_BUDGET`` bytes, so no frame
grows with the length of the drill.
"""

from __future__ import annotations

from typing import Any, Iterable

import msgspec

from drill.engine.events import DeferredJSON
from drill.seats.protocol import Events, Frame

FRAME_BUDGET = 48 * 1024


def _expand(value: Any) -> Any:
    if isinstance(value, DeferredJSON):  # a grade read back from the store, still JSON text
        return value.value()
    raise NotImplementedError(f"cannot encode {type(value).__name__}")


_encoder = msgspec.json.Encoder(enc_hook=_expand)


def encode_frame(frame: Frame) -> bytes:
    return _encoder.encode(frame)


def encode_event(view: dict) -> bytes:
    return _encoder.encode(view)


def events_frames(encoded: Iterable[bytes], preview: str | None = None) -> list[bytes]:
    """``events`` frames holding the encoded events in order, each about FRAME_BUDGET at most
    (an event larger than that goes alone)."""
    frames, chunk, size = [], [], 0
    for event in encoded:
        if chunk and size + len(event) > FRAME_BUDGET:
            frames.append(encode_frame(Events(events=chunk, preview=preview)))
            chunk, size = [], 0
        chunk.append(msgspec.Raw(event))
        size += len(event) + 1
    if chunk:
        frames.append(encode_frame(Events(events=chunk, preview=preview)))
    return frames
