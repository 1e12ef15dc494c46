"""factsheet: Arabic news articles into trustworthy fact sheets.

The library core never imports the CLI. The main entry point is :func:`find_dates`.
Names are imported when first used, so that ``import factsheet`` (and the command line's
``--help``, ``--version`` and shell completion) do not load the date engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .dates.engine import find_dates
    from .dates.model import Anchor, Mention, Parts, Range

__all__ = ["Anchor", "Mention", "Parts", "Range", "find_dates"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name == "find_dates":
        from .dates.engine import find_dates

        return find_dates
    if name in ("Anchor", "Mention", "Parts", "Range"):
        from .dates import model

        return getattr(model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
