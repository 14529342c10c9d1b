"""Text fields that keep no terminal control characters, however text arrives.

Typed keys, a bracketed paste (which can carry ESC sequences past the key parser),
a restored draft or text set by the program all go through ``drill.textsafe.typed``
before the field holds them: the field never writes an escape code to the terminal,
and what is saved or sent is the cleaned text.
"""

from __future__ import annotations

from dataclasses import replace

from textual.document._edit import Edit
from textual.widgets import Input, TextArea

from drill.textsafe import typed


class SafeTextArea(TextArea):
    def __init__(self, text: str = "", **options) -> None:
        super().__init__(typed(text), **options)

    def edit(self, edit: Edit):  # every insert, replace, paste and keystroke comes through here
        if edit.text:
            cleaned = typed(edit.text)
            if cleaned != edit.text:
                edit = replace(edit, text=cleaned)
        return super().edit(edit)

    def load_text(self, text: str) -> None:
        super().load_text(typed(text))


class SafeInput(Input):
    def validate_value(self, value: str) -> str:  # Textual calls it on every change of ``value``
        return typed(value)
