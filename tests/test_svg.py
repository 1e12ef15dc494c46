"""The timeline drawing: its scale (years to days, broken across decades), its ticks, labels
that never overlap, and the SVG written by ``timeline --format svg`` (also ``--merge``)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factsheet.cli.app import app
from factsheet.facts.sheet import build_sheet
from factsheet.render import timeline_layout as tl
from factsheet.render.sheet_common import Style
from factsheet.render.svg import (
    Item,
    draw,
    merged_timeline_svg,
    period_bounds,
    sheet_timeline_svg,
)
from factsheet.sources.io import read_article, seed_path

SVG = "{http://www.w3.org/2000/svg}"
DATA = Path(__file__).parent / "data"
D = dt.date


def day(text: str) -> D:
    return D.fromisoformat(text)


# --------------------------------------------------------------------------- scale


def test_a_few_years_make_one_segment_and_decades_with_gaps_break_the_axis() -> None:
    recent = [(D(2018, 1, 1), D(2018, 12, 31)), (day("2022-05-17"), day("2022-05-20"))]
    assert len(tl.build_scale(recent, 0, 900).segments) == 1
    history = [(D(1956, 1, 1), D(1956, 12, 31)), (D(1981, 1, 1), D(1981, 12, 31)),
               (day("2022-03-25"), day("2022-03-25")), (day("2022-05-17"), day("2022-05-20"))]
    scale = tl.build_scale(history, 0, 900)
    starts = [s.start.year for s in scale.segments]
    assert starts == [1956, 1981, 2022]
    # Every interval is drawn inside a segment, in order, and the busy one is widest.
    xs = [scale.x(a) for a, _ in sorted(history)]
    assert xs == sorted(xs)
    assert all(scale.contains(a) and scale.contains(b) for a, b in history)
    widths = [s.x1 - s.x0 for s in scale.segments]
    assert widths[2] == max(widths)


def test_right_to_left_mirrors_the_axis() -> None:
    spans = [(D(2020, 1, 1), D(2020, 1, 1)), (D(2021, 6, 1), D(2021, 6, 1))]
    ltr, rtl = tl.build_scale(spans, 10, 910), tl.build_scale(spans, 10, 910, rtl=True)
    for a, _ in spans:
        assert rtl.x(a) == pytest.approx(920 - ltr.x(a))
    assert rtl.x(D(2020, 1, 1)) > rtl.x(D(2021, 6, 1))  # earlier is further right


@pytest.mark.parametrize(("first", "last", "unit"), [
    ("2022-05-10", "2022-05-24", "day"),        # two weeks: days
    ("2022-01-10", "2022-11-20", "month"),      # a year: months
    ("2001-03-01", "2019-06-01", "year"),       # two decades: years
])
def test_ticks_follow_the_span_from_days_to_years(first: str, last: str, unit: str) -> None:
    a, b = day(first), day(last)
    middle = [a + (b - a) * k / 4 for k in range(1, 4)]  # no long empty stretch
    scale = tl.build_scale([(d, d) for d in (a, *middle, b)], 0, 900)
    assert len(scale.segments) == 1
    ticks = tl.ticks(scale)
    labelled = [t for t in ticks if t.label]
    assert len(labelled) >= 3
    if unit == "day":
        assert {t.day.month for t in ticks} == {5} and len(ticks) >= 7
    elif unit == "month":
        assert all(t.day.day == 1 for t in ticks) and len({t.day.month for t in ticks}) >= 6
    else:
        assert all((t.day.month, t.day.day) == (1, 1) for t in ticks)
    _disjoint([(t.lx - tl.text_width(t.label or "", 11) / 2,
                t.lx + tl.text_width(t.label or "", 11) / 2) for t in labelled])


def test_hijri_ticks_fall_on_the_first_days_of_hijri_months() -> None:
    from factsheet.dates.calendars import gregorian_to_hijri
    from factsheet.dates.hijri_convert import HIJRI_MONTHS_EN

    scale = tl.build_scale([(D(2022, 3, 1), D(2022, 3, 1)), (D(2022, 9, 1), D(2022, 9, 1))],
                           0, 900)
    ticks = tl.hijri_ticks(scale, HIJRI_MONTHS_EN, "AH")
    assert len(ticks) >= 3
    assert all(gregorian_to_hijri(t.day)[2] == 1 for t in ticks)
    assert any(t.label == "Ramadan 1443" or t.label == "Ramadan" for t in ticks)


def test_quarters_seasons_and_weeks_are_periods() -> None:
    assert period_bounds("2024-Q1") == (D(2024, 1, 1), D(2024, 3, 31))
    assert period_bounds("2015-H2") == (D(2015, 7, 1), D(2015, 12, 31))
    assert period_bounds("2023-WI") == (D(2023, 12, 1), D(2024, 2, 29))
    assert period_bounds("2022-W12") == (D(2022, 3, 21), D(2022, 3, 27))
    assert period_bounds("2022-05") is None  # a month is value_bounds' business


# --------------------------------------------------------------------------- labels


def _disjoint(boxes: list[tuple[float, float]]) -> None:
    for (a0, a1), (b0, b1) in itertools.combinations(sorted(boxes), 2):
        assert a1 <= b0 or b1 <= a0, f"overlap: {(a0, a1)} and {(b0, b1)}"


def _check_layout(placed: list[tl.Placement], geo: tl.Lanes, left: float,
                  right: float) -> None:
    """No two boxes overlap; no leader crosses a box or another leader."""
    for p in placed:
        assert left - 1e-6 <= p.lo and p.hi <= right + 1e-6
        assert p.lo <= p.foot <= p.hi
    for side in ("above", "below"):
        mine = [p for p in placed if p.side == side]
        for lane in {p.lane for p in mine}:
            _disjoint([(p.lo, p.hi) for p in mine if p.lane == lane])
        for p, q in itertools.permutations(mine, 2):
            if q.lane < p.lane:  # p's leader passes q's lane
                y0, y1 = geo.bottom(q.lane), geo.top(q.lane)
                xa = p.anchor + (p.foot - p.anchor) * y0 / geo.bottom(p.lane)
                xb = p.anchor + (p.foot - p.anchor) * y1 / geo.bottom(p.lane)
                assert max(xa, xb) < q.lo or min(xa, xb) > q.hi, (p, q)
            if p.key < q.key:
                y = min(geo.bottom(p.lane), geo.bottom(q.lane))
                px = p.anchor + (p.foot - p.anchor) * y / geo.bottom(p.lane)
                qx = q.anchor + (q.foot - q.anchor) * y / geo.bottom(q.lane)
                assert (p.anchor - q.anchor) * (px - qx) >= 0, ("leaders cross", p, q)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 900), st.floats(20, 240)), max_size=60),
       st.booleans())
def test_labels_never_overlap_and_leaders_never_cross(
    marks: list[tuple[float, float]], two_sides: bool
) -> None:
    requests = [tl.LabelRequest(f"k{i:03d}", a, w) for i, (a, w) in enumerate(marks)]
    geo = tl.Lanes()
    placed = tl.place_labels(requests, 0, 900, lanes=geo, below=geo if two_sides else None)
    _check_layout(placed, geo, 0, 900)
    assert len({p.key for p in placed}) == len(placed)
    if marks:
        assert placed  # the first label always fits


def test_labels_go_up_a_lane_when_they_must_and_stay_over_their_marks() -> None:
    requests = [tl.LabelRequest("a", 100, 120), tl.LabelRequest("b", 300, 120),
                tl.LabelRequest("c", 330, 120)]
    placed = {p.key: p for p in tl.place_labels(requests, 0, 900)}
    assert placed["a"].lane == placed["b"].lane == 0
    assert placed["a"].foot == 100 and placed["b"].foot == 300  # vertical leaders
    c = placed["c"]
    assert (c.lane, c.lo <= 330 <= c.hi) in {(1, True), (0, True)} or c.foot != 330
    _check_layout(list(placed.values()), tl.Lanes(), 0, 900)


def test_a_label_that_cannot_fit_is_left_out_never_overlapped() -> None:
    requests = [tl.LabelRequest(f"k{i}", 450 + i * 0.1, 400) for i in range(40)]
    placed = tl.place_labels(requests, 0, 900)
    assert 0 < len(placed) < 40
    _check_layout(placed, tl.Lanes(), 0, 900)


def test_text_is_cut_with_an_ellipsis_to_fit() -> None:
    words = "المنتدى الأول لبحث قضية الهجرة الدولية في نيويورك"
    cut = tl.fit_text(words, 120, 12)
    assert cut.endswith("…") and tl.text_width(cut, 12) <= 120
    lines = tl.wrap_text(words, 120, 12, 2)
    assert len(lines) == 2 and all(tl.text_width(x, 12) <= 120 for x in lines)
    assert tl.wrap_text("قصير", 120, 12, 2) == ["قصير"]


# --------------------------------------------------------------------------- the drawing


@pytest.fixture(scope="module")
def seed_svg() -> str:
    sheet = build_sheet(read_article(seed_path()).text, source="seed")
    return sheet_timeline_svg(sheet, Style.for_sheet(sheet, "en"), D(2022, 4, 1))


def svg_root(text: str) -> ET.Element:
    """The drawing parsed as XML (a .svg file is XML)."""
    return ET.fromstring(text)


def test_the_seed_timeline_is_well_formed_svg_with_every_event(seed_svg: str) -> None:
    root = svg_root(seed_svg)
    assert root.tag == f"{SVG}svg" and root.get("viewBox")
    events = {el.get("data-event") for el in root.iter() if el.get("data-event")}
    assert events == {"e1", "e2", "e3", "e4"}
    labels = {el.get("data-event") for el in root.iter(f"{SVG}g")
              if "lbl" in (el.get("class") or "")}
    assert labels == {"e1", "e2", "e3", "e4"}
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert "17–20 May 2022" in texts and "2018 · Marrakech" in texts


def test_days_are_dots_periods_are_bars_and_inferred_values_are_hollow(seed_svg: str) -> None:
    root = svg_root(seed_svg)
    shape = {el.get("data-event"): (el.tag.removeprefix(SVG), el.get("class"))
             for el in root.iter() if el.get("data-event") and el.tag != f"{SVG}g"}
    assert shape["e1"] == ("rect", "bar ")         # 2018: a year
    assert shape["e4"] == ("rect", "bar ")         # 17–20 May 2022: a range
    assert shape["e3"] == ("circle", "dot own inferred")  # the article's day, inferred


def test_the_publication_date_and_as_of_are_marked(seed_svg: str) -> None:
    root = svg_root(seed_svg)
    marks = {t.get("data-marker"): "".join(t.itertext()) for t in root.iter(f"{SVG}text")
             if t.get("data-marker")}
    assert marks == {"published": "Published: 25 March 2022 (inferred)",
                     "asof": "As of: 1 April 2022"}
    pub = [ln for ln in root.iter(f"{SVG}line") if ln.get("class") == "pub"]
    asof = [ln for ln in root.iter(f"{SVG}line") if ln.get("class") == "asof"]
    assert len(pub) == 2 and len(asof) == 2  # in the drawing and in the legend
    x_pub, x_asof = float(pub[1].get("x1") or 0), float(asof[1].get("x1") or 0)
    assert x_asof > x_pub  # a week later, to the right


def test_calendar_both_adds_a_hijri_axis_and_arabic_runs_right_to_left() -> None:
    sheet = build_sheet(read_article(seed_path()).text, source="seed")
    root = svg_root(sheet_timeline_svg(sheet, Style.for_sheet(sheet, "ar", "both"),
                                       D(2022, 4, 1)))
    hijri = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")
             if "hijri" in (t.get("class") or "")]
    assert "1443 هـ" in hijri and len(hijri) >= 3
    dots = {el.get("data-event"): el for el in root.iter() if el.get("data-event")
            and el.tag in (f"{SVG}rect", f"{SVG}circle")}
    x2018 = float(dots["e1"].get("x") or 0)
    x2022 = float(dots["e4"].get("x") or 0)
    assert x2018 > x2022  # right to left: 2018 to the right of May 2022


def test_text_in_the_drawing_is_escaped() -> None:
    item = Item("e1", "2020", '<script>alert(1)</script> & "x"', ((D(2020, 1, 1),) * 2,))
    drawing = draw([item], Style("en"), as_of=D(2020, 2, 1))
    from factsheet.render.svg import render_drawing

    out = render_drawing(drawing)
    assert "<script>" not in out and "&lt;script&gt;" in out
    svg_root(out)


def test_a_merged_corpus_timeline_draws_article_counts() -> None:
    timeline = {"schema": "factsheet.corpus-timeline/1", "articles": 3, "failed": 0,
                "events": [
                    {"value": "2018", "label": "الميثاق العالمي للهجرة", "place": "مراكش",
                     "articles": ["a", "c"]},
                    {"value": {"start": "2022-05-17", "end": "2022-05-20"},
                     "label": "المنتدى الدولي", "place": "نيويورك", "articles": ["a"]},
                    {"value": "2022-03-25", "label": "الاجتماع الوزاري", "place": "الرباط",
                     "articles": ["a", "b", "c"]},
                    {"value": "2022-04-02", "label": "لقاء", "place": None, "articles": ["b"]},
                    {"value": "XXXX-05-17", "label": "?", "articles": ["b"]}]}
    root = svg_root(merged_timeline_svg(timeline, Style("en"), D(2022, 6, 1)))
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert "2018 · 2 articles" in texts and "17–20 May 2022 · 1 article" in texts
    assert any(t.startswith("مراكش: الميثاق") for t in texts)
    radius = {c.get("data-event"): float(c.get("r") or 0) for c in root.iter(f"{SVG}circle")
              if c.get("data-event")}
    assert radius["c4"] == 5 and radius["c3"] > 8  # three articles: a bigger dot
    assert any(t.startswith("Not on the axis") for t in texts)


def test_the_long_article_breaks_its_axis_and_labels_most_events() -> None:
    sheet = build_sheet(read_article(DATA / "water_conference.txt").text)
    root = svg_root(sheet_timeline_svg(sheet, Style.for_sheet(sheet, "en"), D(2023, 4, 20)))
    assert [p for p in root.iter(f"{SVG}path") if p.get("class") == "brk"]
    labelled = {el.get("data-event") for el in root.iter(f"{SVG}g")
                if "lbl" in (el.get("class") or "")}
    assert len(labelled) >= 12 and "e14" in labelled  # the article's own event first


# --------------------------------------------------------------------------- command line


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "factsheet", *args], capture_output=True,
                          text=True, timeout=120)


def test_timeline_format_svg_and_sheet_format_html_on_the_command_line(tmp_path: Path) -> None:
    done = run("timeline", "--format", "svg", "--as-of", "2022-04-01")
    assert done.returncode == 0, done.stderr
    svg_root(done.stdout)
    out = tmp_path / "sheet.html"
    done = run("sheet", "-o", str(out), "--lang", "ar")  # the suffix chooses html
    assert done.returncode == 0, done.stderr and done.stdout == ""
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'dir="rtl"' in page
    drawn = tmp_path / "t.svg"
    assert run("timeline", "-o", str(drawn)).returncode == 0
    assert drawn.read_text(encoding="utf-8").startswith("<svg")


def test_drawing_formats_keep_bad_input_a_one_line_error() -> None:
    runner = CliRunner()
    bad = runner.invoke(app, ["sheet", "--format", "svg"])
    assert bad.exit_code == 2 and "choose one of" in bad.output and "html" in bad.output
    bad = runner.invoke(app, ["timeline", "--format", "svg", "--as-of", "2022-13-01"])
    assert bad.exit_code == 2 and "invalid --as-of" in bad.output
    bad = runner.invoke(app, ["summary", "--format", "html"])
    assert bad.exit_code == 2


def test_timeline_merge_draws_the_corpus(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "صادقت الدول في مراكش عام 2018 على الميثاق العالمي للهجرة، ويعقد المنتدى الدولي "
        "للهجرة في نيويورك من 17 إلى 20 ماي 2022.", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "وذكّر الوزير بأن ميثاق مراكش للهجرة اعتمد عام 2018 بحضور أكثر من 150 دولة.",
        encoding="utf-8")
    done = run("timeline", "--merge", str(tmp_path), "-p", "2022-03-25", "--format", "svg",
               "--as-of", "2022-04-01", "--lang", "ar")
    assert done.returncode == 0, done.stderr
    root = svg_root(done.stdout)
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert "2018 · عدد المقالات: 2" in texts, texts
    assert any(t.startswith("مراكش: ") for t in texts)
    as_json = run("timeline", "--merge", str(tmp_path), "-p", "2022-03-25", "-f", "json")
    assert json.loads(as_json.stdout)["articles"] == 2  # the other formats are unchanged
    bad = run("timeline", "--merge", str(tmp_path), "--format", "svg", "--lang", "fr")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def test_the_publication_date_and_today_keep_both_labels_even_a_day_apart() -> None:
    items = [Item("e1", "1950", "قديم", ((D(1950, 1, 1), D(1950, 12, 31)),)),
             Item("e2", "2023", "حديث", ((D(2023, 4, 14), D(2023, 4, 14)),))]
    drawing = draw(items, Style("ar"), published=D(2023, 4, 14), as_of=D(2023, 4, 15),
                   today=True)
    captions = {m["kind"]: m["text"].text for m in drawing.markers if m["text"]}
    assert captions == {"published": "تاريخ النشر: 14 أبريل 2023", "asof": "اليوم: 15 أبريل 2023"}
    same = draw(items, Style("en"), published=D(2023, 4, 14), as_of=D(2023, 4, 14))
    assert [m["text"].text for m in same.markers if m["text"]] == [
        "Published: 14 April 2023 = As of"]


def test_events_years_before_today_break_the_axis_and_keep_their_room() -> None:
    spans = [(D(2017, 1, 1), D(2017, 1, 31)), (D(2017, 5, 1), D(2017, 5, 31)),
             (D(2017, 9, 1), D(2017, 9, 30)), (D(2026, 11, 30), D(2026, 11, 30))]
    scale = tl.build_scale(spans, 0, 900)
    assert [(s.start.year, s.end.year) for s in scale.segments] == [(2017, 2017), (2026, 2026)]
    assert scale.x(D(2017, 9, 15)) - scale.x(D(2017, 1, 15)) > 400  # the events spread out
    labels = [t.label for t in tl.ticks(scale) if t.label]
    assert "30 November 2026" in labels or any(
        lb.endswith("2026") for lb in labels)  # the year after the break
    short = [(D(2018, 1, 1), D(2018, 12, 31)), (D(2022, 3, 25), D(2022, 3, 25))]
    assert len(tl.build_scale(short, 0, 900).segments) == 1  # four years: one axis
