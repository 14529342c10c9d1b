"""Regular expressions compiled on first use, and tried only where they could match.

A message is graded by some hundred patterns, most of which match nothing in
it. Scanning a text with each costs far more than the few places where one
could begin, and compiling them all costs most of a one-message command's
start-up. A ``Pattern`` behaves like the compiled expression it wraps
(``search``, ``match``, ``finditer``... give exactly what ``re`` gives, on any
string) and adds ``first(text, limit)``: the first matches of ``finditer``
over a text, found by trying the expression only where one can begin (and
``find``, ``may_match_in``, ``search_sentence``, ``finditer_sentence``).

Where one can begin is read from the expression itself, its *plan*:

* each top-level alternative (a *unit*) has *leads*: the words a match of it
  can start with (``caused|triggered`` starts with "caused" or "triggered";
  ``deploy\\w{0,4}`` with a word beginning "deploy"; ``\\d`` with a digit;
  ``'ll`` where those characters are);
* and *required* literals: words or text every match of it contains
  (``\\s(?:fault|mistake)`` needs the word "fault" or "mistake").

For a pattern whose every match starts at a word (``text.at_word_start`` and
``text.phrase_pattern`` make such patterns, and a unit that opens with ``\\b``
counts too), the expression is tried only where a word, or a literal lead, of
a unit whose required words are in the text begins; for any other, it runs
as usual when a literal it needs is there. Both are necessary conditions for
a match, never guesses, so ``first`` gives what ``finditer`` gives. Whatever
the analysis does not read (ignoring case, a back-reference) is scanned as it
is.

The words of each text are looked up once (``_index``): every unit of every
planned pattern is a bit, and a word's masks say which units it starts and
which it meets the first requirement of.

Until it has been asked a few times, a pattern answers alternative by
alternative, compiling only the alternatives a text's words lead to (a match
of one stands for the whole's: the whole tries them in that order, and one
whose leads are not there fails); after that, the whole expression is
compiled, which a long run pays back at once and a one-message command never
needs.

Plans of the package's own patterns ship in ``data/pattern_plans.json``
(``python -m scoring.patterns --write`` makes it; a test checks it is
current), so that a one-message command need not parse every expression.
A pattern missing from it, or changed since, is analysed when first used.
"""

from __future__ import annotations

import re
import sys
from _thread import allocate_lock
from bisect import bisect_left
from itertools import islice
from typing import Iterator

__all__ = ["Pattern", "compile_lazily", "word_anchored"]

# A unit's leads stop growing past this many strings (a necessary condition stays one).
_MAX_LEADS = 64
# A unit may start with at most this many literals that begin with no word (each is looked for in the text).
_MAX_TEXT_LEADS = 4
_TEXT = "\x00"  # marks a lead that begins with a character that is no word's
_MAX_CLASS_CHARS = 32  # a class of more characters ends a lead
# Required literals worth checking: at most this many sets a unit (this many of words, checked with the
# words of the text for next to nothing), each of at most this many strings.
_MAX_REQUIRED_SETS = 2
_MAX_WORD_SETS = 3
_MAX_REQUIRED_STRINGS = 24
# Word masks remembered, across messages (real messages share most of their words).
_MAX_REMEMBERED_WORDS = 50_000

_WORD_CHAR = re.compile(r"\w").match


def _is_word(ch: str) -> bool:
    """``\\w`` for one character (the same test as ``re``'s: alphanumeric, or the underscore), at a fraction."""
    return ch.isalnum() or ch == "_"


_WORD_RUN = re.compile(r"\w+")

_ALL: list["Pattern"] = []  # every pattern made, for writing their plans
_PLANNING = allocate_lock()


