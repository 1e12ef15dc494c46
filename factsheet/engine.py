"""The date engine: find every temporal expression in a text (work in progress)."""

from __future__ import annotations

import datetime as dt

from .model import Mention


def find_dates(text: str, published: dt.date | str | None = None) -> list[Mention]:
    """Every temporal expression in ``text``, sorted by position."""
    return []
