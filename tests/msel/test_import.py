"""`drill import`: rows in, a format 2 scenario out, every problem at its row and column."""

import csv
import datetime as dt
import io
import json

import pytest
import yaml

from drill.cli.main import main
from drill.msel.importer import literal
from drill.msel.problems import SheetError
from drill.scenario import load_scenario

from msel_helpers import FIXTURES, import_csv, import_file, located

HSEEP = "Seq No,Scenario Time,Delivery Method,From,To,Inject,Expected Action,Response Time,Notes\n"


def test_the_ransomware_msel_imports_validates_and_plays(tmp_path, capsys):
    out = tmp_path / "ransomware.yaml"
    assert main(["import", str(FIXTURES / "ransomware-msel.csv"), "--out", str(out), "--title", "Ransomware"]) == 0
    printed = capsys.readouterr()
    assert "wrote" in printed.out and "15 injects" in printed.out and "8 asks" in printed.out
    assert "Traceback" not in printed.err
    scenario = load_scenario(out.read_text(), str(out))
    assert scenario.format == 2 and scenario.title == "Ransomware" and scenario.id == "ransomware-msel"
    assert set(scenario.roles) == {"ic", "support", "legal", "comms", "exec"}
    first, alert, reporter = scenario.injects[0], scenario.injects[1], scenario.inject("inject-7")
    assert first.to == ("facilitator",) and first.type == "note"
    assert alert.type == "alert" and alert.expects.roles == ("ic",) and alert.expects.within == 300
    assert alert.guide.expected == ("Open an incident and page the security on-call", "Decide whether to isolate FS-02")
    assert reporter.type == "press_call" and reporter.expects.channels == ("press",)
    assert scenario.inject("inject-12").expects.channels == ("status_page",)
    assert scenario.inject("inject-6").expects.channels == ("support_reply",)
    assert scenario.channels["incident_chat"].audience == "internal"
    assert scenario.duration == 105 * 60  # the last inject at T+01:05, 30 minutes more, to the quarter hour
    assert main(["validate", str(out)]) == 0

    report_dir = tmp_path / "report"
    assert main(["simulate", str(out), "--no-responses", "--no-store", "--out", str(report_dir)]) == 0
    report = json.loads((report_dir / "report.json").read_text())
    asks = report["asks"]
    assert len(asks) == 8
    assert {ask["status"] for ask in asks} == {"missed"}
    assert {ask["inject_id"] for ask in asks} == {f"inject-{n}" for n in (2, 4, 6, 7, 8, 10, 12, 14)}


def test_guesses_are_warned_where_they_were_made():
    imported = import_file(FIXTURES / "ransomware-msel.csv")
    warnings = located(imported.warnings)
    assert any(line.startswith("8:D: warning: Delivery Method: 'Phone call' read as type press_call") for line in warnings)
    assert any(line.startswith("13:D: warning: Delivery Method: 'Status page' read as type chat") for line in warnings)
    assert all(problem.warning for problem in imported.warnings)


def test_bad_rows_are_all_reported_at_their_row_and_column(tmp_path, capsys):
    sheet = (HSEEP
             + "1,T+00:00,Email,CISO,IC,All is well,,,\n"
             + "2,soon,Email,CISO,IC,Something happens,,,\n"
             + "3,T+00:10,Email,CISO,IC,,,,\n"
             + "4,T+00:12,Email,CISO,IC,Answer me,Reply,whenever,\n"
             + "5,09:15,Email,CISO,IC,A clock time among exercise times,,,\n"
             + "6,T+13:00,Email,CISO,IC,Too late,,,\n")
    with pytest.raises(SheetError) as raised:
        import_csv(tmp_path, sheet)
    errors = located(raised.value.errors)
    assert errors[0] == "3:B: Scenario Time: cannot read 'soon' as a time; write it like T+00:15, 09:15, D+0 H+0 M+15 or 15 min"
    assert errors[1] == "4:F: no inject text"
    assert errors[2].startswith("5:H: Response Time: cannot read 'whenever' as a length of time")
    assert errors[3].startswith("6:B: Scenario Time: '09:15' mixes with the sheet's exercise times")
    assert errors[4].startswith("7:B: Scenario Time: T+13h00m is past the longest drill (12h)")
    assert len(errors) == 5

    path = tmp_path / "bad.csv"
    path.write_text(sheet)
    assert main(["import", str(path)]) == 1
    printed = capsys.readouterr()
    assert f"{path}:3:B: Scenario Time: cannot read 'soon'" in printed.err
    assert "5 problems found" in printed.err and "Traceback" not in printed.err
    assert not (tmp_path / "bad.yaml").exists()