class Pattern:
    """A regular expression compiled on first use; ``first`` tries it only where it could match."""

    __slots__ = ("pattern", "flags", "_body", "_lead", "_tail", "_compiled", "_plan", "_units", "_asked")

    def __init__(self, pattern: str, flags: int = 0, body: str | None = None, lead: str = "", tail: str = ""):
        self.pattern = pattern
        self.flags = flags
        # ``body`` is set when ``pattern`` is ``lead(?:body)tail`` and ``lead`` holds only where a word starts.
        self._body = body
        self._lead, self._tail = lead, tail
        self._compiled: re.Pattern[str] | None = None
        self._plan: _Plan | None = None
        self._units: _Units | None | bool = False  # the alternatives, compiled one by one (False: not read yet)
        self._asked = 0  # searches of other strings than whole texts, answered alternative by alternative
        _ALL.append(self)

    def __repr__(self) -> str:
        return f"Pattern({self.pattern[:60]!r}{'...' if len(self.pattern) > 60 else ''})"

    # ---- the compiled expression, exactly ------------------------------------------------------

    @property
    def compiled(self) -> re.Pattern[str]:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.pattern, self.flags)
        return compiled

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        return self.compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        return self.compiled.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        return self.compiled.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, pos, endpos)

    def search_sentence(self, sentence: str):
        """``self.search(sentence)`` for a sentence or other run of whole words, found as ``first`` finds."""
        if self._compiled is None and self._by_units():
            return self.find(sentence)
        return self.compiled.search(sentence)

    def finditer_sentence(self, sentence: str) -> Iterator[re.Match[str]]:
        """``self.finditer(sentence)`` for a sentence or other run of whole words, found as ``first`` finds."""
        if self._compiled is None and self._by_units():
            return iter(self.first(sentence, sys.maxsize))
        return self.compiled.finditer(sentence)

    def _by_units(self) -> bool:
        """Whether to answer alternative by alternative, compiling only those met, rather than compile the whole.

        A one-message command then compiles only the alternatives its words can start; a long run compiles
        the whole expression after a few searches, once that has paid for itself.
        """
        self._asked += 1
        return self._asked <= _SEARCHES_BY_UNITS and self._unit_set() is not None

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list:
        return self.compiled.findall(string, pos, endpos)

    def split(self, string: str, maxsplit: int = 0) -> list:
        return self.compiled.split(string, maxsplit)

    def sub(self, repl, string: str, count: int = 0) -> str:
        return self.compiled.sub(repl, string, count)

    @property
    def groupindex(self):
        return self.compiled.groupindex

    @property
    def groups(self) -> int:
        return self.compiled.groups

    # ---- only where it could match ---------------------------------------------------------------

    def first(self, text: str, limit: int = 5) -> list[re.Match[str]]:
        """``list(islice(self.finditer(text), limit))``, trying the expression only where it could match."""
        plan = self._plan or self._make_plan()
        if plan.anchored:
            index = _INDEXES.get(text)
            if index is None or index.generation != _registry.generation:
                index = _index(text)
            candidates = (index.live >> plan.shift) & plan.all
            if candidates & plan.later:
                candidates = plan.also_needed(candidates, text, index)
            if not candidates:
                return []
            if not candidates & plan.wild:
                shift = plan.shift
                wanted = candidates << shift
                if self._compiled is None and self._by_units():
                    where = [(pos, (mask >> shift) & candidates)
                             for pos, mask in zip(index.positions, index.masks) if mask & wanted]
                    if candidates & plan.textual:
                        where = _with_literal_units(where, text, plan.texts, candidates)
                    return self._at_units(text, where, limit)
                positions = [pos for pos, mask in zip(index.positions, index.masks) if mask & wanted]
                if candidates & plan.textual:
                    positions = _with_literals(positions, text, plan.texts, candidates, 0, len(text))
                return self._at_words(text, positions, limit)
        elif plan.gate is not None:
            index = _INDEXES.get(text)
            if index is None:
                there = any(map(text.__contains__, plan.gate))
            else:
                there = index.present.get(plan.gate)
                if there is None:
                    there = index.present[plan.gate] = any(map(text.__contains__, plan.gate))
            if not there:
                return []
        if limit >= 1:
            return list(islice(self.compiled.finditer(text), limit))
        return [m for m, _ in zip(self.compiled.finditer(text), range(1))]

    def may_match_in(self, text: str, start: int, end: int) -> bool:
        """False only when ``self.search(text[start:end])`` would find nothing, read from the whole text.

        For a stretch that neither starts nor ends inside a word (a sentence, say): a word-anchored
        pattern can only match there at one of the text's words in the stretch, and only if the text
        holds what its units require; any other, only if the text holds a literal it needs.
        """
        plan = self._plan or self._make_plan()
        if plan.anchored:
            if (0 < start < len(text) and _is_word(text[start - 1]) and _is_word(text[start])) or (
                    0 < end < len(text) and _is_word(text[end - 1]) and _is_word(text[end])):
                return True  # it cuts a word: its words are not the text's
            index = _INDEXES.get(text)
            if index is None or index.generation != _registry.generation:
                index = _index(text)
            candidates = plan.live(text, index)
            if candidates & plan.wild:
                return True
            wanted = candidates << plan.shift
            positions = index.positions
            low, high = bisect_left(positions, start), bisect_left(positions, end)
            masks = index.masks
            for i in range(low, high):
                if masks[i] & wanted:
                    return True
            find = text.find
            return any(bit & candidates and find(literal, start, end) >= 0 for literal, bit in plan.texts)
        gate = plan.gate
        if gate is not None:  # read once a text: a scan of the stretch would cost as much as the search
            index = _INDEXES.get(text)
            if index is None or index.generation != _registry.generation:
                index = _index(text)
            there = index.present.get(gate)
            if there is None:
                there = index.present[gate] = any(map(text.__contains__, gate))
            return there
        return True

    def find(self, text: str) -> re.Match[str] | None:
        """``self.search(text)``, trying the expression only where it could match."""
        found = self.first(text, 1)
        return found[0] if found else None

    def _unit_set(self) -> _Units | None:
        units = self._units
        if units is False:
            plan = self._plan or self._make_plan()
            units = None
            if plan.anchored and not plan.wild:
                alternatives = _alternatives(self._body if self._body is not None else self.pattern)
                if alternatives is not None and len(alternatives) == plan.all.bit_length():
                    units = _Units(self, alternatives)
            self._units = units
        return units

    def _at_units(self, text: str, positions: list[tuple[int, int]], limit: int) -> list[re.Match[str]]:
        """The matches found trying, at each position, the candidate alternatives there in order."""
        units = self._units
        found: list = []
        end = 0
        for pos, bits in positions:
            if pos < end:
                continue
            while bits:
                low = bits & -bits
                bits ^= low
                i = low.bit_length() - 1
                m = units.match(i, text, pos)
                if m is not None:
                    found.append(m)
                    end = m.end()
                    break
            else:
                continue
            if len(found) >= limit:
                break
        return found

    def _at_words(self, text: str, positions: list[int], limit: int) -> list[re.Match[str]]:
        """The matches found trying the expression at ``positions`` in turn, as a scan would find them."""
        match = self.compiled.match
        found: list[re.Match[str]] = []
        end = 0
        for pos in positions:
            if pos < end:
                continue  # inside the last match: a scan resumes after it
            m = match(text, pos)
            if m is not None:
                found.append(m)
                if len(found) >= limit:
                    break
                end = m.end()
        return found

    def _make_plan(self) -> _Plan:
        with _PLANNING:  # units get their bits one pattern at a time, whatever the thread
            if self._plan is None:
                _plan_all([self], [_shipped_plan(self)])
        return self._plan


