"""Hostile text: what a scenario file, a paste or an old log could carry to a terminal or a report."""

from __future__ import annotations

import re

CORPUS = {
    "C0 controls": "bell\x07 backspace\x08 form feed\x0c vertical tab\x0b null\x00 end",
    "carriage return": "shown\roverwritten",
    "C1 controls": "next line\x85 CSI\x9b31m string terminator\x9c end",
    "CSI": "\x1b[2J\x1b[31mred\x1b[0m cleared",
    "OSC title": "\x1b]0;pwned title\x07 after",
    "OSC 52 clipboard": "\x1b]52;c;ZWNobyBwd25lZA==\x1b\\ after",
    "DCS": "\x1bP1$r0m\x1b\\ after",
    "bidi override": "invoice\u202eexe.pdf",
    "bidi isolates": "\u2066left\u2069 \u2067right\u2069 \u2068first\u2069",
    "bidi marks": "mark\u200e\u200f\u061c",
    "zero width": "@acme\u200bpay \ufeffbom \u2060joiner",
    "line separators": "one\u2028two\u2029three",
    "long line": "x" * 100_000,
}

# What must never reach a terminal raw: C0 (but tab and newline), DEL, C1, bidi controls, invisible characters.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2028\u2029"
                    "\u2060-\u2064\u2066-\u2069\ufeff]")

ALL = " | ".join(CORPUS.values())
