"""Reading grade (Flesch-Kincaid) with a self-contained syllable counter.

The counter is the usual vowel-group heuristic with corrections for a silent
final "e", "-le" endings and a few common suffixes; on English prose it is
within one syllable of a dictionary count for the large majority of words,
which is plenty for a grade estimate.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..patterns import compile_lazily
from ..text import mask_urls, normalise, per_text

_WORD_RE = compile_lazily(r"[A-Za-z]{1,40}(?:'[A-Za-z]{1,3})?|\d[\d,.:%]{0,20}")
# The same words in a text with no digit, found by a faster scan.
_LETTERS_RE = compile_lazily(r"[A-Za-z]{1,40}(?:'[A-Za-z]{1,3})?")
_DIGIT_RE = compile_lazily(r"\d")
_SENTENCE_RE = compile_lazily(r"[.!?]+(?=\s|$)|\n{1,50}")
_VOWEL_GROUP_RE = compile_lazily(r"[aeiouy]+")
_HIATUS_RE = compile_lazily(r"ia|io|ua|iu")
_GLIDE_RE = compile_lazily(r"tion|sion|gion|cious|tial|cial|geous|ious|qua|gua|quo")


class Readability:
    __slots__ = ("words", "sentences", "syllables", "grade")

    def __init__(self, words: int, sentences: int, syllables: int, grade: float):
        self.words = words
        self.sentences = sentences
        self.syllables = syllables
        self.grade = grade  # Flesch-Kincaid grade level


@lru_cache(maxsize=8192)
def count_syllables(word: str) -> int:
    """Estimated syllables in an English word (at least 1)."""
    w = word.lower().strip("'")
    if not w or not w[0].isalpha():
        return 1
    if len(w) <= 3:
        return 1
    w = w.split("'", 1)[0]
    count = len(_VOWEL_GROUP_RE.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # silent final e: "make", "state"
    if (
        w.endswith(("ed", "es"))
        and w[-3] not in "aeiouy"
        and not w.endswith(("ted", "ded", "ses", "zes", "ces", "ges", "xes", "shes", "ches"))
        and count > 1
    ):
        count -= 1  # "failed", "updates": the final e is silent
    if _HIATUS_RE.search(w) and not _GLIDE_RE.search(w):
        count += 1  # two vowels, two syllables: "via", "period"
    if w.endswith("ea"):
        count += 1  # "area", "idea"
    return max(1, count)


@per_text(1024)  # the same message graded again, for another channel or as a repeat
def readability(text: str) -> Readability:
    """Word, sentence and syllable counts and the Flesch-Kincaid grade."""
    clean = mask_urls(normalise(text))
    word = _WORD_RE.compiled if _DIGIT_RE.compiled.search(clean) else _LETTERS_RE.compiled
    words = word.findall(clean)
    if not words:
        return Readability(0, 0, 0, 0.0)
    has_word = word.search
    sentences = max(1, len([s for s in _SENTENCE_RE.compiled.split(clean) if has_word(s)]))
    syllables = sum(map(count_syllables, words))
    grade = 0.39 * (len(words) / sentences) + 11.8 * (syllables / len(words)) - 15.59
    return Readability(len(words), sentences, syllables, round(grade, 1))
