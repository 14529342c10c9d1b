"""Tokens open one seat of one drill: wrong, revoked, another drill's, after the end, replaced."""

from serve_harness import Seat, hosted_drill, join, run, served, tag
from websockets.asyncio.client import connect

from drill.seats.protocol import (
    CLOSE_BAD_TOKEN, CLOSE_DRILL_ENDED, CLOSE_REPLACED, CLOSE_REVOKED, CLOSE_VERSION, Control, Hello, Revoke,
)
from drill.serve.tokens import token_hash
from drill.store import Store


async def refused(url, token, **hello):
    seat = await join(url, token, welcome=False, **hello)
    return await seat.closed_with()


def test_a_wrong_token_is_refused():
    async def main():
        async with served() as drill:
            return await refused(drill.url, "not-a-token")

    code, reason = run(main())
    assert code == CLOSE_BAD_TOKEN and "unknown token" in reason


def test_another_version_is_refused():
    async def main():
        async with served() as drill:
            seat = Seat(await connect(drill.url))
            await seat.send(Hello(v=99, token=drill.tokens["comms"]))
            return await seat.closed_with()

    code, reason = run(main())
    assert code == CLOSE_VERSION and "version 1" in reason


def test_a_token_of_another_drill_says_so(tmp_path):
    async def main():
        with Store(tmp_path / "drill.db") as store:
            first, second = hosted_drill(store=store), hosted_drill(store=store)
            async with served(first) as drill:
                return second.drill_id, drill.drill_id, await refused(drill.url, second.tokens["comms"])

    other, this, (code, reason) = run(main())
    assert code == CLOSE_BAD_TOKEN and f"drill {other}" in reason and this in reason


def test_the_store_keeps_only_hashes(tmp_path):
    with Store(tmp_path / "drill.db") as store:
        hosted = hosted_drill(store=store)
        stored = store.seat_tokens(hosted.drill_id)
    assert {token.seat for token in stored} == set(hosted.tokens)
    assert {token.token_sha256 for token in stored} == {token_hash(token) for token in hosted.tokens.values()}
    data = b"".join(path.read_bytes() for path in tmp_path.iterdir())  # the database and its journal
    assert not any(token.encode() in data for token in hosted.tokens.values())


def test_a_revoked_token_is_closed_and_refused_and_the_new_one_works():
    async def main():
        async with served() as drill:
            fac = await join(drill.url, drill.tokens["facilitator"])
            comms = await join(drill.url, drill.tokens["comms"])
            await fac.send(Revoke(id="r1", seat="comms"))
            assert tag(await fac.ack("r1")) == "ack"
            roster = await fac.next("roster", lambda frame: "comms" in frame.tokens)
            closed = await comms.closed_with()
            again = await refused(drill.url, drill.tokens["comms"])
            fresh = await join(drill.url, roster.tokens["comms"])
            welcome = fresh.frames[0]
            await fac.send(Revoke(id="r2", seat="facilitator"))
            own = await fac.ack("r2")
            await fac.send(Revoke(id="r3", seat="nobody"))
            unknown = await fac.ack("r3")
            return closed, again, welcome, own, unknown

    closed, again, welcome, own, unknown = run(main())
    assert closed[0] == CLOSE_REVOKED
    assert again[0] == CLOSE_BAD_TOKEN and "revoked" in again[1]
    assert welcome.seat.seat == "comms"
    assert tag(own) == "rejected" and tag(unknown) == "rejected" and "no seat 'nobody'" in unknown.reason


def test_revoking_without_reissue_leaves_the_seat_closed():
    async def main():
        async with served() as drill:
            fac = await join(drill.url, drill.tokens["facilitator"])
            await fac.send(Revoke(id="r", seat="ic", reissue=False))
            await fac.ack("r")
            roster = await fac.next("roster")
            return roster, await refused(drill.url, drill.tokens["ic"])

    roster, (code, _) = run(main())
    assert roster.tokens == {} and code == CLOSE_BAD_TOKEN


def test_tokens_expire_when_the_drill_ends():
    async def main():
        async with served() as drill:
            fac = await join(drill.url, drill.tokens["facilitator"])
            comms = await join(drill.url, drill.tokens["comms"])
            await fac.send(Control(id="end", action="end"))
            await fac.ack("end")
            ended = await comms.event("drill_ended")
            closed = await comms.closed_with()
            await drill.server.wait()
            return ended, closed

    ended, (code, reason) = run(main())
    assert ended["data"]["reason"] == "facilitator"
    assert code == CLOSE_DRILL_ENDED and "ended" in reason


def test_a_hello_after_the_end_is_told_the_drill_ended():
    async def main():
        hosted = hosted_drill()
        hosted.live.end()
        async with served(hosted, linger=60) as drill:
            return await refused(drill.url, drill.tokens["comms"])

    code, _ = run(main())
    assert code == CLOSE_DRILL_ENDED


def test_the_same_seat_joining_again_replaces_the_first_connection():
    async def main():
        async with served() as drill:
            first = await join(drill.url, drill.tokens["comms"])
            second = await join(drill.url, drill.tokens["comms"])
            closed = await first.closed_with()
            await second.settled()
            return closed

    code, reason = run(main())
    assert code == CLOSE_REPLACED
