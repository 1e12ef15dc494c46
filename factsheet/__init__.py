"""factsheet: Arabic news articles into trustworthy fact sheets.

The library core never imports the CLI. The main entry point is :func:`find_dates`.
"""

from .dates.engine import find_dates
from .dates.model import Anchor, Mention, Parts, Range

__all__ = ["Anchor", "Mention", "Parts", "Range", "find_dates"]
__version__ = "0.1.0"
