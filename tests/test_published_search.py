"""The search for the publication date tries only the days its filters can accept."""

from __future__ import annotations

import datetime as dt

import pytest

from factsheet.dates.published import SEARCH_YEARS, _Solver


@pytest.mark.parametrize(("month", "day", "lo", "hi"), [
    (2, 29, dt.date(SEARCH_YEARS[0], 1, 1), dt.date(SEARCH_YEARS[1], 12, 31)),
    (3, 5, dt.date(1990, 3, 6), dt.date(1994, 3, 5)),  # the first year's day is before lo
    (12, 31, dt.date(2001, 1, 1), dt.date(2001, 12, 30)),  # none within the bounds
])
def test_a_day_and_month_are_sought_only_on_that_day_of_each_year(
    month: int, day: int, lo: dt.date, hi: dt.date
) -> None:
    solver = _Solver("", [], None)
    tried: list[dt.date] = []

    def friday(d: dt.date) -> bool:
        tried.append(d)
        return d.weekday() == 4

    solver._fix_month_day(month, day)
    solver.filters.append(friday)
    every = [lo + dt.timedelta(days=i) for i in range((hi - lo).days + 1)]
    expected = [d for d in every if (d.month, d.day) == (month, day) and d.weekday() == 4]
    assert solver._search(lo, hi) == expected
    assert len(tried) <= hi.year - lo.year + 1  # not every day of 150 years
    assert all((d.month, d.day) == (month, day) for d in tried)
