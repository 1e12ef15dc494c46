"""The disk cache of compiled patterns gives the same patterns as ``re.compile``."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from factsheet.dates import recache


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FACTSHEET_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("FACTSHEET_NO_REGEX_CACHE", raising=False)
    monkeypatch.setattr(recache, "_entries", None)
    monkeypatch.setattr(recache, "_values", {})
    monkeypatch.setattr(recache, "_data", {})
    monkeypatch.setattr(recache, "_dirty", False)
    return tmp_path


SAMPLES = [
    (r"(?P<day>\d{1,2})\s+(?P<month>ماي|يونيو)(?:\s+(?P<year>\d{4}))?", "وقع ذلك في 17 ماي 2022"),
    (r"(?<!\w)ال(?:اول|ثاني)(?!\w)", "اليوم الاول من الشهر"),
    (r"(?i)gmt|utc", "15:30 GMT"),
]


@pytest.mark.parametrize(("source", "text"), SAMPLES)
def test_cached_patterns_match_like_re_compile(cache_dir: Path, source: str, text: str) -> None:
    first = recache.compile_cached(source)
    recache._save()
    recache._entries = None  # as in a new process: read the file back
    second = recache.compile_cached(source)
    expected = re.compile(source)
    for pattern in (first, second):
        got = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        assert got == [(m.span(), m.groupdict()) for m in expected.finditer(text)]
        assert pattern.groupindex == expected.groupindex
        assert pattern.flags == expected.flags
    assert list(cache_dir.glob("regex-*.marshal"))


def test_a_broken_cache_file_is_ignored(cache_dir: Path) -> None:
    path = recache._cache_file()
    assert path is not None
    path.write_bytes(b"not marshal data")
    assert recache.compile_cached(r"\d+").findall("a 12 b 3") == ["12", "3"]


def test_the_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTSHEET_NO_REGEX_CACHE", "1")
    assert recache._cache_file() is None
    assert recache.compile_cached(r"\d+").findall("7 / 11") == ["7", "11"]


def test_an_unwritable_cache_folder_changes_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code = (
        "import factsheet; print(len(factsheet.find_dates('من 17 إلى 20 ماي 2022', '2022-03-25')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={"FACTSHEET_CACHE_DIR": str(blocker / "sub"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "1"
    assert out.stderr == ""


def test_the_cache_keeps_only_what_a_process_used(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    recache.compile_cached(r"old-pattern-\d+")
    recache._save()
    # a later process, with other patterns (the code changed)
    monkeypatch.setattr(recache, "_entries", None)
    monkeypatch.setattr(recache, "_used", set())
    monkeypatch.setattr(recache, "_dirty", False)
    recache.compile_cached(r"new-pattern-\d+")
    recache._save()
    path = recache._cache_file()
    assert path is not None
    entries, _, _ = recache._verified(path.read_bytes()) or ({}, {}, {})
    assert {source for source, _ in entries} == {r"new-pattern-\d+"}


def test_values_derived_from_patterns_are_kept_too(cache_dir: Path) -> None:
    calls = []

    def compute() -> frozenset[str]:
        calls.append(1)
        return frozenset({" 17", " ماي"})

    first = recache.cached_value("test", r"\d+ ماي", 0, compute)
    recache._save()
    recache._entries = None  # a new process reads the file back
    second = recache.cached_value("test", r"\d+ ماي", 0, compute)
    assert first == second == frozenset({" 17", " ماي"})
    assert len(calls) == 1
    assert recache.cached_value("test", r"\d+ يونيو", 0, lambda: None) is None


def _objects(data: object) -> int:
    """How many objects :mod:`marshal` makes to read ``data`` back."""
    if isinstance(data, dict):
        return 1 + sum(_objects(k) + _objects(v) for k, v in data.items())
    if isinstance(data, (list, tuple, set, frozenset)):
        return 1 + sum(_objects(v) for v in data)
    return 1


def test_the_file_is_read_back_as_few_objects(cache_dir: Path) -> None:
    # Reading the file is part of every start: a program is one bytes object, not a list of
    # integers, and a set of strings one string (about 15 ms less CPU per start).
    from factsheet.dates.anchors import LENGTH, beginnings

    sources = [(r"(?<!\w)(?P<day>\d{1,2})\s+(?P<month>ماي|يونيو|يوليوز|غشت)", 0),
               (r"(?<!\w)(?:في|منذ)\s+(?P<year>(?:19|20)\d\d)(?!\d)", 0)]
    patterns = [recache.compile_cached(s, f) for s, f in sources]
    found = [recache.cached_value("beginnings", f"{LENGTH}:{s}", f,
                                  lambda s=s, f=f: beginnings(s, f)) for s, f in sources]
    assert all(found)
    recache._save()
    raw = recache._cache_file().read_bytes()  # type: ignore[union-attr]
    entries, values, _ = recache._verified(raw) or ({}, {}, {})
    assert len(entries) == 2 and len(values) == 2
    assert _objects((entries, values)) < 60  # was thousands: one per code word and string
    recache._entries = None  # a new process reads the file back: the same patterns and sets
    assert [recache.cached_value("beginnings", f"{LENGTH}:{s}", f, lambda: None)
            for s, f in sources] == found
    text = "في 17 ماي، منذ 2019"
    for (s, f), first in zip(sources, patterns, strict=True):
        again = recache.compile_cached(s, f)
        expected = [(m.span(), m.groupdict()) for m in re.compile(s, f).finditer(text)]
        assert expected
        assert [(m.span(), m.groupdict()) for m in again.finditer(text)] == expected
        assert [(m.span(), m.groupdict()) for m in first.finditer(text)] == expected


def test_alternations_of_words_are_built_once_and_read_back(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factsheet.dates import grammar

    built_for: list[str] = []
    real = recache.cached_text

    def counting(kind: str, key: str, compute: Callable[[], str]) -> str:
        def count() -> str:
            built_for.append(key)
            return compute()
        return real(kind, key, count)

    # the cache module's function, looked up at each call (the engine may be compiled)
    monkeypatch.setattr(recache, "cached_text", counting)
    words = frozenset({"يناير", "يونيو", "يوليو", "ماي", "الاول", "الاولى"})
    built = grammar._build_alt(words)
    assert grammar._alt.__wrapped__(words) == built  # computed, then kept
    assert len(built_for) == 1
    recache._save()
    recache._entries = None  # a new process reads the file back
    assert grammar._alt.__wrapped__(words) == built
    assert len(built_for) == 1  # read back, not built again
    assert re.fullmatch(built, "يوليو") and not re.fullmatch(built, "يول")
    # other words are another key (and a newline in a word is never cached)
    grammar._alt.__wrapped__(words | {"غشت"})
    assert len(built_for) == 2
    assert grammar._alt.__wrapped__(frozenset({"a\nb"})) == grammar._build_alt(
        frozenset({"a\nb"}))
    assert len(built_for) == 2


def test_plain_data_is_kept_and_checked_before_use(cache_dir: Path) -> None:
    """The scanner's plan (``cached_data``): computed once, read back by a new process, and
    computed again when what the file holds has not the shape the caller needs."""
    computed: list[int] = []

    def compute() -> object:
        computed.append(1)
        return ([("word", 1, 4, -1)], {"head": ["head phrase"]}, [[0]], [[0]], [])

    def valid(x: object) -> bool:
        return isinstance(x, tuple) and len(x) == 5

    first = recache.cached_data("scanner", "key", compute, valid)
    recache._save()
    recache._entries = None  # a new process reads the file back
    assert recache.cached_data("scanner", "key", compute, valid) == first
    assert len(computed) == 1
    assert recache.cached_data("scanner", "key", compute, lambda x: False) == first
    assert len(computed) == 2  # rejected by the caller's check: computed again
    assert recache.cached_data("scanner", "other key", compute, valid) == first
    assert len(computed) == 3


def test_the_scanner_plan_read_back_is_the_plan(cache_dir: Path) -> None:
    """The plan of the real scanner survives the file, and a damaged one is refused."""
    from factsheet.dates.anchors import plan_is_valid, scanner_plan
    from factsheet.dates.grammar import gate_words, rules

    plan = scanner_plan(sorted(gate_words()), [
        recache.cached_value("b", r.pattern.pattern, r.pattern.flags, lambda: None)
        or frozenset({" 0"}) for r in rules()])
    assert plan_is_valid(plan)
    recache.cached_data("scanner", "k", lambda: plan, plan_is_valid)
    recache._save()
    recache._entries = None
    assert recache.cached_data("scanner", "k", lambda: None, plan_is_valid) == plan
    keys, heads, of_rule, of_group, unlisted = plan
    assert not plan_is_valid((keys, heads, of_rule, of_group))
    assert not plan_is_valid(([("", 0, 0, 0)], heads, of_rule, of_group, unlisted))
    assert not plan_is_valid(([("x", 0, 1, len(of_group))], heads, of_rule, of_group, unlisted))
    assert not plan_is_valid((keys, heads, [["0"]], of_group, unlisted))
