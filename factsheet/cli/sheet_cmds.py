"""``factsheet sheet|summary|timeline|countdown [FILE|-]`` and ``factsheet convert DATE``.

Each command: read the article (the embedded seed when FILE is left out) → build the fact
sheet → render it. The clock is read here only (``countdown --as-of`` defaults to today).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from . import console, corpus_opts
from .app import app
from .corpus_opts import GlobOpt, JobsOpt, JsonlOpt, PathsArg
from .options import (
    ColorOpt,
    ConvertFormatOpt,
    EncodingOpt,
    FormatOpt,
    OutputOpt,
    PublishedOpt,
)

if TYPE_CHECKING:
    from ..facts.model import FactSheet
    from ..render.sheet_common import Style

SheetFileArg = Annotated[
    str | None,
    typer.Argument(help="Article file, or - for stdin (default: the embedded seed article).",
                   metavar="FILE|-", show_default=False),
]
LangOpt = Annotated[
    str, typer.Option("--lang", "-l", metavar="ar|en", help="Language of labels and month names.")
]
CalendarOpt = Annotated[
    str, typer.Option("--calendar", metavar="gregorian|hijri|both",
                      help="Calendar(s) dates are written in (text, rich and markdown views).")
]
MergeOpt = Annotated[
    bool, typer.Option("--merge", help="Merge the events of all the articles into one timeline.")
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", metavar="YYYY-MM-DD",
                 help="Count from this day (default: today, from the system clock)."),
]

SHEET_FORMATS = ("rich", "table", "text", "markdown", "json", "jsonl", "csv", "ics")
SUMMARY_FORMATS = ("rich", "table", "text", "markdown", "json")
COUNTDOWN_FORMATS = ("rich", "table", "text", "markdown", "json", "jsonl", "csv")


def _style(sheet: FactSheet, lang: str, calendar: str) -> Style:
    from ..errors import UsageError
    from ..render.sheet_common import Style

    if lang not in ("ar", "en"):
        raise UsageError(f"unknown --lang {lang!r}: choose ar or en")
    if calendar not in ("gregorian", "hijri", "both"):
        raise UsageError(f"unknown --calendar {calendar!r}: choose gregorian, hijri or both")
    return Style.for_sheet(sheet, lang, calendar)  # type: ignore[arg-type]


def _load(file: str | None, published: str | None, encoding: str | None) -> FactSheet:
    from ..facts.sheet import build_sheet
    from ..sources.io import read_article, seed_path
    from .options import parse_date

    given = parse_date(published)
    article = read_article(file if file else seed_path(), encoding=encoding)
    for warning in article.warnings:
        console.warn(warning)
    source = article.source if file else f"seed:{seed_path().name}"
    return build_sheet(article.text, given, source=source)


def _emit(view: str, output: str | None, text: str | None, renderable: object = None) -> None:
    from .options import open_output

    with open_output(output) as out:
        if renderable is not None and view in ("rich", "table"):
            console.console(out).print(renderable)
        elif text is not None:
            out.write(text)


def _run(command: str, file: str | None, published: str | None, fmt: str | None,
         output: str | None, encoding: str | None, color: bool | None, lang: str,
         calendar: str, as_of: str | None = None) -> None:
    from ..render import sheet_csv, sheet_ics, sheet_json, sheet_markdown, sheet_text
    from ..render.safe import json_dumps
    from .options import choose_format, parse_date

    console.set_color(color)
    choices = {"summary": SUMMARY_FORMATS, "countdown": COUNTDOWN_FORMATS}.get(
        command, SHEET_FORMATS)
    view = choose_format(fmt, choices, output=output, terminal="rich", pipe="text")
    when = parse_date(as_of, "--as-of") or dt.date.today()
    sheet = _load(file, published, encoding)
    style = _style(sheet, lang, calendar)
    rich_view = view in ("rich", "table")
    text: str | None = None
    renderable: object = None
    if command == "countdown":
        if rich_view:
            from ..render.sheet_rich import countdown_table

            renderable = countdown_table(sheet, style, when)
        elif view == "json":
            text = json_dumps(sheet_json.countdown_doc(sheet, when), indent=2) + "\n"
        elif view == "jsonl":
            text = "".join(json_dumps(row) + "\n"
                           for row in sheet_json.countdown_doc(sheet, when)["events"])
        elif view == "csv":
            text = sheet_csv.countdown_csv(sheet, style, when)
        elif view == "markdown":
            text = sheet_markdown.countdown_markdown(sheet, style, when)
        else:
            text = sheet_text.countdown_text_view(sheet, style, when)
        _emit(view, output, text, renderable)
        return
    if view == "json":
        doc = sheet_json.sheet_json(sheet)
        if command == "timeline":
            text = json_dumps({"schema": sheet_json.SHEET_SCHEMA, "source": sheet.source,
                               "published": doc["published"], "events": doc["events"]},
                              indent=2) + "\n"
        else:
            text = json_dumps(doc, indent=2) + "\n"
    elif view == "jsonl":
        if command == "timeline":
            text = "".join(json_dumps({"kind": "event", **sheet_json.event_json(e)}) + "\n"
                           for e in sheet.events)
        else:
            text = "".join(sheet_json.sheet_jsonl(sheet))
    elif view == "csv":
        text = sheet_csv.events_csv(sheet)
    elif view == "ics":
        text = sheet_ics.sheet_ics(sheet, sheet.published.value or when)
    elif view == "markdown":
        text = {"summary": sheet_markdown.summary_markdown,
                "timeline": sheet_markdown.timeline_markdown}.get(
            command, sheet_markdown.sheet_markdown)(sheet, style)
    elif rich_view:
        from ..render import sheet_rich

        if command == "timeline":
            renderable = sheet_rich.timeline_table(sheet, style)
        else:
            renderable = sheet_rich.sheet_renderable(sheet, style, summary=command == "summary")
    else:
        text = {"summary": sheet_text.summary_text, "timeline": sheet_text.timeline_text}.get(
            command, sheet_text.sheet_text)(sheet, style)
    _emit(view, output, text, renderable)


@app.command()
def sheet(
    paths: PathsArg = None,
    published: PublishedOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    color: ColorOpt = None,
    lang: LangOpt = "en",
    calendar: CalendarOpt = "gregorian",
    glob: GlobOpt = "*.txt",
    jsonl: JsonlOpt = False,
    jobs: JobsOpt = 1,
) -> None:
    """The fact sheet of an article: its date, events, people, organisations, places, quotes.

    FORMAT is rich (a terminal's default), text (when piped), markdown, json (schema
    factsheet.sheet/1), jsonl, csv (one row per event) or ics (one all-day VEVENT per event
    known to the day; month- or year-only events are left out).

    Several PATHs, a folder or JSON Lines (--jsonl) make a corpus: one JSON line per article
    ({"id", "path", "sheet", "error"}), in input order, with --jobs N processes.
    """
    _corpus("sheet", paths, published, fmt, output, encoding, color, glob, jsonl, jobs)
    _run("sheet", paths[0] if paths else None, published, fmt, output, encoding, color, lang,
         calendar)


@app.command()
def summary(
    file: SheetFileArg = None,
    published: PublishedOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    color: ColorOpt = None,
    lang: LangOpt = "en",
    calendar: CalendarOpt = "gregorian",
) -> None:
    """A short summary: the article's date and event, the other events, who is named.

    FORMAT is rich, text, markdown or json.
    """
    _run("summary", file, published, fmt, output, encoding, color, lang, calendar)


@app.command()
def timeline(
    paths: PathsArg = None,
    published: PublishedOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    color: ColorOpt = None,
    lang: LangOpt = "en",
    calendar: CalendarOpt = "gregorian",
    glob: GlobOpt = "*.txt",
    jsonl: JsonlOpt = False,
    jobs: JobsOpt = 1,
    merge: MergeOpt = False,
) -> None:
    """The article's events in date order, with their places.

    FORMAT is rich, text, markdown, json, jsonl, csv or ics. Several PATHs, a folder or JSON
    Lines (--jsonl) give one JSON line per article; with --merge, one timeline of the whole
    corpus (text or json) listing the articles that mention each event.
    """
    _corpus("timeline", paths, published, fmt, output, encoding, color, glob, jsonl, jobs,
            merge)
    _run("timeline", paths[0] if paths else None, published, fmt, output, encoding, color,
         lang, calendar)


def _corpus(command: str, paths: list[str] | None, published: str | None, fmt: str | None,
            output: str | None, encoding: str | None, color: bool | None, glob: str,
            jsonl: bool, jobs: int, merge: bool = False) -> None:
    """Hand several articles (or --merge) to :mod:`corpus_opts`; exit with its code."""
    if merge or corpus_opts.is_corpus(paths or [], jsonl):
        console.set_color(color)
        options = corpus_opts.CorpusOptions(glob=glob, jsonl=jsonl, jobs=jobs, output=output,
                                            fmt=fmt)
        raise typer.Exit(corpus_opts.sheet_corpus(command, paths or [], published=published,
                                                   encoding=encoding, options=options,
                                                   merge=merge))


@app.command()
def countdown(
    file: SheetFileArg = None,
    as_of: AsOfOpt = None,
    published: PublishedOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    color: ColorOpt = None,
    lang: LangOpt = "en",
    calendar: CalendarOpt = "gregorian",
) -> None:
    """Days until or since each event, also in years, months and days.

    Ranges read "starts in", "under way" or "ended N days ago". --as-of defaults to today.
    FORMAT is rich, text, markdown, json, jsonl or csv.
    """
    _run("countdown", file, published, fmt, output, encoding, color, lang, calendar, as_of)


@app.command()
def convert(
    date: Annotated[str, typer.Argument(help="2022-05-17, '15 رمضان 1443' or 1443-09-15 --hijri.",
                                        metavar="DATE")],
    hijri: Annotated[bool, typer.Option("--hijri", help="Read YYYY-MM-DD as a Hijri date.")]
    = False,
    fmt: ConvertFormatOpt = None,
    lang: LangOpt = "en",
) -> None:
    """Convert a date between the Gregorian and Hijri (Umm al-Qura) calendars.

    FORMAT is text (default) or json.
    """
    from ..dates.hijri_convert import convert as do_convert
    from ..errors import UsageError
    from ..render.safe import json_dumps
    from ..render.sheet_common import WEEKDAYS_AR, WEEKDAYS_EN, Style, iso_text

    if lang not in ("ar", "en"):
        raise UsageError(f"unknown --lang {lang!r}: choose ar or en")
    view = (fmt or "text").lower()
    if view not in ("text", "json"):
        raise UsageError(f"unknown --format {fmt!r}: choose text or json")
    c = do_convert(date, hijri=hijri)
    if view == "json":
        typer.echo(json_dumps({"input": date, "from": c.source_calendar,
                               "gregorian": c.gregorian.isoformat(), "hijri": c.hijri_iso,
                               "hijri_text": c.hijri_text(lang),
                               "weekday": WEEKDAYS_EN[c.gregorian.weekday()]}, indent=2))
        return
    style = Style(lang, "gregorian")  # type: ignore[arg-type]
    days = WEEKDAYS_AR if lang == "ar" else WEEKDAYS_EN
    greg = f"{days[c.gregorian.weekday()]} {iso_text(c.gregorian.isoformat(), style)}"
    typer.echo(f"{c.gregorian.isoformat()}  {greg}  =  {c.hijri_iso}  {c.hijri_text(lang)}")
