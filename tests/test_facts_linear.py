"""People, organisations, places and quotes in linear time on hostile input.

Each family is a unit repeated with no full stop (one endless sentence), timed at a small size
and at four times that size with :func:`test_hostile.growth`: linear work takes about 4× as
long, quadratic work 16×; the bound is 8×.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from test_hostile import BOUND, growth, repeat

from factsheet.facts.entities import find_entities

ENTITY_FAMILIES: dict[str, Callable[[int], str]] = {
    "an honorific and a name": repeat("السيد أحمد "),
    "name particles": repeat("بن "),
    "the particle abd": repeat("عبد "),
    "the particle abu": repeat("أبو "),
    "the particle al": repeat("آل "),
    "the particle ould": repeat("ولد "),
    "a name and its role": repeat("السيد أحمد، وزير الصحة، "),
    "verbs of saying alone": repeat("قال "),
    "feminine verbs of saying alone": repeat("قالت "),
    "reported speech": repeat("وقال أحمد إن "),
    "participles": repeat("مشيرا إلى أن الأمر مهم "),
    "participles after commas": repeat("مشيرا إلى أن الأمر مهم، "),
    "continuing verbs after commas": repeat("وأضاف أن الأمر مهم، "),
    "feminine participles after a body": repeat("الوزارة مؤكدة أن الأمر مهم، "),
    "attributions": repeat("وفق ما أعلنه "),
    "attributions and فإن": repeat("وحسب الوزارة فإن "),
    "a chain of فإن": lambda n: "وحسب الوزارة " + "فإن " * max(1, n // 4),
    "quoted speakers": repeat('"الصباح" قالت '),
    "relayed speech": repeat("نقلت الوكالة عن "),
    "bare heads": repeat("وزارة الصحة ووزارة التعليم والوزارة "),
    "ministers and councils": repeat("مجلس وزراء الخارجية الوزراء "),
    "roles": repeat("المتحدث باسم الوزارة "),
    "quote marks": repeat('" '),
}


@pytest.mark.parametrize("family", ENTITY_FAMILIES)
def test_entities_are_found_in_linear_time(family: str) -> None:
    ratio = growth(find_entities, ENTITY_FAMILIES[family], 2000)
    assert ratio < BOUND, f"{family}: 4× the text took {ratio:.1f}× the time"


@pytest.mark.parametrize("unit", ["قال ", "قالت ", "مشيرا إلى أن الأمر مهم، "])
def test_verbs_of_saying_in_one_long_sentence_in_linear_time(unit: str) -> None:
    """Each verb looks for the end of its sentence, and a participle for its subject earlier
    in it: on 64 KB with no full stop, reading from each verb to the end (or from the start)
    of the sentence made 4× the text take 9-10× the time (quadratic, with a small constant,
    so it shows only from 16 KB)."""
    ratio = growth(find_entities, repeat(unit), 16000)
    assert ratio < BOUND, f"{unit!r}: 4× the text took {ratio:.1f}× the time"
