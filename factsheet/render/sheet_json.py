"""The fact sheet as JSON (schema ``factsheet.sheet/1``) and JSON Lines: the keys live here.

Date mentions inside it use the ``factsheet.dates/1`` mention object of :mod:`factsheet.schema`.
Renaming a key here is a breaking change (new schema version); ``tests/test_sheet_json.py``
pins the key sets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, TypedDict

from ..facts.countdown import Countdown, countdowns
from ..facts.model import Event, FactSheet, Span
from ..schema import IntervalJSON, MentionJSON, mention_json, published_json, value_json
from .safe import json_dumps

SHEET_SCHEMA = "factsheet.sheet/1"
COUNTDOWN_SCHEMA = "factsheet.countdown/1"


class SpanJSON(TypedDict):
    text: str
    start: int
    end: int


class EvidenceJSON(TypedDict):
    text: str
    start: int
    end: int
    reason: str


class SheetPublishedJSON(TypedDict):
    value: str | None
    basis: str
    weekday: str | None
    uncertainty_days: int | None
    interval: IntervalJSON | None
    evidence: list[EvidenceJSON]


class WhereJSON(TypedDict):
    name: str
    en: str
    kind: str
    code: str | None
    text: str
    start: int
    end: int


class RelationJSON(TypedDict):
    relation: str
    offset: str | None
    event: str
    text: str
    start: int
    end: int


class EventJSON(TypedDict):
    id: str
    label: str
    label_span: SpanJSON | None
    when: Any
    grain: str | None
    where: WhereJSON | None
    own: bool
    acronym: str | None
    relations: list[RelationJSON]
    mentions: list[MentionJSON]


class PersonJSON(TypedDict):
    name: str | None
    role: str | None
    role_span: SpanJSON | None
    mentions: list[SpanJSON]


class OrganizationJSON(TypedDict):
    name: str
    en: str | None
    acronym: str | None
    mentions: list[SpanJSON]


class PlaceJSON(TypedDict):
    name: str
    en: str
    kind: str
    code: str | None
    mentions: list[SpanJSON]


class QuoteJSON(TypedDict):
    text: str
    start: int
    end: int
    speaker: str | None
    speaker_span: SpanJSON | None


class SheetJSON(TypedDict):
    """The document printed by ``factsheet sheet --format json``."""

    schema: str
    source: str | None
    published: SheetPublishedJSON
    events: list[EventJSON]
    people: list[PersonJSON]
    organizations: list[OrganizationJSON]
    places: list[PlaceJSON]
    quotes: list[QuoteJSON]
    dates: list[MentionJSON]


class CountdownJSON(TypedDict):
    event: str
    label: str
    when: Any
    status: str
    days: int
    years: int
    months: int
    day_count: int
    exact: bool


def span_json(s: Span | None) -> SpanJSON | None:
    return None if s is None else {"text": s.text, "start": s.start, "end": s.end}


def _spans(spans: tuple[Span, ...]) -> list[SpanJSON]:
    return [{"text": s.text, "start": s.start, "end": s.end} for s in spans]


def event_json(e: Event) -> EventJSON:
    where: WhereJSON | None = None
    if e.where is not None:
        p = e.where.place
        where = {"name": p.name, "en": p.en, "kind": p.kind, "code": p.code,
                 "text": e.where.span.text, "start": e.where.span.start,
                 "end": e.where.span.end}
    return {
        "id": e.id,
        "label": e.label,
        "label_span": span_json(e.label_span),
        "when": value_json(e.when),
        "grain": e.grain,
        "where": where,
        "own": e.own,
        "acronym": e.acronym,
        "relations": [
            {"relation": r.relation, "offset": r.offset, "event": r.target,
             "text": r.span.text, "start": r.span.start, "end": r.span.end}
            for r in e.relations
        ],
        "mentions": [mention_json(m) for m in e.mentions],
    }


def sheet_json(sheet: FactSheet) -> SheetJSON:
    """The whole fact sheet as JSON data."""
    p = sheet.published
    return {
        "schema": SHEET_SCHEMA,
        "source": sheet.source,
        "published": {
            "value": p.iso,
            "basis": p.basis,
            "weekday": p.value.strftime("%A") if p.value else None,
            "uncertainty_days": p.uncertainty_days,
            "interval": published_json(p.iso, p.basis, p.interval)["interval"],
            "evidence": [
                {"text": e.text, "start": e.start, "end": e.end, "reason": e.reason}
                for e in p.evidence
            ],
        },
        "events": [event_json(e) for e in sheet.events],
        "people": [
            {"name": x.name, "role": x.role, "role_span": span_json(x.role_span),
             "mentions": _spans(x.mentions)}
            for x in sheet.people
        ],
        "organizations": [
            {"name": o.name, "en": o.en, "acronym": o.acronym, "mentions": _spans(o.mentions)}
            for o in sheet.organizations
        ],
        "places": [
            {"name": x.name, "en": x.en, "kind": x.kind, "code": x.code,
             "mentions": _spans(x.mentions)}
            for x in sheet.places
        ],
        "quotes": [
            {"text": q.text, "start": q.start, "end": q.end, "speaker": q.speaker,
             "speaker_span": span_json(q.speaker_span)}
            for q in sheet.quotes
        ],
        "dates": [mention_json(m) for m in sheet.dates],
    }


def sheet_jsonl(sheet: FactSheet) -> Iterator[str]:
    """One JSON object per line: ``{"kind": "published"|"event"|"person"|…, …}``."""
    doc = sheet_json(sheet)
    yield json_dumps({"kind": "published", "schema": SHEET_SCHEMA, "source": sheet.source,
                      **doc["published"]}) + "\n"
    for kind, items in (("event", doc["events"]), ("person", doc["people"]),
                        ("organization", doc["organizations"]), ("place", doc["places"]),
                        ("quote", doc["quotes"])):
        for item in items:
            yield json_dumps({"kind": kind, **item}) + "\n"


def countdown_json(c: Countdown) -> CountdownJSON:
    return {
        "event": c.event.id,
        "label": c.event.label,
        "when": value_json(c.event.when),
        "status": c.status,
        "days": c.days,
        "years": c.ymd[0],
        "months": c.ymd[1],
        "day_count": c.ymd[2],
        "exact": c.exact,
    }


def countdown_doc(sheet: FactSheet, as_of: dt.date) -> dict[str, Any]:
    return {
        "schema": COUNTDOWN_SCHEMA,
        "source": sheet.source,
        "as_of": as_of.isoformat(),
        "events": [countdown_json(c) for c in countdowns(sheet.events, as_of)],
    }
