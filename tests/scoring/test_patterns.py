"""Patterns tried only where they could match find exactly what a plain scan finds.

``scoring.patterns`` reads from each expression where a match can begin (the
words its alternatives start with, the literals they need) and skips the rest
of the text. These tests hold it to the plain ``re`` scan on arbitrary text,
built from the very words and literals the plans name so that matches, near
misses and overlaps are common.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from itertools import islice
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring import patterns
from scoring.patterns import Pattern, analyse, compile_lazily, word_anchored
from scoring.text import (at_word_start, clear_text_caches, fold, mask_urls, may_hold_url, normalise, phrase_pattern,
                          sentence_spans, sentences, url_spans, URL_RE)

ROOT = Path(__file__).resolve().parents[2]


def _all_patterns() -> list[Pattern]:
    patterns.current_plans()  # imports every module of the package and makes the word-list patterns
    return list(patterns._ALL)


PATTERNS = _all_patterns()


def _vocabulary() -> list[str]:
    """Words and literals the plans name, and their near misses."""
    words: set[str] = set()
    for pattern in PATTERNS:
        plan = analyse(pattern)
        for unit in (plan or {}).get("units", ()):
            for kind, value in unit["leads"] or ():
                if kind != "class":
                    words.add(value)
            for need in unit["required"]:
                words.update(literal for _, literal in need)
    words.discard("")
    near = {w[:-1] for w in words if len(w) > 2} | {w + "s" for w in words}
    return sorted(words | near | {"14:05", "30", "2,300", "3pm", "utc", "we", "the", "a", "db-prod-03", "http://x.io"})


VOCABULARY = _vocabulary()
GLUE = st.sampled_from([" ", " ", " ", ", ", ". ", "\n", "'", "-", " - ", "'s ", "n't ", ": ", " (", ") "])
TEXTS = st.lists(st.one_of(st.sampled_from(VOCABULARY), GLUE, st.text(max_size=3)), max_size=40).map("".join)
ALL_TEXTS = st.one_of(TEXTS, TEXTS.map(str.upper), st.text(max_size=80))


def _key(m: re.Match) -> tuple:
    return m.span(), m.groups(), m.lastgroup


def _scanned(pattern: Pattern, text: str, limit: int) -> list[tuple]:
    return [_key(m) for m in islice(pattern.compiled.finditer(text), limit)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ALL_TEXTS, st.integers(1, 12))
def test_first_is_the_plain_scan(raw, limit):
    for text in {raw, fold(raw), normalise(raw)}:
        for pattern in PATTERNS:
            assert [_key(m) for m in pattern.first(text, limit)] == _scanned(pattern, text, limit), pattern
            found = pattern.find(text)
            plain = pattern.compiled.search(text)
            assert (found and _key(found)) == (plain and _key(plain)), pattern


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ALL_TEXTS)
def test_may_match_in_never_rules_out_a_match(raw):
    text = fold(raw)
    for start, end in sentences(text):
        for pattern in PATTERNS:
            if not pattern.may_match_in(text, start, end):
                assert pattern.compiled.search(text[start:end]) is None, (pattern, text[start:end])


def test_first_on_the_corpora_is_the_plain_scan():
    """Every message of the shipped calibration set, as the detectors read it."""
    texts = []
    for path in sorted((ROOT / "docs" / "calibration").rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            texts.extend(row[k] for k in ("body", "text") if isinstance(row.get(k), str))
    assert len(texts) > 500
    for raw in texts:
        text = fold(raw)
        for pattern in PATTERNS:
            assert [_key(m) for m in pattern.first(text, 5)] == _scanned(pattern, text, 5), (pattern, raw)


def test_a_pattern_added_at_run_time_is_planned_and_exact():
    """An organisation's own terms make a new phrase pattern after every other has been planned."""
    terms = phrase_pattern(["Hermes", "blue green", "Project Atlas"])
    text = fold("Hermes is down; the blue  green switch and project atlas too. Hermes again.")
    assert [m.group() for m in terms.first(text, 5)] == ["hermes", "blue  green", "project atlas", "hermes"]
    assert [_key(m) for m in terms.first(text, 5)] == _scanned(terms, text, 5)


def test_a_case_insensitive_pattern_is_scanned_as_it_is():
    pattern = compile_lazily(r"\bno comment\b", re.IGNORECASE)
    assert analyse(pattern) is None
    assert [m.span() for m in pattern.first("We say NO COMMENT.")] == [(7, 17)]


