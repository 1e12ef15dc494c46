"""The command-line interface: a thin layer over the library (read → extract → render)."""

from __future__ import annotations

import typer

app = typer.Typer(add_completion=False, no_args_is_help=False, help=__doc__)


@app.command()
def dates(
    file: str = typer.Argument("-", help="Article file, or - for stdin."),
    published: str | None = typer.Option(None, "--published", help="Publication date YYYY-MM-DD."),
    format: str = typer.Option("json", "--format", help="table|text|json|jsonl|csv|tsv"),
) -> None:
    """Find and normalise every date expression in an article."""
    import json
    import sys
    from pathlib import Path

    from ..engine import find_dates
    from ..schema import dates_json

    text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    mentions = find_dates(text, published)
    doc = dates_json(mentions, source=file, published=published,
                     basis="given" if published else "unknown")
    print(json.dumps(doc, ensure_ascii=False, indent=2))


def run() -> None:
    app()
