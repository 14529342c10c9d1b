"""Format 2's frames on the wire: choose, release and next_move; the old frames read as before."""

import json

import pytest

from drill.seats.protocol import (
    MAX_ID_CHARS, Choose, Control, NextMove, ProtocolError, Release, Send, decode_client, encode,
)


def test_the_play_frames_round_trip():
    for frame in (Choose(id="c1", inject="triage", option="restore"),
                  Choose(id="c2", inject="triage", option="pay", role="ic"),
                  Release(id="r1", inject="leak"),
                  NextMove(id="m1", move=2), NextMove(id="m2")):
        assert decode_client(encode(frame)) == frame
    assert json.loads(encode(Choose(id="c", inject="i", option="o"))) == {
        "type": "choose", "id": "c", "inject": "i", "option": "o", "role": None}
    assert json.loads(encode(NextMove(id="m", move=1)))["type"] == "next_move"


def test_old_frames_are_read_as_before():
    assert decode_client('{"type":"send","id":"a","channel":"bridge","text":"Hi","reply_to":"triage.first"}') == \
        Send(id="a", channel="bridge", text="Hi", reply_to="triage.first")
    assert decode_client('{"type":"control","id":"b","action":"next"}') == Control(id="b", action="next")


@pytest.mark.parametrize("raw", [
    '{"type":"choose","id":"c","inject":"triage"}',  # no option
    '{"type":"choose","id":"c","inject":"triage","option":"pay","by":"ic"}',  # an unknown field
    '{"type":"release","id":"r","inject":3}',
    '{"type":"next_move","id":"m","move":"two"}',
    '{"type":"choose","id":"","inject":"triage","option":"pay"}',
    '{"type":"choose","id":"c","inject":"' + "x" * (MAX_ID_CHARS + 1) + '","option":"pay"}',
    '{"type":"choose","id":"c","inject":"triage","option":"' + "x" * (MAX_ID_CHARS + 1) + '"}',
    '{"type":"choose","id":"c","inject":"triage","option":"pay","role":""}',
    '{"type":"release","id":"r","inject":""}',
])
def test_a_malformed_play_frame_is_a_protocol_error(raw):
    with pytest.raises(ProtocolError):
        decode_client(raw)
