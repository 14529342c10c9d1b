"""Text made safe for a terminal, from participants, scenario files or old logs.

One rule, three uses:

- ``printable``: text to show (the terminal UI, CLI output, error messages). Every
  control character becomes a visible symbol; the invisible characters that can hide
  or reorder text are shown or dropped.
- ``typed``: text a person types or pastes (the composer, forms, a saved draft). The
  same characters are removed rather than shown, so nothing hostile is kept.
- ``json_safe``: JSON for a terminal or a file: the same characters written as
  ``\\uXXXX`` escapes, so the data is unchanged and nothing reaches the screen raw.

HTML and Markdown escaping are each report format's job on top of ``printable``.
"""

from __future__ import annotations

import re
from functools import cache

# C0 and C1 controls except tab and newline, and DEL: terminal escapes (CSI, OSC, DCS) start with one.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
# Bidi embeddings, overrides, isolates and marks: they reorder what is shown (a reversed file name).
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Zero-width characters that hide text inside a word ("@acme\u200bpay"). The zero-width (non-)joiners
# U+200C and U+200D stay: scripts and emoji sequences need them, and they hide nothing.
_INVISIBLE = "\u180e\u200b\u2060-\u2064\ufeff\ufff9-\ufffb"
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x85]")  # one newline each, before the rest is read

_UNSAFE = re.compile(f"[{_CONTROLS}{_BIDI}{_INVISIBLE}]")
_INVISIBLE_SET = frozenset(chr(code) for code in (0x180E, 0x200B, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064,
                                                  0xFEFF, 0xFFF9, 0xFFFA, 0xFFFB))


def printable(text: str) -> str:
    """``text`` with every control character replaced by a visible symbol.

    ESC becomes "␛" and other C0 controls their Unicode "control picture"; C1 controls and
    bidi controls become U+FFFD; zero-width characters are dropped. Carriage returns and
    the Unicode line and paragraph separators are folded into newlines.
    """
    text = _LINE_BREAKS.sub("\n", text)
    return _UNSAFE.sub(_picture, text)


def typed(text: str) -> str:
    """Text as a person typed or pasted it, with what ``printable`` would replace removed instead."""
    return _UNSAFE.sub("", _LINE_BREAKS.sub("\n", text))


def json_safe(encoded: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with each unsafe character escaped.

    Such characters can only stand inside JSON strings, where ``\\uXXXX`` means the same character,
    so the data read back is unchanged."""
    return _json_unsafe().sub(lambda match: f"\\u{ord(match.group(0)):04x}", encoded)


@cache  # compiled on first use: most commands print no JSON
def _json_unsafe() -> re.Pattern[str]:
    return re.compile(f"[{_CONTROLS}{_BIDI}{_INVISIBLE}\u2028\u2029]")


def _picture(match: re.Match) -> str:
    character = match.group(0)
    code = ord(character)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"  # ␡
    if character in _INVISIBLE_SET:
        return ""
    return "\ufffd"
