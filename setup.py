"""Build of factsheet: the date engine compiled to C with mypyc, or pure Python.

Everything else about the package is in ``pyproject.toml``. This file only adds the
compiled engine: the modules of :data:`COMPILED` are translated to C by mypyc (the compiler
of mypy, which black and mypy itself ship compiled the same way) and built as extension
modules. The ``.py`` sources stay in the package; where a compiled module is present Python
imports it instead. The outputs are the same (``tests/test_engine_pinned.py`` compares the
two builds).

The build falls back to pure Python, with a warning, when mypyc or a C compiler is missing or
compilation fails; ``FACTSHEET_PURE_PYTHON=1`` at install time asks for pure Python outright
(for working on the engine: an editable install then reads the ``.py`` files you edit).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from setuptools import setup
from setuptools.command.build_ext import build_ext

COMPILED = [
    "factsheet/dates/anchors.py",
    "factsheet/dates/calendars.py",
    "factsheet/dates/compose.py",
    "factsheet/dates/document.py",
    "factsheet/dates/engine.py",
    "factsheet/dates/grammar.py",
    "factsheet/dates/model.py",
    "factsheet/dates/normalize.py",
    "factsheet/dates/tag.py",
    "factsheet/dates/values.py",
    "factsheet/dates/when.py",
]
"""The engine's hot path (normalise, scan, tag, compose, resolve): what compiling pays for."""


def _say(message: str) -> None:
    print(f"factsheet build: {message}", file=sys.stderr)


def _compiled_engine() -> list[Any]:
    """The extension modules of the compiled engine; none when it cannot or should not be
    built (the package is then pure Python)."""
    if os.environ.get("FACTSHEET_PURE_PYTHON", "") not in ("", "0"):
        _say("FACTSHEET_PURE_PYTHON is set: pure-Python engine")
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        _say("mypyc is not available: pure-Python engine")
        return []
    here = Path(__file__).resolve().parent
    try:
        # mypyc type-checks the modules first. The build environment has none of the
        # runtime dependencies (pip installs them after building), so their imports are
        # typed Any here; calls into them are ordinary Python calls either way.
        extensions = mypycify(["--ignore-missing-imports", *(str(here / p) for p in COMPILED)],
                              opt_level="3", group_name="factsheet_engine")
    except (Exception, SystemExit) as exc:  # mypyc reports type errors by exiting
        _say(f"mypyc could not translate the engine ({exc}): pure-Python engine")
        return []
    # mypyc builds with -Werror, and it is right to: GCC's "may be used uninitialized" once
    # caught a reference-counting bug of mypyc (a tuple of pairs tested with ``in``) that
    # crashed. A warning fails the C build, and the package is then pure Python.
    return list(extensions)


class OptionalBuildExt(build_ext):
    """``build_ext`` that leaves the package pure Python when the C build fails (no
    compiler, no Python headers), instead of failing the install."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # distutils raises CompileError, LinkError, PlatformError …
            for output in self.get_outputs():
                Path(output).unlink(missing_ok=True)
            _say(f"the compiled engine could not be built ({exc}): pure-Python engine")


setup(ext_modules=_compiled_engine(), cmdclass={"build_ext": OptionalBuildExt})
