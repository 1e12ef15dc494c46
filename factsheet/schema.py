"""The JSON wire format: the one place where keys are spelled.

Other tools rely on these keys. Renaming one is a breaking change and needs a new schema
version; adding one is allowed. ``tests/test_schema.py`` pins the key sets.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypedDict

from .dates.model import Anchor, Mention, PublishedBasis, Range, Value

DATES_SCHEMA = "factsheet.dates/1"


class IntervalJSON(TypedDict):
    """The first and last candidate days of a publication date the text narrows down."""

    start: str
    end: str


class PublishedJSON(TypedDict):
    """The article's own date and how it is known: ``value`` is a day when the evidence pins
    one; otherwise ``interval`` may hold the candidate days' span (``value`` is then null)."""

    value: str | None
    basis: PublishedBasis
    interval: IntervalJSON | None


def published_json(
    value: str | None, basis: PublishedBasis, interval: tuple[dt.date, dt.date] | None = None
) -> PublishedJSON:
    """The ``published`` object of the JSON documents."""
    return {
        "value": value,
        "basis": basis,
        "interval": (
            {"start": interval[0].isoformat(), "end": interval[1].isoformat()}
            if interval else None
        ),
    }


class AnchorJSON(TypedDict):
    relation: str
    text: str
    start: int
    end: int


class MentionJSON(TypedDict):
    """One temporal expression (an item of ``dates``)."""

    text: str
    start: int
    end: int
    type: str
    value: Any
    grain: str | None
    calendar: str
    relative: bool
    hijri: Any
    mod: str | None
    anchor: AnchorJSON | None
    rule: str
    inferred: bool
    notes: list[str]


class MentionLineJSON(MentionJSON):
    """One line of ``factsheet dates --format jsonl``: a mention and the source it is from."""

    source: str | None


class DatesJSON(TypedDict):
    """The document printed by ``factsheet dates --format json``."""

    schema: str
    source: str | None
    published: PublishedJSON
    dates: list[MentionJSON]


def value_json(value: Value) -> Any:
    """A mention value as JSON data: a string, ``{"start", "end"}``, a list, or null."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, Range):
        return {"start": value.start, "end": value.end}
    return [value_json(v) for v in value]


def value_text(value: Value) -> str:
    """A mention value as one line of plain text (``2022-05-17..2022-05-20``)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, Range):
        return f"{value.start or '?'}..{value.end or '?'}"
    return ", ".join(value_text(v) for v in value)


def anchor_json(anchor: Anchor | None) -> AnchorJSON | None:
    if anchor is None:
        return None
    return {
        "relation": anchor.relation,
        "text": anchor.target_text,
        "start": anchor.target_start,
        "end": anchor.target_end,
    }


def mention_json(m: Mention) -> MentionJSON:
    return {
        "text": m.text,
        "start": m.start,
        "end": m.end,
        "type": m.type,
        "value": value_json(m.value),
        "grain": m.grain,
        "calendar": m.calendar,
        "relative": m.relative,
        "hijri": value_json(m.hijri),
        "mod": m.mod,
        "anchor": anchor_json(m.anchor),
        "rule": m.rule,
        "inferred": m.inferred,
        "notes": list(m.notes),
    }


def mention_line_json(m: Mention, source: str | None) -> MentionLineJSON:
    """A mention as one JSON Lines record (``source`` first)."""
    line: MentionLineJSON = {"source": source, **mention_json(m)}
    return line


def dates_json(
    mentions: list[Mention],
    *,
    source: str | None,
    published: str | None,
    basis: PublishedBasis,
    interval: tuple[dt.date, dt.date] | None = None,
) -> DatesJSON:
    return {
        "schema": DATES_SCHEMA,
        "source": source,
        "published": published_json(published, basis, interval),
        "dates": [mention_json(m) for m in mentions],
    }
