"""Joining a drill server as one seat: a thin Textual client that shows only what the server sends."""