def _with_literals(positions: list[int], text: str, texts, candidates: int, start: int, end: int) -> list[int]:
    """``positions`` and every place in ``text[start:end]`` where a literal lead of a candidate unit is, in order."""
    found = set(positions)
    find = text.find
    for literal, bit in texts:
        if bit & candidates:
            at = find(literal, start, end)
            while at >= 0:
                found.add(at)
                at = find(literal, at + 1, end)
    return sorted(found)


def _with_literal_units(where: list[tuple[int, int]], text: str, texts, candidates: int) -> list[tuple[int, int]]:
    """``where`` (position, units) with every place a literal lead of a candidate unit is, in order."""
    found: dict[int, int] = dict(where)
    find = text.find
    for literal, bit in texts:
        if bit & candidates:
            at = find(literal)
            while at >= 0:
                found[at] = found.get(at, 0) | bit
                at = find(literal, at + 1)
    return sorted(found.items())


# Searches of a stretch of text answered alternative by alternative before the whole expression is compiled.
_SEARCHES_BY_UNITS = 4
_GROUP_NAME = re.compile(r"\(\?P<(\w+)>")


class _Units:
    """A pattern's alternatives, each compiled on first use; their matches stand for the whole's."""

    __slots__ = ("sources", "flags", "compiled", "names", "offsets", "counts")

    def __init__(self, pattern: Pattern, alternatives: list[str]):
        self.flags = pattern.flags
        if pattern._body is not None:
            self.sources = [f"{pattern._lead}(?:{alternative}){pattern._tail}" for alternative in alternatives]
        else:
            self.sources = alternatives
        self.compiled: list[re.Pattern[str] | None] = [None] * len(alternatives)
        # Every group is named (an unnamed one makes no alternatives): the whole numbers them in order.
        self.names: tuple[str, ...] = tuple(_GROUP_NAME.findall(pattern.pattern))
        self.offsets: list[int] = []
        self.counts: list[int] = []
        at = 0
        for alternative in alternatives:
            count = len(_GROUP_NAME.findall(alternative))
            self.offsets.append(at)
            self.counts.append(count)
            at += count

    def match(self, i: int, text: str, pos: int):
        compiled = self.compiled[i]
        if compiled is None:
            compiled = self.compiled[i] = re.compile(self.sources[i], self.flags)
        m = compiled.match(text, pos)
        if m is None or not self.names:
            return m
        return _UnitMatch(m, self, i)


class _UnitMatch:
    """A match of one alternative, answering as the match of the whole expression would."""

    __slots__ = ("_m", "_units", "_i")

    def __init__(self, m: re.Match[str], units: _Units, i: int):
        self._m, self._units, self._i = m, units, i

    def _inner(self, group):
        """The alternative's own number for ``group`` (a name or the whole's number), or None if not its."""
        if group == 0:
            return 0
        units, i = self._units, self._i
        if isinstance(group, str):
            if group in self._m.re.groupindex:
                return group
            if group in units.names:
                return None
            raise IndexError("no such group")
        if 0 < group <= len(units.names):
            own = group - units.offsets[i]
            return own if 0 < own <= units.counts[i] else None
        raise IndexError("no such group")

    def group(self, *groups):
        if not groups:
            return self._m.group()
        if len(groups) == 1:
            inner = self._inner(groups[0])
            return None if inner is None else self._m.group(inner)
        return tuple(self.group(g) for g in groups)

    __getitem__ = group

    def start(self, group=0) -> int:
        inner = self._inner(group)
        return -1 if inner is None else self._m.start(inner)

    def end(self, group=0) -> int:
        inner = self._inner(group)
        return -1 if inner is None else self._m.end(inner)

    def span(self, group=0) -> tuple[int, int]:
        inner = self._inner(group)
        return (-1, -1) if inner is None else self._m.span(inner)

    def groups(self, default=None) -> tuple:
        own = self._m.groups(default)
        units, i = self._units, self._i
        before = units.offsets[i]
        return (default,) * before + own + (default,) * (len(units.names) - before - len(own))

    def groupdict(self, default=None) -> dict:
        values = dict.fromkeys(self._units.names, default)
        values.update(self._m.groupdict(default))
        return values

    @property
    def lastgroup(self):
        return self._m.lastgroup

    @property
    def lastindex(self):
        last = self._m.lastindex
        return None if last is None else last + self._units.offsets[self._i]

    @property
    def string(self) -> str:
        return self._m.string

    @property
    def pos(self) -> int:
        return self._m.pos

    @property
    def endpos(self) -> int:
        return self._m.endpos

    def __repr__(self) -> str:
        return f"<match of an alternative: span={self._m.span()!r}, match={self._m.group()!r}>"


def compile_lazily(pattern: str, flags: int = 0) -> Pattern:
    """``re.compile``, on first use."""
    return Pattern(pattern, flags)


def word_anchored(lead: str, body: str, tail: str = "", flags: int = 0) -> Pattern:
    """``lead(?:body)tail``, where ``lead`` and ``tail`` are zero-width and ``lead`` holds only where a word starts."""
    return Pattern(f"{lead}(?:{body}){tail}", flags, body=body, lead=lead, tail=tail)


