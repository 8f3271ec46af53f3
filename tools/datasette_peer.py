"""The peer a researcher would otherwise pick: the same paragraphs in SQLite FTS5, served by
Datasette, for `tools/load_test.py --peer datasette`.

`build_database` copies every live paragraph of a searchapp index (its text and the document's
symbol, body, year, session and type) into `paragraphs`, with an external-content FTS5 table
(porter tokenizer) over the text. `start_datasette` serves it on loopback with five facets,
facet suggestions off and pages of 20 rows (`suggest_facets off`, `default_page_size 20`),
searches in FTS5's own syntax (`searchmode raw`, so a quoted phrase stays a phrase).
`datasette_mix` draws the same kinds of request as load_test's `request_mix`, with the same
random numbers, as Datasette URLs.
"""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

FACETS = ["body", "year", "session", "paragraph_type", "document_type"]
TABLE = "/corpus/paragraphs"


def build_database(index_dir: Path, path: Path) -> int:
    """Paragraphs written; `path` is created anew."""
    from searchapp.config import Settings
    from searchapp.search.service import SearchService

    snapshot = SearchService(Settings(index_dir=index_dir)).handle.snapshot()
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE paragraphs (id INTEGER PRIMARY KEY, symbol TEXT, body TEXT, year INTEGER,
                                 session INTEGER, document_type TEXT, paragraph_type TEXT, text TEXT);
        CREATE INDEX paragraphs_symbol ON paragraphs(symbol);
    """)
    rows = []
    for index, record in enumerate(snapshot.table.records):
        for docnum in snapshot.paragraphs_of(index):
            stored = snapshot.stored(int(docnum))
            rows.append((int(docnum), record["symbol"], record["body"], record["year"], record["session"],
                         record.get("document_type", "resolution"), stored["kind"], stored["text"]))
    db.executemany("INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.executescript("""
        CREATE VIRTUAL TABLE paragraphs_fts USING fts5(text, content='paragraphs', content_rowid='id',
                                                       tokenize='porter unicode61');
        INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('rebuild');
    """)
    db.commit()
    db.close()
    return len(rows)


def datasette_command() -> Path:
    """The `datasette` executable beside this Python (the `bench` extra installs it); SystemExit
    naming the install command when it is not there, before any work is done."""
    datasette = Path(sys.executable).with_name("datasette")
    if not datasette.exists():
        raise SystemExit(f"Datasette is not installed beside {sys.executable}: the comparison with "
                         "Datasette needs the benchmark's extras, `.venv/bin/pip install -e '.[bench]'`")
    return datasette


def start_datasette(database: Path, port: int, log: Path) -> subprocess.Popen:
    metadata = database.with_suffix(".metadata.json")
    metadata.write_text(json.dumps({"databases": {database.stem: {"tables": {"paragraphs": {
        "fts_table": "paragraphs_fts", "fts_pk": "id", "facets": FACETS, "searchmode": "raw"}}}}}))
    datasette = datasette_command()
    with open(log, "wb") as sink:
        server = subprocess.Popen([str(datasette), "serve", str(database), "-m", str(metadata), "-h", "127.0.0.1",
                                   "-p", str(port), "--setting", "suggest_facets", "off",
                                   "--setting", "default_page_size", "20"],
                                  stdout=subprocess.DEVNULL, stderr=sink)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{TABLE}.json?_size=1", timeout=5):
                return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit("datasette exited: " + log.read_text(errors="replace")) from None
            time.sleep(0.3)
    server.kill()
    raise SystemExit("datasette did not start within 60 s")


def fts_query(query: str) -> str:
    """Our query in FTS5 syntax: words are ANDed in both; a hyphenated word is a quoted phrase."""
    return " ".join(f'"{word}"' if "-" in word else word for word in query.split())


def datasette_mix(rng: random.Random, symbols: list[str], bodies: list[str], queries: list[str]) -> tuple[str, str]:
    """(kind, path) for Datasette, drawing random numbers as load_test.request_mix does. A KWIC or
    timeline request has no Datasette page: it is the search's JSON there."""
    roll = rng.random()
    query = rng.choice(queries)
    search = [("_search", fts_query(query))]
    if roll < 0.35:
        return "search", TABLE + "?" + urllib.parse.urlencode(search)
    if roll < 0.55:
        params = [*search, ("body", rng.choice(bodies))]
        if rng.random() < 0.5:
            params += [("year__gte", "1990"), ("year__lte", "2025")]
        return "facet", TABLE + "?" + urllib.parse.urlencode(params)
    if roll < 0.62:
        rng.randint(1, 3)
        return "api", TABLE + ".json?" + urllib.parse.urlencode(search)
    if roll < 0.66:
        rng.choice(["impunity", "torture", '"human rights defenders"'])
        rng.choice(["document", "left", "right"])
        return "kwic", TABLE + ".json?" + urllib.parse.urlencode(search)
    if roll < 0.70:
        return "timeline", TABLE + ".json?" + urllib.parse.urlencode(search)
    if roll < 0.85 and symbols:
        return "document", TABLE + "?" + urllib.parse.urlencode({"symbol": rng.choice(symbols)})
    if roll < 0.95:
        return "page", TABLE + "?" + urllib.parse.urlencode([*search, ("_sort_desc", "year")])
    export = [("_search", rng.choice(["impunity", "torture"])), ("_stream", "on")]
    return "export", TABLE + ".csv?" + urllib.parse.urlencode(export)
