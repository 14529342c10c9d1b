"""Ctrl+G: the facilitator's guide over play, with the clock waiting and scenario text shown literally."""

from __future__ import annotations

from rich.console import Console

from drill.scenario import load_scenario
from drill.tui.screens.guide import GuideScreen
from scenario_text import MINIMAL
from tui_helpers import pilot_test, running

GUIDED = MINIMAL.replace("format: 1", "format: 2\nguide: Brief the room, then [bold]wait[/bold].", 1).replace(
    "objectives: {first-public: Post within 10 minutes.}\n",
    """objectives:
  first-public:
    text: Post within 10 minutes.
    criteria: [Is the first post out before customers ask?]
    rating_scale: [Clear, Partial, Gap]
findings:
  - {title: Nobody owns the status page, priority: high, injects: [alert-1], actions: [Name an owner]}
""", 1).replace("    text: Errors are up.\n", "    text: Errors are up.\n    preflight: [The lab VM answers]\n", 1)


def guide_text(app) -> str:
    """Every line of the guide as printed, its wrapping undone."""
    console = Console(width=200, color_system=None)
    with console.capture() as captured:
        for static in app.screen.query("#guide-body Static"):
            console.print(static.content)
    return " ".join(captured.get().split())


@pilot_test
async def test_the_guide_shows_the_briefing_checks_criteria_and_findings_while_the_clock_waits(build):
    app = build(scenario=load_scenario(GUIDED, "guided.yaml"))
    async with running(app, size=(120, 40)) as pilot:
        assert app.check_action("guide", ()) is True
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, GuideScreen)
        text = guide_text(app)
        assert "Brief the room, then [bold]wait[/bold]." in text  # scenario text, never markup
        assert "The lab VM answers (alert-1)" in text
        assert "Is the first post out before customers ask?" in text
        assert "rated Clear · Partial · Gap" in text
        assert "Nobody owns the status page high priority · alert-1" in text and "Name an owner" in text
        before = app.clock
        app.advance_clock(120)  # the facilitator reads; the scenario clock waits
        assert app.clock == before
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, GuideScreen)
        app.advance_clock(120)
        assert app.clock == before + 120


@pilot_test
async def test_a_scenario_without_a_guide_offers_no_guide_key(build):
    app = build()
    async with running(app) as pilot:
        assert not app.check_action("guide", ())
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert not isinstance(app.screen, GuideScreen)


def test_the_guide_undoes_the_files_line_breaks_but_keeps_list_items():
    from drill.tui.screens.guide import reflowed

    text = "Purpose: run a practical\ntabletop exercise.\n\nBefore you start:\n- print the handouts\n- book a room\n"
    assert reflowed(text) == ["Purpose: run a practical tabletop exercise.",
                              "Before you start:\n- print the handouts\n- book a room"]
