"""CSV and TSV cells (issue 9 item 4): numbers stay numbers, formulas never run, TSV is
never quoted. Checked with Python's csv module and, when it is installed, with LibreOffice
(the spreadsheet users open these files in)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from factsheet.dates.model import Mention
from factsheet.render.dates import csv_lines
from factsheet.render.safe import csv_cell, tsv_cell

SEED = Path(__file__).parent.parent / "seeds" / "000_68252f54bcdea424.txt"


@pytest.mark.parametrize("number", ["-1187", "-3.5", "-.5", "+12", "-2e3", "0", "46"])
def test_a_cell_that_parses_as_a_number_stays_a_number(number: str) -> None:
    assert csv_cell(number) == number
    assert tsv_cell(number) == number


@pytest.mark.parametrize(
    "formula",
    ["-2+3", "-1187)", "=-1", "-", "-1e", "--1", "+A1", "-SUM(A1:A3)", "@A1", "\t-1", "\r-1",
     "-١٢", "- 1"],
)
def test_what_is_not_a_plain_number_is_still_neutralised(formula: str) -> None:
    assert csv_cell(formula) == "'" + formula


def test_tsv_cells_escape_tab_newline_return_and_backslash_and_are_never_quoted() -> None:
    assert tsv_cell('a\tb\nc\rd\\e "f"') == 'a\\tb\\nc\\rd\\\\e "f"'
    assert tsv_cell("=1\t2") == "'=1\\t2"
    assert tsv_cell("\t=1") == "\\t=1"  # the escaped TAB cannot start a formula


HOSTILE = [
    Mention(text='=HYPERLINK("http://x","17 ماي")', start=0, end=30, type="date",
            value="XXXX-05-17", grain="day"),
    Mention(text='"17"\tماي\n2022 \\ م', start=31, end=49, type="date", value="2022-05-17",
            grain="day"),
]


def _unescape(cell: str) -> str:
    return cell.replace("\\\\", "\0").replace("\\t", "\t").replace("\\n", "\n").replace(
        "\\r", "\r").replace("\0", "\\")


def test_tsv_rows_are_one_line_each_with_a_fixed_number_of_fields() -> None:
    written = "".join(csv_lines(HOSTILE, delimiter="\t"))
    lines = written.splitlines()
    assert len(lines) == 3
    header = lines[0].split("\t")
    rows = [line.split("\t") for line in lines[1:]]
    assert all(len(row) == len(header) for row in rows)
    assert rows[0][0].startswith("'=HYPERLINK(")
    assert _unescape(rows[1][0]) == HOSTILE[1].text
    assert rows[1][1:3] == ["31", "49"]
    # the same through the csv module, told that TSV has no quoting
    parsed = list(csv.reader(io.StringIO(written), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert parsed == [header, *rows]


def _factsheet(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "factsheet", *args], capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_countdown_csv_days_before_the_as_of_date_are_negative_numbers() -> None:
    out = _factsheet("countdown", str(SEED), "--as-of", "2022-04-01", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [int(r["days"]) for r in rows] == [-1187, -456, -7, 46]


def test_dates_tsv_of_an_article_reads_back_with_the_csv_module() -> None:
    out = _factsheet("dates", str(SEED), "-p", "2022-03-25", "-f", "tsv")
    assert '""' not in out  # no CSV quoting of the JSON cells
    rows = list(csv.DictReader(io.StringIO(out), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[1]["anchor"].startswith('{"relation":"before","text":"المنتدى الأول')
    assert [int(r["start"]) for r in rows][:2] == [59, 842]


_NS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
       "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
       "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}


def _spreadsheet_rows(path: Path) -> list[list[tuple[str | None, str]]]:
    """The cells of a flat ODS file: (value type, value or text), repeated cells expanded."""
    rows = []
    for row in ET.parse(path).getroot().iter(f"{{{_NS['table']}}}table-row"):
        cells: list[tuple[str | None, str]] = []
        for c in row.findall("table:table-cell", _NS):
            kind = c.get(f"{{{_NS['office']}}}value-type")
            value = c.get(f"{{{_NS['office']}}}value")
            text = "\n".join("".join(p.itertext()) for p in c.findall("text:p", _NS))
            repeat = int(c.get(f"{{{_NS['table']}}}number-columns-repeated", "1"))
            cells += [(kind, value if value is not None else text)] * min(repeat, 50)
        rows.append(cells)
    return rows


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_numbers_as_numbers_and_formulas_as_text(tmp_path: Path) -> None:
    (tmp_path / "countdown.csv").write_text(
        _factsheet("countdown", str(SEED), "--as-of", "2022-04-01", "-f", "csv"),
        encoding="utf-8")
    (tmp_path / "hostile.csv").write_text("".join(csv_lines(HOSTILE)), encoding="utf-8")
    (tmp_path / "hostile.tsv").write_text("".join(csv_lines(HOSTILE, delimiter="\t")),
                                          encoding="utf-8")
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    for names, options, out in ((["countdown.csv", "hostile.csv"], "44,34,76", "csv"),
                                (["hostile.tsv"], "9,,76", "tsv")):  # separator, quote, UTF-8
        subprocess.run(["soffice", profile, "--headless", f"--infilter=CSV:{options}",
                        "--convert-to", "fods", "--outdir", str(tmp_path / out),
                        *(str(tmp_path / name) for name in names)],
                       check=True, capture_output=True, timeout=180)
    countdown = _spreadsheet_rows(tmp_path / "csv" / "countdown.fods")
    days = [text for _, text in countdown[0]].index("days")
    assert [countdown[i][days] for i in (1, 2, 3, 4)] == [
        ("float", "-1187"), ("float", "-456"), ("float", "-7"), ("float", "46")]
    for folder in ("csv", "tsv"):
        rows = _spreadsheet_rows(tmp_path / folder / "hostile.fods")
        assert rows[1][0] == ("string", "'=HYPERLINK(\"http://x\",\"17 ماي\")")
        assert rows[2][1:3] == [("float", "31"), ("float", "49")]
    assert _unescape(_spreadsheet_rows(tmp_path / "tsv" / "hostile.fods")[2][0][1]) \
        == HOSTILE[1].text
