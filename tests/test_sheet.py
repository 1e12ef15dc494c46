"""The fact sheet of the seed article, its JSON contract, and the sheet commands."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources

import pytest
from typer.testing import CliRunner

from factsheet.cli.app import app
from factsheet.facts.sheet import build_sheet
from factsheet.render.sheet_json import SHEET_SCHEMA, sheet_json

SEED_FILE = resources.files("factsheet.seeds").joinpath("000_68252f54bcdea424.txt")
SEED = SEED_FILE.read_text(encoding="utf-8")
runner = CliRunner()


@pytest.fixture(scope="module")
def seed_json() -> dict:  # type: ignore[type-arg]
    return json.loads(json.dumps(sheet_json(build_sheet(SEED, source="seed"))))


def test_json_keys_are_pinned(seed_json: dict) -> None:  # type: ignore[type-arg]
    assert seed_json["schema"] == SHEET_SCHEMA == "factsheet.sheet/1"
    assert set(seed_json) == {"schema", "source", "published", "events", "people",
                              "organizations", "places", "quotes", "dates"}
    assert set(seed_json["published"]) == {"value", "basis", "weekday", "uncertainty_days",
                                           "interval", "evidence"}
    assert set(seed_json["events"][0]) == {"id", "label", "label_span", "when", "grain", "where",
                                           "own", "acronym", "relations", "mentions"}
    assert set(seed_json["people"][0]) == {"name", "role", "role_span", "mentions"}
    assert set(seed_json["organizations"][0]) == {"name", "en", "acronym", "mentions"}
    assert set(seed_json["places"][0]) == {"name", "en", "kind", "code", "mentions"}
    assert set(seed_json["quotes"][0]) == {"text", "start", "end", "speaker", "speaker_span"}


def test_seed_published_is_inferred_friday_25_march(seed_json: dict) -> None:  # type: ignore[type-arg]
    p = seed_json["published"]
    assert (p["value"], p["basis"], p["weekday"]) == ("2022-03-25", "inferred", "Friday")
    assert [e["text"] for e in p["evidence"]][:2] == ["اليوم الجمعة", "50 يوما"]


def test_seed_events_with_places(seed_json: dict) -> None:  # type: ignore[type-arg]
    got = [(e["when"], e["where"]["en"] if e["where"] else None, e["own"])
           for e in seed_json["events"]]
    assert got == [
        ("2018", "Marrakech", False),
        ("2020", "Rabat", False),
        ("2022-03-25", "Morocco", True),
        ({"start": "2022-05-17", "end": "2022-05-20"}, "New York", False),
    ]
    adoption, observatory, meeting, forum = seed_json["events"]
    assert "المصادقة" in adoption["label"]
    assert "المرصد الإفريقي للهجرة" in observatory["label"]
    assert meeting["label"].startswith("الاجتماع الوزاري")
    assert forum["acronym"] == "IMRF"
    assert [m["text"] for m in forum["mentions"]] == ["ماي المقبل", "من 17 إلى 20 ماي 2022"]
    assert meeting["relations"][0]["relation"] == "before"
    assert meeting["relations"][0]["offset"] == "P50D"
    assert meeting["relations"][0]["event"] == forum["id"]


def test_seed_people_organizations_quotes(seed_json: dict) -> None:  # type: ignore[type-arg]
    vitorino = seed_json["people"][0]
    assert vitorino["name"] == "أنطونيو فيتورينو"
    assert vitorino["role"] == "المدير العام للمنظمة الدولية للهجرة"
    assert "IOM" in [o["acronym"] for o in seed_json["organizations"]]
    # every quote is Vitorino's but the ministers' (``كما شددوا على …``), who are not named
    assert {q["speaker"] for q in seed_json["quotes"]} == {"أنطونيو فيتورينو", None}


def test_every_item_points_into_the_text(seed_json: dict) -> None:  # type: ignore[type-arg]
    def spans(obj: object) -> list[dict]:  # type: ignore[type-arg]
        found = []
        if isinstance(obj, dict):
            if {"text", "start", "end"} <= set(obj):
                found.append(obj)
            for v in obj.values():
                found += spans(v)
        elif isinstance(obj, list):
            for v in obj:
                found += spans(v)
        return found

    all_spans = spans(seed_json)
    assert len(all_spans) > 40
    for s in all_spans:
        assert SEED[s["start"]:s["end"]] == s["text"]


def test_given_published_date_wins() -> None:
    sheet = build_sheet(SEED, dt.date(2022, 3, 24))
    assert sheet.published.basis == "given"
    assert sheet.published.value == dt.date(2022, 3, 24)


def test_an_article_in_another_domain() -> None:
    text = (
        "الدار البيضاء - أعلن رئيس الجامعة الملكية المغربية لكرة القدم، فوزي لقجع، اليوم الخميس، "
        "أن المنتخب سيخوض مباراة ودية في طنجة يوم 20 مارس 2025. "
        "وقال لقجع إن \"التحضيرات تسير بشكل جيد جدا\"."
    )
    sheet = build_sheet(text, dt.date(2025, 3, 6))
    people = [(p.name, p.role) for p in sheet.people]
    assert ("فوزي لقجع", "رئيس الجامعة الملكية المغربية لكرة القدم") in people
    match = next(e for e in sheet.events if e.when == "2025-03-20")
    assert match.where is not None and match.where.place.en == "Tangier"
    assert sheet.quotes[0].speaker == "فوزي لقجع"


def test_cli_sheet_json_on_the_seed_file() -> None:
    result = runner.invoke(app, ["sheet", str(SEED_FILE), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["published"]["value"] == "2022-03-25"


def test_cli_default_is_the_seed_as_plain_text_when_piped() -> None:
    result = runner.invoke(app, ["sheet"])
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.stdout
    assert "Friday 25 March 2022 (inferred)" in result.stdout
    assert "17–20 May 2022" in result.stdout


def test_cli_arabic_labels_use_the_article_month_names() -> None:
    result = runner.invoke(app, ["timeline", "--lang", "ar"])
    assert result.exit_code == 0, result.output
    assert "17–20 ماي 2022" in result.stdout
    assert "مايو" not in result.stdout


def test_cli_both_calendars() -> None:
    result = runner.invoke(app, ["summary", "--calendar", "both"])
    assert "25 March 2022 (22 Sha'ban 1443 AH)" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sheet", "--format", "pdf"], "unknown --format"),
        (["sheet", "--lang", "fr"], "unknown --lang"),
        (["sheet", "--calendar", "julian"], "unknown --calendar"),
        (["sheet", "no/such/file.txt"], "no such file"),
        (["countdown", "--as-of", "2022-13-01"], "invalid --as-of"),
        (["convert", "1900-01-01"], "cannot be converted"),
    ],
)
def test_cli_bad_input_is_one_line_without_traceback(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_convert_both_ways() -> None:
    out = runner.invoke(app, ["convert", "2022-05-17"]).stdout
    assert "1443-10-16" in out and "16 Shawwal 1443 AH" in out
    doc = json.loads(runner.invoke(app, ["convert", "15 رمضان 1443", "--format", "json"]).stdout)
    assert doc["gregorian"] == "2022-04-16"
    assert doc["from"] == "hijri"


QUARTERS = (
    "تونس في 2 ماي 2023 (وات) - سجل الميزان التجاري تحسنا خلال الربع الأول من سنة 2023 مقارنة "
    "بالفترة ذاتها من العام الماضي، وينتظر أن يتواصل التحسن خلال النصف الثاني من السنة الحالية "
    "وفي صيف 2023 مع عودة السياح."
)


@pytest.mark.parametrize("fmt", ["text", "markdown", "rich", "json", "jsonl", "csv", "ics"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_quarters_halves_and_seasons_render_in_every_format(
    tmp_path: pytest.TempPathFactory, fmt: str, lang: str
) -> None:
    path = tmp_path / "quarters.txt"  # type: ignore[operator]
    path.write_text(QUARTERS, encoding="utf-8")
    for command in ("sheet", "timeline"):
        if command == "timeline" and fmt in ("ics", "jsonl", "csv", "rich"):
            continue
        result = CliRunner().invoke(
            app, [command, str(path), "--format", fmt, "--lang", lang, "--calendar", "both"]
        )
        assert result.exit_code == 0, result.output
    text = CliRunner().invoke(app, ["timeline", str(path), "--format", "text"]).output
    assert "Q1 2022" in text or "Q1 2023" in text
