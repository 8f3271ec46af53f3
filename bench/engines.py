"""The three engines behind one small interface: build, then count+top-20 queries, the search
page's full request (top 20 highlighted + five facet counts) and streaming every hit as CSV
(the export's columns: where the paragraph is and its plain text, as searchapp's /export.csv).

Each engine answers the same query mix (bench/run.py: QUERIES); the query text differs only in
syntax. SQLite FTS5 uses the porter tokenizer, tantivy its English stemmer, searchapp NLTK's
Snowball: hit counts are close, not equal, and the run prints them side by side.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from searchapp.config import Settings
from searchapp.indexing.run import build_from_documents
from searchapp.models import Document
from searchapp.search.request import SearchRequest
from searchapp.search.service import SearchService

FACETS = ("body", "year", "session", "kind", "tag")


class SearchappEngine:
    name = "searchapp"

    def build(self, folder: Path, documents: Iterable[Document]) -> None:
        build_from_documents(Settings(data_dir=folder, index_dir=folder / "index"), documents, procs=2)

    def open(self, folder: Path) -> None:
        self.service = SearchService(Settings(data_dir=folder, index_dir=folder / "index"))

    def _request(self, q: dict, per_page: int = 20) -> SearchRequest:
        return SearchRequest(query=q["searchapp"], bodies=tuple(q.get("bodies", ())),
                             year_from=q.get("year_from"), year_to=q.get("year_to"), per_page=per_page)

    def query(self, q: dict) -> int:
        """Total and the top 20 ranked (with their stored text), no facets or highlights: the
        work the other engines do for a plain query."""
        return self.service.search(self._request(q), facets=False, highlight=False).total

    def page(self, q: dict) -> int:
        return self.service.search(self._request(q)).total

    def stream(self, q: dict, out: io.TextIOBase) -> int:
        writer = csv.writer(out)
        rows = 0
        for hit in self.service.iter_hits(self._request(q), with_highlight=False):
            writer.writerow((hit.symbol, hit.anchor, hit.text))
            rows += 1
        return rows


class Fts5Engine:
    name = "fts5"

    def build(self, folder: Path, documents: Iterable[Document]) -> None:
        db = sqlite3.connect(folder / "fts5.db")
        db.executescript("""
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
            CREATE TABLE docs(id INTEGER PRIMARY KEY, symbol TEXT, title TEXT, body TEXT, year INT, session INT);
            CREATE TABLE tags(doc INT, tag TEXT);
            CREATE TABLE paras(id INTEGER PRIMARY KEY, doc INT, kind TEXT, number INT, text TEXT);
            CREATE VIRTUAL TABLE fts USING fts5(text, content='paras', content_rowid='id',
                                                tokenize='porter unicode61');
        """)
        pid = 0
        with db:
            for doc_id, d in enumerate(documents, 1):
                db.execute("INSERT INTO docs VALUES (?,?,?,?,?,?)",
                           (doc_id, d.symbol, d.title, d.body, d.year, d.session))
                db.executemany("INSERT INTO tags VALUES (?,?)", [(doc_id, t) for t in d.tags])
                rows = []
                for p in d.paragraphs:
                    pid += 1
                    rows.append((pid, doc_id, p.kind, p.number, p.text))
                db.executemany("INSERT INTO paras VALUES (?,?,?,?,?)", rows)
                db.executemany("INSERT INTO fts(rowid, text) VALUES (?,?)", [(r[0], r[4]) for r in rows])
            db.execute("CREATE INDEX tags_doc ON tags(doc)")
        db.execute("INSERT INTO fts(fts) VALUES('optimize')")
        db.commit()
        db.close()

    def open(self, folder: Path) -> None:
        self.db = sqlite3.connect(folder / "fts5.db", check_same_thread=False)

    def _where(self, q: dict) -> tuple[str, list]:
        sql, args = "fts MATCH ?", [q["fts5"]]
        if q.get("bodies"):
            sql += f" AND d.body IN ({','.join('?' * len(q['bodies']))})"
            args += list(q["bodies"])
        if q.get("year_from") is not None:
            sql += " AND d.year >= ?"
            args.append(q["year_from"])
        if q.get("year_to") is not None:
            sql += " AND d.year <= ?"
            args.append(q["year_to"])
        return sql, args

    _FROM = "fts JOIN paras p ON p.id = fts.rowid JOIN docs d ON d.id = p.doc"

    def query(self, q: dict) -> int:
        where, args = self._where(q)
        total = self.db.execute(f"SELECT count(*) FROM {self._FROM} WHERE {where}", args).fetchone()[0]
        self.db.execute(f"SELECT fts.rowid FROM {self._FROM} WHERE {where} ORDER BY rank LIMIT 20", args).fetchall()
        return total

    def page(self, q: dict) -> int:
        where, args = self._where(q)
        db = self.db
        db.execute("DROP TABLE IF EXISTS temp.m")
        db.execute("CREATE TEMP TABLE m AS SELECT p.id AS id, p.doc AS doc, p.kind AS kind "
                   f"FROM {self._FROM} WHERE {where}", args)
        total = db.execute("SELECT count(*) FROM m").fetchone()[0]
        db.execute(f"SELECT fts.rowid, highlight(fts, 0, '<mark>', '</mark>'), d.symbol, d.title FROM {self._FROM} "
                   f"WHERE {where} ORDER BY rank LIMIT 20", args).fetchall()
        for column in ("body", "year", "session"):
            db.execute(f"SELECT d.{column}, count(*) FROM m JOIN docs d ON d.id = m.doc GROUP BY d.{column}").fetchall()
        db.execute("SELECT kind, count(*) FROM m GROUP BY kind").fetchall()
        db.execute("SELECT t.tag, count(*) FROM m JOIN tags t ON t.doc = m.doc GROUP BY t.tag").fetchall()
        return total

    def stream(self, q: dict, out: io.TextIOBase) -> int:
        where, args = self._where(q)
        writer = csv.writer(out)
        rows = 0
        for row in self.db.execute(f"SELECT d.symbol, p.kind, p.number, p.text "
                                   f"FROM {self._FROM} WHERE {where} ORDER BY d.symbol, p.id", args):
            writer.writerow(row)
            rows += 1
        return rows


class TantivyEngine:
    name = "tantivy"

    def _schema(self):
        import tantivy
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("text", stored=True, tokenizer_name="en_stem")
        builder.add_text_field("symbol", stored=True, tokenizer_name="raw")
        for name in ("body", "kind", "tag"):
            builder.add_text_field(name, stored=True, tokenizer_name="raw", fast=True)
        for name in ("year", "session", "number"):
            builder.add_integer_field(name, stored=True, indexed=True, fast=True)
        return builder.build()

    def build(self, folder: Path, documents: Iterable[Document]) -> None:
        import tantivy
        path = folder / "tantivy"
        path.mkdir()
        index = tantivy.Index(self._schema(), path=str(path))
        writer = index.writer(heap_size=256_000_000, num_threads=2)
        for d in documents:
            for p in d.paragraphs:
                doc = tantivy.Document(text=p.text, symbol=d.symbol, body=d.body, kind=p.kind,
                                       year=d.year, session=d.session, number=p.number)
                for tag in d.tags:
                    doc.add_text("tag", tag)
                writer.add_document(doc)
        writer.commit()
        writer.wait_merging_threads()

    def open(self, folder: Path) -> None:
        import tantivy
        self.tantivy = tantivy
        self.schema = self._schema()
        self.index = tantivy.Index.open(str(folder / "tantivy"))
        self.searcher = self.index.searcher()

    def _query(self, q: dict):
        text = q["tantivy"]
        if text.endswith("*") and " " not in text:
            parsed = self.tantivy.Query.regex_query(self.schema, "text", text[:-1] + ".*")
        else:
            parsed = self.index.parse_query(text, ["text"])
        filters = []
        if q.get("bodies"):
            filters.append(self.index.parse_query(" OR ".join(f'body:"{b}"' for b in q["bodies"]), ["text"]))
        if q.get("year_from") is not None or q.get("year_to") is not None:
            filters.append(self.index.parse_query(
                f"year:[{q.get('year_from', 0)} TO {q.get('year_to', 9999)}]", ["text"]))
        if not filters:
            return parsed
        Occur = self.tantivy.Occur
        return self.tantivy.Query.boolean_query([(Occur.Must, parsed)] + [(Occur.Must, f) for f in filters])

    def query(self, q: dict) -> int:
        result = self.searcher.search(self._query(q), limit=20, count=True)
        return result.count

    def page(self, q: dict) -> int:
        query = self._query(q)
        result = self.searcher.search(query, limit=20, count=True)
        snippets = self.tantivy.SnippetGenerator.create(self.searcher, query, self.schema, "text")
        for _, address in result.hits:
            snippets.snippet_from_doc(self.searcher.doc(address)).to_html()
        self.searcher.aggregate(query, {name: {"terms": {"field": name, "size": 500}} for name in FACETS})
        return result.count

    def stream(self, q: dict, out: io.TextIOBase) -> int:
        query = self._query(q)
        total = self.searcher.search(query, limit=1, count=True).count
        result = self.searcher.search(query, limit=max(1, total), count=False)
        writer = csv.writer(out)
        for _, address in result.hits:
            doc = self.searcher.doc(address)
            writer.writerow((doc["symbol"][0], doc["kind"][0], doc["number"][0], doc["text"][0]))
        return len(result.hits)


ENGINES = {engine.name: engine for engine in (SearchappEngine, Fts5Engine, TantivyEngine)}