# ---- analysis -----------------------------------------------------------------------------------

# A lead: ("exact", word), ("prefix", start of the word) or ("class", one-character class of its first letter).
Lead = tuple[str, str]


def analyse(pattern: Pattern) -> dict | None:
    """The plan of ``pattern`` as plain data (see the module's documentation), or None to scan it as it is."""
    if pattern.flags & (re.IGNORECASE | re.LOCALE | re.ASCII | re.VERBOSE | re.DEBUG):
        return None
    try:
        from re import _constants as c, _parser
    except ImportError:  # pragma: no cover - Python 3.10
        try:
            import sre_constants as c
            import sre_parse as _parser
        except ImportError:
            return None
    source = pattern._body if pattern._body is not None else pattern.pattern
    try:
        alternatives = _alternatives(source)
        if alternatives is None:  # read as a whole: one unit, or the parser's own alternatives
            return _Analysis(c).plan([_parser.parse(source, pattern.flags)], anchored=pattern._body is not None)
        trees = [_parser.parse(alternative, pattern.flags) for alternative in alternatives]
        return _Analysis(c).plan(trees, anchored=pattern._body is not None, split=True)
    except _Unknown:
        return None


def _alternatives(source: str) -> list[str] | None:
    """The top-level alternatives of a regular expression's source, or None if it has one or is unusual.

    Each compiles on its own to the same matcher as within the whole, tried in the same order.
    Unnamed groups (numbered differently on their own) and inline flags make it None.
    """
    parts: list[str] = []
    depth = 0
    start = 0
    i = 0
    in_class = False
    size = len(source)
    while i < size:
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
            if source.startswith("^", i + 1):
                i += 1
            if source.startswith("]", i + 1):
                i += 1
        elif ch == "(":
            if not source.startswith("?", i + 1):
                return None  # an unnamed group
            if source[i + 2:i + 3] not in (":", "P", "=", "!", "<", ">") or source.startswith("?P=", i + 1):
                return None  # inline flags, a back-reference, a conditional
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    parts.append(source[start:])
    if depth or in_class or len(parts) < 2 or not all(parts):
        return None
    return parts


def _pruned(leads: set[Lead]) -> list[Lead]:
    """``leads`` less those another already covers ("20am" when any word beginning "20", or a digit, will do)."""
    prefixes = [value for kind, value in leads if kind == "prefix"]
    classes = [re.compile(value).match for kind, value in leads if kind == "class"]
    kept = []
    for kind, value in leads:
        if kind in ("exact", "prefix") and (
                any(value.startswith(p) and (kind == "exact" or value != p) for p in prefixes)
                or any(matches(value[0]) for matches in classes)):
            continue
        kept.append((kind, value))
    return kept


def _finished(s: str) -> Lead:
    """The lead a string the analysis grew stands for."""
    return ("text", s[1:]) if s[:1] == _TEXT else ("prefix", s)


class _Unknown(Exception):
    """Something the analysis does not read; the pattern is scanned as it is."""


