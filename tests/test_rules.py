"""Every named rule of the grammar is exercised by the example corpus.

A rule that no example reaches is either dead or untested; both are worth knowing about.
"""

from __future__ import annotations

from test_corpus import _cases, parse_marked

import factsheet
from factsheet.dates.grammar import rules

# Rules whose matches never stand alone: they only exist inside a range or a list.
ONLY_COMPOSED = {"day_latent"}


def _rules_used() -> set[str]:
    used: set[str] = set()
    for param in _cases("example"):
        case = param.values[0]
        plain = parse_marked(case.text).plain
        for m in factsheet.find_dates(plain, case.published):
            used.add(m.rule)
    return used


def test_every_rule_is_exercised_by_an_example() -> None:
    used = _rules_used()
    missing = {r.name for r in rules()} - used - ONLY_COMPOSED
    assert not missing, f"rules with no example in tests/corpus/ar: {sorted(missing)}"


def test_rule_names_are_unique() -> None:
    names = [r.name for r in rules()]
    assert len(names) == len(set(names))
