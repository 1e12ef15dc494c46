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
    BidiOpt,
    ColorOpt,
    ConvertFormatOpt,
    EncodingOpt,
    FormatOpt,
    OutputOpt,
    PreferOpt,
    PublishedOpt,
)

if TYPE_CHECKING:
    from ..facts.model import FactSheet
    from ..render.sheet_common import Style

SheetFileArg = Annotated[
    str | None,
    typer.Argument(help="Article file, or - for stdin (default: stdin when it is a pipe or a "
                        "file, else the embedded seed article).",
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
DrawAsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", metavar="YYYY-MM-DD",
                 help="The day marked on the html/svg timeline (default: today)."),
]

SHEET_FORMATS = ("rich", "table", "text", "markdown", "json", "jsonl", "csv", "ics", "html")
TIMELINE_FORMATS = ("rich", "table", "text", "markdown", "json", "jsonl", "csv", "ics", "svg")
SUMMARY_FORMATS = ("rich", "table", "text", "markdown", "json")
COUNTDOWN_FORMATS = ("rich", "table", "text", "markdown", "json", "jsonl", "csv")


def _check_view(lang: str, calendar: str) -> None:
    from ..errors import UsageError

    if lang not in ("ar", "en"):
        raise UsageError(f"unknown --lang {lang!r}: choose ar or en")
    if calendar not in ("gregorian", "hijri", "both"):
        raise UsageError(f"unknown --calendar {calendar!r}: choose gregorian, hijri or both")


def _style(sheet: FactSheet, lang: str, calendar: str) -> Style:
    from ..render.sheet_common import Style

    _check_view(lang, calendar)
    return Style.for_sheet(sheet, lang, calendar)  # type: ignore[arg-type]


def _load(file: str | None, published: str | None, encoding: str | None,
          prefer: str | None = None) -> FactSheet:
    """The fact sheet of ``file``; without one, of stdin when it carries data, else of the
    seed (:mod:`.article`). A text with nothing to read gives an empty sheet and a warning."""
    from ..facts.sheet import build_sheet
    from ..sources.io import read_article, seed_path
    from .article import empty_result_warning, input_path, nothing_to_read
    from .options import parse_date

    given = parse_date(published)
    path = input_path(file)
    article = read_article(path if path else seed_path(), encoding=encoding)
    for line in article.warnings:
        console.warn(line)
    source = article.source if path else f"seed:{seed_path().name}"
    text = article.text
    reason = nothing_to_read(text)
    if reason is not None:
        console.warn(empty_result_warning(source, reason))
        text = ""
    return build_sheet(text, given, source=source, prefer=prefer)


def _emit(view: str, output: str | None, text: str | None, renderable: object = None) -> None:
    from .options import open_output

    with open_output(output) as out:
        if renderable is not None and view in ("rich", "table"):
            console.console(out).print(renderable)
        elif text is not None:
            out.write(text)


def _run(command: str, file: str | None, published: str | None, fmt: str | None,
         output: str | None, encoding: str | None, color: bool | None, lang: str,
         calendar: str, as_of: str | None = None, bidi: str | None = None,
         prefer: str | None = None) -> None:
    from ..render import sheet_csv, sheet_ics, sheet_json, sheet_markdown, sheet_text
    from ..render.safe import json_dumps
    from .options import choose_format, drawing_format, parse_date, parse_prefer

    console.set_color(color)
    side = parse_prefer(prefer)
    choices = {"summary": SUMMARY_FORMATS, "countdown": COUNTDOWN_FORMATS,
               "timeline": TIMELINE_FORMATS}.get(command, SHEET_FORMATS)
    view = choose_format(drawing_format(fmt, output, choices), choices, output=output,
                         terminal="rich", pipe="text")
    when = parse_date(as_of, "--as-of") or dt.date.today()
    sheet = _load(file, published, encoding, side)
    style = _style(sheet, lang, calendar)
    rich_view = view in ("rich", "table")
    drawn = console.bidi_mode(bidi, output)
    text: str | None = None
    renderable: object = None
    if command == "countdown":
        if rich_view:
            from ..render.sheet_rich import countdown_table

            renderable = countdown_table(sheet, style, when, drawn)
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
    if view in ("html", "svg"):
        from ..render import html, svg

        if view == "html":
            text = html.sheet_html(sheet, style, when, today=as_of is None)
        else:
            text = svg.sheet_timeline_svg(sheet, style, when, today=as_of is None)
    elif view == "json":
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
            renderable = sheet_rich.timeline_table(sheet, style, drawn)
        else:
            renderable = sheet_rich.sheet_renderable(sheet, style, summary=command == "summary",
                                                     bidi=drawn)
    else:
        text = {"summary": sheet_text.summary_text, "timeline": sheet_text.timeline_text}.get(
            command, sheet_text.sheet_text)(sheet, style)
    _emit(view, output, text, renderable)