def test_a_sheet_without_a_header_row_says_what_it_needs(tmp_path, capsys):
    path = tmp_path / "notes.csv"
    path.write_text("a,b\n1,2\n")
    assert main(["import", str(path)]) == 1
    assert f"{path}:1:A: no header row found" in capsys.readouterr().err


def test_a_file_that_is_not_a_sheet_or_not_utf8(tmp_path, capsys):
    latin = tmp_path / "latin.csv"
    latin.write_bytes(HSEEP.encode() + "1,T+00:00,Email,Caf\xe9,IC,Text,,,\n".encode("latin-1"))
    assert main(["import", str(latin)]) == 1
    assert f"{latin}:2:A: not UTF-8 text" in capsys.readouterr().err
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    assert main(["import", str(broken)]) == 1
    assert f"{broken}:1:A: cannot read this workbook" in capsys.readouterr().err


def test_an_existing_file_is_not_replaced_unless_named(tmp_path, capsys):
    path = tmp_path / "plan.csv"
    path.write_text(HSEEP + "1,T+00:00,Email,CISO,IC,Text,,,\n")
    (tmp_path / "plan.yaml").write_text("mine")
    assert main(["import", str(path)]) == 1
    assert "exists" in capsys.readouterr().err
    assert (tmp_path / "plan.yaml").read_text() == "mine"
    assert main(["import", str(path), "--out", str(tmp_path / "plan.yaml")]) == 0
    assert load_scenario((tmp_path / "plan.yaml").read_text()).id == "plan"


def test_csv_with_a_bom_and_other_delimiters(tmp_path):
    for delimiter in (";", "\t", "|", ","):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter)
        writer.writerow(HSEEP.strip().split(","))
        writer.writerow(["1", "T+00:05", "Email", "CISO, office of", "Comms", "A, b; c", "", "", ""])
        imported = import_csv(tmp_path, "\ufeff" + buffer.getvalue())
        inject = imported.scenario.injects[0]
        assert inject.at == 300 and inject.sender == "CISO, office of" and inject.text == "A, b; c"
        assert inject.to == ("comms",)


