"""Small rules of English for reasons people read: counts with the right plural, "a" or "an"."""

from __future__ import annotations

_VOWEL_SOUND = ("a", "e", "i", "o", "u")


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """'1 ask', '2 asks'; ``plural`` for irregular nouns ('1 reply', '2 replies')."""
    return f"{count} {noun if count == 1 else (plural or noun + 's')}"


def article(word: str) -> str:
    """'a public', 'an internal' (by spelling: good enough for the words reasons use)."""
    return f"{'an' if word[:1].lower() in _VOWEL_SOUND else 'a'} {word}"
