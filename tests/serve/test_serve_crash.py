"""`drill serve` killed with SIGKILL and resumed with --resume: no acknowledged message is lost."""

import asyncio
import json
import os
import signal

from serve_harness import WAIT, join, run, start_server, tag

from drill.seats.protocol import Send
from drill.store import Store


def test_a_killed_server_resumes_with_every_acknowledged_message(tmp_path):
    db, codes = tmp_path / "drill.db", tmp_path / "codes.json"

    async def main():
        process, drill_id, url = await start_server("checkout-outage", "--db", str(db), "--codes-out", str(codes))
        try:
            tokens = json.loads(codes.read_text())["tokens"]
            assert (os.stat(codes).st_mode & 0o777) == 0o600
            comms = await join(url, tokens["comms"])
            ic = await join(url, tokens["ic"])
            acked = {}
            for n in range(5):
                for seat, channel in ((comms, "status_page"), (ic, "incident_chat")):
                    await seat.send(Send(id=f"m{n}", channel=channel, text=f"Update {n} from {channel}."))
                    acked[seat is comms, f"m{n}"] = (await seat.ack(f"m{n}")).seq
            for n in range(5, 8):  # sent, and the server is killed before their acks are awaited
                await comms.send(Send(id=f"m{n}", channel="status_page", text=f"Update {n} from status_page."))
            await comms.settled()
            last_seen = comms.seqs[-1]
        finally:
            process.send_signal(signal.SIGKILL)
            await process.wait()

        process, resumed_id, url = await start_server("--resume", drill_id, "--db", str(db))
        try:
            back = await join(url, tokens["comms"], after=last_seen)
            again = {}
            for n in range(8):
                await back.send(Send(id=f"m{n}", channel="status_page", text=f"Update {n} from status_page."))
                again[f"m{n}"] = await back.ack(f"m{n}")
            ic_back = await join(url, tokens["ic"])
            await ic_back.send(Send(id="m0", channel="incident_chat", text="Update 0 from incident_chat."))
            ic_again = await ic_back.ack("m0")
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                out, err = await asyncio.wait_for(process.communicate(), WAIT)
            except asyncio.TimeoutError:
                process.kill()
                raise
        return drill_id, resumed_id, acked, again, ic_again, process.returncode, err.decode()

    drill_id, resumed_id, acked, again, ic_again, status, err = run(main(), timeout=300)
    assert resumed_id == drill_id and status == 0 and "Traceback" not in err
    for n in range(5):
        assert tag(again[f"m{n}"]) == "ack" and again[f"m{n}"].seq == acked[True, f"m{n}"]
    assert ic_again.seq == acked[False, "m0"]
    with Store(db, create=False) as store:
        recorded = [e for e in store.events(drill_id) if e.kind == "response_recorded"]
    client_ids = [e.data["client_id"] for e in recorded]
    assert len(client_ids) == len(set(client_ids))  # nothing twice
    for (is_comms, frame_id), seq in acked.items():
        stored = next(e for e in recorded if e.seq == seq)
        assert stored.data["client_id"] == f"{'comms' if is_comms else 'ic'}/{frame_id}"
    assert {f"comms/m{n}" for n in range(8)} <= set(client_ids)  # the unacknowledged ones, once each
