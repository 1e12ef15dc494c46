"""``examples/`` holds the real output of the commands; this fails when it goes stale."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_examples", EXAMPLES / "make_examples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_examples_are_up_to_date() -> None:
    script = _script()
    files = script.generate()
    assert set(files) == set(script.COMMANDS)
    assert script.stale(files) == [], "run: python examples/make_examples.py"


def test_the_check_notices_a_stale_file(tmp_path: Path) -> None:
    script = _script()
    files = {"seed.sheet.json": "{}\n"}
    assert script.stale(files) == ["seed.sheet.json"]


def test_examples_show_the_seed_date_and_forum() -> None:
    doc = json.loads((EXAMPLES / "seed.sheet.json").read_text(encoding="utf-8"))
    assert doc["published"]["value"] == "2022-03-25"
    ics = (EXAMPLES / "seed.events.ics").read_text(encoding="utf-8")
    assert "DTSTART;VALUE=DATE:20220517" in ics and "DTEND;VALUE=DATE:20220521" in ics
