"""What a seat has sent but not seen acknowledged, and its unsent draft, kept in a local file.

A seat's client may be killed at any moment (a closed laptop, a lost browser tab). Every
frame that changes the drill is written here before it is sent and removed once the
server acknowledges (or refuses) it, so a client started again with the same url and
token sends it again, with the same id: the server answers a repeated id with its first
ack, so nothing is recorded twice. The file is one JSON object, written atomically, in
a private folder; it is removed when nothing is left in it.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from pathlib import Path

from drill.files import write_text_atomic
from drill.seats.protocol import ClientFrame, ProtocolError, decode_client, encode

OUTBOX_ENV_VAR = "DRILL_OUTBOX"  # a folder, for tests and for people who keep state elsewhere


def outbox_dir() -> Path:
    configured = os.environ.get(OUTBOX_ENV_VAR)
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    return Path(platformdirs.user_state_dir("drill", appauthor=False)) / "outbox"


def outbox_path(url: str, token: str, folder: Path | None = None) -> Path:
    """One file per seat of one server: named by a hash, so the token is never written in a name."""
    digest = hashlib.sha256(f"{url}|{token}".encode()).hexdigest()[:16]
    return (folder or outbox_dir()) / f"{digest}.json"


def new_id() -> str:
    return uuid.uuid4().hex


class Outbox:
    """Unacknowledged frames, oldest first, and the draft; every change is saved at once."""

    def __init__(self, path: Path | None) -> None:
        self.path = path  # None: kept in memory only
        self._frames: dict[str, ClientFrame] = {}  # id -> frame, in the order they were sent
        self.draft = ""
        self.draft_channel: str | None = None
        self.problem: str | None = None  # why the file could not be read or written, for the status line
        self._load()

    # --- reading -----------------------------------------------------------------

    def pending(self) -> list[ClientFrame]:
        return list(self._frames.values())

    def get(self, frame_id: str) -> ClientFrame | None:
        return self._frames.get(frame_id)

    def __len__(self) -> int:
        return len(self._frames)

    # --- changing ----------------------------------------------------------------

    def add(self, frame: ClientFrame) -> None:
        """Keep ``frame`` (it has an ``id``) until it is acknowledged."""
        self._frames[frame.id] = frame
        self._save()

    def settle(self, frame_id: str) -> ClientFrame | None:
        """The server acknowledged or refused ``frame_id``: forget it; the frame, if it was kept."""
        frame = self._frames.pop(frame_id, None)
        if frame is not None:
            self._save()
        return frame

    def set_draft(self, text: str, channel: str | None) -> bool:
        """Keep the composer's unsent text; False if it had not changed."""
        if (text, channel) == (self.draft, self.draft_channel):
            return False
        self.draft, self.draft_channel = text, channel
        self._save()
        return True

    # --- the file ----------------------------------------------------------------

    def _load(self) -> None:
        if self.path is None or not self.path.exists():
            return
        try:
            saved = json.loads(self.path.read_text(encoding="utf-8"))
            frames = [decode_client(json.dumps(raw)) for raw in saved.get("frames", [])]
            draft, channel = saved.get("draft", ""), saved.get("draft_channel")
        except (OSError, ValueError, ProtocolError, AttributeError) as error:  # damaged: start afresh, and say so
            self.problem = f"the saved outbox could not be read ({error}); it starts empty"
            return
        self._frames = {frame.id: frame for frame in frames if getattr(frame, "id", None)}
        self.draft = draft if isinstance(draft, str) else ""
        self.draft_channel = channel if isinstance(channel, str) else None

    def _save(self) -> None:
        if self.path is None:
            return
        try:
            if not self._frames and not self.draft:
                self.path.unlink(missing_ok=True)
            else:
                self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                saved = {"frames": [json.loads(encode(frame)) for frame in self._frames.values()],
                         "draft": self.draft, "draft_channel": self.draft_channel}
                write_text_atomic(self.path, json.dumps(saved, ensure_ascii=False))
            self.problem = None
        except OSError as error:  # the seat goes on; what is unsaved is only lost if this client dies too
            self.problem = f"cannot save the outbox: {error.strerror or error}"
