"""Renderers: turn results into text for terminals, pipes and files (one module per view)."""
