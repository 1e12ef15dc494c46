"""The HTML fact sheet: one valid, self-contained, safe page where every fact links to its span.

Pages are parsed with html5lib (the HTML5 parsing algorithm, as browsers do): a parse error
fails the test. ``tests/test_html_browser.py`` looks at the same pages in Chromium.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path
from xml.etree import ElementTree as ET

import html5lib
import pytest
from hypothesis import given
from hypothesis import strategies as st

from factsheet.dates.published import dated_mentions
from factsheet.facts.model import Event, FactSheet
from factsheet.facts.sheet import build_sheet
from factsheet.render.html import article_markup, headline, sheet_html, span_id
from factsheet.render.sheet_common import Style
from factsheet.render.templating import display_text, isolate_rtl
from factsheet.sources.io import read_article, seed_path

NS = "{http://www.w3.org/1999/xhtml}"
DATA = Path(__file__).parent / "data"
AS_OF = dt.date(2022, 4, 1)


def parse(page: str) -> ET.Element:
    """The page's DOM; fails on any HTML5 parse error."""
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree", ET))
    root = parser.parse(page)
    assert parser.errors == [], parser.errors[:5]
    return root


def text_of(el: ET.Element) -> str:
    return "".join(el.itertext())


def by_id(root: ET.Element) -> dict[str, ET.Element]:
    return {el.get("id"): el for el in root.iter() if el.get("id")}  # type: ignore[misc]


def article(root: ET.Element) -> ET.Element:
    found = [el for el in root.iter(f"{NS}div") if el.get("class") == "article"]
    assert len(found) == 1
    return found[0]


def offsets(container: ET.Element) -> dict[str, int]:
    """Code-point offset, in the container's text, where each element with an id starts."""
    out: dict[str, int] = {}
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        if el.get("id"):
            out[el.get("id")] = pos  # type: ignore[index]
        pos += len(el.text or "")
        for child in el:
            walk(child)
            pos += len(child.tail or "")

    walk(container)
    return out


def seed_sheet() -> FactSheet:
    return build_sheet(read_article(seed_path()).text, source="seed")


def long_sheet() -> FactSheet:
    path = DATA / "water_conference.txt"
    return build_sheet(read_article(path).text, source=str(path))


@pytest.fixture(scope="module")
def seed() -> FactSheet:
    return seed_sheet()


@pytest.fixture(scope="module")
def seed_page(seed: FactSheet) -> str:
    return sheet_html(seed, Style.for_sheet(seed, "ar", "both"), AS_OF)


# --------------------------------------------------------------------------- the page


def test_the_seed_page_is_valid_html5_in_arabic_and_right_to_left(seed_page: str) -> None:
    root = parse(seed_page)
    assert seed_page.startswith("<!DOCTYPE html>")
    assert (root.get("lang"), root.get("dir")) == ("ar", "rtl")
    titles = [text_of(h) for h in root.iter(f"{NS}h2")]
    assert titles[:3] == ["تاريخ النشر", "الخط الزمني", "الأحداث"]
    assert "نص المقال" in titles


def test_english_labels_give_a_left_to_right_page_with_arabic_text_isolated(
    seed: FactSheet,
) -> None:
    root = parse(sheet_html(seed, Style.for_sheet(seed, "en"), AS_OF))
    assert (root.get("lang"), root.get("dir")) == ("en", "ltr")
    box = article(root)
    assert (box.get("lang"), box.get("dir")) == ("ar", "auto")
    # Every piece of article text in the tables sits in its own bidi isolate.
    events = by_id(root)["events"]
    what = [td for td in events.iter(f"{NS}td") if td.get("data-label") == "What"]
    assert what and all(td.get("dir") == "auto" for td in what)


