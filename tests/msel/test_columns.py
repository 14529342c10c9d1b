"""The three known column sets are recognised by their headers, however a sheet spells them."""

from drill.msel.columns import COLUMN_SETS, meta_key, normalise, recognise


def fields(headers, mapped=None):
    columns = recognise(headers, mapped)
    return {column.header: (column.meta_key if column.field == "meta" else column.field) for column in columns.columns}, columns


def test_hseep_msel_with_messy_headers():
    headers = ["Inject #", "SCENARIO TIME", "Inject Type", "Delivery  Method", "From / Originator",
               "To/Recipient/Player", "Inject", "Expected Action(s)", "Response Time (minutes)", "Notes"]
    found, columns = fields(headers)
    assert found == {
        "Inject #": "serial", "SCENARIO TIME": "time", "Inject Type": "type", "Delivery  Method": "method",
        "From / Originator": "from", "To/Recipient/Player": "to", "Inject": "text", "Expected Action(s)": "expected",
        "Response Time (minutes)": "within", "Notes": "notes",
    }
    assert columns.set_name == "an HSEEP-style MSEL"


def test_hseep_variants():
    found, _ = fields(["Seq. No.", "Exercise Time", "Recipient", "Description", "Expected Outcome", "Maximum (minutes)",
                       "Originator", "Serial"])
    assert found["Seq. No."] == "serial" and found["Serial"] == "serial"  # the second is kept in meta
    assert [found[key] for key in ("Exercise Time", "Recipient", "Description", "Expected Outcome",
                                   "Maximum (minutes)", "Originator")] == ["time", "to", "text", "expected",
                                                                           "within", "from"]
    _, columns = fields(["Seq. No.", "Serial"])
    assert columns.by_field["serial"].header == "Seq. No."
    assert [column.field for column in columns.columns] == ["serial", "meta"]


def test_conducttr_mel():
    headers = ["Time", "From", "Faction", "To", "Team", "Method", "Subject", "Message", "Expected action", "Tag"]
    found, columns = fields(headers)
    assert found == {"Time": "time", "From": "from", "Faction": "faction", "To": "to", "Team": "team",
                     "Method": "method", "Subject": "title", "Message": "text", "Expected action": "expected",
                     "Tag": "tags"}
    assert columns.set_name == "a Conducttr MEL"


def test_cmu_blueprint():
    headers = ["Order", "Group", "Move", "Assigned To", "Status", "Exercise Time", "Simulated Time", "Title",
               "Description", "To", "From", "Details", "Expected Actions"]
    found, columns = fields(headers)
    assert found == {"Order": "order", "Group": "group", "Move": "move", "Assigned To": "assigned_to",
                     "Status": "status", "Exercise Time": "time", "Simulated Time": "simulated_time",
                     "Title": "title", "Description": "text", "To": "to", "From": "from", "Details": "notes",
                     "Expected Actions": "expected"}
    assert columns.set_name == "a CMU Blueprint export"


def test_every_known_set_names_itself():
    for name, headers in COLUMN_SETS.items():
        assert recognise(list(headers)).set_name == name


def test_unknown_headers_are_kept_in_meta_and_empty_ones_ignored():
    found, columns = fields(["When it happens", "Body", "Owner Name", ""])
    assert found == {"When it happens": "when_it_happens", "Body": "text", "Owner Name": "owner_name", "": "ignore"}
    assert columns.set_name == ""


def test_a_map_names_what_the_headers_do_not():
    found, columns = fields(["When it happens", "Body", "Who"], {normalise("When it happens"): "time",
                                                                 normalise("who"): "to"})
    assert found == {"When it happens": "time", "Body": "text", "Who": "to"}


def test_normalising():
    assert normalise("Expected Action(s)") == "expectedaction"
    assert normalise("Inject #") == "injectno"
    assert normalise("  SCENARIO-TIME ") == "scenariotime"
    assert meta_key("Owner / Team lead") == "owner_team_lead"
