"""Screens of the facilitator's UI, one module each."""