# ---- the analysis -------------------------------------------------------------------------------


def _units(pattern: Pattern) -> list[dict]:
    return analyse(pattern)["units"]


def test_leads_are_the_words_a_match_starts_with():
    units = _units(at_word_start(r"\b(?:caused|triggered)\sby\s(?:a|the)\s(?:vendor|provider)\b|\bblame[sd]?\b"))
    assert units[0]["leads"] == [("exact", "caused"), ("exact", "triggered")]
    assert units[1]["leads"] == [("prefix", "blame")]


def test_a_unit_needs_its_literals():
    (unit,) = _units(at_word_start(r"\b(?:caused|triggered)\sby\s(?:a|the)\s(?:vendor|provider)s?\b"))
    assert [("word", "provider"), ("word", "vendor")] in unit["required"]


def test_a_lead_that_starts_where_a_word_ends():
    plan = analyse(compile_lazily(r"\b(?:will|'ll)\s(?:post|share)\supdates\b"))
    assert plan["anchored"]
    assert sorted(plan["units"][0]["leads"]) == [("exact", "will"), ("text", "'ll")]
    text = "we'll post updates and we will share updates"
    pattern = compile_lazily(r"\b(?:will|'ll)\s(?:post|share)\supdates\b")
    assert [m.span() for m in pattern.first(text)] == [m.span() for m in re.finditer(pattern.pattern, text)]


def test_digits_start_words_of_digits():
    (unit,) = _units(at_word_start(r"\b\d{1,3}(?:,\d{3})+\s(?:users|customers)\b"))
    assert unit["leads"] == [("class", "[\\d]")]


def test_a_unit_that_could_start_anywhere_is_scanned_whole_when_its_literals_are_there():
    pattern = at_word_start(r"\b[a-z]\w{0,20}'s\sfault\b")
    (unit,) = _units(pattern)
    assert unit["leads"] is None
    assert [("exact", "fault")] in unit["required"]
    assert pattern.first(fold("Nobody is to blame.")) == []
    assert [m.group() for m in pattern.first(fold("It was Acme's fault."))] == ["acme's fault"]


def test_shipped_plans_are_current():
    """The package's own patterns, planned afresh in a new process, are what the file holds."""
    done = subprocess.run([sys.executable, "-m", "scoring.patterns", "--check"], cwd=ROOT, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_shipped_plans_read_back_as_analysed():
    for pattern in PATTERNS:
        assert patterns._decoded(patterns._encoded(analyse(pattern))) == analyse(pattern)


def test_phrase_patterns_are_the_same_in_every_process():
    """Phrases of one length come in a fixed order, so a shipped plan fits whatever the hash seed."""
    code = ("import zlib; from scoring.detectors.claims import _region_re; "
            "from scoring.detectors.jargon import _tool_re; "
            "print(zlib.crc32((_region_re().pattern + _tool_re().pattern).encode()))")
    seen = set()
    for seed in ("1", "2", "3"):
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": seed})
        seen.add(out.stdout.strip())
    assert len(seen) == 1


# ---- shared text helpers ----------------------------------------------------------------------------


def _old_mask_urls(text: str) -> str:
    return re.sub(URL_RE.pattern, lambda m: " " * len(m.group()), text, flags=re.I)


def _old_sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0

    def trimmed(a: int, b: int) -> None:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b))

    for m in re.finditer(r"[.!?]+(?=\s|$)|\n{1,50}|(?<=[.!?])(?=[A-Z])", text):
        trimmed(start, m.end())
        start = m.end()
    trimmed(start, len(text))
    return spans


URLISH = st.lists(st.one_of(st.sampled_from(["http://a.io/x", "HTTPS://B.org", "www.c.com", "wWw.d", "hTTp:",
                                             "\u2019", "\u201c", " ", "x", ".", "\n"]), st.text(max_size=4)),
                  max_size=20).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(URLISH, st.text(max_size=60)))
def test_url_spans_and_masking_are_the_plain_regex(text):
    clear_text_caches()
    assert url_spans(text) == tuple(m.span() for m in re.finditer(URL_RE.pattern, text, re.I))
    assert mask_urls(text) == _old_mask_urls(text)
    if not may_hold_url(text):
        assert re.search(URL_RE.pattern, text, re.I) is None