def test_an_xlsx_workbook_with_time_cells(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    cover = workbook.active
    cover.title = "Cover"
    cover.append(["Ransomware tabletop, for planning only"])
    sheet = workbook.create_sheet("MSEL")
    sheet.append(["Northwind tabletop"])  # a title block above the header row
    sheet.append([])
    sheet.append(["Inject #", "Exercise Time", "Method", "From", "To", "Message", "Expected Action(s)", "Maximum (minutes)"])
    sheet.append([1, dt.time(9, 0), "Email", "CISO", "Incident Commander", "First", "Reply", 5])
    sheet.append([2, dt.time(9, 20), "Slack", "Ops", "IC, Comms", "Second", None, None])
    sheet.append([3, 0.40625, "Tweet", "@someone", "PR", "Third", "Answer publicly", dt.time(0, 10)])  # 09:45
    path = tmp_path / "northwind.xlsx"
    workbook.save(path)

    imported = import_file(path)
    scenario = imported.scenario
    assert imported.sheet == "MSEL"
    assert [inject.at for inject in scenario.injects] == [0, 1200, 2700]
    assert scenario.start == "09:00"
    assert [inject.type for inject in scenario.injects] == ["email", "chat", "social_post"]
    assert scenario.injects[0].expects.within == 300 and scenario.injects[2].expects.within == 600
    assert scenario.injects[2].expects.channels == ("social",)
    assert scenario.injects[1].to == ("ic", "comms")
    assert scenario.injects[0].guide.meta == {"serial": "1", "source_row": 4}
    assert not imported.warnings

    elapsed = Workbook()
    elapsed.active.append(["Time", "Inject"])
    elapsed.active.append([dt.timedelta(minutes=0), "Start"])
    elapsed.active.append([dt.timedelta(hours=1, minutes=5), "Later"])
    elapsed.save(tmp_path / "elapsed.xlsx")
    assert [inject.at for inject in import_file(tmp_path / "elapsed.xlsx").scenario.injects] == [0, 3900]


def test_recipients_become_roles(tmp_path):
    imported = import_csv(tmp_path, "Time,To,Inject,Expected Action\n"
                                    "T+00:00,IC / PR,One,\n"
                                    "T+00:01,SimCell,Two,\n"
                                    "T+00:02,All players,Three,Respond\n"
                                    "T+00:03,Finance,Four,\n"
                                    "T+00:04,\"Controller, Legal\",Five,\n")
    scenario = imported.scenario
    assert list(scenario.roles) == ["ic", "comms", "finance", "legal"]
    assert [inject.to for inject in scenario.injects[:2]] == [("ic", "comms"), ("facilitator",)]
    assert scenario.injects[2].expects.roles == ()  # every role may answer
    assert scenario.injects[4].to == ("legal",)
    warnings = located(imported.warnings)
    assert any(line.startswith("5:B: warning: 'Finance' is not one of drill's usual roles: added as role finance")
               for line in warnings)
    assert any(line.startswith("6:B: warning: To: the exercise staff named beside players") for line in warnings)
    assert any("no response time" in line for line in warnings)


def test_a_sheet_of_its_own_roles(tmp_path):
    imported = import_csv(tmp_path, "Time,To,Inject\nT+00:00,Blue Team Lead,One\nT+00:05,Red & Blue Team Lead,Two\n")
    assert imported.scenario.roles["blue-team-lead"].name == "Blue Team Lead"
    assert imported.scenario.roles["red-blue-team-lead"].name == "Red & Blue Team Lead"
    assert not [warning for warning in imported.warnings if "usual roles" in warning.message]


def test_the_default_response_time_is_said_once(tmp_path):
    imported = import_csv(tmp_path, "Time,To,Inject,Expected Action\n"
                          + "".join(f"T+00:0{n},IC,Row {n},Do it\n" for n in range(4)))
    assert [inject.expects.within for inject in imported.scenario.injects] == [900] * 4
    said = [warning for warning in imported.warnings if "15 minutes" in warning.message]
    assert len(said) == 1 and said[0].row == 2


def test_a_response_time_of_none_keeps_the_expected_action_as_guidance(tmp_path):
    imported = import_csv(tmp_path, "Time,To,Inject,Expected Action,Response Time\n"
                                    "T+00:00,IC,One,Think about it,none\nT+00:05,IC,Two,,10\n")
    first, second = imported.scenario.injects
    assert first.expects is None and first.guide.expected == ("Think about it",)
    assert second.expects.within == 600


def test_types_read_exactly_are_not_warned(tmp_path):
    rows = ["Alert", "Chat", "E-mail", "Ticket", "Press call", "Social post", "Executive request", "Fact update",
            "Note", "social_post"]
    imported = import_csv(tmp_path, "Time,Delivery Method,Inject\n"
                          + "".join(f"T+00:{n:02d},{method},Row\n" for n, method in enumerate(rows)))
    assert [inject.type for inject in imported.scenario.injects] == [
        "alert", "chat", "email", "ticket", "press_call", "social_post", "exec_request", "fact_update", "note",
        "social_post"]
    assert not [warning for warning in imported.warnings if "type" in warning.message]


def test_no_method_column_is_said_once(tmp_path):
    imported = import_csv(tmp_path, "Time,Inject\nT+00:00,One\nT+00:05,Two\n")
    assert [inject.type for inject in imported.scenario.injects] == ["chat", "chat"]
    assert located(imported.warnings) == [
        "1:A: warning: no Delivery Method or Inject Type column: every inject is a chat message",
        "1:A: warning: no row names a recipient: every inject goes to every role "
        "(ic, liaison, comms, support, legal, exec)"]


def test_the_other_columns_land_in_their_fields(tmp_path):
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "fs02.log").write_text("renames")
    imported = import_csv(
        tmp_path,
        "Time,From,Faction,To,Team,Method,Subject,Message,Expected action,Tag,Attachments,Owner\n"
        "T+00:00,SOC,Blue,IC,Alpha,Email,First alert,The text,\"- Page comms\n- Open a channel\",\"detection, ransomware\","
        "logs/fs02.log,Sam\n",
        attachment_exists=lambda path: (tmp_path / path).is_file())
    inject = imported.scenario.injects[0]
    assert imported.set_name == "a Conducttr MEL"
    assert inject.id == "first-alert"
    assert inject.guide.title == "First alert" and inject.text == "The text"
    assert inject.guide.expected == ("Page comms", "Open a channel")
    assert inject.guide.tags == ("detection", "ransomware")
    assert inject.guide.attachments == ("logs/fs02.log",)
    assert inject.guide.meta == {"faction": "Blue", "team": "Alpha", "owner": "Sam", "source_row": 2}
    assert [warning.message for warning in imported.warnings] == [
        "no response time: each ask without one gives the team 15 minutes"]


