"""The store keeps served drills' seats: older stores gain the tables, drafts and tokens outlive the server."""


from serve_harness import hosted_drill, join, run, served

from drill.seats.protocol import Draft
from drill.serve.drills import resumed_hosted_drill
from drill.serve.seating import Seat
from drill.store import Store, schema
from drill.store.sqlite_backend import SQLiteBackend


def test_a_store_from_before_seats_is_migrated_and_keeps_its_drills(tmp_path):
    path = tmp_path / "old.db"
    old = SQLiteBackend(path, create=True, timeout=None)  # a store as the first version of drill left it
    schema.MIGRATIONS[0](old)
    old.execute("INSERT INTO meta (key, value) VALUES ('schema_version', '1')")
    old.close()
    with Store(path) as store:
        drill_id = hosted_drill(store=store).drill_id  # recorded (and its seats) in the migrated store
    with Store(path, create=False) as store:
        assert store.schema_version() == schema.SCHEMA_VERSION
        assert store.drill(drill_id).status == "running"
        assert {token.seat for token in store.seat_tokens(drill_id)} >= {"facilitator", "observer", "comms"}


def test_drafts_and_tokens_outlive_the_server(tmp_path):
    async def main():
        with Store(tmp_path / "drill.db") as store:
            hosted = hosted_drill(store=store)
            async with served(hosted) as drill:
                comms = await join(drill.url, drill.tokens["comms"])
                await comms.send(Draft(text="Half a status update", channel="status_page"))
                await comms.settled()
            resumed = resumed_hosted_drill(store, hosted.drill_id)
            async with served(resumed) as drill:
                back = await join(drill.url, hosted.tokens["comms"])
                return resumed.tokens, back.frames[0]

    new_tokens, welcome = run(main())
    assert new_tokens == {}  # the tokens from the first start still work
    assert (welcome.draft, welcome.draft_channel) == ("Half a status update", "status_page")


def test_a_drill_played_in_the_terminal_gets_seat_tokens_when_served(tmp_path):
    with Store(tmp_path / "drill.db") as store:
        hosted = hosted_drill(store=store)
        store.connection.execute("DELETE FROM seat_tokens")  # as if recorded by `drill run`
        resumed = resumed_hosted_drill(store, hosted.drill_id)
    assert set(resumed.tokens) == set(hosted.tokens)


def test_a_drill_that_ended_keeps_its_score(tmp_path, capsys):
    from drill.cli.serve import finish

    hosted = hosted_drill(store=Store(tmp_path / "drill.db"))
    hosted.live.end()
    assert finish(hosted) == 0  # it also closes the store
    out = capsys.readouterr().out
    assert f"drill {hosted.drill_id} has ended; recorded as drill {hosted.drill_id}" in out
    with Store(tmp_path / "drill.db", create=False) as store:
        record = store.drill(hosted.drill_id)
    assert record.status == "ended" and record.score is not None


def test_new_tokens_replace_the_old_ones_on_resume(tmp_path):
    with Store(tmp_path / "drill.db") as store:
        hosted = hosted_drill(store=store)
        resumed = resumed_hosted_drill(store, hosted.drill_id, new_tokens=True)
        book = resumed.book
        assert set(resumed.tokens) == set(hosted.tokens)
        assert all(isinstance(book.seat_of(token), Seat) for token in resumed.tokens.values())
        assert all("revoked" in book.seat_of(token).reason for token in hosted.tokens.values())
