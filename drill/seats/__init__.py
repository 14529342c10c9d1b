"""Seats: what each person in a multi-seat drill may see and say (pure: no I/O, no UI).

``protocol`` defines the frames a drill server and its seats exchange; ``audience`` decides which
events each viewer (the facilitator, an observer, a role) receives and as what; ``views`` is what a
seat may know of the scenario.
"""
