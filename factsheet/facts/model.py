"""Typed, immutable facts of an article: places, organisations, people, quotes, events.

Every item keeps the spans of the text it comes from (code-point offsets into the original
text, end exclusive), so that ``source[span.start:span.end] == span.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..dates.model import Mention, Value
from ..dates.published import PublishedDate


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the original text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Place:
    """A country, city or region, with every span that names it."""

    name: str
    en: str
    kind: Literal["country", "city", "region", "site"]
    """``site``: a named airport, stadium, port, crossing, street, hotel … (``مطار نيودلهي``)."""
    code: str | None
    mentions: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Organization:
    """A named body (from the lexicon or from a name pattern)."""

    name: str
    en: str | None
    acronym: str | None
    mentions: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Person:
    """A person, named or known by role only (``رئيس الجمعية العامة للأمم المتحدة``)."""

    name: str | None
    role: str | None
    role_span: Span | None
    mentions: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Quote:
    """Words quoted directly, and who said them when the text tells."""

    text: str
    start: int
    end: int
    speaker: str | None
    speaker_span: Span | None


@dataclass(frozen=True, slots=True)
class Where:
    """Where an event happens: a place and the span that says so."""

    place: Place
    span: Span


@dataclass(frozen=True, slots=True)
class Relation:
    """``قبل 50 يوما من المنتدى``: this event is 50 days before event ``target``."""

    relation: str
    offset: str | None
    target: str
    span: Span


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happens at a date, in the article's words.

    ``when`` is the engine's value (an ISO string or a range) of the most precise mention;
    ``mentions`` are the date expressions that refer to it. ``own`` marks the article's own
    event (what is reported, dated by the publication date).
    """

    id: str
    label: str
    label_span: Span | None
    when: Value
    grain: str | None
    where: Where | None
    mentions: tuple[Mention, ...]
    own: bool = False
    acronym: str | None = None
    relations: tuple[Relation, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class FactSheet:
    """Everything the fact sheet shows about one article."""

    source: str | None
    text: str
    published: PublishedDate
    dates: tuple[Mention, ...]
    events: tuple[Event, ...]
    people: tuple[Person, ...]
    organizations: tuple[Organization, ...]
    places: tuple[Place, ...]
    quotes: tuple[Quote, ...]