def test_the_page_is_self_contained_and_locked_down(seed_page: str) -> None:
    root = parse(seed_page)
    # No external resource of any kind: no src, no link, no url(), no @import, no http.
    assert not [el for el in root.iter() if el.get("src") or el.tag == f"{NS}link"]
    assert "url(" not in seed_page and "@import" not in seed_page
    assert "http://" not in seed_page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in seed_page
    hrefs = {el.get("href") for el in root.iter() if el.get("href")}
    assert hrefs and all(h.startswith("#") for h in hrefs)  # type: ignore[union-attr]
    # A CSP allows nothing but our inline styles and the one inline script, by its hash.
    meta = [m for m in root.iter(f"{NS}meta") if m.get("http-equiv")]
    csp = meta[0].get("content") or ""
    assert "default-src 'none'" in csp
    scripts = list(root.iter(f"{NS}script"))
    assert len(scripts) == 1
    import base64
    import hashlib

    code = scripts[0].text or ""
    digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp


def test_every_date_mention_is_highlighted_at_its_offsets(seed: FactSheet,
                                                          seed_page: str) -> None:
    root = parse(seed_page)
    box = article(root)
    assert text_of(box) == display_text(seed.text)  # the article, every character of it
    starts = offsets(box)
    ids = by_id(root)
    for m in seed.dates:
        mark = ids[span_id(m.start, m.end)]
        assert mark.tag == f"{NS}mark" and mark.get("tabindex") == "0"
        assert starts[mark.get("id")] == m.start  # type: ignore[index]
        pieces = [el for el in box.iter() if el.get("data-of") == mark.get("id")]
        assert "".join(text_of(p) for p in pieces) == m.text
        tip = mark.get("data-tip") or ""
        assert tip.startswith(f"{m.type}: ") and all(
            isolate_rtl(n) in tip for n in m.notes)
    ranged = ids[span_id(2536, 2557)]
    assert ranged.get("data-tip") == "range: 2022-05-17..2022-05-20"


def test_every_fact_links_to_its_span_in_the_article(seed: FactSheet, seed_page: str) -> None:
    root = parse(seed_page)
    ids = by_id(root)
    starts = offsets(article(root))
    links = [el.get("href")[1:] for el in root.iter(f"{NS}a")  # type: ignore[index]
             if (el.get("href") or "").startswith("#s-")]
    for target in links:
        a, b = map(int, target[2:].split("-"))
        assert target in ids and starts[target] == a, target  # the span exists, in place
        assert b > a
    wanted = set()
    for e in seed.events:
        wanted |= {span_id(m.start, m.end) for m in e.mentions}
        if e.label_span:
            wanted.add(span_id(e.label_span.start, e.label_span.end))
        if e.where:
            wanted.add(span_id(e.where.span.start, e.where.span.end))
    for p in seed.people:
        wanted |= {span_id(s.start, s.end) for s in p.mentions}
    for o in seed.organizations:
        wanted |= {span_id(s.start, s.end) for s in o.mentions}
    for pl in seed.places:
        wanted |= {span_id(s.start, s.end) for s in pl.mentions}
    for q in seed.quotes:
        wanted.add(span_id(q.start, q.end))
    for ev in seed.published.evidence:
        wanted.add(span_id(ev.start, ev.end))
    assert wanted <= set(links)
    # … and the timeline's marks and labels go to the events' dates.
    svg_links = [el.get("href") for el in root.iter("{http://www.w3.org/2000/svg}a")]
    assert "#" + span_id(2536, 2557) in svg_links


def test_events_people_places_and_quotes_are_all_on_the_page(seed: FactSheet,
                                                             seed_page: str) -> None:
    root = parse(seed_page)
    rows = [tr for tr in root.iter(f"{NS}tr") if tr.get("data-event")]
    assert [tr.get("data-event") for tr in rows] == [e.id for e in seed.events]
    for tr, e in zip(rows, seed.events, strict=True):
        assert e.label in text_of(tr)
    own = [tr for tr in rows if "own" in (tr.get("class") or "")]
    assert [tr.get("data-event") for tr in own] == ["e3"]
    page_text = text_of(root)
    for p in seed.people:
        assert (p.name or p.role or "") in page_text
    for pl in seed.places:
        assert pl.name in page_text
    quotes = [bq for bq in root.iter(f"{NS}blockquote")]
    assert len(quotes) == len(seed.quotes) >= 5
    assert "أنطونيو فيتورينو" in text_of(quotes[0])
    published = by_id(root)["published"]
    assert "الجمعة 25 مارس 2022" in text_of(published)
    assert [b.get("data-basis") for b in published.iter() if b.get("data-basis")] == [
        "inferred"]


