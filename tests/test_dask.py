"""The Dask example runs the same extraction as ``process_corpus``, on a local Dask cluster."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("dask.bag", reason="Dask is an optional extra: pip install 'factsheet[dask]'")

from factsheet.sources.corpus import iter_articles, process_article, process_corpus

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "dask_corpus.py"
HAS_DISTRIBUTED = importlib.util.find_spec("distributed") is not None

SENTENCES = [
    "افتتحت الدورة الجديدة للمعرض يوم 12 مارس 2023 في الدار البيضاء.",
    "قال الوزير إن المشروع سينطلق في يناير المقبل بعد مصادقة البرلمان.",
    "وكانت الحكومة قد أعلنت سنة 2019 عن برنامج لدعم الفلاحين الصغار.",
    "ينظم المهرجان من 3 إلى 7 يوليوز 2024 بمشاركة فرق من عشرين بلدا.",
]


def make_corpus(folder: Path, n: int) -> None:
    for i in range(n):
        sub = folder / f"{i % 3:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        text = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(1 + i % 3))
        (sub / f"{i:04d}.txt").write_text(text, encoding="utf-8")
    (folder / "broken.txt").write_bytes("نص بترميز قديم".encode("cp1256"))


def run_example(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(EXAMPLE), *args], capture_output=True,
                          text=True, timeout=180, check=False)


@pytest.mark.parametrize(
    "scheduler",
    [
        pytest.param("local-cluster", marks=pytest.mark.skipif(
            not HAS_DISTRIBUTED, reason="dask.distributed is not installed")),
        "processes",
    ],
)
def test_dask_bag_gives_the_same_records_as_local_processes(
    tmp_path: Path, scheduler: str
) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 30)
    out = tmp_path / "out.jsonl"

    done = run_example(str(corpus), str(out), "--published", "2023-03-01",
                       "--scheduler", scheduler, "--workers", "2", "--partition-size", "7")

    assert done.returncode == 1, done.stderr  # the broken article is reported
    assert "1 article(s) failed" in done.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = [process_article(a, "2023-03-01") for a in iter_articles([corpus])]
    assert records == expected
    assert len(records) == 31
    assert [r["id"] for r in records if r["error"]] == [str(corpus / "broken.txt")]


def test_json_lines_input_is_read_by_the_workers(tmp_path: Path) -> None:
    source = tmp_path / "news.jsonl"
    lines = [json.dumps({"id": f"n{i}", "text": s, "published": "2023-03-01"},
                        ensure_ascii=False) for i, s in enumerate(SENTENCES)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"

    done = run_example(str(source), str(out), "--scheduler", "processes")

    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records == list(process_corpus(iter_articles([source])))
    assert [r["id"] for r in records] == ["n0", "n1", "n2", "n3"]


def test_a_missing_input_is_a_one_line_error(tmp_path: Path) -> None:
    done = run_example(str(tmp_path / "nowhere"), str(tmp_path / "out.jsonl"))
    assert done.returncode == 2
    assert done.stderr.strip() == f"error: no such file or folder: {tmp_path / 'nowhere'}"
