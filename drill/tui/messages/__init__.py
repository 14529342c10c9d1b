"""Custom Textual messages, one module per topic."""
