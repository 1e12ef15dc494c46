"""The README's table of spoken and scheduling forms is true: each example, published on
Wednesday 14 February 2024, is one mention of the value the table gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import factsheet
from factsheet.schema import value_json

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
SECTION = README.split("### Spoken and scheduling forms", 1)[1].split("\n### ", 1)[0]
ROW = re.compile(r"^\| (?P<form>[^|]+) \| `(?P<text>[^`]+)` \| `(?P<value>[^`]+)`"
                 r"(?: \((?P<mod>[A-Z_]+)\))? \|$", re.M)
ROWS = [m.groupdict() for m in ROW.finditer(SECTION)]


def test_the_table_lists_the_forms() -> None:
    assert len(ROWS) >= 30
    assert len({r["text"] for r in ROWS}) == len(ROWS)


@pytest.mark.parametrize("row", ROWS, ids=[r["form"] for r in ROWS])
def test_readme_form(row: dict[str, str]) -> None:
    (m,) = factsheet.find_dates(row["text"], "2024-02-14")
    assert m.text == row["text"]
    value = value_json(m.value)
    if isinstance(value, dict):
        value = f"{value['start']}..{value['end']}"
    assert value == row["value"]
    if row["mod"]:
        assert m.mod == row["mod"]
