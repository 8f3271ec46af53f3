"""Benchmark: indexing the 145 Third Committee resolutions from their PDFs against from their texts.

    .venv/bin/python bench/pdfs.py [--corpus ../shared/corpus] [--reps 3]

Copies ga-pdfs/*.pdf and their text twins (manifest.csv) into two temporary data folders and times
a fresh `run_index` of each (the median of --reps runs, a new index each time), then a second run
over the unchanged PDFs (nothing to read). Prints files/s, PDF pages/s and paragraphs/s, and the
single-process layout speed (pdf_layout alone, pages/s). Timings only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from searchapp.config import Settings  # noqa: E402
from searchapp.indexing.run import run_index  # noqa: E402
from searchapp.parsing.pdf_layout import pdf_layout  # noqa: E402


def _timed_index(data: Path, reps: int) -> tuple[float, object, float]:
    """(median seconds of a fresh index, the last summary, seconds of a re-run with nothing changed)."""
    times, summary, again = [], None, 0.0
    for _ in range(reps):
        with tempfile.TemporaryDirectory() as index:
            settings = Settings(data_dir=data, index_dir=Path(index))
            started = time.perf_counter()
            summary = run_index(settings)
            times.append(time.perf_counter() - started)
            started = time.perf_counter()
            run_index(settings)
            again = time.perf_counter() - started
    return statistics.median(times), summary, again


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    with open(args.corpus / "ga-pdfs" / "manifest.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with tempfile.TemporaryDirectory() as work:
        pdfs, texts = Path(work) / "pdfs", Path(work) / "texts"
        pdfs.mkdir()
        texts.mkdir()
        for row in rows:
            shutil.copy(args.corpus / "ga-pdfs" / row["pdf"], pdfs)
            shutil.copy(args.corpus / row["shared_corpus_text"], texts)
        started = time.perf_counter()
        pages = sum(pdf_layout(path).pages for path in sorted(pdfs.glob("*.pdf")))
        layout_seconds = time.perf_counter() - started
        print(f"machine: {os.cpu_count()} cores; {len(rows)} resolutions, {pages} PDF pages")
        print(f"pdf_layout alone, one process: {layout_seconds:.1f} s, {pages / layout_seconds:.1f} pages/s")
        for name, data in (("texts", texts), ("PDFs", pdfs)):
            seconds, summary, again = _timed_index(data, args.reps)
            print(f"index {len(rows)} {name}: {seconds:.1f} s (median of {args.reps}), "
                  f"{len(rows) / seconds:.1f} files/s, {summary.paragraphs / seconds:,.0f} paragraphs/s"
                  + (f", {summary.pages / seconds:.1f} pages/s" if summary.pages else "")
                  + f"; unchanged re-run {again:.2f} s")


if __name__ == "__main__":
    main()
