"""Corpus scale: listing many articles, processing them in parallel, merging timelines."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from factsheet.sources.corpus import (
    Article,
    TimelineRecord,
    content_words,
    iter_articles,
    iter_folder,
    merge_timelines,
    process_article,
    process_corpus,
    timeline_article,
)

FORUM = "أعلنت الوزارة أن المنتدى الإقليمي للمياه سيعقد في الرباط من 17 إلى 20 ماي 2022."
ELECTIONS = "جرت الانتخابات التشريعية في المغرب يوم 8 شتنبر 2021 وسط إقبال واسع."


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- listing


def test_folders_are_walked_recursively_in_a_stable_order(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", FORUM)
    write(tmp_path / "a.txt", ELECTIONS)
    write(tmp_path / "2022" / "z.txt", FORUM)
    write(tmp_path / "2022" / "notes.md", "ليس مقالا")
    write(tmp_path / ".cache" / "hidden.txt", FORUM)

    names = [p.relative_to(tmp_path).as_posix() for p in iter_folder(tmp_path)]

    assert names == ["a.txt", "b.txt", "2022/z.txt"]


def test_glob_chooses_the_files_and_may_name_a_subfolder(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", FORUM)
    write(tmp_path / "2022" / "notes.md", ELECTIONS)
    write(tmp_path / "2021" / "old.md", ELECTIONS)

    assert [p.name for p in iter_folder(tmp_path, "*.md")] == ["old.md", "notes.md"]
    assert [p.name for p in iter_folder(tmp_path, "2022/*")] == ["notes.md"]


def test_articles_from_files_folders_and_missing_paths_keep_the_input_order(
    tmp_path: Path,
) -> None:
    one = write(tmp_path / "one.txt", FORUM)
    write(tmp_path / "dir" / "two.txt", ELECTIONS)

    articles = list(iter_articles([str(tmp_path / "dir"), one, tmp_path / "missing.txt"]))

    assert [a.id for a in articles] == [
        str(tmp_path / "dir" / "two.txt"), str(one), str(tmp_path / "missing.txt"),
    ]
    assert all(a.text is None for a in articles), "file articles carry a path, not their text"


def test_json_lines_give_one_article_per_line_and_report_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "forum", "text": FORUM, "published": "2022-03-25"}, ensure_ascii=False),
        "",
        json.dumps({"id": 7, "text": ELECTIONS}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "empty"}),
        json.dumps({"text": "بلا معرف"}, ensure_ascii=False),
    ]
    corpus = write(tmp_path / "news.jsonl", "\n".join(lines) + "\n")

    articles = list(iter_articles([corpus], published="2021-01-01"))

    assert [a.id for a in articles] == ["forum", "7", f"{corpus}:4", "empty", f"{corpus}:6"]
    assert articles[0].published == "2022-03-25"
    assert articles[1].published == "2021-01-01"
    assert articles[1].text == ELECTIONS
    assert articles[2].error is not None and "line 4: invalid JSON" in articles[2].error
    assert articles[3].error == 'line 5: no "text" string'


def test_json_lines_can_come_from_stdin_and_a_plain_text_from_dash() -> None:
    stdin = io.StringIO(json.dumps({"id": "a", "text": FORUM}, ensure_ascii=False) + "\n")
    assert [a.id for a in iter_articles(["-"], jsonl=True, stdin=stdin)] == ["a"]

    [article] = iter_articles(["-"], stdin=io.StringIO(ELECTIONS))
    assert (article.id, article.text) == ("-", ELECTIONS)


# ----------------------------------------------------------------------------- processing


def test_a_bad_article_becomes_an_error_record_and_the_rest_go_on(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", FORUM)
    write(tmp_path / "b.txt", "مقال بترميز خاطئ".encode("cp1256"))
    write(tmp_path / "c.txt", ELECTIONS)
    articles = [*iter_articles([tmp_path]), Article(id="gone", path=str(tmp_path / "gone.txt"))]

    records = list(process_corpus(articles, jobs=2, chunksize=1))

    assert [r["id"] for r in records] == [a.id for a in articles]
    errors = [r["error"] for r in records]
    assert errors[0] is None and errors[2] is None
    assert errors[1] is not None and errors[1].startswith("not valid UTF-8 (byte 0xe3 at offset 0)")
    assert errors[3] == "no such file or directory"
    assert records[1]["dates"] == []


def test_a_record_has_the_documented_keys_and_the_article_date_wins(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", FORUM)

    record = process_article(Article(id="a", path=str(path), published="2022-03-25"),
                             published="2000-01-01")

    assert set(record) == {"id", "path", "published", "dates", "error"}
    assert record["published"] == {"value": "2022-03-25", "basis": "given", "interval": None}
    assert record["path"] == str(path)
    other = process_article(Article(id="b", text=FORUM), "2000-01-01")
    assert other["published"] == {"value": "2000-01-01", "basis": "given", "interval": None}
    json.dumps(record)  # a record is plain JSON data


def test_an_invalid_published_date_is_that_article_s_error() -> None:
    record = process_article(Article(id="a", text=FORUM, published="25/03/2022"))
    assert record["error"] == "invalid published date '25/03/2022': not YYYY-MM-DD"


def test_each_record_holds_the_dates_of_its_own_article(tmp_path: Path) -> None:
    write(tmp_path / "1.txt", FORUM)
    write(tmp_path / "2.txt", ELECTIONS)

    records = list(process_corpus(iter_articles([tmp_path], published="2022-03-25"), jobs=2))

    forum = [d for d in records[0]["dates"] if d["type"] == "range"]
    assert [(d["text"], d["value"]) for d in forum] == [
        ("من 17 إلى 20 ماي 2022", {"start": "2022-05-17", "end": "2022-05-20"}),
    ]
    assert "2021-09-08" in [d["value"] for d in records[1]["dates"]]
    for rec, text in zip(records, [FORUM, ELECTIONS], strict=True):
        assert all(text[d["start"]:d["end"]] == d["text"] for d in rec["dates"])


def slow_for_small_numbers(article: Article) -> tuple[str, int]:
    """A worker whose early articles finish last, to check the output order."""
    n = int(article.id)
    time.sleep(0.02 if n < 4 else 0.0)
    return article.id, os.getpid()


def test_results_come_in_input_order_from_several_processes() -> None:
    articles = [Article(id=str(n), text="") for n in range(40)]

    results = list(process_corpus(articles, slow_for_small_numbers, jobs=2))

    assert [r[0] for r in results] == [str(n) for n in range(40)]
    assert len({pid for _, pid in results}) == 2
    assert os.getpid() not in {pid for _, pid in results}


def test_one_job_runs_in_this_process() -> None:
    results = list(process_corpus([Article(id="1", text="")], slow_for_small_numbers, jobs=1))
    assert results == [("1", os.getpid())]


@pytest.mark.parametrize("jobs", [1, 2])
def test_input_is_consumed_lazily_and_results_stream(jobs: int) -> None:
    taken = 0

    def endless() -> Iterator[Article]:
        nonlocal taken
        while True:
            taken += 1
            yield Article(id=str(taken), text="")

    stream = process_corpus(endless(), process_article, jobs=jobs, chunksize=4, prefetch=2)
    first = [next(stream)["id"] for _ in range(3)]
    stream.close()

    assert first == ["1", "2", "3"]
    assert taken <= 4 * 2 * 2 + 4, "no more than the in-flight chunks were read"


def test_options_reach_the_workers_through_partial() -> None:
    worker = partial(process_article, published="2022-03-25")
    records = list(process_corpus([Article(id="x", text=FORUM)] * 3, worker, jobs=2))
    assert [r["published"]["value"] for r in records] == ["2022-03-25"] * 3


def test_invalid_job_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="jobs"):
        list(process_corpus([], jobs=-1))


# ----------------------------------------------------------------------------- timelines


def test_content_words_are_folded_without_numbers_or_small_words() -> None:
    words = content_words("افتتح الملكُ المعرضَ الدولي للكتاب في 17 ماي 2022 بحضور وزيرة الثقافة")

    assert words == ["افتتح", "ملك", "معرض", "دولي", "كتاب", "ماي", "بحضور", "وزيره", "ثقافه"]


def event(value: object, label: str, words: list[str]) -> dict[str, object]:
    return {"value": value, "type": "date", "grain": "day", "label": label, "place": None,
            "text": "…", "start": 0, "end": 1, "words": words}


def record(rid: str, *events: dict[str, object], error: str | None = None) -> TimelineRecord:
    return {"id": rid, "path": None, "published": None, "events": list(events), "error": error}


def test_merged_timeline_groups_the_same_event_across_articles() -> None:
    forum = {"start": "2022-05-17", "end": "2022-05-20"}
    records = [
        record("a", event(forum, "من 17 إلى 20 ماي 2022", ["منتدى", "هجره", "نيويورك"]),
               event("2018", "عام 2018", ["مصادقه", "ميثاق", "مراكش"])),
        record("b", event("2018", "سنة 2018", ["كاس", "عالم", "روسيا"]),
               event(forum, "17-20 ماي 2022", ["منتدى", "دولي", "هجره"])),
        record("c", event("2018", "عام 2018", ["ميثاق", "مراكش", "هجره"])),
        record("d", error="no such file"),
    ]

    timeline = merge_timelines(records)

    assert (timeline["articles"], timeline["failed"]) == (4, 1)
    summary = [(e["value"], e["articles"]) for e in timeline["events"]]
    assert summary == [
        ("2018", ["a", "c"]),       # the Marrakech compact, in two articles
        ("2018", ["b"]),            # the World Cup: same year, another event
        (forum, ["a", "b"]),
    ]
    assert timeline["events"][0]["label"] == "عام 2018"
    assert "مراكش" in timeline["events"][0]["words"]
    assert [m["id"] for m in timeline["events"][2]["mentions"]] == ["a", "b"]


# ----------------------------------------------------------------------------- command line


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "factsheet", *args], input=stdin,
                          capture_output=True, text=True, timeout=120, check=False)


def jsonl(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def test_dates_over_a_folder_writes_one_json_line_per_article_in_order(tmp_path: Path) -> None:
    for i in range(12):
        write(tmp_path / f"{i // 5}" / f"{i:02d}.txt", FORUM if i % 2 else ELECTIONS)
    write(tmp_path / "1" / "latin1.txt", "café été".encode("latin-1"))

    done = run_cli("dates", str(tmp_path), "--published", "2022-03-25", "--jobs", "2")

    records = jsonl(done.stdout)
    assert done.returncode == 1, "some articles failed"
    assert [Path(r["id"]).name for r in records] == [
        *(f"{i:02d}.txt" for i in range(5)), *(f"{i:02d}.txt" for i in range(5, 10)),
        "latin1.txt", "10.txt", "11.txt",
    ]
    assert [r["error"] is None for r in records].count(False) == 1
    assert done.stderr.splitlines()[0].startswith(
        f"factsheet: error: {tmp_path / '1' / 'latin1.txt'}: not valid UTF-8")
    assert done.stderr.splitlines()[-1] == (
        'factsheet: error: 1 of 13 article(s) failed; see their "error"')
    assert "2021-09-08" in [d["value"] for d in records[0]["dates"]]


def test_dates_over_json_lines_from_stdin(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "forum", "text": FORUM, "published": "2022-03-25"},
                        ensure_ascii=False),
             json.dumps({"id": "vote", "text": ELECTIONS}, ensure_ascii=False)]

    done = run_cli("dates", "--jsonl", "-", stdin="\n".join(lines) + "\n")

    assert done.returncode == 0, done.stderr
    records = jsonl(done.stdout)
    assert [r["id"] for r in records] == ["forum", "vote"]
    assert records[0]["published"] == {"value": "2022-03-25", "basis": "given", "interval": None}
    assert [d["text"] for d in records[0]["dates"]] == ["من 17 إلى 20 ماي 2022"]


def test_one_file_keeps_the_single_article_output(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", FORUM)

    done = run_cli("dates", str(path), "--format", "json", "--published", "2022-03-25")

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["schema"] == "factsheet.dates/1"


def test_several_files_refuse_a_one_article_format(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", FORUM)
    b = write(tmp_path / "b.txt", ELECTIONS)

    done = run_cli("dates", str(a), str(b), "--format", "table")

    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("factsheet: error: --format table shows one article")


def test_a_missing_file_among_several_is_its_own_error(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", FORUM)

    done = run_cli("dates", str(a), str(tmp_path / "gone.txt"), "-p", "2022-03-25")

    assert done.returncode == 1
    assert [r["error"] for r in jsonl(done.stdout)] == [None, "no such file or directory"]


COMPACT = ("صادقت الدول في مراكش عام 2018 على الميثاق العالمي للهجرة، ويعقد المنتدى الدولي "
           "للهجرة في نيويورك من 17 إلى 20 ماي 2022.")
WORLD_CUP = ("فاز المنتخب الفرنسي بكأس العالم في روسيا سنة 2018. ويشارك المغرب في المنتدى "
             "الدولي للهجرة المقرر في نيويورك بين 17 و20 ماي 2022.")
COMPACT_AGAIN = "وذكّر الوزير بأن ميثاق مراكش للهجرة اعتمد عام 2018 بحضور أكثر من 150 دولة."


def test_a_corpus_timeline_from_real_articles() -> None:
    articles = [Article(id="a", text=COMPACT), Article(id="b", text=WORLD_CUP),
                Article(id="c", text=COMPACT_AGAIN)]
    worker = partial(timeline_article, published="2022-03-25")

    timeline = merge_timelines(process_corpus(articles, worker, jobs=2, chunksize=1))

    summary = [(e["value"], e["place"], e["articles"]) for e in timeline["events"]]
    assert summary == [
        ("2018", "مراكش", ["a", "c"]),
        ("2018", "روسيا", ["b"]),
        ({"start": "2022-05-17", "end": "2022-05-20"}, "نيويورك", ["a", "b"]),
    ]
    assert "ميثاق" in timeline["events"][0]["words"]
    assert "كأس العالم" in timeline["events"][1]["label"]


def test_merge_command_runner_prints_one_line_per_event(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from factsheet.cli.corpus_opts import CorpusOptions, run_merge

    for name, text in [("a", COMPACT), ("b", WORLD_CUP), ("c", COMPACT_AGAIN)]:
        write(tmp_path / f"{name}.txt", text)
    write(tmp_path / "d.txt", "café".encode("latin-1"))

    code = run_merge([str(tmp_path)], CorpusOptions(jobs=2, fmt="text"), published="2022-03-25")

    out, err = capsys.readouterr()
    assert code == 1
    a, b, c = (str(tmp_path / f"{n}.txt") for n in "abc")
    rows = [line.split("\t") for line in out.splitlines()]
    assert [(value, place, articles) for value, _label, place, articles in rows] == [
        ("2018", "مراكش", f"2 article(s): {a}, {c}"),
        ("2018", "روسيا", f"1 article(s): {b}"),
        ("2022-05-17..2022-05-20", "نيويورك", f"2 article(s): {a}, {b}"),
    ]
    assert "الميثاق" in rows[0][1] and "المنتدى" in rows[2][1]
    assert f"{tmp_path / 'd.txt'}: not valid UTF-8" in err


def test_timeline_merge_over_a_folder(tmp_path: Path) -> None:
    for name, text in [("a", COMPACT), ("b", WORLD_CUP), ("c", COMPACT_AGAIN)]:
        write(tmp_path / f"{name}.txt", text)

    done = run_cli("timeline", "--merge", str(tmp_path), "-p", "2022-03-25", "-f", "json",
                   "--jobs", "2")

    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert (doc["schema"], doc["articles"], doc["failed"]) == ("factsheet.corpus-timeline/1", 3, 0)
    forum = doc["events"][-1]
    assert forum["value"] == {"start": "2022-05-17", "end": "2022-05-20"}
    assert [Path(i).name for i in forum["articles"]] == ["a.txt", "b.txt"]


def test_sheet_over_several_files_gives_one_sheet_per_line(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", COMPACT)
    b = write(tmp_path / "b.txt", WORLD_CUP)

    done = run_cli("sheet", str(a), str(b), "-p", "2022-03-25")

    assert done.returncode == 0, done.stderr
    records = jsonl(done.stdout)
    assert [(r["id"], r["error"]) for r in records] == [(str(a), None), (str(b), None)]
    assert records[1]["sheet"]["schema"] == "factsheet.sheet/1"
    assert "روسيا" in [p["name"] for p in records[1]["sheet"]["places"]]


def test_a_folder_without_articles_is_an_input_error(tmp_path: Path) -> None:
    write(tmp_path / "notes.md", ELECTIONS)

    done = run_cli("dates", str(tmp_path))

    assert done.returncode == 3
    assert done.stderr == (f"factsheet: error: no article found in {tmp_path} "
                           "(hint: folders are searched for *.txt; choose with --glob)\n")
    assert run_cli("dates", str(tmp_path), "--glob", "*.md").returncode == 0


def test_without_a_published_date_each_article_s_own_is_read_from_it() -> None:
    dateline = ("الرباط - 12 أبريل 2023 (ومع) - أعلنت وزارة الفلاحة اليوم الأربعاء عن انطلاق "
                "حملة جديدة لدعم الفلاحين الصغار، على أن تستمر إلى غاية نهاية يونيو المقبل.")
    no_clue = "قال الوزير إن الحملة ستستمر إلى غاية نهاية يونيو المقبل."

    first, second = process_corpus([Article(id="a", text=dateline), Article(id="b", text=no_clue)])

    assert first["published"] == {"value": "2023-04-12", "basis": "dateline", "interval": None}
    assert [(d["text"], d["value"]) for d in first["dates"]][1:] == [
        ("اليوم الأربعاء", "2023-04-12"), ("نهاية يونيو المقبل", "2023-06"),
    ]
    assert second["published"] == {"value": None, "basis": "unknown", "interval": None}
    assert [d["value"] for d in second["dates"]] == [None]


def test_a_corpus_record_says_what_the_one_article_document_says(tmp_path: Path) -> None:
    dateline = ("الرباط - 12 أبريل 2023 (ومع) - أعلنت وزارة الفلاحة اليوم الأربعاء عن انطلاق "
                "حملة جديدة لدعم الفلاحين الصغار، على أن تستمر إلى غاية نهاية يونيو المقبل.")
    one = write(tmp_path / "one.txt", dateline)
    write(tmp_path / "two.txt", FORUM)

    single = json.loads(run_cli("dates", str(one), "-f", "json").stdout)
    records = jsonl(run_cli("dates", str(one), str(tmp_path / "two.txt")).stdout)

    assert records[0]["published"] == single["published"]
    assert records[0]["dates"] == single["dates"]
    assert "read from the dateline" in records[0]["dates"][1]["notes"][0]
