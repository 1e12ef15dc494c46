"""The HTML fact sheet in a real browser: headless Chromium (Debian's ``chromium``), driven
by Playwright, at a phone's width and a desktop's.

What a reader would check, measured in the rendered page: every event is there, each date
highlight starts at its offset in the article, no two labels of the timeline overlap (their
bounding boxes, as laid out by the browser's own fonts), a focused date shows its value, the
page fits a phone, prints on A4, and a hostile article runs nothing.

Screenshots go to a temporary folder, or to ``$FACTSHEET_SCREENS`` when it is set.
Skipped, with the reason, only when ``/usr/bin/chromium`` is absent (``.ci/run`` installs it).
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factsheet.facts.model import FactSheet
from factsheet.facts.sheet import build_sheet
from factsheet.render.html import sheet_html
from factsheet.render.sheet_common import Style
from factsheet.render.templating import display_text
from factsheet.sources.io import read_article, seed_path

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)")

# What Chromium needs on this machine: no sandbox as root, no GPU, and no background
# connections (the network is closed). Playwright gives each browser a fresh profile.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
DATA = Path(__file__).parent / "data"

MEASURE = """() => {
  const cp = (s) => Array.from(s).length;
  const art = document.querySelector('.article');
  const range = document.createRange();
  const marks = Array.from(art.querySelectorAll('mark.d[id]')).map((el) => {
    range.setStart(art, 0); range.setEndBefore(el);
    const pieces = Array.from(art.querySelectorAll('[data-of="' + el.id + '"]'));
    return {id: el.id, start: cp(range.toString()),
            text: pieces.map((p) => p.textContent).join('')};
  });
  const rect = (el) => { const r = el.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom]; };
  const svg = document.querySelector('svg.fs-timeline');
  const texts = Array.from(svg.querySelectorAll('text.lx')).map((t) => {
    const g = t.closest('g.lbl');
    return {text: t.textContent, rect: rect(t), cls: t.getAttribute('class'),
            box: g ? rect(g.querySelector('rect.box')) : null,
            event: g ? g.dataset.event : null};
  });
  return {
    article: art.textContent, marks, texts,
    events: Array.from(document.querySelectorAll('tr[data-event]')).map((r) => r.dataset.event),
    svgEvents: Array.from(new Set(Array.from(svg.querySelectorAll('[data-event]'))
      .map((e) => e.dataset.event))),
    pageWidth: document.documentElement.scrollWidth, viewWidth: window.innerWidth,
    scripts: document.scripts.length,
  };
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def screens(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = os.environ.get("FACTSHEET_SCREENS")
    folder = Path(where) if where else tmp_path_factory.mktemp("screens")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def sheets() -> dict[str, tuple[FactSheet, Style, dt.date]]:
    seed = build_sheet(read_article(seed_path()).text, source="seed")
    long = build_sheet(read_article(DATA / "water_conference.txt").text,
                       source="water_conference.txt")
    return {
        "seed_ar": (seed, Style.for_sheet(seed, "ar", "both"), dt.date(2022, 4, 1)),
        "seed_en": (seed, Style.for_sheet(seed, "en"), dt.date(2022, 4, 1)),
        "long_ar": (long, Style.for_sheet(long, "ar", "both"), dt.date(2023, 4, 20)),
        "long_en": (long, Style.for_sheet(long, "en"), dt.date(2023, 4, 20)),
    }


SHEETS = sheets()


def overlaps(a: list[float], b: list[float], tol: float = 0.5) -> bool:
    return (a[0] < b[2] - tol and b[0] < a[2] - tol and a[1] < b[3] - tol
            and b[1] < a[3] - tol)


def open_page(browser: Any, html: str, folder: Path, viewport: dict[str, int]) -> Any:
    path = folder / f"page-{abs(hash(html))}.html"
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport=viewport)
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda d: errors.append(f"dialog: {d.message}"))
    page.goto(path.as_uri())
    page.errors = errors
    return page


@pytest.mark.parametrize("name", sorted(SHEETS))
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_the_page_as_a_reader_sees_it(browser: Any, screens: Path, tmp_path: Path,
                                      name: str, device: str) -> None:
    sheet, style, as_of = SHEETS[name]
    viewport = PHONE if device == "phone" else DESKTOP
    page = open_page(browser, sheet_html(sheet, style, as_of), tmp_path, viewport)
    try:
        page.screenshot(path=str(screens / f"{name}_{device}.png"), full_page=True)
        got = page.evaluate(MEASURE)
        # All events, in the table and in the drawing.
        assert got["events"] == [e.id for e in sheet.events]
        drawable = {e.id for e in sheet.events if e.when is not None}
        assert set(got["svgEvents"]) >= drawable - {
            e.id for e in sheet.events if isinstance(e.when, str) and "X" in e.when}
        # The article, every character, and each highlight at its offset.
        assert got["article"] == display_text(sheet.text)
        expected = {f"s-{m.start}-{m.end}": m for m in sheet.dates}
        assert {m["id"] for m in got["marks"]} == set(expected)
        for m in got["marks"]:
            mention = expected[m["id"]]
            assert (m["start"], m["text"]) == (mention.start, mention.text)
        # No two labels of the timeline overlap: an event's label is its box (which holds
        # its lines); ticks, markers, legend and notes are their own texts.
        texts = [t for t in got["texts"] if t["text"].strip()]
        assert len(texts) >= 8
        for t in texts:
            if t["box"]:
                r, box = t["rect"], t["box"]
                assert box[0] - 0.5 <= r[0] and r[2] <= box[2] + 0.5, t["text"]
                assert box[1] - 0.5 <= r[1] and r[3] <= box[3] + 0.5, t["text"]
        units = {t["event"]: t["box"] for t in texts if t["box"]}
        shapes = list(units.items()) + [(t["text"], t["rect"]) for t in texts if not t["box"]]
        assert len(units) >= 4
        for (a, ra), (b, rb) in itertools.combinations(shapes, 2):
            assert not overlaps(ra, rb), (a, b)
        # The page fits the screen (the drawing scrolls inside its own frame).
        assert got["pageWidth"] <= got["viewWidth"] + 1
        assert got["scripts"] == 1 and page.errors == []
    finally:
        page.close()


