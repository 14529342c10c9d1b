"""Widgets only a seat of a served drill shows."""
