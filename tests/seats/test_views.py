"""The scenario a seat is welcomed with: enough to lay out its screen, never the script."""

import json

import pytest

from drill.library import builtin_files, load_builtin
from drill.seats.audience import OBSERVER
from drill.seats.views import scenario_view
from drill.wiring import start_drill

SECRET_KEYS = {"injects", "facts", "targets", "weights", "public", "seed", "debrief", "objective_channels"}


@pytest.mark.parametrize("entry", builtin_files(), ids=lambda entry: entry.id)
def test_every_seat_gets_the_layout_and_only_judges_get_the_objectives(entry):
    scenario = load_builtin(entry.id)
    for viewer in ("facilitator", OBSERVER, *scenario.roles):
        view = scenario_view(scenario, viewer)
        assert json.loads(json.dumps(view)) == view
        assert not SECRET_KEYS & set(view)
        assert set(view["roles"]) == set(scenario.roles) and set(view["channels"]) == set(scenario.channels)
        assert ("objectives" in view) == (viewer in ("facilitator", OBSERVER))
    channel = next(iter(scenario.channels.values()))
    assert scenario_view(scenario, "facilitator")["channels"][channel.id] == {
        "name": channel.name, "audience": channel.audience, "max_chars": channel.max_chars}


def test_the_drawn_org_and_personas_replace_the_templates():
    scenario = load_builtin("checkout-outage")
    started = start_drill(scenario, seed=3).log[0].data
    written = scenario_view(scenario, "comms")
    drawn = scenario_view(scenario, "comms", started)
    assert "{fake." in json.dumps(written["personas"])
    assert "{fake." not in json.dumps(drawn["personas"])
    assert (drawn["summary"], drawn["org"], drawn["personas"]) == (
        started["summary"], started["org"], started["personas"])


def test_an_unknown_viewer_is_refused():
    with pytest.raises(ValueError, match="unknown viewer 'ghost'"):
        scenario_view(load_builtin("checkout-outage"), "ghost")
