"""The package's layers: imports run downward only.

    cli  →  sources  →  render  →  facts  →  dates
                         schema  →  dates;  errors and __version__: leaves every layer may use

The date engine (``factsheet.dates``) knows nothing of fact sheets, output formats, reading
files or the command line; the library core never imports the CLI.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "factsheet"

ALLOWED: dict[str, set[str]] = {
    "dates": {"dates", "errors"},
    "facts": {"facts", "dates", "errors"},
    "schema": {"dates"},
    "render": {"render", "facts", "dates", "schema", "errors"},
    "sources": {"sources", "render", "facts", "dates", "schema", "errors"},
    "cli": {"cli", "sources", "render", "facts", "dates", "schema", "errors"},
}


def layer(module: str) -> str:
    """The layer of ``factsheet.x.y`` (its first component); ``factsheet.__version__`` is a
    constant of the package itself, a leaf like ``errors``."""
    first = module.split(".")[1] if "." in module else "__init__"
    return "errors" if first == "__version__" else first


def imports(path: Path) -> set[str]:
    """The ``factsheet`` modules a file imports, absolute, lazy imports included."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    package = parts[:-1]  # a module's package, or an __init__'s own package
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - node.level + 1])
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == "factsheet":
                found |= {f"factsheet.{a.name}" for a in node.names}
            elif target.startswith("factsheet."):
                found.add(target)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("factsheet.")}
    return found


FILES = sorted(p for p in PACKAGE.rglob("*.py") if len(p.relative_to(PACKAGE).parts) > 1
               or p.stem == "schema")


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_downward(path: Path) -> None:
    own = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
    wrong = {m for m in imports(path) if layer(m) not in ALLOWED[own]}
    assert not wrong, f"{own} must not import {sorted(wrong)}"


def test_the_layering_test_sees_lazy_imports() -> None:
    found = imports(PACKAGE / "cli" / "dates_cmd.py")
    assert "factsheet.sources.stream" in found and "factsheet.dates.published" in found
