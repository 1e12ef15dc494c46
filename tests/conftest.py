"""Checks made once, before any test runs."""

from __future__ import annotations

from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parent.parent / "factsheet" / "dates"


def pytest_configure(config: pytest.Config) -> None:
    """A compiled engine module older than its ``.py`` (an editable install built before
    the source was edited) would test code that is no longer the source: refuse to run."""
    stale: set[str] = set()
    for suffix in EXTENSION_SUFFIXES:
        for built in ENGINE.glob(f"*{suffix}"):
            source = ENGINE / (built.name[: -len(suffix)].split(".")[0] + ".py")
            if source.exists() and source.stat().st_mtime > built.stat().st_mtime:
                stale.add(source.name)
    if stale:
        raise pytest.UsageError(
            f"the compiled engine is older than {', '.join(sorted(stale))}: rebuild it "
            "(pip install -e .), or install the pure-Python engine "
            "(FACTSHEET_PURE_PYTHON=1 pip install -e .)")
