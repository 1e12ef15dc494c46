"""The example corpus that specifies the date engine (``tests/corpus/ar/*.toml``).

Each TOML file is one theme. It pins ONE reference date, ``published = "YYYY-MM-DD"`` (absent
when the file tests an unknown publication date), and lists examples grouped by expected value::

    [[example]]
    value = "2022-05-17"      # a string, a {start, end} table, an array, or absent for null
    type = "date"             # optional checks: type, calendar, hijri, mod, relative
    texts = ["17 ماي 2022", "افتتح المعرض [يوم 17 ماي 2022] بالرباط"]

    [[negative]]              # texts in which find_dates must find nothing at all
    reason = "money"
    texts = ["رصدت الوزارة 300 مليون درهم"]

Markers inside a text (removed before the text is given to the engine):

* ``[...]`` the mention under test; without brackets the whole text is the mention;
* ``{...}`` another mention that must also be found (two items in one clause, such as a Hijri
  date and its Gregorian equivalent); its value is checked by an example of its own.

The engine must find exactly the marked spans, no more and no less, and the mention under test
must have the expected value and the optional attributes.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from factsheet.dates.model import Mention

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CORPUS = Path(__file__).parent / "corpus" / "ar"
FILES = sorted(CORPUS.glob("*.toml"))

EXAMPLE_KEYS = {"value", "type", "calendar", "hijri", "mod", "relative", "texts", "note"}
NEGATIVE_KEYS = {"reason", "texts"}
FILE_KEYS = {"published", "example", "negative", "description"}
TYPES = {
    "date",
    "range",
    "year",
    "month",
    "weekday",
    "relative",
    "duration",
    "time",
    "decade",
    "century",
    "holiday",
}
MODS = {"START", "MID", "END", "LESS_THAN", "MORE_THAN", "APPROX", "BEFORE", "AFTER"}

ISO_VALUE = re.compile(
    r"""^(?:
        [0-9X]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?   # 2022, 2022-05, -17
        (?:T(?:[01][0-9]|2[0-4]):[0-5][0-9]Z?)?                         # T15:30, T15:30Z
      | [0-9]{2}[0-9X]X                                                 # 199X, 19XX
      | [0-9]{4}-(?:W[0-5][0-9]|H[12]|Q[1-4]|SP|SU|FA|WI)               # weeks, halves, seasons
      | T(?:[01][0-9]|2[0-4]):[0-5][0-9]Z?                              # T15:30, T15:30Z
      | P(?:[0-9]+(?:\.5)?[YMWD])*(?:T(?:[0-9]+(?:\.5)?[HMS])+)?          # P50D, PT1H30M, P1.5M
    )$""",
    re.VERBOSE,
)

WEEKDAYS = {
    "الاثنين": 0,
    "الثلاثاء": 1,
    "الاربعاء": 2,
    "الخميس": 3,
    "الجمعه": 4,
    "السبت": 5,
    "الاحد": 6,
}


@dataclass(frozen=True)
class Marked:
    """A corpus text with its markers removed and the spans they marked."""

    raw: str
    plain: str
    target: tuple[int, int]
    others: tuple[tuple[int, int], ...] = field(default=())


def parse_marked(raw: str) -> Marked:
    """Strip the ``[...]`` and ``{...}`` markers from ``raw`` and keep their spans."""
    plain: list[str] = []
    target: tuple[int, int] | None = None
    others: list[tuple[int, int]] = []
    opened: dict[str, int] = {}
    for ch in raw:
        if ch in "[{":
            if ch in opened:
                raise ValueError(f"nested {ch!r} in {raw!r}")
            opened[ch] = len(plain)
        elif ch in "]}":
            op = "[" if ch == "]" else "{"
            if op not in opened:
                raise ValueError(f"unbalanced {ch!r} in {raw!r}")
            span = (opened.pop(op), len(plain))
            if op == "[":
                if target is not None:
                    raise ValueError(f"two [..] targets in {raw!r}")
                target = span
            else:
                others.append(span)
        else:
            plain.append(ch)
    if opened:
        raise ValueError(f"unbalanced markers in {raw!r}")
    text = "".join(plain)
    if target is None:
        if others:
            raise ValueError(f"{{..}} without a [..] target in {raw!r}")
        target = (0, len(text))
    for start, end in (target, *others):
        if start == end or text[start:end] != text[start:end].strip():
            raise ValueError(f"empty span or span with outer spaces in {raw!r}")
    return Marked(raw, text, target, tuple(others))


def load(path: Path) -> dict[str, Any]:
    with path.open("rb") as fh:
        return tomllib.load(fh)


@dataclass(frozen=True)
class Case:
    file: str
    published: str | None
    group: dict[str, Any]
    text: str


def _value_id(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return f"{value.get('start')}..{value.get('end')}"
    return ",".join(_value_id(v) for v in value)


def _cases(kind: str) -> list[Any]:
    params = []
    for path in FILES:
        data = load(path)
        for g, group in enumerate(data.get(kind, []), 1):
            for t, text in enumerate(group.get("texts", []), 1):
                case = Case(path.stem, data.get("published"), group, text)
                label = (
                    _value_id(group.get("value"))
                    if kind == "example"
                    else group.get("reason", "none")
                )
                label = re.sub(r"[^\w.:+-]+", "_", label, flags=re.ASCII)
                params.append(pytest.param(case, id=f"{path.stem}:{g}.{t}:{label}"))
    return params


def _find(text: str, published: str | None) -> list[Mention]:
    # imported here so that the corpus checks below run even while the engine is broken
    import factsheet

    return factsheet.find_dates(text, published)


def value_json(value: Any) -> Any:
    from factsheet.schema import value_json as to_json

    return to_json(value)


def _show(mentions: list[Mention]) -> str:
    if not mentions:
        return "  (nothing found)"
    return "\n".join(
        f"  [{m.start}:{m.end}] {m.text!r} type={m.type} value={value_json(m.value)!r}"
        f" mod={m.mod} relative={m.relative} hijri={value_json(m.hijri)!r}"
        for m in mentions
    )


@pytest.mark.parametrize("case", _cases("example"))
def test_example(case: Case) -> None:
    marked = parse_marked(case.text)
    found = _find(marked.plain, case.published)
    spans = sorted((m.start, m.end) for m in found)
    wanted = sorted((marked.target, *marked.others))
    context = (
        f"\ntext: {marked.plain!r}\npublished: {case.published}\n"
        f"expected: {[marked.plain[s:e] for s, e in wanted]}\nfound:\n{_show(found)}"
    )
    assert spans == wanted, "wrong mentions" + context
    (mention,) = [m for m in found if (m.start, m.end) == marked.target]
    assert mention.text == marked.plain[mention.start : mention.end], "text != input[start:end]"
    group = case.group
    assert value_json(mention.value) == group.get("value"), "wrong value" + context
    if "type" in group:
        assert mention.type == group["type"], "wrong type" + context
    if "calendar" in group:
        assert mention.calendar == group["calendar"], "wrong calendar" + context
    if "hijri" in group:
        assert value_json(mention.hijri) == group["hijri"], "wrong Hijri value" + context
    if "mod" in group:
        assert mention.mod == group["mod"], "wrong mod" + context
    if "relative" in group:
        assert mention.relative is group["relative"], "wrong relative flag" + context


@pytest.mark.parametrize("case", _cases("negative"))
def test_negative(case: Case) -> None:
    found = _find(case.text, case.published)
    assert found == [], f"\ntext: {case.text!r}\nshould have no date, found:\n{_show(found)}"


# --------------------------------------------------------------------- the corpus itself


def _check_value(value: Any, where: str) -> None:
    if isinstance(value, str):
        assert ISO_VALUE.match(value), f"{where}: malformed value {value!r}"
    elif isinstance(value, dict):
        assert set(value) == {"start", "end"}, f"{where}: a range has exactly start and end"
        for v in value.values():
            _check_value(v, where)
        if all(isinstance(v, str) and not v.startswith(("X", "P")) for v in value.values()):
            assert value["start"] <= value["end"], f"{where}: range ends before it starts"
    elif isinstance(value, list):
        assert len(value) >= 2, f"{where}: a list has at least two items"
        for v in value:
            _check_value(v, where)
    else:
        raise AssertionError(f"{where}: unexpected value {value!r}")


def _hijri_day(hijri: str) -> str | None:
    """The Gregorian day of a Hijri ``YYYY-MM-DD`` (None outside hijridate's range)."""
    from hijridate import Hijri

    y, m, d = (int(p) for p in hijri.split("-"))
    try:
        return str(Hijri(y, m, d).to_gregorian().isoformat())
    except OverflowError:
        return None


def _norm(word: str) -> str:
    return re.sub("[أإآ]", "ا", word).replace("ة", "ه")


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_corpus_file_is_well_formed(path: Path) -> None:
    data = load(path)
    assert set(data) <= FILE_KEYS, f"unknown keys {set(data) - FILE_KEYS}"
    if "published" in data:
        dt.date.fromisoformat(data["published"])
    examples, negatives = data.get("example", []), data.get("negative", [])
    assert examples or negatives, "a corpus file has examples"
    for n, group in enumerate(examples, 1):
        where = f"{path.name} example {n}"
        assert set(group) <= EXAMPLE_KEYS, f"{where}: unknown keys {set(group) - EXAMPLE_KEYS}"
        assert group.get("texts"), f"{where}: no texts"
        if "value" in group:
            _check_value(group["value"], where)
        assert group.get("type", "date") in TYPES, where
        assert group.get("mod", "START") in MODS, where
        assert group.get("calendar", "hijri") in {"gregorian", "hijri"}, where
        if "hijri" in group:
            assert group.get("calendar") == "hijri", f"{where}: a Hijri value needs calendar"
            _check_value(group["hijri"], where)
        for text in group["texts"]:
            marked = parse_marked(text)
            # a weekday named in the mention agrees with the expected day
            value = group.get("value")
            if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                words = {_norm(w) for w in marked.plain[slice(*marked.target)].split()}
                for name, weekday in WEEKDAYS.items():
                    if name in words:
                        assert dt.date.fromisoformat(value).weekday() == weekday, (
                            f"{where}: {text!r} names {name} but {value} is not one"
                        )
    for n, group in enumerate(negatives, 1):
        assert set(group) <= NEGATIVE_KEYS, f"{path.name} negative {n}: unknown keys"
        assert group.get("texts"), f"{path.name} negative {n}: no texts"
        for text in group["texts"]:
            assert not re.search(r"[\[\]{}]", text), f"markers in a negative text {text!r}"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_hijri_values_agree_with_umm_al_qura(path: Path) -> None:
    """Every full Hijri day in the corpus is the Gregorian day hijridate computes."""
    for group in load(path).get("example", []):
        hijri, value = group.get("hijri"), group.get("value")
        if isinstance(hijri, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", hijri):
            expected = _hijri_day(hijri)
            assert value == expected, f"{path.name}: hijri {hijri} is {expected}, not {value}"
        if isinstance(hijri, str) and re.fullmatch(r"\d{4}(-\d{2})?", hijri):
            from hijridate import Hijri

            y, *month = (int(p) for p in hijri.split("-"))
            first = Hijri(y, month[0] if month else 1, 1)
            last_month = Hijri(y, month[0] if month else 12, 1)
            last = Hijri(y, last_month.month, last_month.month_length())
            assert value == {
                "start": first.to_gregorian().isoformat(),
                "end": last.to_gregorian().isoformat(),
            }, f"{path.name}: Hijri {hijri} spans other days than {value}"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_no_text_in_two_groups(path: Path) -> None:
    data = load(path)
    seen: dict[str, str] = {}
    for kind in ("example", "negative"):
        for n, group in enumerate(data.get(kind, []), 1):
            for text in group.get("texts", []):
                key = text.strip()
                assert key not in seen, f"{text!r} is in {seen[key]} and in {kind} {n}"
                seen[key] = f"{kind} {n}"


def test_corpus_is_a_real_specification() -> None:
    files = {p.stem for p in FILES}
    assert {
        "gregorian_months",
        "hijri",
        "digits",
        "numbers_words",
        "ranges_lists",
        "relative",
        "durations_times",
        "holidays",
        "decades",
        "negative",
    } <= files
    texts = sum(len(g["texts"]) for p in FILES for g in load(p).get("example", []))
    negatives = sum(len(g["texts"]) for p in FILES for g in load(p).get("negative", []))
    assert texts >= 250 and negatives >= 40, (texts, negatives)


def test_markers_are_parsed() -> None:
    m = parse_marked("{15 رمضان 1443هـ} الموافق [17 أبريل 2022]")
    assert m.plain == "15 رمضان 1443هـ الموافق 17 أبريل 2022"
    assert m.plain[slice(*m.target)] == "17 أبريل 2022"
    assert [m.plain[s:e] for s, e in m.others] == ["15 رمضان 1443هـ"]
    assert parse_marked("اليوم").target == (0, 5)
    with pytest.raises(ValueError):
        parse_marked("[17 ماي")