class _Analysis:
    def __init__(self, c):
        self.c = c
        self.repeats = {c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)}
        self.zero_width = {c.AT, c.ASSERT, c.ASSERT_NOT}

    def plan(self, trees, anchored: bool, split: bool = False) -> dict:
        """``trees``: the parsed alternatives (``split``), or the whole expression parsed, in a list."""
        units = []
        every = [list(tree.data) for tree in trees] if split else self.units(list(trees[0].data))
        for items in every:
            starts_at_word = anchored or self.opens_with_boundary(items)
            leads = self.leads(items) if starts_at_word else None
            if leads is not None and anchored:
                leads = [lead for lead in leads if lead[0] != "text"]  # a match starts with a word character
            if leads is not None and (len(leads) > _MAX_LEADS
                                      or any(kind == "prefix" and len(value) < 2 and value.isalpha()
                                             for kind, value in leads)
                                      or sum(kind == "text" for kind, _ in leads) > _MAX_TEXT_LEADS):
                leads = None  # starts almost any word: better read with the whole scan, if its literals are there
            units.append({"leads": None if leads is None else sorted(leads),
                          "required": self.gates(items, leads, starts_at_word)})
        # A word-anchored pattern keeps its word starts even with a unit that may start at any word.
        return {"anchored": anchored or all(u["leads"] is not None for u in units), "units": units}

    def units(self, items: list) -> list[list]:
        """The top-level alternatives, each with what the parser factored out before and after them."""
        c = self.c
        branches = [i for i, (op, _) in enumerate(items) if op is c.BRANCH]
        if len(branches) == 1:
            at = branches[0]
            if all(op in self.zero_width for op, _ in items[:at]):
                return [items[:at] + list(alt.data) + items[at + 1:] for alt in items[at][1][1]]
        return [items]

    def opens_with_boundary(self, items: list) -> bool:
        c = self.c
        for op, av in items:
            if op is c.AT and av in (c.AT_BOUNDARY, getattr(c, "AT_UNI_BOUNDARY", c.AT_BOUNDARY)):
                return True
            if op not in self.zero_width:
                return False
        return False

    # -- leads

    def leads(self, items: list) -> list[Lead] | None:
        opened, done = self.extend(items, {""}, set())
        leads = set(done) | {_finished(s) for s in opened}
        if ("prefix", "") in leads:
            return None  # could start with any word
        return _pruned(leads)

    def extend(self, items, opened: set[str], done: set[Lead]) -> tuple[set[str], set[Lead]]:
        """Grow the strings a match can start with through ``items``; ``done`` holds the finished leads."""
        c = self.c
        for op, av in items:
            if not opened:
                break
            if op in self.zero_width:
                continue
            if op is c.LITERAL:
                opened = self.add_chars(opened, [chr(av)], done)
            elif op is c.IN:
                chars, non_word = self.char_set(av)
                if chars is not None and len(chars) * len(opened) <= _MAX_LEADS:
                    opened = self.add_chars(opened, chars, done)
                elif non_word:  # a word ends here; a literal lead stops
                    done |= {("exact", s) for s in opened if s and s[0] != _TEXT}
                    self.stop({s for s in opened if not s or s[0] == _TEXT}, done)
                    opened = set()
                else:
                    self.stop(opened, done, av)
                    opened = set()
            elif op is c.SUBPATTERN:
                group, add_flags, del_flags, sub = av
                if add_flags or del_flags:
                    self.stop(opened, done)
                    opened = set()
                else:
                    opened, done = self.extend(list(sub.data), opened, done)
            elif op is getattr(c, "ATOMIC_GROUP", None):
                opened, done = self.extend(list(av.data), opened, done)
            elif op is c.BRANCH:
                grown: set[str] = set()
                for alt in av[1]:
                    alt_open, done = self.extend(list(alt.data), set(opened), done)
                    grown |= alt_open
                opened = grown
            elif op in self.repeats:
                low, high, sub = av
                once, done = self.extend(list(sub.data), set(opened), done)
                if high == 1:
                    opened = once | opened if low == 0 else once  # optional: either way on
                elif low == 0:
                    done |= {_finished(s) for s in once}  # one or more repetitions: stop there
                else:
                    done |= {_finished(s) for s in once}
                    opened = set()
            else:
                self.stop(opened, done)
                opened = set()
            if len(opened) > _MAX_LEADS:
                self.stop(opened, done)
                opened = set()
        return opened, done

    def add_chars(self, opened: set[str], chars, done: set[Lead]) -> set[str]:
        grown = set()
        for ch in chars:
            word = _WORD_CHAR(ch)
            for s in opened:
                if s[:1] == _TEXT:
                    grown.add(s + ch)  # a literal lead takes any character
                elif word:
                    grown.add(s + ch)
                elif s:
                    done.add(("exact", s))  # the word ends here
                else:
                    grown.add(_TEXT + ch)  # the match starts on a character that is no word's: "\b'll"
        return grown

    def stop(self, opened: set[str], done: set[Lead], char_set=None) -> None:
        """No more is known after ``opened``: each is where a word starts, or (at the start) a class of letters."""
        for s in opened:
            if s:
                done.add(_finished(s))
            elif char_set is not None and self.class_source(char_set) is not None:
                done.add(("class", self.class_source(char_set)))
            else:
                done.add(("prefix", ""))

    def char_set(self, items) -> tuple[list[str] | None, bool]:
        """(the characters of a class if few, whether none of them is a word character)."""
        c = self.c
        chars: list[str] = []
        non_word = True
        enumerable = True
        for op, av in items:
            if op is c.LITERAL:
                chars.append(chr(av))
                non_word = non_word and not _WORD_CHAR(chr(av))
            elif op is c.RANGE:
                low, high = av
                if high - low < _MAX_CLASS_CHARS:
                    span = [chr(x) for x in range(low, high + 1)]
                    chars.extend(span)
                    non_word = non_word and not any(_WORD_CHAR(ch) for ch in span)
                else:
                    enumerable = non_word = False
            elif op is c.CATEGORY:
                enumerable = False
                non_word = non_word and av in (c.CATEGORY_SPACE, c.CATEGORY_NOT_WORD, c.CATEGORY_LINEBREAK,
                                               getattr(c, "CATEGORY_UNI_SPACE", c.CATEGORY_SPACE),
                                               getattr(c, "CATEGORY_UNI_NOT_WORD", c.CATEGORY_NOT_WORD))
            else:  # NEGATE and anything else
                enumerable = non_word = False
        if not items:
            non_word = False
        return (sorted(set(chars)) if enumerable and len(set(chars)) <= _MAX_CLASS_CHARS else None), non_word

    def class_source(self, items) -> str | None:
        """A one-character class in ``re`` syntax, for classes of digits and short lists; None for any other."""
        c = self.c
        parts = []
        for op, av in items:
            if op is c.LITERAL:
                parts.append(re.escape(chr(av)))
            elif op is c.RANGE:
                parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
            elif op is c.CATEGORY and av in (c.CATEGORY_DIGIT, getattr(c, "CATEGORY_UNI_DIGIT", c.CATEGORY_DIGIT)):
                parts.append(r"\d")
            else:
                return None
        if not parts:
            return None
        source = "[" + "".join(parts) + "]"
        # A class that lets most words through is no filter worth keeping.
        return None if re.compile(source).match("a") and re.compile(source).match("z") else source

    # -- required literals

    def gates(self, items: list, leads: list[Lead] | None, anchored: bool) -> list[list[tuple[str, str]]]:
        """Sets of requirements, each met by every match of the unit: ``[kind, literal]`` with kind "word" (a
        word of the text starts with it), "exact" (a word of the text is it) or "sub" (the text holds it)."""
        sets = [need for need in self.required(items, anchored) if len(need) <= _MAX_REQUIRED_STRINGS]
        if leads:  # drop what the leads already guarantee
            texts = [value for kind, value in leads if kind != "class"]
            if len(texts) == len(leads):
                sets = [need for need in sets if not all(any(r in t for _, r in need) for t in texts)]
        unique = {frozenset(need): need for need in sets}.values()
        words = sorted((need for need in unique if all(kind != "sub" for kind, _ in need)), key=self.rank)
        subs = sorted((need for need in unique if any(kind == "sub" for kind, _ in need)), key=self.rank)
        # A set of words is checked with the words of the text, for next to nothing; a substring costs a scan.
        chosen = words[:_MAX_WORD_SETS] + subs[:_MAX_REQUIRED_SETS - min(len(words), _MAX_REQUIRED_SETS)]
        return [sorted((kind, literal) for kind, literal in need) for need in chosen]

    @staticmethod
    def rank(need) -> tuple:
        return (-min(len(literal) for _, literal in need), len(need), sorted(need))

    def required(self, items, at_word: bool) -> list[set[tuple[str, str]]]:
        """What every match of ``items`` holds, a set of requirements for each literal it cannot do without.

        ``at_word``: the match begins where a word begins (if it begins with a word character).
        """
        c = self.c
        out: list[set[tuple[str, str]]] = []
        run = ""
        run_at_word = False
        after_non_word = at_word  # the character before the next one is not a word character (or there is none)

        def flush(ends_word: bool) -> None:
            if not run:
                return
            if run_at_word:
                cut = next((i for i, ch in enumerate(run) if not _WORD_CHAR(ch)), None)
                if cut is not None:
                    out.append({("exact", run[:cut])})
                else:
                    out.append({("exact" if ends_word else "word", run)})
            else:
                out.append({("sub", run)})

        for op, av in items:
            if op is c.LITERAL:
                ch = chr(av)
                if not run:
                    run_at_word = after_non_word and bool(_WORD_CHAR(ch))
                run += ch
                after_non_word = not _WORD_CHAR(ch)
                continue
            if op in self.zero_width:
                if op is c.AT and av in (c.AT_BOUNDARY, getattr(c, "AT_UNI_BOUNDARY", c.AT_BOUNDARY)):
                    if run and _WORD_CHAR(run[-1]):
                        flush(True)
                        run = ""
                    after_non_word = True  # a word character next starts a word
                continue
            if op is c.IN and self.char_set(av)[1]:  # one character that is not a word character
                flush(bool(run) and bool(_WORD_CHAR(run[-1])))
                run = ""
                after_non_word = True
                continue
            flush(False)
            run = ""
            if op is c.SUBPATTERN:
                if not (av[1] or av[2]):
                    out.extend(self.required(av[3].data, after_non_word))
            elif op is getattr(c, "ATOMIC_GROUP", None):
                out.extend(self.required(av.data, after_non_word))
            elif op in self.repeats:
                if av[0] >= 1:
                    out.extend(self.required(av[2].data, after_non_word))
            elif op is c.BRANCH:
                best = [self.best(self.required(alt.data, after_non_word)) for alt in av[1]]
                if all(b is not None for b in best):
                    out.append(set().union(*best))
            may_be_empty, ends_non_word = self.ends([(op, av)])
            after_non_word = ends_non_word and (after_non_word or not may_be_empty)
        flush(False)
        return out

    def ends(self, items) -> tuple[bool, bool]:
        """(whether ``items`` can match nothing, whether what they match always ends with a non-word character)."""
        c = self.c
        empty, non_word = True, True
        for op, av in reversed(items):
            if op is c.LITERAL:
                item = (False, not _WORD_CHAR(chr(av)))
            elif op is c.IN:
                item = (False, self.char_set(av)[1])
            elif op in self.zero_width:
                item = (True, True)
            elif op is c.SUBPATTERN:
                item = self.ends(list(av[3].data))
            elif op is getattr(c, "ATOMIC_GROUP", None):
                item = self.ends(list(av.data))
            elif op is c.BRANCH:
                ends = [self.ends(list(alt.data)) for alt in av[1]]
                item = (any(e for e, _ in ends), all(n for _, n in ends))
            elif op in self.repeats:
                sub_empty, sub_non_word = self.ends(list(av[2].data))
                item = (av[0] == 0 or sub_empty, sub_non_word)
            else:
                item = (False, False)
            non_word = non_word and item[1]  # this item may be what matches last
            if not item[0]:
                empty = False
                break
        return empty, non_word

    @staticmethod
    def best(sets: list[set[tuple[str, str]]]) -> set[tuple[str, str]] | None:
        if not sets:
            return None
        return max(sets, key=lambda need: (min(len(literal) for _, literal in need), -len(need)))


