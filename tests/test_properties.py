"""Properties of the date engine on hostile input, and of the windowed stream over it.

True of any correct engine: every run ends quickly (no catastrophic backtracking), every
span points into the input (``text == input[start:end]``), values are valid ISO 8601 at
their granularity, and reading a long text in windows gives the same mentions as reading
it whole.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factsheet import find_dates
from factsheet.dates.model import Mention, Range, Value
from factsheet.sources.io import seed_path
from factsheet.sources.stream import find_dates_stream

PUBLISHED = dt.date(2022, 3, 25)
TYPES = {"date", "range", "year", "month", "weekday", "relative", "duration", "time", "decade",
         "century", "holiday"}

_PART = r"(?:[0-9X]{2}|W[0-9]{2}|Q[1-4]|H[12]|SP|SU|FA|WI)"
_ISO = re.compile(
    rf"(?:[0-9X]{{4}}(?:-{_PART}(?:-[0-9X]{{2}})?)?(?:T[0-9]{{2}}(?::[0-9]{{2}}){{0,2}}Z?)?"
    r"|T[0-9]{2}(?::[0-9]{2}){0,2}Z?"
    r"|P(?=[0-9T])(?:[0-9]+(?:\.[0-9]+)?[YMWD])*(?:T(?:[0-9]+(?:\.[0-9]+)?[HMS])+)?)"
)
_FULL_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_MONTH = re.compile(r"[0-9X]{4}-([0-9]{2})")
_CLOCK = re.compile(r"T([0-9]{2})(?::([0-9]{2}))?(?::([0-9]{2}))?Z?$")

ARABIC = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيًٌٍَُِّْـ"
DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
TOKENS = [
    "من", "إلى", "و", "بين", "ما", "عام", "سنة", "م", "هـ", "الموافق", "اليوم", "أمس", "غدا",
    "الجمعة", "قبل", "بعد", "يوما", "أيام", "الساعة", "المقبل", "الماضي", "ماي", "يناير",
    "جانفي", "كانون", "الثاني", "تشرين", "الأول", "رمضان", "ذو", "الحجة", "غرة", "القرن",
    "تسعينيات", "17", "20", "2022", "1443", "٢٠٢٢", "31", "02", "29", "/", "-", ":", "،", "(",
]


def check_value(value: Value, calendar: str = "gregorian") -> None:
    if value is None:
        return
    if isinstance(value, Range):
        check_value(value.start, calendar)
        check_value(value.end, calendar)
        return
    if isinstance(value, tuple):
        for v in value:
            check_value(v, calendar)
        return
    assert _ISO.fullmatch(value), f"not ISO 8601: {value!r}"
    month = _MONTH.match(value)
    if month:
        assert 1 <= int(month[1]) <= 12, value
    clock = _CLOCK.search(value)
    if clock:
        assert int(clock[1]) <= 24 and all(int(x) < 60 for x in clock.groups()[1:] if x), value
    full = _FULL_DATE.match(value)
    if full and calendar == "gregorian":
        dt.date(*map(int, full.groups()))  # a real day: no 30 February
    elif full:
        assert 1 <= int(full[2]) <= 12 and 1 <= int(full[3]) <= 30, value


def check_mentions(text: str, mentions: list[Mention]) -> None:
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.type in TYPES
        check_value(m.value, "gregorian")
        check_value(m.hijri, "hijri")
        if m.anchor is not None:
            a = m.anchor
            assert text[a.target_start:a.target_end] == a.target_text
    starts = [m.start for m in mentions]
    assert starts == sorted(starts)


HOSTILE = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])


@HOSTILE
@given(st.text(max_size=400))
@example("﴾ الآية ﴿ ﷽")  # ornate parentheses once sent normalisation into endless recursion
@example("\x1b[31m17\u200f/\u200e05/2022\x00")
def test_any_unicode(text: str) -> None:
    check_mentions(text, find_dates(text, PUBLISHED))


@HOSTILE
@given(st.text(alphabet=ARABIC + DIGITS + " \n/-.:،()", max_size=400))
def test_arabic_heavy_strings(text: str) -> None:
    check_mentions(text, find_dates(text, PUBLISHED))


@HOSTILE
@given(st.lists(st.sampled_from(TOKENS), max_size=80), st.sampled_from([" ", "", "\n", " و"]))
def test_date_words_in_any_order(tokens: list[str], sep: str) -> None:
    text = sep.join(tokens)
    check_mentions(text, find_dates(text, PUBLISHED))
    check_mentions(text, find_dates(text))


@HOSTILE
@given(
    st.lists(st.sampled_from(TOKENS), max_size=60),
    st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 12, 31)),
)
@example(["رمضان", "المقبل", "جمادى", "الآخرة", "1444", "هـ"], dt.date(1444, 6, 3))
def test_any_publication_date(tokens: list[str], published: dt.date) -> None:
    """Publication dates outside the Hijri table (1924–2077) never break resolution."""
    text = " ".join(tokens)
    check_mentions(text, find_dates(text, published))


@settings(max_examples=60, deadline=4000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), max_size=60), st.sampled_from([" ", "\n", " و"]))
@example(["الكويت", "-", "3", "جمادى", "الآخرة", "1444", "هـ", "الموافق", "27", "ديسمبر",
          "2022", "م"], " ")
def test_the_whole_fact_sheet_survives_any_date_words(tokens: list[str], sep: str) -> None:
    """Inferring the publication date and building the sheet never raise."""
    from factsheet.facts.sheet import build_sheet

    text = sep.join(tokens)
    sheet = build_sheet(text)
    for event in sheet.events:
        for m in event.mentions:
            assert text[m.start : m.end] == m.text
    check_mentions(text, list(sheet.dates))


@pytest.mark.parametrize(
    "unit",
    ["من 1 إلى ", "9", "٩", "ماي", "يناير2022", "17/", "17 ماي ", "كانون الثاني ",
     "من 17 إلى 20 ماي 2022 و", "قبل 50 يوما من ", "الساعة 10:", "1443هـ ", "((((", "اليوم "],
)
def test_adversarial_repetitions_end_quickly(unit: str) -> None:
    text = unit * (40_000 // len(unit))
    t0 = time.perf_counter()
    mentions = find_dates(text, PUBLISHED)
    elapsed = time.perf_counter() - t0
    check_mentions(text, mentions)
    assert elapsed < 5, f"{elapsed:.1f}s for {len(text)} characters of {unit!r}"


# --- the windowed stream -------------------------------------------------------------------

_TOY = re.compile(r"(?<!\S)(?:من \d+ إلى )?\d{1,2} ماي(?: \d{4})?(?!\S)")


def toy_finder(text: str, published: object = None) -> list[Mention]:
    """A small, local extractor: the windowing must not change what it finds."""
    return [
        Mention(text=m.group(), start=m.start(), end=m.end(), type="date", value=None,
                grain="day")
        for m in _TOY.finditer(text)
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["من 3 إلى 17 ماي 2022", "9 ماي 2021", "من", "17", "ماي", "كلام",
                              "\n"]), min_size=20, max_size=200),
    st.integers(min_value=24, max_value=32),
    st.integers(min_value=4, max_value=6),
    st.integers(min_value=1, max_value=50),
)
def test_windows_find_what_the_whole_text_has(
    words: list[str], overlap: int, ratio: int, chunk: int
) -> None:
    text = " ".join(words)
    chunks = [text[i:i + chunk] for i in range(0, len(text), chunk)]
    streamed = list(find_dates_stream(chunks, window=overlap * ratio, overlap=overlap,
                                      finder=toy_finder))
    assert streamed == toy_finder(text)


@pytest.mark.parametrize("pad", range(0, 120))
def test_windows_wherever_a_range_falls_on_a_window_edge(pad: int) -> None:
    text = "ك" * pad + " من 3 إلى 17 ماي 2022 كلام " * 12
    streamed = list(find_dates_stream([text], window=96, overlap=24, finder=toy_finder))
    assert streamed == toy_finder(text)
    assert len(streamed) == 12


def test_windows_over_the_seed_with_the_real_engine() -> None:
    seed = seed_path().read_text(encoding="utf-8")
    text = "\n\n".join([seed] * 6)
    chunks = [text[i:i + 1000] for i in range(0, len(text), 1000)]
    whole = find_dates(text, PUBLISHED)
    streamed = list(find_dates_stream(chunks, PUBLISHED, window=8192, overlap=1024))
    assert [(m.start, m.end, m.value) for m in streamed] == [
        (m.start, m.end, m.value) for m in whole
    ]
    assert streamed == whole
    assert len(whole) >= 6 * 6


def test_stream_shifts_anchor_offsets() -> None:
    seed = seed_path().read_text(encoding="utf-8")
    pad = "كلام " * 3000
    text = pad + seed
    streamed = [m for m in find_dates_stream([text], PUBLISHED, window=8192, overlap=1024)
                if m.anchor is not None]
    assert streamed
    for m in streamed:
        assert m.anchor is not None
        assert text[m.anchor.target_start:m.anchor.target_end] == m.anchor.target_text
    direct = [m for m in find_dates(seed, PUBLISHED) if m.anchor is not None]
    shifted = [replace(m, start=m.start - len(pad), end=m.end - len(pad),
                       anchor=replace(m.anchor, target_start=m.anchor.target_start - len(pad),
                                      target_end=m.anchor.target_end - len(pad)))
               for m in streamed if m.anchor is not None]
    assert shifted == direct


def test_fast_folding_equals_the_translation_table() -> None:
    from factsheet.dates.normalize import _REPLACEMENTS, _TABLE, _fold_text

    sources = {ch for ch, _ in _REPLACEMENTS}
    assert not any(to in sources for _, to in _REPLACEMENTS), "a target would be replaced again"
    sample = "".join(chr(k) for k in _TABLE) + " أإآ ١٢٣ ۴ ی ک ـ ً ABC « » – \u00a0 نص عادي"
    assert _fold_text(sample) == sample.translate(_TABLE)


@HOSTILE
@given(st.text(alphabet=ARABIC + DIGITS + "ABCxyz «»–\u00a0\u200f", max_size=300))
def test_fast_folding_on_any_text(text: str) -> None:
    from factsheet.dates.normalize import _TABLE, _fold_text

    assert _fold_text(text) == text.translate(_TABLE)


RENDER_TOKENS = [*TOKENS, "الربع", "النصف", "الثالث", "صيف", "شتاء", "الأسبوع", "المقبل", "2019",
                 "1445هـ", "عيد", "الفطر", "الأضحى", "منتصف", "الليل", "يومي", "أيام", "تونس",
                 "الرباط", "(ومع)", "«", "»", "قال", "الوزير", "[bold]", "\x1b[2J", "=1+1"]


@settings(max_examples=80, deadline=6000, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(RENDER_TOKENS), max_size=50),
    st.sampled_from(["en", "ar"]),
    st.sampled_from(["gregorian", "hijri", "both"]),
)
def test_every_view_renders_any_fact_sheet(tokens: list[str], lang: str, calendar: str) -> None:
    """Whatever the engine finds, every view of the fact sheet renders without an error."""
    from rich.console import Console

    from factsheet.facts.sheet import build_sheet
    from factsheet.render import sheet_csv, sheet_ics, sheet_json, sheet_markdown, sheet_text
    from factsheet.render.sheet_common import Style
    from factsheet.render.sheet_rich import countdown_table, sheet_renderable, timeline_table

    sheet = build_sheet(" ".join(tokens), PUBLISHED)
    style = Style(lang, calendar, "maghrebi")  # type: ignore[arg-type]
    as_of = dt.date(2022, 4, 1)
    for text in (
        sheet_text.sheet_text(sheet, style),
        sheet_text.summary_text(sheet, style),
        sheet_text.timeline_text(sheet, style),
        sheet_text.countdown_text_view(sheet, style, as_of),
        sheet_markdown.sheet_markdown(sheet, style),
        sheet_markdown.countdown_markdown(sheet, style, as_of),
        sheet_csv.events_csv(sheet),
        sheet_csv.countdown_csv(sheet, style, as_of),
        sheet_ics.sheet_ics(sheet, PUBLISHED),
        "".join(sheet_json.sheet_jsonl(sheet)),
    ):
        assert isinstance(text, str)
    sheet_json.sheet_json(sheet)
    sheet_json.countdown_doc(sheet, as_of)
    console = Console(file=__import__("io").StringIO(), width=100, markup=False)
    for renderable in (sheet_renderable(sheet, style), timeline_table(sheet, style),
                       countdown_table(sheet, style, as_of)):
        console.print(renderable)


def _edge_story(pad: int) -> str:
    filler = "وتحدث السكان عن الأوضاع في الأحياء القديمة. "
    return ((filler * 100)[:pad] + "اندلعت المواجهات يوم 12 مارس 2020. " + filler * 14
            + "وعاد الهدوء يوم 20 من الشهر ذاته. وجرت مسيرة أخرى الساعة الرابعة مساء. "
            + filler * 30)


@pytest.mark.parametrize("pad", range(0, 4000, 97))
def test_windows_carry_what_the_article_said_before_their_edge(pad: int) -> None:
    """The day of 'the same month' and a clock time told 600 characters after their
    context (more than the overlap) resolve as in the whole text wherever a window edge
    falls: each window is read with the text before it (issue 14 item 11)."""
    text = _edge_story(pad)
    whole = find_dates(text, PUBLISHED)
    assert [m.value for m in whole] == ["2020-03-12", "2020-03-20", "2020-03-20T16:00"]
    streamed = list(find_dates_stream([text], PUBLISHED, window=2048, overlap=256,
                                      context=1024))
    assert streamed == whole


# --- publication dates across the whole calendar, 0001-01-01 to 9999-12-31 (issue 14) -------

CALENDAR = st.dates(min_value=dt.date.min, max_value=dt.date.max)
EDGES = [dt.date.min, dt.date(1, 1, 2), dt.date(1, 1, 8), dt.date(9999, 12, 25),
         dt.date(9999, 12, 30), dt.date.max]


@HOSTILE
@given(st.lists(st.sampled_from(TOKENS), max_size=60), CALENDAR)
@example(["غدا"], dt.date.max)
@example(["الأسبوع", "المقبل"], dt.date.max)
@example(["»", "النصف", "الجمعة", "02"], dt.date(1, 1, 2))
def test_any_publication_date_of_the_calendar(tokens: list[str], published: dt.date) -> None:
    text = " ".join(tokens)
    check_mentions(text, find_dates(text, published))


@settings(max_examples=120, deadline=8000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(RENDER_TOKENS), max_size=40), st.sampled_from(EDGES) | CALENDAR,
       st.sampled_from(EDGES) | CALENDAR)
@example(["أيام", "تونس", "الأول"], dt.date.max, dt.date.max)
@example(["الجمعة", "17", "ماي"], dt.date.min, dt.date.min)
def test_fact_sheets_render_for_any_day_of_the_calendar(
    tokens: list[str], published: dt.date, as_of: dt.date
) -> None:
    """Every view of the sheet, the calendar file included, for any publication date and
    any --as-of day from year 1 to year 9999."""
    from factsheet.facts.sheet import build_sheet
    from factsheet.render import sheet_csv, sheet_ics, sheet_json, sheet_markdown, sheet_text
    from factsheet.render.sheet_common import Style

    sheet = build_sheet(" ".join(tokens), published)
    style = Style("en", "both", "maghrebi")
    sheet_text.sheet_text(sheet, style)
    sheet_text.countdown_text_view(sheet, style, as_of)
    sheet_markdown.countdown_markdown(sheet, style, as_of)
    sheet_csv.countdown_csv(sheet, style, as_of)
    sheet_json.countdown_doc(sheet, as_of)
    ics = sheet_ics.sheet_ics(sheet, published)
    import icalendar

    icalendar.Calendar.from_ical(ics)
