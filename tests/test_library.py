"""The built-in library: enough drills, each one telling a good team from a weak one, each with a
post-resolution phase.

Every built-in is played twice with the simulate path (`drill simulate` plays the same way), once
with its example responses and once with its weaker team's, and graded as the report grades it.
Each drill is played once per quality for the whole module (see ``played``).
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from drill.grading import grade_drill
from drill.library import builtin_files, builtin_responses, load_builtin
from drill.responses import load_responses
from drill.simulate import simulate

BUILTINS = builtin_files()
MIN_BUILTINS = 10
MIN_GAP = 25  # overall points between the good and the weak team


@lru_cache(maxsize=None)
def played(scenario_id: str, quality: str):
    """The finished drill's log and its overall score."""
    scenario = load_builtin(scenario_id)
    source = builtin_responses(scenario_id, quality)
    assert source is not None, f"{scenario_id} ships no {quality} responses"
    engine = simulate(scenario, load_responses(source[0], scenario, source[1]))
    return engine.log, grade_drill(scenario, engine.log)["score"]["overall"]


def test_the_library_has_enough_drills():
    assert len(BUILTINS) >= MIN_BUILTINS, [entry.id for entry in BUILTINS]
    assert len({entry.id for entry in BUILTINS}) == len(BUILTINS)


@pytest.mark.parametrize("entry", BUILTINS, ids=lambda entry: entry.id)
def test_a_good_team_outscores_a_weak_one(entry):
    _, good = played(entry.id, "good")
    _, poor = played(entry.id, "poor")
    assert good - poor >= MIN_GAP, f"{entry.id}: good {good:.1f}, poor {poor:.1f}"


@pytest.mark.parametrize("entry", BUILTINS, ids=lambda entry: entry.id)
def test_the_drill_goes_on_after_the_resolution(entry):
    """The phase becomes resolved, and at least one ask opens after it (the closing post, the review,
    the make-good), so what the team says after the fix is graded like the rest."""
    log, _ = played(entry.id, "good")
    resolved = next((event.seq for event in log if event.kind == "facts_changed"
                     and event.data["changes"].get("phase") == "resolved"), None)
    assert resolved is not None, f"{entry.id} never reaches phase: resolved"
    after = [event.data["ask_id"] for event in log if event.kind == "ask_opened" and event.seq > resolved]
    assert after, f"{entry.id} opens no ask after the resolution"
