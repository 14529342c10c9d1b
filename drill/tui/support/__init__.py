"""Pure helpers for the terminal UI: no Textual, no Rich, no I/O."""