def test_a_long_article_gives_a_valid_page_with_its_timeline() -> None:
    sheet = long_sheet()
    root = parse(sheet_html(sheet, Style.for_sheet(sheet, "en", "both"), dt.date(2023, 4, 20)))
    assert len([tr for tr in root.iter(f"{NS}tr") if tr.get("data-event")]) == len(
        sheet.events) >= 15
    svg = next(root.iter("{http://www.w3.org/2000/svg}svg"))
    assert svg.get("class") == "fs-timeline"
    assert len(list(article(root).iter(f"{NS}mark"))) >= len(sheet.dates)


def test_spans_that_overlap_without_nesting_are_split_and_keep_their_ids() -> None:
    from factsheet.render.html import Spans

    text = "قال وزير الخارجية المغربي أمس"
    spans = Spans(text)
    spans.href(4, 17, "role")       # وزير الخارجية
    spans.href(9, 25, "org")        # الخارجية المغربي: starts inside, ends after
    markup = str(article_markup(text, spans.by_pos.values()))
    root = parse(f"<!DOCTYPE html><html><head><title>t</title></head><body><div "
                 f'class="article">{markup}</div></body></html>')
    box = article(root)
    assert text_of(box) == text
    pieces = [el for el in box.iter() if el.get("data-of") == "s-9-25"]
    assert len(pieces) == 2 and "".join(text_of(p) for p in pieces) == text[9:25]
    assert offsets(box) == {"s-4-17": 4, "s-9-25": 9}


def test_the_headline_is_the_first_line_or_sentence() -> None:
    assert headline("افتتاح المعرض\nافتتح الوزير أمس المعرض.") == ("افتتاح المعرض", 0, 13)
    long_line = "افتتح الوزير المعرض. " + "كلمة " * 60
    assert headline(long_line) == ("افتتح الوزير المعرض", 0, 19)
    text, start, end = headline("كلمة " * 80)
    assert text.endswith("…") and end <= 160 and start == 0


# --------------------------------------------------------------------------- hostile input

HOSTILE_UNIT = ('<script>alert("x{i}")</script> \u202eفي {d} ماي 2022\u202c عقد <img src=x '
                'onerror=alert(1)> "><svg onload=alert(2)></svg> & \x1b[31m\x00 اجتماع\r\n')


def hostile_sheet(n: int) -> FactSheet:
    """An article of ``n`` pieces of markup, scripts, RTL overrides, controls and a date.

    The mentions are the engine's own; the events are one per mention, as
    :func:`factsheet.facts.events.build_events` makes for this text (it takes minutes on
    10,000 dates: its merging is quadratic, which is not what is tested here)."""
    text = "".join(HOSTILE_UNIT.format(i=i, d=1 + i % 28) for i in range(n))
    mentions, pub = dated_mentions(text)
    events = tuple(Event(f"e{k}", "اجتماع", None, m.value, m.grain, None, (m,))
                   for k, m in enumerate(mentions, 1))
    return FactSheet("hostile.txt", text, pub, tuple(mentions), events, (), (), (), ())


def test_a_hostile_article_is_shown_never_run() -> None:
    sheet = build_sheet(HOSTILE_UNIT.format(i=0, d=17) * 3 + "\ud800\ufffe\x85",
                        source='<b onmouseover="x">"')
    page = sheet_html(sheet, Style.for_sheet(sheet, "ar"), AS_OF)
    root = parse(page)
    assert len(list(root.iter(f"{NS}script"))) == 1  # ours
    assert not list(root.iter(f"{NS}img"))
    assert len(list(root.iter("{http://www.w3.org/2000/svg}svg"))) == 1  # the timeline
    assert not [el for el in root.iter() for k in el.attrib if k.startswith("on")]
    box = article(root)
    shown = text_of(box)
    assert '<script>alert("x0")</script>' in shown and "<img src=x onerror" in shown
    assert shown == display_text(sheet.text) and len(shown) == len(sheet.text)
    # Bidi overrides cannot reorder the page: each is a small visible box, not the control.
    assert "\u202e" not in page and "\u202c" not in page
    ctl = [el for el in box.iter() if el.get("class") == "ctl"]
    assert [el.get("data-cp") for el in ctl[:2]] == ["U+202E", "U+202C"]
    assert "␛[31m␀" in shown  # ESC and NUL as control pictures
    assert "\r" not in page and not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", page)
    assert "&lt;b onmouseover=&#34;x&#34;&gt;&#34;" in page  # the source's name, escaped


