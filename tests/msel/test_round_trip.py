"""import(export(scenario)) keeps every field the MSEL's columns carry, for every built-in scenario."""

from __future__ import annotations

import pytest

from drill.cli.main import main
from drill.library import builtin_files, load_builtin
from drill.msel.exporter import as_written, csv_text, earliest_times, msel, xlsx_bytes
from drill.scenario import load_scenario

from msel_helpers import import_file

BUILT_INS = [entry.id for entry in builtin_files()]


def deliveries(scenario):
    """What each row of the exported sheet stands for, in the sheet's order."""
    times = earliest_times(scenario)
    rows = []
    for order, inject in enumerate(scenario.injects):
        count = inject.repeat.count if inject.repeat else 1
        for occurrence in range(1, count + 1):
            at = times[inject.id] + (occurrence - 1) * (inject.repeat.every if inject.repeat else 0)
            rows.append((at, order, occurrence, inject))
    return sorted(rows, key=lambda row: row[:3])


def role_names(scenario, role_ids):
    """Roles as the sheet names them: by name, or by id where the name has a comma in it."""
    names = [scenario.roles[role_id].name if role_id in scenario.roles else role_id for role_id in role_ids]
    return sorted(role_id if "," in name else name for role_id, name in zip(role_ids, names))


def carried(scenario, inject, occurrence, at):
    """The fields of one delivery the columns carry, as people read them."""
    guide = inject.guide
    expects = inject.expects
    return {
        "at": at,
        "type": inject.type,
        "from": as_written(inject.sender),
        "to": role_names(scenario, inject.to),
        "text": as_written(inject.text_for(occurrence)),
        "title": guide.title if guide else "",
        "notes": guide.notes if guide else "",
        "expected": guide.expected if guide else (),
        "within": expects.within if expects else None,
        "answer on": [(channel, scenario.channels[channel].audience) for channel in expects.channels] if expects else [],
        "answered by": role_names(scenario, expects.roles or tuple(scenario.roles)) if expects else [],
    }


def check_round_trip(original, imported):
    rows = deliveries(original)
    assert len(imported.injects) == len(rows)
    for (at, _, occurrence, inject), back in zip(rows, imported.injects):
        assert carried(imported, back, 1, back.at) == carried(original, inject, occurrence, at), inject.id


@pytest.mark.parametrize("scenario_id", BUILT_INS)
def test_a_built_in_survives_csv(scenario_id, tmp_path):
    original = load_builtin(scenario_id)
    path = tmp_path / f"{scenario_id}.csv"
    path.write_text(csv_text(msel(original)), encoding="utf-8")
    imported = import_file(path)
    check_round_trip(original, imported.scenario)
    assert not [warning for warning in imported.warnings if "guess" in warning.message]


@pytest.mark.parametrize("scenario_id", BUILT_INS)
def test_a_built_in_survives_xlsx(scenario_id, tmp_path):
    original = load_builtin(scenario_id)
    path = tmp_path / f"{scenario_id}.xlsx"
    path.write_bytes(xlsx_bytes(msel(original), original.title))
    check_round_trip(original, import_file(path).scenario)


def test_a_format_2_scenario_keeps_its_facilitator_columns(tmp_path):
    text = """
format: 2
id: guided
duration: 1h
roles: {ic: {name: Incident Commander}, ops: {name: "Ops, night shift"}}
channels: {incident_chat: {audience: internal}, status_page: {audience: public}}
injects:
  - id: first
    at: 90s
    type: alert
    from: "=cmd|' /C calc'!A0"
    to: [ic, ops]
    text: "Literal {{braces}} and a\\nsecond line"
    title: The first alert
    notes: Watch the room.
    severity: SEV2
    read_aloud: Your pager goes off.
    tags: [detection, paging]
    expected: [Open a channel, Page comms]
    expects: {role: ops, channel: [status_page, incident_chat], within: 4m30s}
    meta: {owner: Sam, serial: A-1}
  - id: second
    at: 10m
    type: note
    to: [facilitator]
    text: Only for the facilitator.
    expected: Nothing to answer.
"""
    original = load_scenario(text)
    for suffix in ("csv", "xlsx"):
        path = tmp_path / f"guided.{suffix}"
        sheet = msel(original)
        if suffix == "csv":
            path.write_text(csv_text(sheet), encoding="utf-8")
        else:
            path.write_bytes(xlsx_bytes(sheet))
        imported = import_file(path).scenario
        check_round_trip(original, imported)
        first, second = imported.injects
        assert first.id == "a-1" and first.guide.meta["owner"] == "Sam"
        assert (first.guide.severity, first.guide.read_aloud, first.guide.tags) == ("SEV2", "Your pager goes off.",
                                                                                     ("detection", "paging"))
        assert first.expects.channels == ("status_page", "incident_chat")
        assert second.expects is None and second.guide.expected == ("Nothing to answer.",)


def test_the_csv_never_starts_a_cell_like_a_formula():
    sheet = msel(load_scenario("""
format: 1
id: f
duration: 1h
roles: {ic: {name: IC}}
channels: {c: {audience: internal}}
injects:
  - {id: a, at: 0m, type: chat, from: "=1+1", text: "@SUM(A1)"}
"""))
    text = csv_text(sheet)
    assert "'=1+1" in text and "'@SUM(A1)" in text


def test_the_command_writes_both_formats(tmp_path, capsys):
    csv_path, xlsx_path = tmp_path / "out.csv", tmp_path / "plan.xlsx"
    assert main(["export-msel", "checkout-outage", "--out", str(csv_path)]) == 0
    assert main(["export-msel", "checkout-outage", "--out", str(xlsx_path)]) == 0
    assert main(["export-msel", "checkout-outage", "--format", "xlsx", "--out", str(tmp_path / "plan.data")]) == 0
    printed = capsys.readouterr().out
    deliveries = sum(inject.repeat.count if inject.repeat else 1 for inject in load_builtin("checkout-outage").injects)
    assert f"wrote {csv_path}: checkout-outage as {deliveries} rows" in printed  # a row a delivery
    assert csv_path.read_bytes().startswith("\ufeffSeq No,Time,".encode())
    assert xlsx_path.read_bytes()[:2] == b"PK" and (tmp_path / "plan.data").read_bytes()[:2] == b"PK"
    assert main(["import", str(xlsx_path), "--out", str(tmp_path / "again.yaml")]) == 0
    assert main(["validate", str(tmp_path / "again.yaml")]) == 0


def test_an_unknown_scenario_is_reported(capsys):
    assert main(["export-msel", "no-such-scenario"]) == 1
    assert "no built-in scenario or file by this name" in capsys.readouterr().err


def test_a_workbook_shows_control_characters_it_cannot_hold(tmp_path):
    scenario = load_scenario("""
format: 1
id: c
duration: 1h
roles: {ic: {name: IC}}
channels: {c: {audience: internal}}
injects:
  - {id: a, at: 0m, type: chat, text: "bell\\x07 escape\\x1b[2J"}
""")
    path = tmp_path / "c.xlsx"
    path.write_bytes(xlsx_bytes(msel(scenario)))
    assert import_file(path).scenario.injects[0].text == "bell␇ escape␛[2J"
    csv_path = tmp_path / "c.csv"
    csv_path.write_text(csv_text(msel(scenario)), encoding="utf-8")
    assert import_file(csv_path).scenario.injects[0].text == "bell\x07 escape\x1b[2J"
