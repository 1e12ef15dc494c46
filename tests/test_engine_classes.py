"""The engine's classes whose ``__init__`` is written out (for mypyc, which compiles it,
where a generated one stays interpreted): it must take and set exactly the dataclass fields,
with the same defaults, or ``dataclasses.replace`` and every constructor call would drift."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from factsheet.dates.grammar import Partial
from factsheet.dates.model import Anchor, Mention, Parts
from factsheet.dates.values import Resolved

CLASSES = [Mention, Parts, Partial, Resolved]


@cache
def _annotations(cls: type) -> dict[str, str]:
    """The fields' annotations as written in the source (a compiled class keeps only
    ``type`` for a union)."""
    module = sys.modules[cls.__module__]
    source = Path(str(module.__file__)).with_name(cls.__module__.rpartition(".")[2] + ".py")
    for node in ast.parse(source.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ClassDef) and node.name == cls.__name__:
            return {n.target.id: ast.unparse(n.annotation) for n in node.body
                    if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)}
    raise LookupError(cls.__name__)


def _sample(cls: type, f: dataclasses.Field[Any]) -> Any:
    """A value of the field's type that is not its default (the compiled classes check
    types at run time)."""
    kind = _annotations(cls)[f.name]
    if "Anchor" in kind:
        return Anchor("before", "المنتدى", 3, 10)
    if "Parts" in kind:
        return Parts(year=2022)
    if "tuple[Partial, Partial]" in kind:
        return (Partial("a", 0, 1, "date"), Partial("b", 2, 3, "date"))
    if kind.startswith("bool"):
        return f.default is not True
    if kind.startswith("int"):
        return 7 + [g.name for g in dataclasses.fields(cls)].index(f.name)  # distinct
    if kind.startswith("tuple[str, int, int]"):
        return ("hijri_month", 9, 1)
    if kind.startswith("tuple[str, ...]"):
        return ("a note",)
    if kind.startswith("list"):
        return [f"<{f.name}>"]
    if "dt.date" in kind:
        return dt.date(2022, 5, 17)
    return f"<{f.name}>"  # str, a Literal, a Value


def _required(cls: type) -> dict[str, Any]:
    return {f.name: _sample(cls, f) for f in dataclasses.fields(cls)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_every_field_is_taken_and_set(cls: type) -> None:
    given = {f.name: _sample(cls, f) for f in dataclasses.fields(cls)}
    made = cls(**given)
    assert {name: getattr(made, name) for name in given} == given
    assert dataclasses.replace(made) == made
    # one field at a time, the others at their defaults: each lands in its own attribute
    base = cls(**_required(cls))
    for f in dataclasses.fields(cls):
        one = cls(**{**_required(cls), f.name: given[f.name]})
        for g in dataclasses.fields(cls):
            expected = given[f.name] if g is f else getattr(base, g.name)
            assert getattr(one, g.name) == expected, (f.name, g.name)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_defaults_are_those_of_the_fields(cls: type) -> None:
    made, other = cls(**_required(cls)), cls(**_required(cls))
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            assert getattr(made, f.name) == f.default, f.name
        elif f.default_factory is not dataclasses.MISSING:
            assert getattr(made, f.name) == f.default_factory(), f.name
            assert getattr(made, f.name) is not getattr(other, f.name), f.name  # not shared


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_the_fields_are_positional_in_order(cls: type) -> None:
    """Positional arguments follow the fields' order (``Mention(*values)`` relies on it)."""
    fields = dataclasses.fields(cls)
    values = [_sample(cls, f) for f in fields]
    made = cls(*values)
    assert [getattr(made, f.name) for f in fields] == values


def test_frozen_classes_stay_frozen() -> None:
    mention = Mention("17 ماي", 0, 6, "date", "2022-05-17", "day")
    with pytest.raises(dataclasses.FrozenInstanceError):
        mention.value = "2022-05-18"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Parts(year=2022).year = 2023  # type: ignore[misc]
    assert hash(mention) == hash(dataclasses.replace(mention))
