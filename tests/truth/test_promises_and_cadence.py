"""A drill tells the truth: a promise in clock time, a quiet status page and a busy social feed.

The team promises "by 14:40 UTC" on the status page of a drill that starts at
14:00, then posts only on social media. The report must show the promise
broken at T+40 and the status page's cadence failed, however often the team
tweets; the team that keeps its word must see it kept.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from drill.library import load_builtin
from drill.responses import ScriptedResponse
from drill.scenario.problems import Problem
from drill.scenario.start import start_datetime
from drill.session import report_for
from drill.simulate import simulate

START = start_datetime("14:00", date(2026, 3, 6))
WHERE = Problem("<test>", 1, 1, "")

FIRST_STATUS = ("Investigating: card payments are failing at checkout for merchants in Europe. "
                "Customers may see an error and the payment is not taken. We are sorry for the disruption. "
                "Next update by 14:40 UTC.")
SOCIAL = "We're investigating failed card payments at checkout in Europe. Updates: status.acmepay.example"


def _say(minute: int, channel: str, text: str, role: str = "comms") -> ScriptedResponse:
    return ScriptedResponse(minute * 60, role, channel, text, None, WHERE)


def _report(responses: list[ScriptedResponse], start: datetime | None = START) -> dict:
    scenario = load_builtin("checkout-outage")
    return report_for(simulate(scenario, responses, 7, start_time=start))


def _quiet_status_page(first_status_at: int = 4) -> list[ScriptedResponse]:
    social = [_say(minute, "social", f"{SOCIAL} ({minute})") for minute in (10, 20, 30, 45, 55, 62, 70)]
    return sorted([_say(first_status_at, "status_page", FIRST_STATUS), *social], key=lambda r: r.at)


def _objective(report: dict, objective_id: str) -> dict:
    return next(o for o in report["objectives"] if o["id"] == objective_id)


def test_the_clock_time_promise_is_broken_at_its_due_time_when_only_social_follows():
    report = _report(_quiet_status_page())
    (promise,) = report["promises"]
    assert promise["by"] == 40 * 60
    assert promise["kept"] is False
    assert "T+40:00" in promise["reason"]


def test_tweets_do_not_keep_the_status_page_cadence():
    report = _report(_quiet_status_page())
    cadence = _objective(report, "keep-cadence")
    assert cadence["rating"] in ("M", "U")
    assert "status page" in cadence["reason"]
    item = next(i for i in report["team"] if i["id"] == "cadence")
    assert item["points"] < item["max"]


def test_a_late_first_status_post_is_not_a_prompt_first_public_update_however_early_the_tweets():
    report = _report(sorted([_say(3, "social", SOCIAL), *_quiet_status_page(first_status_at=27)[1:],
                             _say(27, "status_page", FIRST_STATUS.replace("14:40", "14:55"))],
                            key=lambda r: r.at))
    assert _objective(report, "first-public")["rating"] != "P"


def test_the_report_never_claims_a_kept_promise_or_cadence_that_was_not():
    from drill.report.findings import strengths

    claims = " ".join(strengths(_report(_quiet_status_page())))
    assert "promised update" not in claims
    assert "cadence" not in claims, claims


def test_a_team_that_keeps_its_clock_time_promise_sees_it_kept():
    responses = _quiet_status_page() + [
        _say(38, "status_page", "Identified: a configuration change caused the failed card payments. "
                                "We are rolling it back. Next update by 15:05 UTC."),
        _say(64, "status_page", "Resolved: card payments are working normally again. We are sorry."),
    ]
    report = _report(sorted(responses, key=lambda r: r.at))
    assert [p["kept"] for p in report["promises"]] == [True, True]


def test_without_a_start_time_a_clock_time_promise_is_unresolved_never_kept():
    report = _report(_quiet_status_page(), start=None)
    (promise,) = report["promises"]
    assert promise["kept"] is None and promise["by"] is None
    assert promise["reason"].startswith("unresolved")
    from drill.report.findings import strengths

    assert not any("promised update" in claim and "kept" in claim for claim in strengths(report))


@pytest.mark.parametrize("spec", ["14:00", "14:00 UTC", "2:00pm UTC", "2026-03-06T14:00:00Z"])
def test_start_times_read_the_same_however_written(spec):
    assert start_datetime(spec, date(2026, 3, 6)) == datetime(2026, 3, 6, 14, 0, tzinfo=timezone.utc)


def test_a_promise_is_kept_by_an_equivalent_channel_but_not_by_another():
    from scoring.drill import score_drill
    from scoring.drill_types import DrillInput, ResponseRecord
    from scoring.types import ChannelInfo

    channels = {
        "status_page": ChannelInfo("status_page", "public", name="Status page", equivalent=("mirror",)),
        "mirror": ChannelInfo("mirror", "public", name="Status mirror", equivalent=("status_page",)),
        "social": ChannelInfo("social", "public", 280, name="Social"),
    }

    def drill(second_channel: str) -> list[bool | None]:
        responses = (
            ResponseRecord(1, "comms", "status_page", 300.0, "We are investigating failed payments. "
                                                              "Next update in 20 minutes."),
            ResponseRecord(2, "comms", second_channel, 1200.0, "Still investigating failed payments."),
        )
        score = score_drill(DrillInput(duration=3600.0, channels=channels, responses=responses))
        return [promise.kept for promise in score.promises]

    assert drill("mirror") == [True]
    assert drill("social") == [False]
