"""Reports for the renderer tests: real drills of the built-in scenarios, played headless with a fixed seed."""

from __future__ import annotations

import copy
import json
import os
from datetime import date
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from drill.library import builtin_responses, load_builtin
from drill.scenario.start import drill_start_time
from drill.responses import load_responses
from drill.session import report_for
from drill.simulate import simulate

GOLDEN = Path(__file__).resolve().parent / "golden"
DRILL_DAY = date(2026, 3, 6)
SEED = 7

HOSTILE = "<script>alert(1)</script> | pipe [@click=x] *bold* `tick` _under_ &amp; # not a heading"


@lru_cache(maxsize=None)
def _report(scenario_id: str, quality: str, seed: int) -> str:
    scenario = load_builtin(scenario_id)
    data, source = builtin_responses(scenario_id, quality)
    responses = load_responses(data, scenario, source)
    # The scenario's own clock, on a fixed day: a golden file must not change with the date it is run.
    start = drill_start_time(scenario.start, None, DRILL_DAY)
    return json.dumps(report_for(simulate(scenario, responses, seed, start_time=start)))


def report(scenario_id: str = "checkout-outage", quality: str = "good", seed: int = SEED) -> dict[str, Any]:
    """A fresh copy each time, so a test may change it."""
    return json.loads(_report(scenario_id, quality, seed))


def hostile_report(text: str = HOSTILE) -> dict[str, Any]:
    """A real report whose participant and scenario text is all markup."""
    data = report("checkout-outage", "poor")
    data["scenario"]["title"] += " " + text
    data["participants"] = {"comms": text, "ic": "Eve\x1b[31m red"}
    data["org"]["name"] = text
    data["debrief"].append(text)
    response = copy.deepcopy(data["responses"][2])
    response.update(id=len(data["responses"]) + 1, text=text + "\nsecond line\n- not a list", at=response["at"] + 1)
    data["responses"].append(response)
    data["public"]["stories"].append({"at": 100, "kind": "declined", "ask_id": None, "outlet": text,
                                      "headline": text, "text": text, "cause": text})
    return data


def check_golden(name: str, text: str) -> None:
    """Compare ``text`` with golden/NAME; with UPDATE_GOLDEN=1 in the environment, rewrite the golden file."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run the tests with UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs from its golden file; if intended, rerun with UPDATE_GOLDEN=1"


class Outline(HTMLParser):
    """What a test needs to know of an HTML page: headings, tags, attributes, visible text."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.headings: dict[str, list[str]] = {}
        self.text: list[str] = []
        self.styles: list[str] = []
        self._heading: str | None = None
        self._in_style = False
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend((tag, name, value or "") for name, value in attrs)
        if tag in ("h1", "h2", "h3", "h4"):
            self._heading = tag
            self.headings.setdefault(tag, []).append("")
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == self._heading:
            self._heading = None
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)
            return
        self.text.append(data)
        if self._heading:
            self.headings[self._heading][-1] += data

    @property
    def all_text(self) -> str:
        return "".join(self.text)
