"""Arabic views (``--lang ar``): evidence, relations and Markdown in Arabic, numbers agreeing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factsheet.cli.app import app
from factsheet.facts.model import Relation, Span
from factsheet.render.sheet_common import Style, evidence_text, relation_text

ARTICLE = (
    "أكد وزير الصحة اليوم الخميس أن الحملة الوطنية للتلقيح ستنطلق قبل 20 يوما من المؤتمر "
    "الإقليمي للصحة الذي سيعقد من 2 إلى 4 نوفمبر 2023 بالدار البيضاء. وكانت الوزارة قد أطلقت "
    "حملة مماثلة انطلقت في 5 شتنبر 2023، بينما يرتقب في 20 أكتوبر 2023 صدور التقرير الأول.\n"
)
LATIN = re.compile("[A-Za-z]")
AR = Style("ar", family="maghrebi")


@pytest.mark.parametrize(
    ("reason", "arabic"),
    [
        ("dateline", "سطر التاريخ"),
        ("today is a Thursday", "يوم النشر هو الخميس"),
        ("said to be -1 days from today", "قبل يوم النشر بيوم واحد"),
        ("said to be +2 days from today", "بعد يوم النشر بيومين"),
        ("said to be -3 days from today", "قبل يوم النشر بـ3 أيام"),
        ("said to be +0 days from today", "هو يوم النشر"),
        ("20D before 2023-11-02 (من 2 إلى 4 نوفمبر 2023) → 2023-10-13 ± 3 days",
         "20 يوما قبل 2 نونبر 2023 (من 2 إلى 4 نوفمبر 2023): 13 أكتوبر 2023 ± 3 أيام"),
        ("2W after 2023-01-05 (في 5 يناير) → 2023-01-19 ± 2 days",
         "أسبوعان بعد 5 يناير 2023 (في 5 يناير): 19 يناير 2023 ± يومان"),
        ("month 2022-05 said to be next: published before it",
         "ماي 2022 موصوف بالمقبل: نشر المقال قبله"),
        ("month 2021-12 said to be past: published after it",
         "دجنبر 2021 موصوف بالماضي: نشر المقال بعده"),
        ("announced as to come: published before 2023-11-02",
         "معلن حدثا قادما: نشر المقال قبل 2 نونبر 2023"),
        ("told as past: published after 2023-09-05",
         "مروي حدثا ماضيا: نشر المقال بعد 5 شتنبر 2023"),
    ],
)
def test_every_reason_for_the_publication_date_reads_in_arabic(reason: str, arabic: str) -> None:
    assert evidence_text(reason, AR) == arabic
    assert evidence_text(reason, Style("en")) == reason


def test_a_reason_without_an_arabic_wording_is_kept_rather_than_lost() -> None:
    assert evidence_text("a new kind of clue", AR) == "a new kind of clue"


@pytest.mark.parametrize(
    ("relation", "offset", "en", "ar"),
    [
        ("before", "P50D", "50 days before e4", "قبل e4 بـ50 يوما"),
        ("after", "P2W", "2 weeks after e2", "بعد e2 بأسبوعين"),
        ("after", "P1Y", "1 year after e2", "بعد e2 بسنة واحدة"),
        ("since", None, "since e2", "منذ e2"),
    ],
)
def test_relations_between_events_in_words(relation: str, offset: str | None, en: str,
                                           ar: str) -> None:
    r = Relation(relation, offset, en.split()[-1], Span("", 0, 0))
    assert relation_text(r, Style("en")) == en
    assert relation_text(r, Style("ar")) == ar


def _run(tmp_path: Path, *args: str) -> str:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, [args[0], str(path), *args[1:]], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("fmt", ["text", "markdown", "rich"])
def test_the_evidence_follows_lang_in_every_view(tmp_path: Path, fmt: str) -> None:
    out = _run(tmp_path, "sheet", "--format", fmt, "--lang", "ar", "--no-color")
    assert "يوم النشر هو الخميس" in out
    assert "20 يوما قبل 2 نونبر 2023" in out
    assert "معلن حدثا قادما: نشر المقال قبل 20 أكتوبر 2023" in out
    for english in ("today is", "announced", "before 2023", "days"):
        assert english not in out


def test_markdown_in_arabic_has_arabic_headers(tmp_path: Path) -> None:
    out = _run(tmp_path, "sheet", "--format", "markdown", "--lang", "ar")
    titles = [line for line in out.splitlines() if line.startswith("## ")]
    assert len(titles) == 5 and not any(LATIN.search(t) for t in titles)
    assert "| الاسم | المختصر | المواضع |" in out
    assert "| الاسم | بالإنجليزية | النوع | المواضع |" in out
    assert "| الدار البيضاء | Casablanca | مدينة |" in out


def test_countdown_in_arabic_in_every_view(tmp_path: Path) -> None:
    for fmt in ("text", "markdown", "rich"):
        out = _run(tmp_path, "countdown", "--as-of", "2023-10-12", "--format", fmt,
                   "--lang", "ar", "--no-color")
        assert "يبدأ بعد 21 يوما (21 يوما)" in out  # 2–4 November
        assert "بعد 8 أيام (8 أيام)" in out  # 20 October
        assert "قبل 37 يوما (شهر واحد و7 أيام)" in out  # 5 September
        assert "يوم)" not in out and "شهر،" not in out


def test_summary_in_arabic(tmp_path: Path) -> None:
    out = _run(tmp_path, "summary", "--format", "text", "--lang", "ar")
    assert out.startswith("تاريخ النشر: الخميس 12 أكتوبر 2023 (مستنتج)")