# ---- plans at run time ------------------------------------------------------------------------


class _Registry:
    """The words each planned word-anchored pattern's units can start with, and the words they require.

    Each unit of each pattern is a bit (a pattern's units are consecutive bits) of two masks: a word's
    *lead* mask has the bits of the units it can start, its *met* mask those of the units whose first
    required set of words it belongs to, so that a text's words say at once which units could match.
    Other sets of words a unit requires are bits of a third mask (``sets``).
    """

    def __init__(self):
        self.generation = 0
        self.bits = 0
        self.exact: dict[str, list[int]] = {}
        self.prefix: dict[int, dict[str, list[int]]] = {}
        self.lengths: tuple[int, ...] = ()
        self.classes: list[tuple[object, list[int]]] = []
        self.word_sets: dict[frozenset, int] = {}
        self.words: dict[str, tuple[int, int, int]] = {}
        # Units found other than by a word of the text, and units that need no word of it, of every pattern.
        self.anywhere = 0
        self.unmet = 0

    def _word(self, kind: str, value: str, which: int, bit: int) -> None:
        """``which``: 0 for a lead, 1 for a met requirement, 2 for a shared set."""
        if kind == "exact":
            masks = self.exact.setdefault(value, [0, 0, 0])
        elif kind in ("prefix", "word"):
            masks = self.prefix.setdefault(len(value), {}).setdefault(value, [0, 0, 0])
        else:
            masks = [0, 0, 0]
            self.classes.append((re.compile(value).match, masks))
        masks[which] |= bit

    def add(self, units: list[dict]) -> tuple[int, int, list[tuple[int, tuple]]]:
        """Register a pattern's ``units``: (its first bit, the units met without a word, for each unit
        the (shared word sets, substrings) it also needs)."""
        first = self.bits
        self.bits += len(units)
        unmet = 0
        later = []
        for i, unit in enumerate(units):
            bit = 1 << (first + i)
            if unit["leads"] is not None:
                for kind, value in unit["leads"]:
                    if kind != "text":  # looked for in the text itself, by the plan
                        self._word(kind, value, 0, bit)
            word_sets = [need for need in unit["required"] if all(kind != "sub" for kind, _ in need)]
            substrings = [tuple(sorted({literal for _, literal in need})) for need in unit["required"]
                          if any(kind == "sub" for kind, _ in need)]
            if word_sets:
                for kind, literal in word_sets[0]:
                    self._word(kind, literal, 1, bit)
            else:
                unmet |= 1 << i
            shared = 0
            for need in word_sets[1:]:
                key = frozenset((kind, literal) for kind, literal in need)
                set_bit = self.word_sets.get(key)
                if set_bit is None:
                    set_bit = self.word_sets[key] = 1 << len(self.word_sets)
                    for kind, literal in need:
                        self._word(kind, literal, 2, set_bit)
                shared |= set_bit
            later.append((shared, tuple(need[0] if len(need) == 1 else need for need in substrings)))
        self.lengths = tuple(sorted(self.prefix))
        self.words.clear()
        self.generation += 1
        return first, unmet, later

    def word_masks(self, word: str) -> tuple[int, int, int]:
        """(lead, met, sets) masks of ``word``."""
        lead = met = sets = 0
        tables = [self.exact.get(word)]
        size = len(word)
        for length in self.lengths:
            if length > size:
                break
            tables.append(self.prefix[length].get(word[:length]))
        tables.extend(masks for matches, masks in self.classes if matches(word[0]))
        for masks in tables:
            if masks:
                lead |= masks[0]
                met |= masks[1]
                sets |= masks[2]
        found = (lead, met, sets) if lead or met or sets else _NO_MASKS
        if len(self.words) >= _MAX_REMEMBERED_WORDS:
            self.words.clear()
        self.words[word] = found
        return found


