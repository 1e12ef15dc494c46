"""The views of `factsheet dates`, on mentions built by hand (independent of the engine)."""

from __future__ import annotations

import csv
import io
import json

from factsheet.dates.model import Anchor, Mention, Range
from factsheet.render.dates import csv_lines, dates_table, json_chunks, jsonl_lines, text_lines
from factsheet.schema import dates_json

TEXT = "اجتمعوا اليوم الجمعة قبل 50 يوما من المنتدى المقرر من 17 إلى 20 ماي 2022."

RANGE = Mention(
    text="من 17 إلى 20 ماي 2022", start=51, end=72, type="range",
    value=Range("2022-05-17", "2022-05-20"), grain="day", rule="range.from_to",
)
OFFSET = Mention(
    text="50 يوما", start=25, end=32, type="duration", value="P50D", grain="duration",
    relative=True, anchor=Anchor("before", "المنتدى", 36, 43), rule="duration.offset",
)
RELATIVE = Mention(
    text="اليوم الجمعة", start=8, end=20, type="relative", value="2022-03-25", grain="day",
    relative=True, notes=("date from the publication date",), rule="relative.today",
)
UNRESOLVED = Mention(text="اليوم", start=8, end=13, type="relative", value=None, grain="day",
                     relative=True)
MENTIONS = [RELATIVE, OFFSET, RANGE]


def test_the_example_mentions_point_into_the_text() -> None:
    for m in MENTIONS:
        assert TEXT[m.start:m.end] == m.text
    assert OFFSET.anchor is not None
    assert TEXT[OFFSET.anchor.target_start:OFFSET.anchor.target_end] == "المنتدى"


def test_json_is_written_piece_by_piece_but_equals_the_document() -> None:
    for mentions in (MENTIONS, []):
        written = "".join(json_chunks(mentions, source="a.txt", published="2022-03-25",
                                      basis="given"))
        doc = dates_json(mentions, source="a.txt", published="2022-03-25", basis="given")
        assert written == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def test_jsonl_has_one_mention_per_line_with_its_source() -> None:
    lines = list(jsonl_lines(MENTIONS, source="a.txt"))
    assert len(lines) == 3 and all(line.endswith("\n") for line in lines)
    records = [json.loads(line) for line in lines]
    assert [r["source"] for r in records] == ["a.txt"] * 3
    assert records[2]["value"] == {"start": "2022-05-17", "end": "2022-05-20"}


def test_text_view_one_line_per_mention() -> None:
    assert list(text_lines([*MENTIONS, UNRESOLVED])) == [
        "8-20\trelative\t2022-03-25*\tاليوم الجمعة\n",
        "25-32\tduration\tP50D\t50 يوما\n",
        "51-72\trange\t2022-05-17..2022-05-20\tمن 17 إلى 20 ماي 2022\n",
        "8-13\trelative\t?\tاليوم\n",
    ]


def test_text_view_escapes_control_characters() -> None:
    hostile = Mention(text="17\x1b[2J ماي", start=0, end=10, type="date", value="XXXX-05-17",
                      grain="day")
    (line,) = text_lines([hostile])
    assert "\x1b" not in line and "17\\x1b[2J ماي" in line


def test_csv_header_then_rows_in_schema_order() -> None:
    rows = list(csv.reader(io.StringIO("".join(csv_lines(MENTIONS)))))
    header = rows[0]
    assert header[:5] == ["text", "start", "end", "type", "value"]
    assert len(rows) == 4
    by_name = dict(zip(header, rows[3], strict=True))
    assert by_name["text"] == "من 17 إلى 20 ماي 2022"
    assert json.loads(by_name["value"]) == {"start": "2022-05-17", "end": "2022-05-20"}
    assert by_name["relative"] == "false"


def test_csv_without_mentions_still_has_its_header() -> None:
    assert "".join(csv_lines([])).startswith("text,start,end,type,value")


def test_csv_cells_from_the_article_cannot_run_as_formulas() -> None:
    formula = Mention(text="=HYPERLINK(\"http://x\",\"17 ماي\")", start=0, end=30, type="date",
                      value="XXXX-05-17", grain="day")
    written = "".join(csv_lines([formula], delimiter="\t"))
    rows = list(csv.reader(io.StringIO(written), delimiter="\t"))
    assert rows[1][0].startswith("'=")


def test_table_never_reads_markup_or_escapes() -> None:
    from rich.console import Console

    hostile = Mention(text="[bold]17 ماي[/bold]\x1b[31m", start=0, end=25, type="date",
                      value="XXXX-05-17", grain="day")
    out = io.StringIO()
    console = Console(file=out, markup=False, highlight=False, width=200, no_color=True)
    console.print(dates_table([hostile], source="[red]x.txt", published=None, basis="unknown"))
    printed = out.getvalue()
    assert "[bold]17 ماي[/bold]\\x1b[31m" in printed
    assert "[red]x.txt" in printed
    assert "\x1b" not in printed
