"""The outbox: what a seat sent and never saw acknowledged survives the client, and goes once settled."""

from __future__ import annotations

import json

from drill.join.outbox import Outbox, outbox_path
from drill.seats import protocol as wire

URL, TOKEN = "ws://127.0.0.1:9999", "secret-token-abc"


def test_frames_are_kept_in_order_until_settled_and_the_file_goes_when_empty(private_outbox):
    path = outbox_path(URL, TOKEN)
    outbox = Outbox(path)
    first = wire.Send(id="a", channel="status_page", text="We are investigating.")
    second = wire.Relay(id="b", to=["ic"], text="ETA 20 minutes")
    outbox.add(first)
    outbox.add(second)
    assert [frame.id for frame in outbox.pending()] == ["a", "b"]
    assert path.exists()
    assert outbox.settle("a") == first
    assert outbox.settle("a") is None  # a second ack for the same id changes nothing
    assert [frame.id for frame in outbox.pending()] == ["b"]
    outbox.settle("b")
    assert not path.exists()


def test_a_client_started_again_finds_its_unacknowledged_frames_and_draft():
    path = outbox_path(URL, TOKEN)
    before = Outbox(path)
    before.add(wire.Send(id="a", channel="status_page", text="first"))
    before.add(wire.Send(id="b", channel="status_page", text="second", reply_to="press-1"))
    before.settle("a")
    before.set_draft("half a thought", "slack")
    after = Outbox(path)
    assert after.pending() == [wire.Send(id="b", channel="status_page", text="second", reply_to="press-1")]
    assert (after.draft, after.draft_channel) == ("half a thought", "slack")


def test_each_seat_of_each_server_has_its_own_file_and_the_token_is_never_written(private_outbox):
    assert outbox_path(URL, TOKEN) != outbox_path(URL, "other-token")
    assert outbox_path(URL, TOKEN) != outbox_path("ws://elsewhere:1", TOKEN)
    outbox = Outbox(outbox_path(URL, TOKEN))
    outbox.set_draft("draft", None)
    (saved,) = private_outbox.iterdir()
    assert TOKEN not in saved.name and TOKEN not in saved.read_text()
    assert oct(private_outbox.stat().st_mode & 0o777) == "0o700"


def test_a_damaged_file_starts_empty_and_says_so():
    path = outbox_path(URL, TOKEN)
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    outbox = Outbox(path)
    assert outbox.pending() == [] and "could not be read" in outbox.problem
    path.write_text(json.dumps({"frames": [{"type": "send", "id": "a"}]}))  # a frame missing its fields
    assert Outbox(path).pending() == []


def test_an_outbox_without_a_file_keeps_everything_in_memory():
    outbox = Outbox(None)
    outbox.add(wire.Send(id="a", channel="c", text="t"))
    assert len(outbox) == 1 and outbox.problem is None