def test_only_ascii_letters_match_the_letters_of_a_url_ignoring_case():
    """``may_hold_url`` looks for "http" and "www." in ``str.lower()``: no other letter matches them."""
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    assert sorted(set(re.findall("[htpw]", everything, re.I))) == sorted("htpwHTPW")


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(st.sampled_from(["a.", "B", " ", "\n", "!", "? ", "x"]),
                                                 max_size=20).map("".join)))
def test_sentences_are_the_spans_they_were(text):
    clear_text_caches()
    assert list(sentences(text)) == _old_sentence_spans(text) == sentence_spans(text)


def test_the_word_index_follows_new_patterns():
    """A pattern planned after a text was indexed still finds its words in that text."""
    text = fold("The zebracorn stampede is over.")
    assert not phrase_pattern(["giraffe herd"]).first(text)
    late = word_anchored(r"(?<!\w)(?=\w)", r"zebracorn\s\w+")
    assert [m.group() for m in late.first(text)] == ["zebracorn stampede"]


@pytest.mark.parametrize("text", ["", " ", "no words at all?", "ünïcödé wörds àrè wörds", "a" * 3000])
def test_edge_texts(text):
    for pattern in PATTERNS:
        assert [_key(m) for m in pattern.first(text, 3)] == _scanned(pattern, text, 3)


def test_a_pattern_answers_as_the_expression_it_wraps():
    pattern = compile_lazily(r"(?P<n>\d+) (?P<unit>minutes?)")
    text = "in 30 minutes or 1 minute"
    assert pattern.search(text).span() == re.search(pattern.pattern, text).span()
    assert pattern.match(text, 3).group("unit") == "minutes"
    assert pattern.findall(text) == re.findall(pattern.pattern, text)
    plain = re.compile(pattern.pattern)
    assert [m.span() for m in pattern.finditer(text, 5)] == [m.span() for m in plain.finditer(text, 5)]
    assert pattern.sub("N", text) == re.sub(pattern.pattern, "N", text)
    assert pattern.split(text) == re.split(pattern.pattern, text)
    assert pattern.groupindex == {"n": 1, "unit": 2}


def _fresh(pattern: Pattern) -> Pattern:
    """The same expression, not compiled yet: searches are answered alternative by alternative."""
    if pattern._body is not None:
        return word_anchored(pattern._lead, pattern._body, pattern._tail, pattern.flags)
    return compile_lazily(pattern.pattern, pattern.flags)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ALL_TEXTS)
def test_alternatives_answer_as_the_whole_expression(raw):
    text = fold(raw)
    stretches = [text[s:e] for s, e in sentences(text)] + [text]
    for pattern in PATTERNS:
        fresh = _fresh(pattern)
        fresh._asked = -10**9  # answer by alternatives however often it is asked
        whole = pattern.compiled
        for stretch in stretches:
            by_units = [_key(m) for m in fresh.finditer_sentence(stretch)]
            assert by_units == [_key(m) for m in whole.finditer(stretch)], pattern
            found, plain = fresh.search_sentence(stretch), whole.search(stretch)
            assert (found and _key(found)) == (plain and _key(plain)), pattern
            for m, n in zip(fresh.first(stretch, 3), whole.finditer(stretch)):
                assert m.group() == n.group() and m.groupdict() == n.groupdict() and m.lastindex == n.lastindex
                for name in whole.groupindex:
                    assert (m.group(name), m.span(name), m.start(name), m.end(name)) == (
                        n.group(name), n.span(name), n.start(name), n.end(name))
        assert fresh._compiled is None or fresh._units is None, "answered by alternatives without compiling"


def test_an_expression_is_split_only_where_its_alternatives_stand_alone():
    from scoring.patterns import _alternatives

    assert _alternatives(r"a|b(?:c|d)|[|]|\|x") == ["a", "b(?:c|d)", "[|]", r"\|x"]
    assert _alternatives(r"(a)|b") is None  # an unnamed group is numbered by the whole
    assert _alternatives(r"(?i)a|b") is None
    assert _alternatives(r"(?P<x>a)|(?P=x)") is None
    assert _alternatives(r"abc") is None


def test_a_word_character_is_what_re_calls_one():
    from scoring.patterns import _is_word

    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    words = set(re.findall(r"\w", everything))
    assert {ch for ch in everything if _is_word(ch)} == words
