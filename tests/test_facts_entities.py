"""Places, organisations, people and quotes, on sentences from several kinds of news."""

from __future__ import annotations

from factsheet.facts.entities import find_entities
from factsheet.facts.gazetteer import find_names


def names(text: str) -> list[tuple[str, str, str]]:
    return [(h.text, h.entry.name, h.entry.kind) for h in find_names(text)]


def test_places_with_clitics_from_cldr_and_the_lexicon() -> None:
    text = "سافر الوفد من بالرباط إلى القاهرة ثم لمراكش، وفي فرنسا التقى بوزير من أوروبا."
    assert names(text) == [
        ("بالرباط", "الرباط", "city"),
        ("القاهرة", "القاهرة", "city"),
        ("لمراكش", "مراكش", "city"),
        ("فرنسا", "فرنسا", "country"),
        ("أوروبا", "أوروبا", "region"),
    ]


def test_a_word_that_only_starts_like_a_place_is_not_one() -> None:
    assert names("شارك المغربية سعاد في السباق المصري") == []


def test_names_without_their_spaces_and_with_diacritics() -> None:
    text = "دعت الأممالمتحدة ومنظمةُ الصحة العالمية إلى الهدوء"
    found = names(text)
    assert ("الأممالمتحدة", "الأمم المتحدة", "organization") in found
    assert ("ومنظمةُ الصحة العالمية", "منظمة الصحة العالمية", "organization") in found


def test_every_span_points_into_the_text() -> None:
    text = "قال وزير الصحة، خالد آيت الطالب، إن «الوضع الوبائي مستقر في المملكة المغربية»."
    _, places, orgs, people, quotes = find_entities(text)
    for item in [*places, *orgs, *people]:
        for s in item.mentions:
            assert text[s.start:s.end] == s.text
    for q in quotes:
        assert text[q.start:q.end] == q.text


def test_person_in_apposition_after_a_role() -> None:
    text = "قال وزير الصحة، خالد آيت الطالب، إن «الوضع الوبائي مستقر في المملكة المغربية»."
    _, places, _, people, quotes = find_entities(text)
    assert [(p.name, p.role) for p in people] == [("خالد آيت الطالب", "وزير الصحة")]
    assert [p.name for p in places] == ["المغرب"]
    assert [(q.text, q.speaker) for q in quotes] == [
        ("الوضع الوبائي مستقر في المملكة المغربية", "خالد آيت الطالب"),
    ]


def test_honorific_and_surname_are_the_same_person() -> None:
    text = (
        "أعلن رئيس الاتحاد الدولي لكرة القدم، جياني إنفانتينو، عن البطولة. "
        "وقال السيد إنفانتينو إن \"الملاعب جاهزة لاستقبال الجماهير\"."
    )
    _, _, orgs, people, quotes = find_entities(text)
    assert len(people) == 1
    person = people[0]
    assert person.name == "جياني إنفانتينو"
    assert person.role == "رئيس الاتحاد الدولي لكرة القدم"
    assert [s.text for s in person.mentions] == ["جياني إنفانتينو", "إنفانتينو"]
    assert orgs[0].acronym == "FIFA"
    assert quotes[0].speaker == "جياني إنفانتينو"


def test_role_without_a_name_is_kept_when_it_names_a_body() -> None:
    text = "ودعا رئيس مجلس الأمن الدولي إلى اجتماع طارئ."
    _, _, _, people, _ = find_entities(text)
    assert [(p.name, p.role) for p in people] == [(None, "رئيس مجلس الأمن الدولي")]


def test_organisation_from_a_head_word_and_from_an_acronym() -> None:
    text = (
        "أصدر المرصد الوطني للتنمية البشرية تقريرا بتعاون مع "
        "الوكالة الوطنية لتقنين الأنشطة (ANRT) حول الربط بالإنترنت."
    )
    _, _, orgs, _, _ = find_entities(text)
    assert [(o.name, o.acronym) for o in orgs] == [
        ("المرصد الوطني للتنمية البشرية", None),
        ("الوكالة الوطنية لتقنين الأنشطة", "ANRT"),
    ]


def test_quote_after_a_verb_without_subject_belongs_to_the_last_speaker() -> None:
    text = (
        "وأكدت المديرة العامة لليونسكو، أودري أزولاي، أهمية التعليم. "
        "وأضافت أن \"المدرسة هي أساس كل تنمية\"، مشيرة إلى تقرير الأمين العام."
    )
    _, _, _, people, quotes = find_entities(text)
    assert people[0].name == "أودري أزولاي"
    assert [(q.text, q.speaker) for q in quotes] == [
        ("أهمية التعليم", "أودري أزولاي"),  # أكد + a noun: what she stressed
        ("المدرسة هي أساس كل تنمية", "أودري أزولاي"),
    ]


def test_a_scare_quoted_word_is_not_a_quote() -> None:
    _, _, _, _, quotes = find_entities("ووقع الطرفان الاتفاق \"التاريخي\" أمس في الرباط.")
    assert quotes == []
