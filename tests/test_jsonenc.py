"""JSON through orjson gives exactly the text the standard library gave.

The reference is ``factsheet.render.jsonenc.stdlib_dumps`` (``json.dumps(ensure_ascii=False)``,
the encoder factsheet used before orjson): every JSON output of the command line and of the
corpus runner, on the seed article and on every text of the example corpus, is compared byte
for byte with the encoder forced to the standard library; arbitrary data is compared by
hypothesis.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factsheet.cli.app import app
from factsheet.dates.published import dated_mentions
from factsheet.facts.sheet import build_sheet
from factsheet.render import dates as render_dates
from factsheet.render import jsonenc, sheet_json
from factsheet.render.safe import json_dumps
from factsheet.sources.corpus import Article, as_json_line, process_article, sheet_article
from factsheet.sources.io import seed_path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CORPUS = Path(__file__).parent / "corpus" / "ar"


def corpus_texts() -> list[str]:
    """Every text of the example corpus, its test markers ([...], {...}) removed."""
    texts: list[str] = []
    for path in sorted(CORPUS.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for group in data.get("example", []) + data.get("negative", []):
            texts += [t.translate(str.maketrans("", "", "[]{}")) for t in group["texts"]]
    return texts


def json_views(text: str, source: str) -> Iterator[str]:
    """Every JSON view factsheet writes for one article."""
    mentions, found = dated_mentions(text, None)
    iso = found.value.isoformat() if found.value else None
    yield "".join(render_dates.json_chunks(mentions, source=source, published=iso,
                                           basis=found.basis))
    yield "".join(render_dates.jsonl_lines(mentions, source=source))
    sheet = build_sheet(text, source=source)
    yield json_dumps(sheet_json.sheet_json(sheet), indent=2)
    yield "".join(sheet_json.sheet_jsonl(sheet))
    yield json_dumps(sheet_json.countdown_doc(sheet, dt.date(2022, 4, 1)), indent=2)
    article = Article(id=source, text=text)
    yield as_json_line(process_article, article).line
    yield as_json_line(sheet_article, article).line


@pytest.fixture
def stdlib_only(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Call it to make :func:`jsonenc.dumps` take the standard library's path."""
    return lambda: monkeypatch.setattr(jsonenc, "_orjson", None)


def test_every_json_view_of_the_corpus_and_the_seed_is_unchanged(
    stdlib_only: Callable[[], None],
) -> None:
    articles = [(seed_path().read_text(encoding="utf-8"), "seed")]
    articles += [(t, f"corpus:{i}") for i, t in enumerate(corpus_texts())]
    assert len(articles) > 500
    fast = [list(json_views(text, source)) for text, source in articles]
    stdlib_only()
    before = [list(json_views(text, source)) for text, source in articles]
    assert fast == before
    assert sum(len(v) for views in fast for v in views) > 1_000_000


def test_the_cli_json_outputs_are_unchanged(
    stdlib_only: Callable[[], None], tmp_path: Path
) -> None:
    lines = tmp_path / "corpus.jsonl"
    lines.write_text("".join(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n"
                             for i, t in enumerate(corpus_texts()[:200])), encoding="utf-8")
    seed = str(seed_path())
    runs = [["dates", seed, "-f", "json"], ["dates", seed, "-f", "jsonl"],
            ["sheet", "-f", "json"], ["sheet", "-f", "jsonl"], ["summary", "-f", "json"],
            ["timeline", "-f", "json"], ["timeline", "-f", "jsonl"],
            ["countdown", "--as-of", "2022-04-01", "-f", "json"],
            ["countdown", "--as-of", "2022-04-01", "-f", "jsonl"],
            ["convert", "2022-05-17", "-f", "json"],
            ["dates", str(lines)], ["sheet", str(lines)], ["timeline", str(lines)],
            ["timeline", "--merge", str(lines), "-f", "json"]]
    runner = CliRunner()

    def outputs() -> list[str]:
        results = [runner.invoke(app, args) for args in runs]
        assert all(r.exit_code == 0 for r in results), [r.stderr for r in results]
        return [r.stdout for r in results]

    fast = outputs()
    stdlib_only()
    assert fast == outputs()


