"""Serving one drill to many seats over WebSockets: the server owns the live drill, its clock and the store.

- ``drills``: the drill to host, new (paused, its seats given tokens) or resumed from the store
- ``host``: ``DrillHost``, every seat's frames turned into the live drill's commands, acks after the store
- ``feeds``: each viewer's events, admitted to the audience filter once and encoded once per distinct view
- ``connections``: the seats connected now, written to in order, none waited for
- ``handler``: one connection's hello, frames, rate limit and close codes
- ``server``: the listener, the clock task and a clean stop; ``running``: ``drill serve`` from start to exit
- ``tokens``, ``seating``, ``drafts``, ``roster``, ``clock``, ``ratelimit``, ``wire``, ``codes``, ``web``

It imports websockets, so only ``drill serve`` (and tests) load it.
"""
