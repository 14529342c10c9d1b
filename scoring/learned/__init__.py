"""Detector models trained offline on hand-labelled messages, read at run time from JSON."""
