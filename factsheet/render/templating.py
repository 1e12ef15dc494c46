"""The Jinja2 environment of the HTML and SVG views, and what makes article text safe in them.

Templates live in ``factsheet/render/templates/`` (package data). Autoescaping is on for
every template, and every value printed with ``{{ … }}`` first goes through
:func:`display_text`, so a piece of article text can neither open a tag nor carry a
character that HTML or XML forbids.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Embeddings, overrides and isolates: they could reorder what the page shows around them."""
BIDI_STANDIN = "\u2060"
"""WORD JOINER: what a bidi control becomes (invisible, directionless, one code point)."""

# Characters an HTML or XML document may not contain (as such or as a reference): C0 and C1
# controls but TAB and LF, lone surrogates, noncharacters. CR is handled on its own.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff"
    "\u202a-\u202e\u2066-\u2069\r]"
)


def _standin(match: re.Match[str]) -> str:
    c = match.group()
    o = ord(c)
    if c == "\r":
        # CRLF: the LF ends the line, the CR becomes a zero-width space; a lone CR is a line end
        s, i = match.string, match.start()
        return "\u200b" if i + 1 < len(s) and s[i + 1] == "\n" else "\n"
    if c in BIDI_CONTROLS:
        return BIDI_STANDIN
    if o < 0x20:
        return chr(0x2400 + o)  # control pictures: ␀ ␁ … ␛ …
    if o == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def display_text(text: str) -> str:
    """``text`` as a page shows it: the same number of code points (so offsets still hold),
    with every character HTML or XML forbids replaced by a visible stand-in (control
    pictures such as ``␛`` for C0 controls, U+FFFD for C1 controls, lone surrogates and
    noncharacters), bidi embeddings, overrides and isolates by an invisible U+2060, and CR
    by a line end (a lone CR) or a zero-width space (the CR of CRLF)."""
    return _FORBIDDEN.sub(_standin, text)


def first_strong_rtl(text: str) -> bool:
    """True when the first strongly directional character of ``text`` is right-to-left
    (Arabic, Hebrew …): the direction ``dir="auto"`` would choose."""
    for c in text:
        bidi = unicodedata.bidirectional(c)
        if bidi in ("R", "AL"):
            return True
        if bidi == "L":
            return False
    return False


_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff"
_RTL_RUN = re.compile(f"[{_RTL}](?:[{_RTL}\\s\\d\\-/.،؛]*[{_RTL}\\d])?")
FSI, PDI = "\u2068", "\u2069"


def isolate_rtl(text: str) -> str:
    """``text`` (already cleaned by :func:`display_text`) with each run of Arabic words
    between FSI and PDI, so that a left-to-right note quoting the article (``50D before
    2022-05-17 (من 17 إلى 20 ماي 2022) → 2022-03-28``) keeps its ISO dates in order."""
    return _RTL_RUN.sub(lambda m: FSI + m.group() + PDI, text)


def isolated(text: str) -> Markup:
    """:func:`isolate_rtl` for HTML: the runs in ``<bdi>`` elements, the rest escaped."""
    clean = display_text(text)
    out: list[str] = []
    last = 0
    for m in _RTL_RUN.finditer(clean):
        out.append(str(escape(clean[last:m.start()])))
        out.append(f"<bdi>{escape(m.group())}</bdi>")
        last = m.end()
    out.append(str(escape(clean[last:])))
    return Markup("".join(out))


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return display_text(value)


def number(value: float) -> str:
    """A coordinate with at most one decimal: ``12``, ``12.5``."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


@lru_cache(maxsize=1)
def environment() -> Any:
    """The shared Jinja2 environment (templates from the package, autoescaping on)."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("factsheet.render", "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["n"] = number
    env.filters["dir"] = lambda s: "rtl" if first_strong_rtl(str(s)) else "ltr"
    env.filters["isolated"] = isolated
    return env


def render(template: str, **context: Any) -> str:
    """Render a template of ``factsheet/render/templates`` with ``context``."""
    return str(environment().get_template(template).render(**context))
