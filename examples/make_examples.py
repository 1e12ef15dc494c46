"""Write the seed article's fact sheet in every format into this folder (the HTML page
and the SVG timeline included: open them in a browser).

    python examples/make_examples.py          # (re)write the files
    python examples/make_examples.py --check  # exit 1 when a file is stale or missing

Every file is the output of a real ``factsheet`` command (run in-process), with a fixed
``--as-of`` so that the countdown does not depend on the day the script is run.
``tests/test_examples.py`` runs the check.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
AS_OF = "2022-04-01"

COMMANDS: dict[str, list[str]] = {
    "seed.sheet.txt": ["sheet", "--format", "text"],
    "seed.sheet.ar.txt": ["sheet", "--format", "text", "--lang", "ar", "--calendar", "both"],
    "seed.sheet.rich.txt": ["sheet", "--format", "rich", "--no-color"],
    "seed.sheet.md": ["sheet", "--format", "markdown"],
    "seed.sheet.json": ["sheet", "--format", "json"],
    "seed.sheet.jsonl": ["sheet", "--format", "jsonl"],
    "seed.events.csv": ["sheet", "--format", "csv"],
    "seed.events.ics": ["sheet", "--format", "ics"],
    "seed.summary.txt": ["summary", "--format", "text"],
    "seed.timeline.md": ["timeline", "--format", "markdown", "--lang", "ar"],
    "seed.countdown.txt": ["countdown", "--as-of", AS_OF, "--format", "text"],
    "seed.countdown.json": ["countdown", "--as-of", AS_OF, "--format", "json"],
    "seed.countdown.csv": ["countdown", "--as-of", AS_OF, "--format", "csv"],
    "convert.txt": ["convert", "2022-05-17"],
    "seed.sheet.html": ["sheet", "--format", "html", "--lang", "ar", "--calendar", "both",
                        "--as-of", AS_OF],
    "seed.timeline.svg": ["timeline", "--format", "svg", "--as-of", AS_OF],
}


def generate() -> dict[str, str]:
    """File name → the output of its command."""
    from typer.testing import CliRunner

    from factsheet.cli.app import app

    runner = CliRunner()
    out = {}
    for name, args in COMMANDS.items():
        result = runner.invoke(app, args, env={"COLUMNS": "110", "NO_COLOR": "1"})
        if result.exit_code != 0:
            raise SystemExit(f"factsheet {' '.join(args)} failed: {result.output}")
        out[name] = result.stdout
    return out


def stale(files: dict[str, str]) -> list[str]:
    """Names of the example files that differ from ``files`` (or are missing)."""
    return [
        name for name, text in files.items()
        if not (HERE / name).exists()
        or (HERE / name).read_bytes() != text.encode("utf-8")
    ]


def main(argv: list[str]) -> int:
    files = generate()
    if "--check" in argv:
        bad = stale(files)
        for name in bad:
            print(f"stale: examples/{name} (run python examples/make_examples.py)",
                  file=sys.stderr)
        return 1 if bad else 0
    for name, text in files.items():
        (HERE / name).write_bytes(text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
