"""Start-up: a run pays only for the command it runs.

Measured with ``python -X importtime`` in a fresh process, as the issue asks: no pydantic
(Typer's per-parameter adapters) on any path, no date engine for ``--help``, ``--version`` or
shell completion, and only the module of the command that runs.
"""

from __future__ import annotations

import enum
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factsheet.cli.app import COMMANDS, app


class Shade(str, enum.Enum):
    LIGHT = "light"


ARTICLE = "أعلنت الوزارة يوم الثلاثاء 17 ماي 2022 أن المعرض سيفتتح في 20 يونيو المقبل.\n"


def imported(args: list[str], env: dict[str, str] | None = None) -> set[str]:
    """The modules a fresh ``python -m factsheet ARGS`` imports (``-X importtime``)."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "factsheet", *args],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})
    names = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()
             if line.startswith("import time:")}
    assert "factsheet.cli.app" in names, done.stderr[-2000:]
    return names


@pytest.fixture(scope="module")
def article(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("startup") / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return str(path)


def test_dates_to_json_imports_no_pydantic_and_no_other_command(article: str) -> None:
    names = imported(["dates", article, "--format", "json"])
    assert "factsheet.dates.engine" in names
    assert not {n for n in names if n.split(".")[0] in ("pydantic", "pydantic_core")}
    assert "factsheet.cli.sheet_cmds" not in names
    assert "rich" not in names and "factsheet.facts.sheet" not in names


def test_every_command_runs_without_pydantic(article: str) -> None:
    for args in (["sheet", article, "-f", "json"], ["countdown", article, "--as-of",
                 "2022-04-01", "-f", "jsonl", "--no-color"], ["convert", "2022-05-17"],
                 ["dates", article, "--jobs", "1", "-p", "2022-03-25", "-o", os.devnull]):
        names = imported(args)
        assert "pydantic" not in names, args


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["dates", "--help"], ["-V"]])
def test_help_and_version_do_not_load_the_engine(args: list[str]) -> None:
    names = imported(args)
    assert "factsheet.dates.engine" not in names and "pydantic" not in names


def test_shell_completion_does_not_load_the_engine() -> None:
    names = imported([], env={"_FACTSHEET_COMPLETE": "complete_bash",
                              "COMP_WORDS": "factsheet da", "COMP_CWORD": "1"})
    assert "factsheet.dates.engine" not in names and "pydantic" not in names


def test_the_library_loads_the_engine_on_first_use() -> None:
    code = ("import sys, factsheet; assert 'factsheet.dates.engine' not in sys.modules; "
            "from factsheet import Mention, find_dates; "
            "assert find_dates('17 ماي 2022')[0].value == '2022-05-17'; "
            "assert factsheet.Range.__name__ == 'Range'")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    import factsheet

    with pytest.raises(AttributeError):
        _ = factsheet.no_such_name  # type: ignore[attr-defined]


def test_the_command_table_names_every_command_and_its_module() -> None:
    """COMMANDS (what is loaded lazily) and the ``@app.command()``s agree."""
    modules = {p.stem for p in (Path(__file__).parent.parent / "factsheet" / "cli").glob("*.py")}
    for module in modules - {"__init__"}:
        importlib.import_module(f"factsheet.cli.{module}")
    registered = {(info.name or info.callback.__name__).replace("_", "-")  # type: ignore[union-attr]
                  for info in app.registered_commands}
    assert registered == set(COMMANDS)
    for name, module in COMMANDS.items():
        callback = next(i.callback for i in app.registered_commands
                        if (i.name or i.callback.__name__) == name)  # type: ignore[union-attr]
        assert callback is not None and callback.__module__ == f"factsheet.cli.{module}"


def test_help_lists_the_commands_in_order() -> None:
    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "100"})
    listed = [line.split()[0] for line in result.stdout.split("Commands:")[1].splitlines()
              if line.startswith("  ") and not line.startswith("   ")]
    assert listed == list(COMMANDS)


def test_a_mistyped_command_suggests_the_right_one() -> None:
    result = CliRunner().invoke(app, ["dats"])
    assert result.exit_code == 2
    assert "No such command 'dats'. Did you mean 'dates'?" in result.stderr


@pytest.mark.parametrize(("value", "message"), [
    ("abc", "'abc' is not a valid integer"),
    ("1.5", "'1.5' is not a valid integer"),
    ("-1", "-1 is not in the range >= 0"),
])
def test_bad_numbers_are_one_line_usage_errors(article: str, value: str, message: str) -> None:
    result = CliRunner().invoke(app, ["dates", article, "--jobs", value], prog_name="factsheet")
    assert result.exit_code == 2
    assert result.stderr == (f"factsheet: error: Invalid value for '--jobs' / '-j': {message} "
                             "(see 'factsheet dates --help')\n")


def test_lists_numbers_and_flags_reach_the_command(tmp_path: Path) -> None:
    """The values a command receives: several paths, a number written with spaces, flags."""
    paths = []
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
        paths.append(str(tmp_path / name))
    result = CliRunner().invoke(app, ["dates", *paths, "-j", " 1 ", "-g", "*.txt",
                                      "--no-color", "-p", "2022-03-25"])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["path"] for r in records] == paths
    assert all(r["dates"][0]["value"] == "2022-05-17" for r in records)


def test_other_kinds_of_parameter_keep_typers_own_conversion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only plain parameters get a plain converter; an Enum, a Path or a float keeps Typer's
    (pydantic) conversion and works as before."""
    import typer
    from typer.main import get_command

    from factsheet.cli.params import plain_conversions

    demo = typer.Typer()

    @demo.command()
    def show(where: Path, shade: Shade = Shade.LIGHT, ratio: float = 0.5, name: str = "x",
             count: int = 1) -> None:
        typer.echo(f"{where.name} {shade.value} {ratio} {name} {count}")

    command = get_command(demo)
    plain_conversions(command.params)
    kept = {p.name for p in command.params if p._runtime_param is None}  # type: ignore[attr-defined]
    assert kept == {"where", "shade", "ratio"}
    command.main([str(tmp_path / "f.txt"), "--shade", "light", "--ratio", "2.5", "--name",
                  "ن", "--count", "3"], standalone_mode=False)
    assert capsys.readouterr().out == "f.txt light 2.5 ن 3\n"
    assert {p.name for p in command.params if p._runtime_param is None} == set()  # type: ignore[attr-defined]
