"""The serving benchmark (bench/serving.py, issue 18) in its quick form: one run builds from text
on one core and on two, from PDFs, serves the result with 2 workers, 1 worker and Datasette in
alternating rounds, times the rare-word phrases beside FTS5 and measures what phrases cost in index
size, and prints the README's tables. No timing is asserted: the rows must be there, every request
answered, and the two engines must agree on what the phrases find."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS_DIR, require_corpus

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow  # see README: the fast subset is `pytest -m "not slow"`
def test_one_quick_run_gives_every_row_the_readme_records(tmp_path):
    require_corpus()
    out = tmp_path / "serving.json"
    run = subprocess.run([sys.executable, str(REPO / "bench" / "serving.py"), "--quick", "--corpus", str(CORPUS_DIR),
                          "--out", str(out)], capture_output=True, text=True, timeout=600, cwd=REPO)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    report = json.loads(out.read_text())
    for name in ("searchapp, 2 workers", "searchapp, 1 worker", "Datasette + FTS5"):
        row = report["serving"][name]
        assert row["requests"] == 60 and row["errors"] == 0, (name, row)
        # Timed only once ready: an untimed warm-up of 2 x 4 clients' requests apart from the 60,
        # after each searchapp worker answered; every request kind of the mix has its own row.
        assert row["warm_up"]["requests"] == 8 and row["warm_up"]["errors"] == 0, (name, row["warm_up"])
        assert sum(kind["n"] for kind in row["kinds"].values()) == 60, (name, row["kinds"])
    assert [len(report["serving"][name]["warm_up"]["processes"]) for name in
            ("searchapp, 2 workers", "searchapp, 1 worker")] == [2, 1]
    builds = report["builds"]
    assert [row["cores"] for row in builds.values()] == [1, 2, 2, 2]
    texts, pdfs, whole = builds["text files, 2 cores"], builds["PDF files, 2 cores"], \
        builds["whole corpus (texts and PDFs), 2 cores"]
    assert builds["text files, 1 core"]["paragraphs"] == texts["paragraphs"]
    assert pdfs["pages"] > 0 and whole["paragraphs"] == texts["paragraphs"] + pdfs["paragraphs"]
    assert report["fts5_paragraphs"] == whole["paragraphs"]  # Datasette serves what searchapp serves
    # The same paragraphs in both engines: each phrase finds as many in searchapp as in FTS5.
    for phrase, row in report["phrases"].items():
        assert row["searchapp"]["hits"] == row["fts5"]["hits"] > 0, (phrase, row)
    sizes = report["sizes"]
    assert 0 < sizes["fields_mb"]["rare"] < sizes["generation_mb"]
    for line in ("| searchapp, 2 workers |", "| searchapp, 1 worker |", "| Datasette 0.", '| `"sexual violence"` |',
                 '| `"climate change"` |', '| `"enforced disappearances"` |', "| text files, 1 core |",
                 "| text files, 2 cores |", "| PDF files, 2 cores |", "searchapp (2 workers) / Datasette: ",
                 "2 workers / 1 worker: ", "positions of the uncommon words", "What sets the p95"):
        assert line in run.stdout, line


@pytest.mark.slow
def test_the_phrase_rows_alone_over_the_quick_texts_and_a_small_generated_corpus():
    """`--only phrases`: the phrase tables (the corpus's and a generated corpus's) and the index
    size, nothing built or served besides; both engines find as many paragraphs per phrase."""
    require_corpus()
    run = subprocess.run([sys.executable, str(REPO / "bench" / "serving.py"), "--only", "phrases", "--quick",
                          "--corpus", str(CORPUS_DIR), "--generated", "1500"],
                         capture_output=True, text=True, timeout=600, cwd=REPO)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    rows = re.findall(r'^\| `("[^"]+")` \| ([\d,]+) / ([\d,]+) \|', run.stdout, re.MULTILINE)
    assert len(rows) == 8, run.stdout  # four phrases, two corpora
    assert all(searchapp == fts5 for _, searchapp, fts5 in rows), rows
    assert all(int(searchapp) > 0 for _, searchapp, _ in rows[:4]), rows
    assert "a generated corpus of 1,500 paragraphs" in run.stdout and "positions of the uncommon words" in run.stdout
    assert "| searchapp, 2 workers |" not in run.stdout and "| text files, 1 core |" not in run.stdout


def test_a_process_pinned_to_one_core_parses_and_serves_with_one_process():
    """`taskset -c 0 searchapp index` parses in the process itself and `serve` starts one worker:
    the usable cores are the process's CPU affinity, not the machine's core count."""
    first = min(os.sched_getaffinity(0))
    code = "from searchapp.config import usable_cores; print(usable_cores())"
    pinned = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            preexec_fn=lambda: os.sched_setaffinity(0, {first}))
    free = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert pinned.stdout.split() == ["1"], pinned.stderr
    assert free.stdout.split() == [str(len(os.sched_getaffinity(0)))], free.stderr


@pytest.mark.slow  # builds the quick form's files four times
def test_the_build_rows_alone_come_from_only_build():
    """`--only build` prints the building table (text files on one core and on two, the PDFs, the
    whole corpus) and nothing of serving or phrases; the whole corpus holds the texts and the PDFs."""
    require_corpus()
    run = subprocess.run([sys.executable, str(REPO / "bench" / "serving.py"), "--only", "build", "--quick",
                          "--corpus", str(CORPUS_DIR)], capture_output=True, text=True, timeout=600, cwd=REPO)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    rows = {line.split(" | ")[0].lstrip("| "): line.strip("|").split(" | ") for line in run.stdout.splitlines()
            if line.startswith(("| text files", "| PDF files", "| whole corpus"))}
    assert list(rows) == ["text files, 1 core", "text files, 2 cores", "PDF files, 2 cores",
                          "whole corpus (texts and PDFs), 2 cores"], run.stdout
    paragraphs = {name: int(cells[3].replace(",", "")) for name, cells in rows.items()}
    assert paragraphs["text files, 1 core"] == paragraphs["text files, 2 cores"] > 0
    assert paragraphs["whole corpus (texts and PDFs), 2 cores"] == \
        paragraphs["text files, 2 cores"] + paragraphs["PDF files, 2 cores"]
    assert "load average" in run.stdout and "| searchapp, 2 workers |" not in run.stdout