@pytest.fixture(scope="module")
def hostile10k() -> FactSheet:
    return hostile_sheet(10_000)


def _prefix(sheet: FactSheet, n: int) -> FactSheet:
    """The first ``n`` pieces of a hostile article, with their mentions and events."""
    cut = sum(len(HOSTILE_UNIT.format(i=i, d=1 + i % 28)) for i in range(n))
    dates = tuple(m for m in sheet.dates if m.end <= cut)
    events = tuple(e for e in sheet.events if e.mentions[0].end <= cut)
    return FactSheet(sheet.source, sheet.text[:cut], sheet.published, dates, events,
                     (), (), (), ())


def test_a_hostile_page_of_1000_dates_is_valid_html5(hostile10k: FactSheet) -> None:
    sheet = _prefix(hostile10k, 1000)
    root = parse(sheet_html(sheet, Style("ar"), AS_OF))
    box = article(root)
    assert len([m for m in box.iter(f"{NS}mark") if m.get("id")]) == len(sheet.dates) == 1000
    assert text_of(box) == display_text(sheet.text)


def test_a_page_of_10000_dates_is_made_in_linear_time(hostile10k: FactSheet) -> None:
    small = _prefix(hostile10k, 1000)
    timings: dict[int, float] = {}
    pages: dict[int, str] = {}
    for sheet in (small, hostile10k):
        start = time.perf_counter()
        pages[len(sheet.dates)] = sheet_html(sheet, Style("ar"), AS_OF)
        timings[len(sheet.dates)] = time.perf_counter() - start
    assert set(timings) == {1000, 10_000}
    ratio = timings[10_000] / timings[1000]
    assert ratio < 20, f"10× the dates took {ratio:.1f}× the time (linear is ~10)"
    page = pages[10_000]
    assert len(re.findall(r'<mark class="d[^"]*" id="s-', page)) == 10_000
    assert page.count("<script") == 1 and "<img" not in page


# --------------------------------------------------------------------------- text cleaning


@given(st.text(st.one_of(st.characters(), st.sampled_from(
    ["\ud800", "\udfff", "\r", "\n", "\x00", "\x85", "\u202e", "\u2067", "\ufffe"]))))
def test_display_text_keeps_one_code_point_for_one_and_only_allowed_ones(text: str) -> None:
    shown = display_text(text)
    assert len(shown) == len(text)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\r"
                         "\u202a-\u202e\u2066-\u2069]", shown)
    assert shown.encode("utf-8").decode("utf-8") == shown  # always encodable


def test_display_text_turns_crlf_and_controls_into_visible_stand_ins() -> None:
    assert display_text("a\r\nb\rc") == "a\u200b\nb\nc"
    assert display_text("\x1b[2J\x00\x7f\x85") == "␛[2J␀␡\ufffd"
    assert display_text("\u202eabc\u202c") == "\u2060abc\u2060"
    assert display_text("تاريخ 17 ماي") == "تاريخ 17 ماي"


def test_notes_quoting_arabic_keep_their_dates_in_order() -> None:
    note = "50D before 2022-05-17 (من 17 إلى 20 ماي 2022) → 2022-03-28 ± 3 days"
    assert isolate_rtl(note) == (
        "50D before 2022-05-17 (\u2068من 17 إلى 20 ماي 2022\u2069) → 2022-03-28 ± 3 days")
