"""A mention of a later window is moved to its place in the whole text, every field kept."""

from __future__ import annotations

from dataclasses import fields, replace

from factsheet.dates.model import Anchor, Mention, Parts, Range
from factsheet.sources.stream import _shift


def test_a_shift_moves_the_offsets_and_keeps_every_other_field() -> None:
    m = Mention(text="قبل 5 أيام من المنتدى", start=3, end=13, type="duration", value="P5D",
                grain="duration", calendar="hijri", relative=True, hijri=Range("1443", "1444"),
                mod="APPROX", anchor=Anchor("before", "المنتدى", 17, 24), rule="duration.offset",
                parts=Parts(offset="P5D"), notes=("a", "b"))
    assert all(getattr(m, f.name) != f.default for f in fields(Mention))  # none left default
    moved = _shift(m, 1000)
    assert moved == replace(m, start=1003, end=1013,
                            anchor=Anchor("before", "المنتدى", 1017, 1024))
    assert _shift(replace(m, anchor=None), 7) == replace(m, start=10, end=20, anchor=None)
    assert _shift(m, 0) is m
