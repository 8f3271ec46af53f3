"""Finding a resolution by its title (issue 19 §5): searchapp against SQLite FTS5's bm25.

    .venv/bin/python bench/titles.py --index INDEX_DIR [--sample 120] [--seed 19] [--out FILE]

INDEX_DIR is a searchapp index of the shared corpus (`searchapp index ../shared/corpus --index
INDEX_DIR`). A fixed-seed sample of General Assembly titles from the corpus manifest
(ga-resolutions/manifest.csv) is typed as a researcher would: the title's words without its number
("78/216. Human rights defenders" -> "Human rights defenders"), as a plain query. Success: the
first resolution listed has that title (a resolution of the same series, with the same title, in
another session counts); found: the resolution itself is listed. searchapp lists the documents
titled with the query's words first, then the paragraphs in relevance order (search/ranking.py).
FTS5 (porter tokenizer, bm25) answers the same words over the same paragraphs, read from the
index, as an AND query.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.figures import print_figures  # noqa: E402
from searchapp.config import Settings  # noqa: E402
from searchapp.search.request import SearchRequest  # noqa: E402
from searchapp.search.service import SearchService  # noqa: E402
from searchapp.text.analysis import normalise_text  # noqa: E402

MANIFEST = REPO.parent / "shared" / "corpus" / "ga-resolutions" / "manifest.csv"
WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")
NUMBER = re.compile(r"^\s*\d+/\d+\.\s*")


def title_words(title: str) -> str:
    """The words a researcher types: the title without its number and punctuation."""
    return " ".join(WORD.findall(NUMBER.sub("", title)))


def folded(title: str) -> str:
    """A title compared as words: case, the number and U+2011 hyphens ("non‑proliferation") aside."""
    return " ".join(w.lower() for w in WORD.findall(NUMBER.sub("", normalise_text(title or ""))))


def sample(service: SearchService, size: int, seed: int) -> list[tuple[str, str]]:
    """(symbol, title) pairs of GA resolutions in the manifest that the index holds."""
    indexed = set(service.symbols())
    rows = [(r["symbol"], r["title"]) for r in csv.DictReader(MANIFEST.open(encoding="utf-8"))
            if r["symbol"] in indexed and title_words(r["title"])]
    rows.sort()
    return random.Random(seed).sample(rows, min(size, len(rows)))


def run_searchapp(service: SearchService, titles: dict[str, str], picked) -> dict:
    """The search page's order: documents titled with the words first, then the paragraphs."""
    first = found = 0
    started = time.perf_counter()
    for symbol, title in picked:
        request = SearchRequest(query=title_words(title))
        listed = [t.symbol for t in service.search(request, highlight=False).titled]
        listed += [h.symbol for h in service.iter_hits(request, with_highlight=False)]
        if listed and folded(titles.get(listed[0], "")) == folded(title):
            first += 1
        if symbol in listed:
            found += 1
    return {"first": first, "found": found, "seconds": round(time.perf_counter() - started, 2)}


def build_fts5(service: SearchService, folder: Path) -> sqlite3.Connection:
    db = sqlite3.connect(folder / "titles.db")
    db.executescript("""
        CREATE TABLE paras(id INTEGER PRIMARY KEY, symbol TEXT, text TEXT);
        CREATE VIRTUAL TABLE fts USING fts5(text, content='paras', content_rowid='id', tokenize='porter unicode61');
    """)
    rows = [(i, h.symbol, h.text) for i, h in
            enumerate(service.iter_hits(SearchRequest(query=""), with_highlight=False), 1)]
    db.executemany("INSERT INTO paras VALUES (?,?,?)", rows)
    db.executemany("INSERT INTO fts(rowid, text) VALUES (?,?)", [(r[0], r[2]) for r in rows])
    db.commit()
    return db


def run_fts5(db: sqlite3.Connection, titles: dict[str, str], picked) -> dict:
    first = found = 0
    started = time.perf_counter()
    for symbol, title in picked:
        match = " AND ".join('"' + w.replace('"', "") + '"' for w in title_words(title).split())
        rows = db.execute("SELECT p.symbol FROM fts JOIN paras p ON p.id = fts.rowid WHERE fts MATCH ? "
                          "ORDER BY rank", (match,)).fetchall()
        if rows and folded(titles.get(rows[0][0], "")) == folded(title):
            first += 1
        if any(r[0] == symbol for r in rows):
            found += 1
    return {"first": first, "found": found, "seconds": round(time.perf_counter() - started, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", required=True, type=Path)
    parser.add_argument("--sample", type=int, default=120)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    service = SearchService(Settings(index_dir=args.index.resolve()))
    titles = {r["symbol"]: r["title"] for r in csv.DictReader(MANIFEST.open(encoding="utf-8"))}
    picked = sample(service, args.sample, args.seed)
    report = {"sample": len(picked), "seed": args.seed, "searchapp": run_searchapp(service, titles, picked)}
    with tempfile.TemporaryDirectory() as tmp:
        db = build_fts5(service, Path(tmp))
        report["fts5"] = run_fts5(db, titles, picked)
        db.close()
    print_figures([(engine, [("first", report[engine]["first"]), ("found", report[engine]["found"])], len(picked),
                     f", {report[engine]['seconds']} s") for engine in ("searchapp", "fts5")])
    if args.out:
        args.out.write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
