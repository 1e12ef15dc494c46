"""Data of the fact sheets (``entities.toml``: places, organisations, titles, verbs of saying)."""
