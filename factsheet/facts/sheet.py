"""Build the fact sheet of an article: its date, events, people, organisations, places, quotes."""

from __future__ import annotations

import datetime as dt

from ..published import infer_published
from .entities import find_entities
from .events import build_events
from .model import FactSheet


def build_sheet(
    text: str, published: dt.date | None = None, *, source: str | None = None
) -> FactSheet:
    """The fact sheet of ``text``; ``published`` (the user's date) wins over inference."""
    from ..engine import find_dates

    raw = find_dates(text, None)
    pub = infer_published(text, published, mentions=raw)
    mentions = find_dates(text, pub.value) if pub.value is not None else raw
    hits, places, orgs, people, quotes = find_entities(text)
    events = build_events(text, mentions, pub, hits, places)
    return FactSheet(
        source=source,
        text=text,
        published=pub,
        dates=tuple(mentions),
        events=tuple(events),
        people=tuple(people),
        organizations=tuple(orgs),
        places=tuple(places),
        quotes=tuple(quotes),
    )