def test_orjson_writes_factsheet_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path is the one taken for factsheet's documents (no silent fallback)."""
    import orjson

    assert jsonenc._orjson is orjson, "orjson is a dependency"
    fallbacks: list[object] = []
    fast: list[object] = []
    reference = jsonenc.stdlib_dumps

    def spy(data: Any, **kw: Any) -> bytes:
        fast.append(data)
        return orjson.dumps(data, **kw)

    monkeypatch.setattr(jsonenc, "stdlib_dumps",
                        lambda data, **kw: fallbacks.append(data) or reference(data, **kw))
    monkeypatch.setattr(jsonenc, "_orjson", type("Spy", (), {
        "dumps": staticmethod(spy), "OPT_INDENT_2": orjson.OPT_INDENT_2}))
    text = seed_path().read_text(encoding="utf-8")
    for view in json_views(text, "seed"):
        assert view
    assert fallbacks == []
    assert len(fast) > 20  # a document per view, a line per mention or item


def test_what_orjson_refuses_goes_to_the_standard_library() -> None:
    for data in ["ماي\ud800", {"k": "\udfff"}, 2**64, -(2**63) - 1, {1: "a"}, {None: 1},
                 [[[[]]]] * 3, {"deep": json.loads("[" * 260 + "]" * 260)}]:
        for indent in (None, 2):
            assert jsonenc.dumps(data, indent=indent) == jsonenc.stdlib_dumps(data,
                                                                              indent=indent)
    with pytest.raises(TypeError):  # not JSON: the same error as before, whatever the path
        jsonenc.dumps({"when": dt.date(2022, 5, 17)})
    with pytest.raises(TypeError):
        jsonenc.dumps(object())
    looped: list[Any] = []
    looped.append(looped)
    with pytest.raises(ValueError, match="Circular"):
        jsonenc.dumps(looped)


def test_other_indents_and_subclasses_are_written_as_the_standard_library_does() -> None:
    import collections
    import enum

    class Level(enum.IntEnum):
        LOW = 1

    class Name(str, enum.Enum):
        A = "أ"

    data = {"a": [1, {"b": []}], "c": collections.OrderedDict(d=Level.LOW), "e": Name.A,
            "f": (1, "٢")}
    for indent in (None, 0, 2, 4):
        assert jsonenc.dumps(data, indent=indent) == jsonenc.stdlib_dumps(data, indent=indent)


TEXT = st.text(st.one_of(
    st.characters(),                                       # any code point, surrogates too
    st.sampled_from("\x00\x1b\x7f\x85\x9b\u2028\u2029\ufeff\u200f\"\\/"),
    st.sampled_from("ءأإآؤئابتثجحخدذرزسشصضطظعغفقكلمنهوىيةـ٠١٢٣٤٥٦٧٨٩"),
))
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | TEXT
    | st.integers(min_value=-(2**70), max_value=2**70),
    lambda inner: st.lists(inner, max_size=5) | st.tuples(inner, inner)
    | st.dictionaries(TEXT, inner, max_size=5)
    | st.dictionaries(st.integers() | st.booleans() | st.none(), inner, max_size=3),
    max_leaves=40,
)


@settings(max_examples=500, deadline=None)
@given(JSON, st.sampled_from([None, 2]))
def test_any_json_data_gives_the_standard_library_text(data: Any, indent: int | None) -> None:
    assert jsonenc.dumps(data, indent=indent) == jsonenc.stdlib_dumps(data, indent=indent)


@settings(max_examples=200, deadline=None)
@given(JSON)
def test_json_dumps_stays_valid_utf8_on_any_data(data: Any) -> None:
    text = json_dumps(data, indent=2)
    text.encode("utf-8")  # raises on a lone surrogate
    json.loads(text)  # raises on invalid JSON


def test_floats_are_the_documented_difference() -> None:
    """No factsheet document holds a float; should one appear, its value is kept."""
    for x in (0.5, 1.0, -0.0, 1e16, 1e22, 123.456):
        assert jsonenc.dumps(x) == jsonenc.stdlib_dumps(x)
    assert json.loads(jsonenc.dumps(1e-7)) == 1e-7
    assert jsonenc.dumps(float("nan")) == "null"
