"""Regex sources are folded as character-by-character folding folds them."""

from __future__ import annotations

import random

from factsheet.dates.normalize import _fold_char, fold_pattern

# Arabic letters and their variants, Persian digits, tatweel and diacritics, presentation
# forms (one of which folds to two letters), spaces, quotes, and ASCII regex syntax in
# both cases (never touched).
ALPHABET = ("أإآٱاىیيةهکك٠١٢۳۴ـًٌٍَُِّْ\u200f\u00a0\u2003«»–—"
            "ﻻﺍﺏﷲ\uff21\uff41" "(?P<day>\\d{1,2})\\s+[^\\W\\d_]|AZaz ")


def _one_by_one(pattern: str) -> str:
    return "".join(c if c.isascii() else _fold_char(c) for c in pattern)


def test_folding_a_pattern_at_once_is_folding_it_character_by_character() -> None:
    rng = random.Random(13)
    for _ in range(2000):
        pattern = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 40)))
        assert fold_pattern(pattern) == _one_by_one(pattern), pattern
    assert fold_pattern(r"(?P<m>أيار|\Sمايو)") == r"(?P<m>ايار|\Sمايو)"
