"""The JSON wire format of `factsheet dates` is a contract: its key sets are pinned here.

Renaming or removing a key must fail this test (and needs a new schema version); the
expected sets are spelled out on purpose, and compared with real output on the seed.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from typer.testing import CliRunner

from factsheet.cli.app import app
from factsheet.schema import (
    DATES_SCHEMA,
    AnchorJSON,
    DatesJSON,
    MentionJSON,
    PublishedJSON,
)
from factsheet.sources.io import seed_path

DATES_KEYS = {"schema", "source", "published", "dates"}
PUBLISHED_KEYS = {"value", "basis", "interval"}
MENTION_KEYS = {
    "text", "start", "end", "type", "value", "grain", "calendar", "relative", "hijri", "mod",
    "anchor", "rule", "inferred", "notes",
}
ANCHOR_KEYS = {"relation", "text", "start", "end"}
TYPES = {"date", "range", "year", "month", "weekday", "relative", "duration", "time", "decade",
         "century", "holiday"}


def run(*args: str) -> str:
    result = CliRunner().invoke(app, ["dates", str(seed_path()), *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def seed_doc() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(run("--published", "2022-03-25", "--format", "json"))
    return doc


def test_typed_dicts_declare_the_pinned_keys() -> None:
    assert set(DatesJSON.__annotations__) == DATES_KEYS
    assert set(PublishedJSON.__annotations__) == PUBLISHED_KEYS
    assert set(MentionJSON.__annotations__) == MENTION_KEYS
    assert set(AnchorJSON.__annotations__) == ANCHOR_KEYS


def test_real_document_has_exactly_the_pinned_keys(seed_doc: dict[str, Any]) -> None:
    assert set(seed_doc) == DATES_KEYS
    assert seed_doc["schema"] == DATES_SCHEMA == "factsheet.dates/1"
    assert set(seed_doc["published"]) == PUBLISHED_KEYS
    assert seed_doc["dates"], "the seed has dates"
    for mention in seed_doc["dates"]:
        assert set(mention) == MENTION_KEYS
        assert mention["type"] in TYPES
        if mention["anchor"] is not None:
            assert set(mention["anchor"]) == ANCHOR_KEYS


def test_an_anchor_appears_in_the_seed(seed_doc: dict[str, Any]) -> None:
    # «قبل 50 يوما فقط من المنتدى»: the offset is counted from the forum, not from today.
    anchored = [m for m in seed_doc["dates"] if m["anchor"] is not None]
    assert anchored and anchored[0]["anchor"]["relation"] == "before"


def test_offsets_point_into_the_seed(seed_doc: dict[str, Any]) -> None:
    text = seed_path().read_text(encoding="utf-8")
    for m in seed_doc["dates"]:
        assert text[m["start"]:m["end"]] == m["text"]


def test_seed_range_is_found_as_a_range(seed_doc: dict[str, Any]) -> None:
    ranges = [m for m in seed_doc["dates"] if m["text"] == "من 17 إلى 20 ماي 2022"]
    assert len(ranges) == 1
    assert ranges[0]["type"] == "range"
    assert ranges[0]["value"] == {"start": "2022-05-17", "end": "2022-05-20"}


def test_jsonl_records_are_a_mention_plus_its_source() -> None:
    lines = run("--published", "2022-03-25", "--format", "jsonl").splitlines()
    assert lines
    for line in lines:
        assert set(json.loads(line)) == MENTION_KEYS | {"source"}


def test_csv_columns_are_the_mention_keys_in_schema_order() -> None:
    rows = list(csv.reader(io.StringIO(run("--format", "csv"))))
    assert rows[0] == list(MentionJSON.__annotations__)


def test_without_published_the_basis_says_how_the_date_is_known() -> None:
    doc = json.loads(run("--format", "json"))
    assert doc["published"]["basis"] in {"dateline", "inferred", "unknown"}
    # a day, or an interval of candidate days (value null), or unknown
    known = doc["published"]["value"] is not None or doc["published"]["interval"] is not None
    assert known == (doc["published"]["basis"] != "unknown")
