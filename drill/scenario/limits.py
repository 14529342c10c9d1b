"""The limits of scenario format v1, checked when a scenario or responses file loads.

They are part of the format: a scenario that validates can be played to its end,
and ``benchmarks/check_format_limits.py`` measures a drill at every limit at once
(a few seconds and under 500 MB on a 2-core machine). Each limit is reported at
the line and column of the value at fault, like every other problem.
"""

from __future__ import annotations

# The file: its size, and how deeply its YAML may nest.
MAX_SOURCE_BYTES = 1_000_000
MAX_DEPTH = 40

# The drill's duration, and any other time in a scenario (at, delay, within, every, targets).
MAX_DURATION = 12 * 3600

# Injects, one inject's repeat.count, and every delivery the script can make (each inject
# counts its repeat.count, 1 without repeat), whether or not `unless` skips it.
MAX_INJECTS = 10_000
MAX_REPEAT = 1_000
# `mode: moves`: each move is an hour of the drill's inner clock, which stands still within a move.
MOVE_SECONDS = 3600
MAX_MOVES = MAX_DURATION // MOVE_SECONDS


def move_of(seconds: int) -> int:
    """In a drill of moves, the move a moment of its inner clock falls in (1 is the first)."""
    return int(seconds) // MOVE_SECONDS + 1


def move_start(move: int) -> int:
    """When move ``move`` (1 is the first) starts on a drill of moves' inner clock."""
    return (move - 1) * MOVE_SECONDS
MAX_DELIVERIES = 10_000
# Asks: injects with `expects` (one ask an inject, however often it repeats).
MAX_ASKS = 2_000

MAX_ROLES = 20
MAX_CHANNELS = 20
MAX_OBJECTIVES = 50
MAX_DEBRIEF_QUESTIONS = 50
# The roles and the channels one `expects` names (leave the key out for any role or channel).
MAX_ASK_ROLES = 10
MAX_ASK_CHANNELS = 10

# Ids (of the scenario, roles, channels, injects, objectives...), keys and fact names.
MAX_ID_CHARS = 64

# Any text after its placeholders are filled: an inject's text, a summary, an org value...
MAX_TEXT_CHARS = 20_000
# Names shown wherever the public talks about the drill, every minute: an inject's `from`
# (a reporter's outlet), the org's name, product and handle, a role's or a channel's name.
MAX_NAME_CHARS = 200
# A post of the public (`public.templates`), filled, and how many there may be of each mood.
MAX_POST_CHARS = 1_000
MAX_POST_TEMPLATES = 100
# Everything the script delivers, added up: each delivery's text, `from` and recipients, what an
# ask names, and for an inject that changes facts, the facts it records (every `facts_changed`
# event carries all of them).
MAX_DELIVERED_CHARS = 5_000_000
# The facts, as JSON, at their largest: every fact any inject sets, at its longest value.
MAX_FACTS_CHARS = 10_000

# The longest a `{fake.X}` placeholder can give (a sentence); each provider has its own bound
# (``drill.scenario.templates.FAKE_MAX_CHARS``), and a generated value is cut to it.
MAX_FAKE_CHARS = 150

# Format 2's facilitator layer: items in any one list of an inject's (hints, expected actions...),
# and the size of its free `meta` map.
MAX_GUIDE_ITEMS = 50
MAX_META_CHARS = 10_000

# A scoring weight (`scoring.weights`): larger ones would add up past what a float holds.
MAX_WEIGHT = 1_000

# Seeds are stored as SQLite integers: 0 <= seed < 2**63.
MAX_SEED = 2**63 - 1

# A responses file: how many responses, each one's text (as the engine accepts) and all of them
# together (each is graded as it is sent, the costliest part of playing a file).
MAX_RESPONSES = 500
MAX_RESPONSE_CHARS = 20_000
MAX_RESPONSES_CHARS = 250_000


def parse_seed(text: str) -> int:
    """A seed from the command line (``--seed N``): a whole number from 0 to 2**63 - 1.

    Raises ValueError with a message a person can act on (``seed_argument`` is
    this as an argparse ``type``, which shows the message).
    """
    value = str(text).strip().replace("_", "")
    if not (value.isascii() and value.lstrip("+").isdigit()) or len(value) > 25:
        raise ValueError(f"a seed is a whole number from 0 to {MAX_SEED:,}, got {shorten(str(text))!r}")
    seed = int(value)
    if seed > MAX_SEED:
        raise ValueError(f"a seed is a whole number from 0 to {MAX_SEED:,} (2**63 - 1), got {seed:,}")
    return seed


def seed_argument(text: str) -> int:
    """``parse_seed`` as an argparse ``type``, so the command line shows its message."""
    try:
        return parse_seed(text)
    except ValueError as error:
        import argparse

        raise argparse.ArgumentTypeError(str(error)) from None


def shorten(text: str, width: int = 60) -> str:
    """A value as a problem quotes it: long values cut in the middle."""
    if len(text) <= width:
        return text
    keep = (width - 1) // 2
    return f"{text[:keep]}…{text[-keep:]}"
