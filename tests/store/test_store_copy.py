"""`drill store copy`: drills move between SQLite and PostgreSQL whole, idempotently, verified."""

from __future__ import annotations

import pytest

from drill.cli.main import main
from drill.engine import Advance, AssignRoles, Respond
from drill.library import ScenarioFile
from drill.store import Store, StoreError, begin_recording
from drill.store.copy import COPIED, EXTENDED, SAME, copy_drills, log_checksum
from drill.store.store import SeatToken
from drill.wiring import start_drill
from scenario_text import MINIMAL


def recorded(store: Store, seed: int = 3, team: str = ""):
    source = ScenarioFile(MINIMAL.encode(), "tiny.yaml")
    engine = start_drill(source.load(), seed=seed)
    recorder = begin_recording(store, engine, MINIMAL, source.name, team=team)
    for command in (Advance(to=120), AssignRoles({"comms": "Ana"}),
                    Respond("comms", "status_page", "We are investigating errors at checkout, «ünïcode» ok.")):
        recorder.record(engine.handle(command))
    return engine, recorder


@pytest.fixture
def pg(postgres_url):
    with Store(postgres_url, migrate=True) as store:
        yield store


def test_a_drill_goes_to_postgresql_and_back_byte_for_byte(tmp_path, pg):
    with Store(tmp_path / "a.db") as sqlite, Store(tmp_path / "b.db") as back:
        engine, recorder = recorded(sqlite, team="EU support")
        sqlite.add_seat_tokens(recorder.drill_id, [SeatToken("f" * 64, "facilitator", "facilitator", None)])
        sqlite.save_draft(recorder.drill_id, "half a thought", "comms", "status_page")
        drill_id = recorder.drill_id
        assert [c.outcome for c in copy_drills(sqlite, pg, [drill_id])] == [COPIED]
        assert [c.outcome for c in copy_drills(pg, back, [drill_id])] == [COPIED]
        for store in (pg, back):
            assert store.events(drill_id) == engine.log
            assert log_checksum(store, drill_id) == log_checksum(sqlite, drill_id)
            copied = store.drill(drill_id)
            original = sqlite.drill(drill_id)
            assert copied == original  # id, dates, team, participants, draft, clock, scenario text
            assert store.seat_tokens(drill_id) == sqlite.seat_tokens(drill_id)


def test_copying_again_changes_nothing_and_a_longer_log_is_extended(tmp_path, pg):
    with Store(tmp_path / "a.db") as sqlite:
        engine, recorder = recorded(sqlite)
        first = list(copy_drills(sqlite, pg, [recorder.drill_id]))
        assert [c.outcome for c in copy_drills(sqlite, pg, [recorder.drill_id])] == [SAME]
        recorder.record(engine.handle(Advance(to=600)))  # played on after the first copy
        extended = list(copy_drills(sqlite, pg, [recorder.drill_id]))
        assert extended[0].outcome == EXTENDED and extended[0].events > first[0].events
        assert pg.events(recorder.drill_id) == engine.log


def test_a_drill_that_differs_at_the_destination_is_refused_untouched(tmp_path, pg):
    with Store(tmp_path / "a.db") as sqlite, Store(tmp_path / "twin.db") as twin:
        _, recorder = recorded(sqlite)
        list(copy_drills(sqlite, pg, [recorder.drill_id]))
        before = pg.events(recorder.drill_id)
        list(copy_drills(pg, twin, [recorder.drill_id]))
        twin._db.execute("UPDATE events SET data = '{}' WHERE drill_id = ? AND seq = 2", (recorder.drill_id,))
        with pytest.raises(StoreError, match="differs"):
            list(copy_drills(twin, pg, [recorder.drill_id]))
        assert pg.events(recorder.drill_id) == before


def test_the_command_copies_chosen_drills_and_never_prints_the_password(tmp_path, postgres_url, capsys):
    db = tmp_path / "a.db"
    with Store(db) as sqlite:
        _, kept = recorded(sqlite, team="blue")
        recorded(sqlite, team="red")
    assert main(["store", "migrate", "--db", postgres_url]) == 0
    assert main(["store", "copy", str(db), postgres_url, "--team", "blue"]) == 0
    out, err = capsys.readouterr()
    assert "1 of 1 drill copied" in out and f"{kept.drill_id}: copied" in err
    assert "s3cret" not in out + err and "***" in out  # the URL is shown without its password
    with Store(postgres_url) as pg:
        assert [drill.team for drill in pg.drills()] == ["blue"]
    assert main(["store", "copy", str(db), postgres_url, "--drill", "nope00"]) == 1
    assert "no drill nope00" in capsys.readouterr().err


def test_a_postgresql_store_waits_for_its_migration(postgres_url, capsys):
    assert main(["history", "--db", postgres_url]) == 1
    err = capsys.readouterr().err
    assert "is empty" in err and "drill store migrate" in err and "s3cret" not in err
    assert main(["store", "migrate", "--db", postgres_url]) == 0
    assert "migrated to store version" in capsys.readouterr().out
    assert main(["store", "migrate", "--db", postgres_url]) == 0
    assert "already at store version" in capsys.readouterr().out
    assert main(["history", "--db", postgres_url]) == 0
