"""The engine's outputs, pinned: speed work must not change a single mention.

``tests/data/engine_pinned.json.gz`` holds the JSON (as ``factsheet dates --format json``
writes each mention) that the engine gave, before the one-pass tagger, for every text of the
example corpus (markers removed), the seed article and our generated news
(``tests/benchmarks/newsgen.py``): resolved against the corpus file's publication date (also
with ``prefer`` future and past), and with the date inferred from the text
(``dated_mentions``). Each text is keyed by a digest, so the pins survive the corpus being
reordered; texts added to the corpus later have no pin and are skipped (most must have one).

A deliberate change of the engine's output changes these pins: regenerate them with
``python tests/test_engine_pinned.py --write`` and say why in the commit.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import subprocess
import sys
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HERE = Path(__file__).parent
PINS = HERE / "data" / "engine_pinned.json.gz"
CORPUS = HERE / "corpus" / "ar"
SEED = HERE.parent / "seeds" / "000_68252f54bcdea424.txt"
NEWS_SEEDS = range(6)
"""Seeds of the generated news texts (20,000 characters each)."""
NEWS_PUBLISHED = "2022-03-25"


def _texts() -> Iterator[tuple[str, str, str | None]]:
    """``(label, text, published)`` of every pinned text."""
    for path in sorted(CORPUS.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for kind in ("example", "negative"):
            for g, group in enumerate(data.get(kind, []), 1):
                for t, raw in enumerate(group.get("texts", []), 1):
                    plain = "".join(ch for ch in raw if ch not in "[]{}")  # the markers
                    yield f"{path.stem}:{kind}{g}.{t}", plain, data.get("published")
    yield "seed", SEED.read_text(encoding="utf-8"), NEWS_PUBLISHED
    sys.path.insert(0, str(HERE / "benchmarks"))
    try:
        from newsgen import news_text
    finally:
        sys.path.pop(0)
    for seed in NEWS_SEEDS:
        yield f"newsgen:{seed}", news_text(20_000, seed=seed), NEWS_PUBLISHED


def _compiled() -> bool:
    import factsheet.dates.tag

    return not factsheet.dates.tag.__file__.endswith(".py")


def _key(text: str, mode: str) -> str:
    return hashlib.sha256(f"{mode}\0{text}".encode()).hexdigest()[:20]


def _modes(published: str | None) -> list[str]:
    given = [f"{published}/{side}" for side in ("-", "future", "past")] if published else []
    return [*given, "inferred"]


def _output(text: str, mode: str) -> Any:
    """The engine's JSON for ``text`` in ``mode`` (``DATE/prefer`` or ``inferred``)."""
    from factsheet.dates.published import dated_mentions
    from factsheet.schema import mention_json, published_json

    if mode == "inferred":
        mentions, found = dated_mentions(text)
        return {
            "published": published_json(
                found.value.isoformat() if found.value else None, found.basis, found.interval
            ),
            "dates": [mention_json(m) for m in mentions],
        }
    day, side = mode.split("/")
    mentions, _ = dated_mentions(
        text, dt.date.fromisoformat(day), prefer=None if side == "-" else side
    )
    return [mention_json(m) for m in mentions]


@lru_cache(maxsize=1)
def _groups() -> dict[str, list[tuple[str, str, str]]]:
    """The pinned outputs by source (a corpus file, the seed, the generated news):
    ``(label, text, mode)``."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for label, text, published in _texts():
        for mode in _modes(published):
            out.setdefault(label.split(":")[0], []).append((label, text, mode))
    return out


@lru_cache(maxsize=1)
def _pins() -> dict[str, Any]:
    with gzip.open(PINS, "rt", encoding="utf-8") as fh:
        pins: dict[str, Any] = json.load(fh)
    return pins


def test_most_texts_are_pinned() -> None:
    cases = [case for group in _groups().values() for case in group]
    pinned = sum(_key(text, mode) in _pins() for _, text, mode in cases)
    assert pinned >= 0.9 * len(cases), f"only {pinned} of {len(cases)} outputs are pinned"


@pytest.mark.parametrize("source", sorted(_groups()))
def test_outputs_are_unchanged(source: str) -> None:
    changed = []
    for label, text, mode in _groups()[source]:
        pinned = _pins().get(_key(text, mode))
        if pinned is not None and _output(text, mode) != pinned:
            changed.append(f"{label} ({mode}): {text[:80]!r}")
    assert not changed, f"{len(changed)} outputs changed:\n" + "\n".join(changed[:20])


_PURE = '''
import importlib.abc, importlib.util, sys
from pathlib import Path

class PythonSource(importlib.abc.MetaPathFinder):
    """The engine's modules from their .py files, not the compiled extension modules."""

    def find_spec(self, name, path, target=None):
        if not name.startswith("factsheet.dates.") or not path:
            return None
        for folder in path:
            source = Path(folder) / (name.rpartition(".")[2] + ".py")
            if source.is_file():
                return importlib.util.spec_from_file_location(name, source)
        return None

sys.meta_path.insert(0, PythonSource())
import pytest
import factsheet.dates.tag
assert factsheet.dates.tag.__file__.endswith(".py"), factsheet.dates.tag.__file__
test = sys.argv[1] + "::test_outputs_are_unchanged"
sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", test]))
'''


@pytest.mark.skipif(not _compiled(), reason="the engine is not compiled: the test above "
                    "checks its Python source")
def test_the_python_source_gives_the_same_outputs() -> None:
    """The compiled engine (mypyc) passes the test above; its Python source, run in another
    process that imports the ``.py`` files instead, passes it too: the two builds agree."""
    done = subprocess.run([sys.executable, "-c", _PURE, __file__], capture_output=True,
                          text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


def write() -> int:
    """Regenerate the pins from the engine as it is now."""
    pins = {_key(text, mode): _output(text, mode)
            for _, text, published in _texts() for mode in _modes(published)}
    data = json.dumps(pins, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    with gzip.GzipFile(PINS, "wb", mtime=0) as fh:
        fh.write(data.encode("utf-8"))
    print(f"{len(pins)} outputs pinned in {PINS} ({PINS.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python tests/test_engine_pinned.py --write")
    sys.exit(write())
