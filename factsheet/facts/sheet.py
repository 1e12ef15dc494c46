"""Build the fact sheet of an article: its date, events, people, organisations, places, quotes."""

from __future__ import annotations

import datetime as dt

from ..dates.published import dated_mentions
from .entities import find_entities
from .events import build_events
from .model import FactSheet


def build_sheet(
    text: str,
    published: dt.date | None = None,
    *,
    source: str | None = None,
    prefer: str | None = None,
) -> FactSheet:
    """The fact sheet of ``text``; ``published`` (the user's date) wins over inference.
    ``prefer`` is that of :func:`factsheet.find_dates`."""
    mentions, pub = dated_mentions(text, published, prefer=prefer)
    hits, places, orgs, people, quotes = find_entities(text, [(m.start, m.end) for m in mentions])
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
