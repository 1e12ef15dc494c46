"""Events: each date tied to what happens and where, merged, with relations between them."""

from __future__ import annotations

import datetime as dt

from factsheet.dates.model import Range
from factsheet.facts.sheet import build_sheet


def test_event_label_and_place_come_from_the_clause() -> None:
    text = (
        "تونس - أكد وزير الثقافة أن هذه الدورة ستكون استثنائية. "
        "وذكر أن المهرجان انطلق لأول مرة بقرطاج عام 1966، "
        "وأن هذه الدورة تقام من 5 إلى 12 يوليوز 2024 بسوسة."
    )
    sheet = build_sheet(text, dt.date(2024, 6, 1))
    by_when = {str(e.when): e for e in sheet.events}
    first = by_when["1966"]
    assert "انطلق لأول مرة" in first.label
    edition = next(e for e in sheet.events if isinstance(e.when, Range))
    assert edition.where is not None and edition.where.place.en == "Sousse"
    own = next(e for e in sheet.events if e.own)
    assert own.when == "2024-06-01"
    assert own.where is not None and own.where.place.name == "تونس"


def test_two_mentions_of_one_event_are_merged() -> None:
    text = (
        "ستحتضن الدوحة القمة العربية في يونيو المقبل. "
        "وتنعقد القمة في الدوحة يومي 14 و15 يونيو 2025."
    )
    sheet = build_sheet(text, dt.date(2025, 3, 1))
    dated = [e for e in sheet.events if not e.own]
    assert len(dated) == 1
    summit = dated[0]
    assert summit.where is not None and summit.where.place.en == "Doha"
    assert [m.text for m in summit.mentions] == ["يونيو المقبل", "يومي 14 و15 يونيو 2025"]


def test_events_with_different_dates_stay_apart() -> None:
    text = "افتتح المتحف سنة 2010 بفاس، ثم أعيد افتتاحه سنة 2021 بعد الترميم."
    sheet = build_sheet(text, dt.date(2022, 1, 1))
    whens = sorted(str(e.when) for e in sheet.events if not e.own)
    assert whens == ["2010", "2021"]


def test_offset_to_a_named_event_is_a_relation() -> None:
    text = (
        "قال المدرب اليوم الاثنين إن الفريق جاهز، قبل 30 يوما من البطولة. "
        "وتنطلق البطولة في القاهرة يوم 10 فبراير 2025."
    )
    sheet = build_sheet(text)
    assert sheet.published.value == dt.date(2025, 1, 13)  # 10 Feb − 30 days = 11 Jan → Monday
    own = next(e for e in sheet.events if e.own)
    tournament = next(e for e in sheet.events if e.when == "2025-02-10")
    assert [(r.relation, r.offset, r.target) for r in own.relations] == [
        ("before", "P30D", tournament.id),
    ]
