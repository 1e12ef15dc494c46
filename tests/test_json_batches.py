"""`factsheet dates --format json` encodes its mentions in batches: the text stays exactly the
standard library's, whatever the number of mentions and wherever a batch ends."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from factsheet.dates.model import Mention, Range
from factsheet.render import dates as render_dates
from factsheet.render.safe import json_dumps
from factsheet.schema import dates_json


def _mentions(n: int) -> list[Mention]:
    out = []
    for i in range(n):
        if i % 3 == 0:
            out.append(Mention(text="من 17 إلى 20 ماي 2022", start=10 * i, end=10 * i + 21,
                               type="range", value=Range("2022-05-17", "2022-05-20"),
                               grain="day", rule="range.from_to",
                               notes=("يوم \"الجمعة\"\n", "x")))
        elif i % 3 == 1:
            out.append(Mention(text="اليوم", start=10 * i, end=10 * i + 5, type="relative",
                               value=None, grain="day", relative=True))
        else:  # a lone surrogate and a bidi control: escaped by json_dumps, not by orjson
            out.append(Mention(text="غدا\ud800\u202e", start=10 * i, end=10 * i + 5,
                               type="relative", value="2022-03-26", grain="day",
                               relative=True, notes=("date from the publication date",)))
    return out


@pytest.mark.parametrize("n", [0, 1, 2, 255, 256, 257, 600])
def test_batches_write_the_document_the_standard_library_writes(
    n: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render_dates, "JSON_BATCH", 7 if n == 600 else 256)
    mentions = _mentions(n)
    written = "".join(render_dates.json_chunks(iter(mentions), source="a.txt",
                                               published="2022-03-25", basis="given"))
    doc = dates_json(mentions, source="a.txt", published="2022-03-25", basis="given")
    assert written == json_dumps(doc, indent=2) + "\n"
    assert len(json.loads(written)["dates"]) == n


def test_mentions_are_read_lazily_one_batch_at_a_time() -> None:
    taken = 0

    def lazy() -> Iterator[Mention]:
        nonlocal taken
        for m in _mentions(3 * render_dates.JSON_BATCH):
            taken += 1
            yield m

    chunks = render_dates.json_chunks(lazy(), source=None, published=None, basis="unknown")
    next(chunks)  # the head
    next(chunks)  # the first batch
    assert taken == render_dates.JSON_BATCH