_registry = _Registry()
_NO_MASKS = (0, 0, 0)  # most words start no unit and meet no requirement


class _Plan:
    """Where a pattern can match: its units, the words they start with and what they require; or the
    literals one of which any match holds."""

    __slots__ = ("anchored", "shift", "all", "wild", "unmet", "later", "needs", "gate", "texts", "textual",
                 "anywhere")

    def __init__(self, data: dict | None, registered: tuple[int, int, list] | None = None):
        units = data["units"] if data is not None else []
        self.anchored = registered is not None
        self.shift, self.unmet, self.needs = registered if registered is not None else (0, 0, [])
        self.all = (1 << len(units)) - 1
        self.wild = 0
        self.later = 0  # units that need more than their first set of words
        self.texts: tuple[tuple[str, int], ...] = ()  # (literal a unit can start with, the unit)
        for i, unit in enumerate(units):
            if unit["leads"] is None:
                self.wild |= 1 << i
            else:
                self.texts += tuple((value, 1 << i) for kind, value in unit["leads"] if kind == "text")
        self.textual = 0
        for _, bit in self.texts:
            self.textual |= bit
        self.anywhere = self.wild | self.textual  # units not found through the words of a text
        for i, (shared, substrings) in enumerate(self.needs):
            if shared or substrings:
                self.later |= 1 << i
        # Not word-anchored: no match unless a literal that some unit needs is there.
        self.gate: tuple[str, ...] | None = None
        if units and all(unit["required"] for unit in units):
            self.gate = tuple(sorted({literal for unit in units for _, literal in unit["required"][0]}))

    def live(self, text: str, index: _Index) -> int:
        """The units (as this pattern's own bits) that could match in ``text``."""
        candidates = (index.live >> self.shift) & self.all
        return self.also_needed(candidates, text, index) if candidates & self.later else candidates

    def also_needed(self, candidates: int, text: str, index: _Index) -> int:
        """``candidates`` less the units that miss a set of words or a substring they need besides."""
        later = candidates & self.later
        while later:
            i = later.bit_length() - 1
            later ^= 1 << i
            shared, substrings = self.needs[i]
            if index.sets & shared != shared:
                candidates ^= 1 << i
                continue
            present = index.present
            for need in substrings:
                there = present.get(need)
                if there is None:
                    there = present[need] = (need in text if type(need) is str
                                             else any(map(text.__contains__, need)))
                if not there:
                    candidates ^= 1 << i
                    break
        return candidates


