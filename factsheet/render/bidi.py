"""Arabic on a terminal: shaped letters, right-to-left order, cells that keep their width.

Most terminals (xterm, iTerm2, Windows Terminal, Alacritty, tmux in them) draw characters
left to right as they come and never join Arabic letters: Arabic shows reversed and unjoined.
Some (mlterm, Konsole, GNOME Terminal and other VTE terminals) apply the Unicode BiDi
algorithm to each screen line themselves: two Arabic cells side by side then swap places
across the border between them, a row whose first letter is Arabic is laid out right to
left, and mlterm draws lam-alef in one cell where rich counted two. Two modes:

* ``visual`` (terminals without BiDi): letters are shaped into their joined forms
  (arabic-reshaper: one presentation form per letter, lam-alef as one character), then each
  line is put in display order with the Unicode BiDi algorithm (python-bidi computes the
  embedding levels; rules L1–L4 are applied here, keeping a letter and its diacritics
  together and mirroring brackets, which python-bidi's Rust version does not do).
  Article text quoted inside a line of labels is isolated (FSI … PDI) first, so that
  ``50 يوما — 50D before …`` keeps its numbers where they belong.
* ``logical`` (terminals that reorder): letters are shaped the same way, so that each is the
  one cell rich counts, and the order is left to the terminal. The vertical borders of
  tables are drawn with ``ǀ`` (U+01C0, a letter that looks like a bar: left-to-right for
  the BiDi algorithm, unlike box-drawing characters), so that the terminal reorders each
  cell where it stands and a row stays a left-to-right line. Isolate marks (FSI … PDI) or
  LRM would be the textbook way, but mlterm draws the first as boxes and ignores the second.

Lines are wrapped first (on the shaped, logical text) and reordered one by one, as UAX #9
requires; a cell is measured after shaping. Text must be escaped for the terminal
(:func:`factsheet.render.safe.terminal_safe`) before it gets here. Files and pipes never see
this module: they carry the logical Unicode text as it is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.measure import Measurement
    from rich.text import Text

Mode = Literal["visual", "logical"]
MODES: tuple[Mode, ...] = ("visual", "logical")

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff"
                  "\U0001e800-\U0001efff\u200f\u202b\u202e\u2067]")
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LEVELS = re.compile(r"\n    levels: \[(.*?)\]", re.S)
_LEVEL = re.compile(r"Level\(\s*(\d+)")
LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"
_ESCAPE = re.compile(r"\\(?:x[0-9a-f]{2}|u[0-9a-f]{4}|[tnr])[!-~]*")
"""The visible escapes of :func:`factsheet.render.safe.terminal_safe` (``\\x1b[2J``), with the
printable characters that follow them."""
BAR = "\u01c0"
"""LATIN LETTER DENTAL CLICK ``ǀ``: drawn as a bar, a strong left-to-right letter for UAX #9."""
_LOGICAL_BOX = "\n".join(["┏━┳┓", f"{BAR} {BAR}{BAR}", "┡━╇┩", f"{BAR} {BAR}{BAR}", "├─┼┤",
                          "├─┼┤", f"{BAR} {BAR}{BAR}", "└─┴┘"]) + "\n"
_EXPLICIT = re.compile("[\u202a-\u202e\u2066-\u2069]")
_EMBEDDED = re.compile(r"«([^«»]*)»|\(([^()]*)\)|\"([^\"]*)\"")

_RESHAPER_CONFIG = {
    "delete_harakat": False,  # keep diacritics: they follow their letter
    "support_ligatures": True,  # lam-alef must be one glyph
    "ARABIC LIGATURE ALLAH": False,  # a word ligature many terminal fonts lack
}


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds right-to-left letters (Arabic, Hebrew …) or RTL marks."""
    return _RTL.search(text) is not None


@lru_cache(maxsize=1)
def _reshaper() -> Any:
    import arabic_reshaper

    return arabic_reshaper.ArabicReshaper(configuration=_RESHAPER_CONFIG)


def shape(text: str) -> str:
    """Arabic letters in their joined forms (presentation forms), still in logical order."""
    if not has_rtl(text):
        return text
    return str(_reshaper().reshape(text))


def neutralise(text: str) -> str:
    """Article text without explicit embeddings, overrides and isolates (U+202A–U+202E,
    U+2066–U+2069): a text must not reorder a table (the "Trojan Source" trick). Marks
    (LRM, RLM, ALM) stay: they only act as letters of their direction."""
    return _EXPLICIT.sub("", text)


def isolate(text: str, mode: Mode | None) -> str:
    """Article text quoted in a line of labels, set apart (FSI … PDI) so that the ``visual``
    order puts it on its own (like HTML's ``<bdi>``: ``50 يوما — 50D before …`` keeps its
    numbers in place). As it is otherwise: ``logical`` leaves the order to the terminal."""
    if mode != "visual" or not has_rtl(text):
        return text
    return f"{FSI}{text}{PDI}"


def isolate_embedded(text: str, mode: Mode | None) -> str:
    """A line of labels with the RTL text it quotes («…», (…), "…") set apart (:func:`isolate`)."""
    def one(m: re.Match[str]) -> str:
        whole = m.group()
        return whole[0] + isolate(whole[1:-1], mode) + whole[-1]

    return _EMBEDDED.sub(one, text) if mode == "visual" and has_rtl(text) else text


def table_box(mode: Mode | None) -> Any:
    """The rich box of tables: rich's own, or one with ``ǀ`` bars in ``logical`` mode."""
    from rich import box

    return box.Box(_LOGICAL_BOX) if mode == "logical" else box.HEAVY_HEAD


def unshape(text: str) -> str:
    """Presentation forms back to the letters they stand for (``ﻻ`` → ``لا``)."""
    return _PRESENTATION.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def base_level(text: str) -> int:
    """The paragraph level of ``text``: 1 when its first strong letter is right-to-left."""
    import bidi

    return int(bidi.get_base_level(text)) if text else 0


def _levels(text: str, base: int) -> list[int]:
    """The resolved embedding level of each character (UAX #9 up to rule I2).

    python-bidi hands them out only in its ``debug=True`` result (the Rust ``BidiInfo``, one
    level per UTF-8 byte), which is read here; ``tests/test_bidi.py`` checks the order against
    python-bidi's own ``get_display``, so a change of that format fails the tests, not users
    silently."""
    import bidi

    info = str(bidi.get_display(text, base_dir="R" if base else "L", debug=True))
    found = _LEVELS.search(info)
    per_byte = [int(x) for x in _LEVEL.findall(found.group(1))] if found else []
    if len(per_byte) != len(text.encode("utf-8", "surrogatepass")):
        raise RuntimeError("python-bidi did not report one level per byte "
                           "(its debug format changed?); --bidi logical does without it")
    levels, offset = [], 0
    for ch in text:
        levels.append(per_byte[offset])
        offset += len(ch.encode("utf-8", "surrogatepass"))
    return levels


_L1_RESET = {"WS", "FSI", "LRI", "RLI", "PDI", "BN", "LRE", "RLE", "LRO", "RLO", "PDF"}


@lru_cache(maxsize=1)
def _mirrors() -> dict[str, str]:
    from bidi.mirror import MIRRORED  # Unicode's BidiMirroring.txt, shipped with python-bidi

    return dict(MIRRORED)


@dataclass(frozen=True, slots=True)
class Visual:
    """One line as drawn left to right, and where each of its characters comes from.

    ``order[k]`` is the index, in the shaped logical line, of the ``k``-th character drawn and
    ``levels[k]`` its embedding level (odd: right to left, drawn mirrored). BiDi control
    characters, once applied, are not drawn.
    """

    text: str
    order: tuple[int, ...]
    levels: tuple[int, ...]

    def logical(self) -> str:
        """The drawn characters put back in logical order, unmirrored: the shaped line again."""
        mirrors = _mirrors()
        chars = dict.fromkeys(range(len(self.order)), "")
        for k, i in enumerate(self.order):
            c = self.text[k]
            chars[i] = mirrors.get(c, c) if self.levels[k] % 2 else c
        return "".join(chars[i] for i in sorted(chars))


def reorder(shaped: str, base: int | None = None) -> Visual:
    """A shaped line in display order (UAX #9 rules L1 to L4, levels from python-bidi)."""
    if base is None:
        base = base_level(shaped)
    if not has_rtl(shaped) and base == 0:
        return Visual(shaped, tuple(range(len(shaped))), (0,) * len(shaped))
    levels = _levels(shaped, base)
    classes = [unicodedata.bidirectional(ch) for ch in shaped]
    # L1: separators, and whitespace before them or at the end of the line, take the
    # paragraph level.
    trailing = True
    for i in range(len(shaped) - 1, -1, -1):
        if classes[i] in ("S", "B"):
            levels[i] = base
            trailing = True
        elif trailing and classes[i] in _L1_RESET:
            levels[i] = base
        else:
            trailing = False
    # L3: a letter and the marks after it move together.
    clusters: list[list[int]] = []
    for i, ch in enumerate(shaped):
        if clusters and unicodedata.combining(ch):
            clusters[-1].append(i)
        else:
            clusters.append([i])
    cluster_levels = [levels[c[0]] for c in clusters]
    # L2: from the highest level down to the lowest odd one, reverse every run at or above it.
    order = list(range(len(clusters)))
    highest = max(cluster_levels, default=0)
    lowest_odd = min((lvl for lvl in cluster_levels if lvl % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        k = 0
        while k < len(order):
            if cluster_levels[order[k]] < level:
                k += 1
                continue
            end = k
            while end < len(order) and cluster_levels[order[end]] >= level:
                end += 1
            order[k:end] = order[k:end][::-1]
            k = end
    # L4: mirrored glyphs at odd levels; control characters are not drawn.
    mirrors = _mirrors()
    drawn = [i for c in order for i in clusters[c] if not _CONTROLS.fullmatch(shaped[i])]
    text = "".join(mirrors.get(shaped[i], shaped[i]) if levels[i] % 2 else shaped[i]
                   for i in drawn)
    return Visual(text, tuple(drawn), tuple(levels[i] for i in drawn))


def _escapes_isolated(text: str) -> str:
    """The visible escapes of control characters kept left to right as a whole (``\\x1b``,
    not ``x1b\\``, in right-to-left text)."""
    if "\\" not in text or not has_rtl(text):
        return text
    return _ESCAPE.sub(lambda m: f"{LRI}{m.group()}{PDI}", text)


def visual(line: str, base: int | None = None) -> Visual:
    """One line (no line break) shaped and put in display order, left to right.

    ``base`` is the paragraph level (0 left-to-right, 1 right-to-left), by default the one of
    the line itself; a wrapped paragraph passes its own so that every line agrees.
    """
    return reorder(_escapes_isolated(shape(line)), base)


def display(text: str, mode: Mode | None) -> str:
    """One short line (a title) for the terminal in ``mode`` (None: as it is)."""
    if mode is None or not has_rtl(text):
        return text
    return visual(text).text if mode == "visual" else shape(text)


class BidiText:
    """A rich renderable: text wrapped to its width, then shaped and ordered line by line.

    ``base`` is the paragraph direction (0 left to right, 1 right to left); by default that of
    the first strong letter (UAX #9 P2), right for a cell of article text, while a line that
    mixes labels and article text takes the direction of the labels' language. Right-to-left
    paragraphs are aligned right in ``visual`` mode (a terminal that reorders aligns its
    lines itself). Without RTL letters (or with ``mode`` None) it renders as a plain
    :class:`rich.text.Text`.
    """

    def __init__(self, text: str, mode: Mode | None, *, style: str | None = None,
                 base: int | None = None) -> None:
        self.text = text
        self.mode = mode
        self.style = style
        self.base = base
        self.shaped = shape(text) if mode is not None else text
        if mode == "visual":
            self.shaped = _escapes_isolated(self.shaped)

    def _plain(self) -> Text:
        from rich.text import Text

        return Text(self.shaped, style=self.style or "")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        return Measurement.get(console, options, self._plain())

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        plain = self._plain()
        if self.mode is None or not has_rtl(self.shaped):
            yield plain
            return
        base = base_level(self.shaped) if self.base is None else self.base
        out = []
        for line in plain.wrap(console, max(1, options.max_width), overflow="fold"):
            drawn = line.plain.rstrip()
            out.append(reorder(drawn, base).text if self.mode == "visual" else drawn)
        right = base == 1 and self.mode == "visual"
        yield Text("\n".join(out), style=self.style or "", justify="right" if right else "left",
                   no_wrap=True, overflow="crop")
