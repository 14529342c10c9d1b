"""Grading a discussion answer on a rubric: the points it covers, never the communication criteria.

A format 2 question with ``grade: rubric`` lists the points a good answer covers. Each point is one
criterion (``point-1``, ``point-2``...), worth an equal share of 100. A point is covered when one
sentence of the answer holds at least half of the point's content words (and at least one), read
loosely: inflections fold together ("isolate", "isolated", "isolating", "isolation") and a few
words of incident response stand for each other ("hosts", "machines", "servers"). A word under a
negation a few words before it ("we will not isolate the hosts") does not count. Each verdict
names the words that covered the point, or says what was missing.
"""

from __future__ import annotations

import math
import re
from typing import Any, Mapping, Sequence

from scoring.text import sentence_spans
from scoring.types import CriterionResult, Evidence, MessageGrade

RUBRIC_PREFIX = "point-"
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
_NEGATIONS = frozenset("not no never without don't dont won't wont can't cant cannot shouldn't isn't aren't "
                       "wasn't weren't didn't doesn't avoid refuse".split())
_NEGATION_REACH = 3  # words before a matched word that a negation reaches
_STOPWORDS = frozenset("""
a an the and or but of to in on at by for with from into onto as is are was were be been being it its this that
these those we our us you your they their them he she his her i my me do does did so then than there here what who
which when where how all any some each every more most other such only own same too very can will just should
would could may might must shall about over under again further once also if else up down out off
""".split())
# Words that stand for each other in an answer, each group folded to its first word's stem.
_SYNONYMS = (
    ("host", "machine", "server", "endpoint", "system", "device", "box", "workstation", "laptop", "computer"),
    ("tell", "notify", "inform", "call", "contact", "alert", "brief", "update", "escalate", "page", "loop"),
    ("log", "evidence", "record", "artifact", "artefact", "trace", "forensic"),
    ("isolate", "disconnect", "quarantine", "contain", "segment", "unplug", "cut"),
    ("preserve", "keep", "retain", "save", "snapshot", "image", "capture", "collect"),
    ("restore", "recover", "rebuild", "reimage"),
    ("backup", "back-up", "copy"),
    ("customer", "user", "client", "merchant"),
    ("legal", "lawyer", "counsel", "attorney"),
    ("executive", "exec", "leadership", "ceo", "cto", "ciso", "board"),
    ("reset", "rotate", "revoke", "change"),
    ("credential", "password", "key", "token", "secret"),
    ("affected", "impacted", "compromised", "infected", "hit"),
    ("statement", "post", "announcement", "message", "notice"),
    ("regulator", "authority", "ico", "sec"),
    ("patch", "fix", "update", "upgrade", "remediate"),
)
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ions", "ion", "ies", "ied", "ers", "er", "ed",
             "es", "ly", "s", "e")


def _stem(word: str) -> str:
    word = word.lower().replace("’", "'").strip("'-")
    for suffix in _SUFFIXES:
        if len(word) - len(suffix) >= 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2]:  # "stopped" -> "stopp" -> "stop"
        word = word[:-1]
    return word


_CANONICAL = {_stem(word): _stem(group[0]) for group in _SYNONYMS for word in group}


def _concept(word: str) -> str:
    stem = _stem(word)
    return _CANONICAL.get(stem, stem)


def _content_concepts(point: str) -> dict[str, str]:
    """The point's content words: concept -> the word as the point spells it."""
    found: dict[str, str] = {}
    for word in _WORD.findall(point):
        if word.lower() not in _STOPWORDS and (concept := _concept(word)):
            found.setdefault(concept, word)
    return found


def grade_rubric(answer: str, points: Sequence[str]) -> MessageGrade:
    """The answer's grade: one criterion per point, score the share of points covered (0-100)."""
    answer = answer if isinstance(answer, str) else ""
    words = [(match.start(), match.end(), match.group()) for match in _WORD.finditer(answer)]
    sentences = sentence_spans(answer) or [(0, len(answer))]
    share = 100.0 / len(points) if points else 0.0
    criteria = []
    for number, point in enumerate(points, 1):
        wanted = _content_concepts(point)
        found = _best_sentence(words, sentences, set(wanted))
        needed = max(1, math.ceil(len(wanted) / 2)) if wanted else 1
        covered = bool(wanted) and len(found) >= needed
        if covered:
            quoted = ", ".join(f"'{text}'" for _, _, text in found)
            reason = f"covers '{point}': {quoted}"
            evidence = tuple(Evidence(start, end, text) for start, end, text in found)
        else:
            matched = {_concept(text) for _, _, text in found}
            missing = [word for concept, word in wanted.items() if concept not in matched]
            reason = f"does not cover '{point}'" + (f" (nothing for: {', '.join(missing[:6])})" if missing else "")
            evidence = ()
        criteria.append(CriterionResult(f"{RUBRIC_PREFIX}{number}", covered, share if covered else 0.0, share,
                                        reason, evidence))
    score = round(sum(criterion.points for criterion in criteria), 1) if points else 0.0
    return MessageGrade(min(100.0, score), tuple(criteria))


def is_rubric_grade(grade: MessageGrade | Mapping[str, Any]) -> bool:
    """Whether a grade (or its ``to_dict``) is a rubric's: every criterion one of its points."""
    criteria = grade.get("criteria") if isinstance(grade, Mapping) else getattr(grade, "criteria", None)
    ids = [criterion.get("id") if isinstance(criterion, Mapping) else getattr(criterion, "id", None)
           for criterion in criteria or ()]
    return bool(ids) and all(isinstance(found, str) and found.startswith(RUBRIC_PREFIX) for found in ids)


def _best_sentence(words, sentences, wanted: set[str]) -> list[tuple[int, int, str]]:
    """The matched words (unnegated, first of each concept) of the sentence that matches most."""
    best: list[tuple[int, int, str]] = []
    index = 0
    for start, end in sentences:
        in_sentence = []
        while index < len(words) and words[index][0] < end:
            if words[index][0] >= start:
                in_sentence.append(words[index])
            index += 1
        seen: set[str] = set()
        found = []
        for place, (word_start, word_end, text) in enumerate(in_sentence):
            concept = _concept(text)
            if concept in wanted and concept not in seen and not _negated(in_sentence, place):
                seen.add(concept)
                found.append((word_start, word_end, text))
        if len(found) > len(best):
            best = found
    return best


def _negated(words, place: int) -> bool:
    before = words[max(0, place - _NEGATION_REACH):place]
    return any(text.lower().replace("’", "'") in _NEGATIONS or text.lower().endswith("n't") for _, _, text in before)