def _plan_all(pending: list[Pattern], datas: list[dict | None]) -> None:
    """Give each pattern its plan, registering the units of the word-anchored ones."""
    for pattern, data in zip(pending, datas):
        if data is not None and data["anchored"]:
            plan = pattern._plan = _Plan(data, _registry.add(data["units"]))
            _registry.anywhere |= plan.anywhere << plan.shift
            _registry.unmet |= plan.unmet << plan.shift
        else:
            pattern._plan = _Plan(data)


class _Index:
    __slots__ = ("positions", "masks", "live", "sets", "generation", "present")

    def __init__(self, positions, masks, lead, met, sets, registry):
        # Where each word that starts some unit is, in order, and the units it starts.
        self.positions, self.masks, self.sets, self.generation = positions, masks, sets, registry.generation
        # Every pattern's units that a word of the text starts (or that start elsewhere) and that it meets
        # the first needs of: each pattern's own bits, at its place.
        self.live = (lead | registry.anywhere) & (met | registry.unmet)
        self.present: dict = {}  # literal (or tuple of them) -> whether the text holds one


_INDEXES: dict[str, _Index] = {}


def _index(text: str) -> _Index:
    """The words of ``text``: where those that start a unit are, and the units they start and meet."""
    index = _INDEXES.get(text)
    registry = _registry
    if index is None or index.generation != registry.generation:
        known = registry.words
        word_masks = registry.word_masks
        find = text.find
        positions: list[int] = []
        leads: list[int] = []
        lead = met = sets = 0
        pos = 0
        for word in _WORD_RUN.findall(text):
            pos = find(word, pos)  # only non-word characters lie between one word and the next
            masks = known.get(word)
            if masks is None:
                masks = word_masks(word)
            if masks is not _NO_MASKS:
                word_lead, word_met, word_sets = masks
                if word_lead:
                    positions.append(pos)
                    leads.append(word_lead)
                    lead |= word_lead
                if word_met:
                    met |= word_met
                if word_sets:
                    sets |= word_sets
            pos += len(word)
        index = _Index(positions, leads, lead, met, sets, registry)
        if len(_INDEXES) >= 256:
            _INDEXES.clear()
        _INDEXES[text] = index
    return index


def clear_text_caches() -> None:
    """Forget everything read from particular texts (benchmarks call this between passes)."""
    _INDEXES.clear()


# ---- shipped plans ------------------------------------------------------------------------------

PLANS_FILE = "pattern_plans.json"
_shipped: dict[str, dict | None] | None = None


def fingerprint(pattern: Pattern) -> str:
    import zlib

    source = pattern.pattern.encode("utf-8")
    body = "" if pattern._body is None else "w"
    return f"{zlib.crc32(source):08x}-{len(source)}-{pattern.flags}{body}"


def _shipped_plan(pattern: Pattern) -> dict | None:
    """``pattern``'s plan from the shipped file when it is current for it, else from analysing it now."""
    global _shipped
    if _shipped is None:
        import json

        from .resources import data_text

        try:
            _shipped = json.loads(data_text(PLANS_FILE))
        except (OSError, ValueError):
            _shipped = {}
    raw = _shipped.get(fingerprint(pattern), False)
    return analyse(pattern) if raw is False else _decoded(raw)


# Plans in the file: a unit is [leads, required]; each lead or requirement a string whose first
# character says what it is.
_LEAD_CODES = {"exact": "=", "prefix": "^", "class": "#", "text": "'"}
_NEED_CODES = {"exact": "=", "word": "^", "sub": "~"}
_LEAD_KINDS = {code: kind for kind, code in _LEAD_CODES.items()}
_NEED_KINDS = {code: kind for kind, code in _NEED_CODES.items()}


def _encoded(plan: dict | None):
    if plan is None:
        return None
    return [int(plan["anchored"]), [
        [None if unit["leads"] is None else [_LEAD_CODES[kind] + value for kind, value in unit["leads"]],
         [[_NEED_CODES[kind] + literal for kind, literal in need] for need in unit["required"]]]
        for unit in plan["units"]]]


def _decoded(raw) -> dict | None:
    if raw is None:
        return None
    anchored, units = raw
    return {"anchored": bool(anchored), "units": [
        {"leads": None if leads is None else [(_LEAD_KINDS[code[0]], code[1:]) for code in leads],
         "required": [[(_NEED_KINDS[code[0]], code[1:]) for code in need] for need in required]}
        for leads, required in units]}


def current_plans() -> dict[str, dict | None]:
    """The plans of every pattern of the package, as ``data/pattern_plans.json`` holds them."""
    import importlib
    import pkgutil

    import scoring

    for module in pkgutil.walk_packages(scoring.__path__, "scoring."):
        importlib.import_module(module.name)
    from .detectors import claims, jargon, respect

    for factory in (claims._region_re, jargon._tool_re, respect._dismissive_re, respect._minimiser_re):
        factory()
    plans = {}
    for pattern in list(_ALL):
        plans[fingerprint(pattern)] = _encoded(analyse(pattern))
    return dict(sorted(plans.items()))


def _main(argv: list[str]) -> int:
    import json
    from pathlib import Path

    from scoring import patterns  # this module as the detectors know it, not as __main__

    path = Path(patterns.__file__).with_name("data") / PLANS_FILE
    text = json.dumps(patterns.current_plans(), sort_keys=True, separators=(",", ":")) + "\n"
    if argv[1:] == ["--write"]:
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
        return 0
    if argv[1:] == ["--check"]:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        print("current" if current == text else f"{path} is out of date: run python -m scoring.patterns --write")
        return 0 if current == text else 1
    print("usage: python -m scoring.patterns --write | --check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv))
