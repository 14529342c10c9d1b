"""Seats: what each person in a multi-seat drill may see and say (pure: no I/O, no UI).

``protocol`` defines the frames a drill server and its seats exchange.
"""
