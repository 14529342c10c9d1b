"""Participant text made safe to show: no terminal escape or control characters.

Used by every view (terminal UI, Markdown, HTML) before anything a person typed
reaches the screen or a file. Markup and HTML escaping are each view's job on
top of this.
"""

from __future__ import annotations

import re

# C0 and C1 controls except tab and newline, DEL, and the bidi overrides that can disguise text.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with every control character replaced by a visible symbol.

    ESC becomes "␛" and other C0 controls their Unicode "control picture"; the
    rest become U+FFFD. Carriage returns are folded into newlines.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE.sub(_picture, text)


def _picture(match: re.Match) -> str:
    code = ord(match.group(0))
    if code < 0x20:
        return chr(0x2400 + code)
    return "\ufffd"
