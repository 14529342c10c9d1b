"""Hypothesis strategies: valid scenarios and response scripts, built as YAML text."""

from __future__ import annotations

import yaml
from hypothesis import strategies as st

from drill.scenario.model import INJECT_TYPES

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(str.strip)


@st.composite
def scenario_documents(draw, max_injects: int = 12) -> dict:
    duration = draw(st.integers(min_value=60, max_value=4 * 3600))
    roles = [f"r{i}" for i in range(draw(st.integers(1, 4)))]
    channels = {f"c{i}": draw(st.sampled_from(["public", "internal"])) for i in range(draw(st.integers(1, 3)))}
    injects, earliest = [], {}
    for index in range(draw(st.integers(1, max_injects))):
        inject_id = f"i{index}"
        inject = {"id": inject_id, "type": draw(st.sampled_from(INJECT_TYPES)), "text": draw(TEXT)}
        trigger = draw(st.sampled_from(["at", "after_inject", "after_posted"] if injects else ["at"]))
        if trigger == "at":
            at = draw(st.integers(0, duration - 1))
            inject["at"] = at
        elif trigger == "after_inject":
            ref = draw(st.sampled_from([i["id"] for i in injects]))
            delay = draw(st.integers(0, duration - 1 - earliest[ref]))
            inject["after"] = {"inject": ref, "delay": delay}
            at = earliest[ref] + delay
        else:
            delay = draw(st.integers(0, duration - 1))
            inject["after"] = {"posted": draw(st.sampled_from(sorted(channels))), "delay": delay}
            at = delay
        earliest[inject_id] = at
        if draw(st.booleans()):
            inject["to"] = draw(st.lists(st.sampled_from(roles), min_size=1, max_size=len(roles), unique=True))
        if draw(st.integers(0, 4)) == 0:
            inject["unless"] = {"posted": draw(st.sampled_from(sorted(channels)))}
        if draw(st.integers(0, 3)) == 0:
            repeat = {"every": draw(st.integers(1, 900)), "count": draw(st.integers(1, 6))}
            if draw(st.booleans()):
                repeat["until"] = {"posted": draw(st.sampled_from(sorted(channels)))}
            inject["repeat"] = repeat
        if draw(st.booleans()):
            inject["expects"] = {
                "role": draw(st.sampled_from(roles)),
                "channel": draw(st.sampled_from(sorted(channels))),
                "within": draw(st.integers(1, 1800)),
            }
        if draw(st.integers(0, 4)) == 0:
            inject["facts"] = {"customers_affected": draw(st.integers(0, 10**6))}
        injects.append(inject)
    return {
        "format": 1,
        "id": "generated",
        "duration": duration,
        "roles": {role: {"name": role.upper()} for role in roles},
        "channels": {channel: {"audience": audience} for channel, audience in channels.items()},
        "injects": injects,
    }


@st.composite
def scenario_with_responses(draw, max_injects: int = 12, max_responses: int = 12):
    document = draw(scenario_documents(max_injects))
    roles, channels = sorted(document["roles"]), sorted(document["channels"])
    responses = sorted(
        draw(st.lists(st.tuples(
            st.integers(0, document["duration"] - 1), st.sampled_from(roles), st.sampled_from(channels), TEXT,
        ), max_size=max_responses)),
        key=lambda response: response[0],
    )
    return yaml.safe_dump(document, allow_unicode=True), responses