@app.command()
def sheet(
    paths: PathsArg = None,
    published: PublishedOpt = None,
    prefer: PreferOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    color: ColorOpt = None,
    lang: LangOpt = "en",
    calendar: CalendarOpt = "gregorian",
    bidi: BidiOpt = None,
    glob: GlobOpt = "*.txt",
    jsonl: JsonlOpt = False,
    jobs: JobsOpt = 1,
    as_of: DrawAsOfOpt = None,
) -> None:
    """The fact sheet of an article: its date, events, people, organisations, places, quotes.

    FORMAT is rich (a terminal's default), text (when piped), markdown, json (schema
    factsheet.sheet/1), jsonl, csv (one row per event), ics (one all-day VEVENT per event
    known to the day; month- or year-only events are left out) or html (one self-contained
    page with the timeline drawn; the default for -o FILE.html).

    Several PATHs, a folder or JSON Lines (--jsonl) make a corpus: one JSON line per article
    ({"id", "path", "sheet", "error"}), in input order, with --jobs N processes.
    """
    paths = paths or _stdin_paths()
    _corpus("sheet", paths, published, fmt, output, encoding, color, glob, jsonl, jobs,
            prefer=prefer)
    _run("sheet", paths[0] if paths else None, published, fmt, output, encoding, color, lang,
         calendar, as_of, bidi=bidi, prefer=prefer)


@app.command()
def summary(
    file: SheetFileArg = None,
    published: PublishedOpt = None,
    prefer: PreferOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    color: ColorOpt = None,
    lang: LangOpt = "en",
    calendar: CalendarOpt = "gregorian",
    bidi: BidiOpt = None,
) -> None:
    """A short summary: the article's date and event, the other events, who is named.

    FORMAT is rich, text, markdown or json.
    """
    _run("summary", file, published, fmt, output, encoding, color, lang, calendar, bidi=bidi,
         prefer=prefer)


@app.command()
def timeline(
    paths: PathsArg = None,
    published: PublishedOpt = None,
    prefer: PreferOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    color: ColorOpt = None,
    lang: LangOpt = "en",
    calendar: CalendarOpt = "gregorian",
    bidi: BidiOpt = None,
    glob: GlobOpt = "*.txt",
    jsonl: JsonlOpt = False,
    jobs: JobsOpt = 1,
    merge: MergeOpt = False,
    as_of: DrawAsOfOpt = None,
) -> None:
    """The article's events in date order, with their places.

    FORMAT is rich, text, markdown, json, jsonl, csv, ics or svg (the timeline drawn; the
    default for -o FILE.svg). Several PATHs, a folder or JSON Lines (--jsonl) give one JSON
    line per article; with --merge, one timeline of the whole corpus (text, json or svg)
    listing the articles that mention each event.
    """
    paths = paths or _stdin_paths()
    _corpus("timeline", paths, published, fmt, output, encoding, color, glob, jsonl, jobs,
            merge, drawing=(lang, calendar, as_of), prefer=prefer)
    _run("timeline", paths[0] if paths else None, published, fmt, output, encoding, color,
         lang, calendar, as_of, bidi=bidi, prefer=prefer)


def _stdin_paths() -> list[str]:
    """``["-"]`` when stdin carries data (a pipe or a file), else none (the seed)."""
    from .article import stdin_has_article

    return ["-"] if stdin_has_article() else []


def _corpus(command: str, paths: list[str] | None, published: str | None, fmt: str | None,
            output: str | None, encoding: str | None, color: bool | None, glob: str,
            jsonl: bool, jobs: int, merge: bool = False,
            drawing: tuple[str, str, str | None] = ("en", "gregorian", None),
            prefer: str | None = None) -> None:
    """Hand several articles (or --merge) to :mod:`corpus_opts`; exit with its code.
    ``drawing`` is --lang, --calendar and --as-of for ``--merge --format svg``."""
    if merge or corpus_opts.is_corpus(paths or [], jsonl):
        from .options import parse_date, parse_prefer

        console.set_color(color)
        side = parse_prefer(prefer)
        _check_view(drawing[0], drawing[1])
        parse_date(drawing[2], "--as-of")
        options = corpus_opts.CorpusOptions(glob=glob, jsonl=jsonl, jobs=jobs, output=output,
                                            fmt=fmt, drawing=drawing)
        raise typer.Exit(corpus_opts.sheet_corpus(command, paths or [], published=published,
                                                   encoding=encoding, options=options,
                                                   merge=merge, prefer=side))


@app.command()
def countdown(
    file: SheetFileArg = None,
    as_of: AsOfOpt = None,
    published: PublishedOpt = None,
    prefer: PreferOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    color: ColorOpt = None,
    lang: LangOpt = "en",
    calendar: CalendarOpt = "gregorian",
    bidi: BidiOpt = None,
) -> None:
    """Days until or since each event, also in years, months and days.

    Ranges read "starts in", "under way" or "ended N days ago". --as-of defaults to today.
    FORMAT is rich, text, markdown, json, jsonl or csv.
    """
    _run("countdown", file, published, fmt, output, encoding, color, lang, calendar, as_of,
         bidi, prefer=prefer)


@app.command()
def convert(
    words: Annotated[list[str], typer.Argument(
        help="The date, quoted or not: 2022-05-17, 17/05/2022, 15 رمضان 1443, "
             "الأحد 5 كانون الثاني 2020, 17 May 2022.", metavar="DATE")],
    hijri: Annotated[bool, typer.Option(
        "--hijri", help="Read numeric dates (1443-09-15, 15/09/1443) as Hijri.")] = False,
    fmt: ConvertFormatOpt = None,
    lang: LangOpt = "en",
) -> None:
    """Convert a date between the Gregorian and Hijri (Umm al-Qura) calendars.

    DATE is written as articles write it: YYYY-MM-DD, DD/MM/YYYY or YYYY/MM/DD; a day,
    a month name of any region (or Hijri, or English) and a year, the day in figures or
    ordinal words (الخامس عشر من رمضان 1443), a weekday before it (checked against the
    date), هـ or م after it. A numeric year of 1343-1500 is Hijri. FORMAT is text
    (default) or json.
    """
    date = " ".join(words)
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