def test_an_attachment_outside_the_folder_is_refused(tmp_path):
    with pytest.raises(SheetError) as raised:
        import_csv(tmp_path, "Time,Inject,Files\nT+00:00,One,../secrets.txt\n")
    assert located(raised.value.errors) == [
        "2:C: Files: '../secrets.txt' must be a path inside the scenario's folder"]


HOSTILE = [
    "yes", "no", "null", "~", "08", "1e3", "0x1F", "1_000", "- item", ": colon", "&anchor", "*alias", "!tag",
    "!!python/object:os.system", "{a: b}", "[1, 2]", "#comment", "'quoted'", '"double"', "%YAML", "---", "...",
    "{fake.name} {fact.secret} {{braces}}", "tab\there", "line\nbreak\n\nand blank", " leading and trailing ",
    "bell\x07 escape\x1b[2J", "bidi\u202eexe.pdf", "zero\u200bwidth", "ünïcødé ✓",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_sheet_text_is_kept_as_written_and_never_interpreted(tmp_path, text):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Time", "From", "Inject", "Notes", "Title", "Custom"])
    writer.writerow(["T+00:00", text, text, text, text, text])
    try:
        imported = import_csv(tmp_path, buffer.getvalue())
    except SheetError as error:  # a text too odd for a name or title is refused, never written
        assert all(problem.row == 2 for problem in error.errors), error
        return
    inject = imported.scenario.injects[0]
    kept = text.strip()
    assert inject.text == literal(kept) and inject.sender == literal(kept)
    assert inject.guide.notes == kept and inject.guide.title == kept
    assert inject.guide.meta["custom"] == kept
    assert yaml.safe_load(imported.text)["injects"][0]["text"] == literal(kept)


def test_a_quoted_formula_loses_its_quote_in_csv(tmp_path):
    imported = import_csv(tmp_path, "Time,Inject,From\nT+00:00,'=HYPERLINK(\"x\"),'@someone\n")
    inject = imported.scenario.injects[0]
    assert inject.text == '=HYPERLINK("x")' and inject.sender == "@someone"


def test_a_map_file_names_an_unusual_sheet(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("Title of the plan\n"
                    "Ref,Clock,Who,Body,Medium,Scratch\n"
                    "A1,10:00,Ops,Servers are slow,Carrier pigeon,x\n"
                    "A2,10:30,Board,What is going on?,Email,y\n")
    mapping = ("columns: {Ref: serial, Clock: time, Who: to, Body: text, Medium: method, Scratch: ignore}\n"
               "roles: {ops: Ops, board: Board}\n"
               "types: {Carrier pigeon: note}\n"
               "header_row: 2\n")
    imported = import_file(path, mapping)
    first, second = imported.scenario.injects
    assert (first.id, first.type, first.to, first.at) == ("a1", "note", ("ops",), 0)
    assert (second.type, second.to, second.at) == ("email", ("board",), 1800)
    assert imported.scenario.start == "10:00"
    assert "scratch" not in first.guide.meta
    assert not imported.warnings

    path.write_text(path.read_text() + "A3,10:40,Marketing,Unknown role,Email,z\n")
    with pytest.raises(SheetError) as raised:
        import_file(path, mapping)
    assert located(raised.value.errors) == ["5:C: Who: 'Marketing' is not one of the map file's roles (ops, board)"]


def test_a_bad_map_file_is_reported_at_its_line(tmp_path, capsys):
    sheet = tmp_path / "odd.csv"
    sheet.write_text("Time,Inject\nT+00:00,One\n")
    mapping = tmp_path / "map.yaml"
    mapping.write_text("columns:\n  Clock: tme\ncolour: blue\n")
    assert main(["import", str(sheet), "--map", str(mapping)]) == 1
    err = capsys.readouterr().err
    assert f"{mapping}:2:10: unknown field 'tme'" in err
    assert f"{mapping}:3:1: unknown key 'colour'" in err


def test_section_rows_are_left_out_with_a_warning(tmp_path):
    imported = import_csv(tmp_path, "Seq No,Time,Inject\n,,\nPHASE 1,,\n1,T+00:00,One\n")
    assert len(imported.scenario.injects) == 1
    assert "3:A: warning: left out: no time and no inject text ('PHASE 1')" in located(imported.warnings)


def test_duplicate_serials_get_ids_of_their_own(tmp_path):
    imported = import_csv(tmp_path, "Seq No,Time,Inject\n7,T+00:00,One\n7,T+00:05,Two\n")
    assert [inject.id for inject in imported.scenario.injects] == ["inject-7", "inject-7-2"]
    assert any("serial '7' is also on row 2" in warning.message for warning in imported.warnings)


def test_the_yaml_is_readable(tmp_path):
    imported = import_file(FIXTURES / "ransomware-msel.csv")
    text = imported.text
    assert text.startswith("format: 2\nid: imported\n")
    assert "\n\n  - id: inject-2\n    at: 2m\n    type: alert\n" in text
    assert "    to: [ic]\n" in text and "    expects: {role: ic, channel: incident_chat, within: 5m}\n" in text


def test_a_sheet_too_large_for_a_scenario_file_is_refused_at_its_header(tmp_path):
    rows = "".join(f"T+00:{n % 60:02d},IC,{'x' * 2000} {n}\n" for n in range(600))
    with pytest.raises(SheetError) as raised:
        import_csv(tmp_path, "Time,To,Inject\n" + rows)
    assert located(raised.value.errors)[0].startswith("1:A: the scenario would be ")


def test_importing_and_exporting_never_load_the_ui_or_faker(tmp_path):
    import subprocess
    import sys

    probe = f"""
import sys, json
from drill.cli.main import main
main(["import", {str(FIXTURES / 'ransomware-msel.csv')!r}, "--out", {str(tmp_path / 'r.yaml')!r}])
main(["export-msel", "checkout-outage", "--out", {str(tmp_path / 'c.xlsx')!r}])
print(json.dumps(sorted(sys.modules)))
"""
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    modules = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert not {"textual", "rich", "faker", "sqlite3"} & modules
