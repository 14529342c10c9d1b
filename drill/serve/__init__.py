"""Serving one drill to many seats over WebSockets: the server owns the live drill, its clock and the store."""