def test_a_date_shows_its_value_when_reached_with_the_keyboard(browser: Any,
                                                               tmp_path: Path) -> None:
    sheet, style, as_of = SHEETS["seed_en"]
    page = open_page(browser, sheet_html(sheet, style, as_of), tmp_path, DESKTOP)
    try:
        for _ in range(300):  # Tab through links until the first date of the article
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('mark.d')"):
                break
        focused = page.evaluate("document.activeElement.id")
        assert focused == "s-59-71"  # اليوم الجمعة, the first date of the seed
        tip = page.evaluate("getComputedStyle(document.activeElement, '::after').content")
        assert "relative: 2022-03-25" in tip and "inferred from the text" in tip
        shown = page.evaluate("getComputedStyle(document.activeElement, '::after').display")
        assert shown != "none"
        page.keyboard.press("Tab")
        assert page.evaluate("getComputedStyle(document.querySelector('#s-59-71'),"
                             " '::after').content") in ("none", "normal")
    finally:
        page.close()


def test_following_a_link_lights_up_its_span(browser: Any, tmp_path: Path) -> None:
    sheet, style, as_of = SHEETS["seed_en"]
    page = open_page(browser, sheet_html(sheet, style, as_of), tmp_path, DESKTOP)
    try:
        page.click("tr[data-event='e4'] a[href='#s-2536-2557']")
        assert page.evaluate("location.hash") == "#s-2536-2557"
        lit = page.evaluate("Array.from(document.querySelectorAll('.hit'))"
                            ".map((e) => e.textContent).join('')")
        assert lit == "من 17 إلى 20 ماي 2022"
        top = page.evaluate("document.querySelector('#s-2536-2557')"
                            ".getBoundingClientRect().top")
        assert 0 <= top <= DESKTOP["height"]  # scrolled into view
    finally:
        page.close()


def test_the_page_prints_on_a4_with_the_drawing(browser: Any, tmp_path: Path,
                                                screens: Path) -> None:
    sheet, style, as_of = SHEETS["long_ar"]
    page = open_page(browser, sheet_html(sheet, style, as_of), tmp_path, DESKTOP)
    try:
        page.emulate_media(media="print")
        hidden = page.evaluate("getComputedStyle(document.querySelector('nav.toc')).display")
        assert hidden == "none"
        pdf = tmp_path / "sheet.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
        boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf.read_bytes())
        assert boxes and all(abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2
                             for w, h in boxes)  # A4 in points
        shutil.copy(pdf, screens / "long_ar_print.pdf")
    finally:
        page.close()


def test_a_hostile_article_runs_nothing_in_the_browser(browser: Any, tmp_path: Path,
                                                       screens: Path) -> None:
    unit = ('<script>window.pwned = 1</script> \u202eفي {d} ماي 2022\u202c <img src=x '
            'onerror="window.pwned = 2"> "><svg onload="window.pwned = 3"></svg> '
            '<a href="javascript:window.pwned=4">x</a> \x1b[31m\r\n')
    text = "".join(unit.format(d=d) for d in range(1, 29))
    sheet = build_sheet(text, source="<script>window.pwned=5</script>")
    page = open_page(browser, sheet_html(sheet, Style.for_sheet(sheet, "ar"),
                                         dt.date(2022, 6, 1)), tmp_path, DESKTOP)
    try:
        page.screenshot(path=str(screens / "hostile_desktop.png"))
        assert page.evaluate("window.pwned") is None
        assert page.evaluate("document.querySelectorAll('img, iframe, object').length") == 0
        assert page.evaluate("document.scripts.length") == 1
        for link in page.query_selector_all("a"):
            assert (link.get_attribute("href") or "").startswith("#")
        got = page.evaluate(MEASURE)
        assert got["article"] == display_text(text)
        assert len(got["marks"]) == len(sheet.dates) == 28
        assert page.errors == []  # not even a blocked script: there was none to block
    finally:
        page.close()


def test_many_mentions_of_a_name_wrap_on_a_phone(browser: Any, tmp_path: Path) -> None:
    text = " ".join(f"زار الوفد الرباط يوم {d} ماي 2022 والتقى مسؤولين في الرباط."
                    for d in range(1, 13))
    sheet = build_sheet(text, source="rabat.txt")
    assert len(sheet.places[0].mentions) >= 12
    page = open_page(browser, sheet_html(sheet, Style.for_sheet(sheet, "ar"),
                                         dt.date(2022, 6, 1)), tmp_path, PHONE)
    try:
        got = page.evaluate(MEASURE)
        assert got["pageWidth"] <= got["viewWidth"] + 1
    finally:
        page.close()
