"""An open, read-only view of one index generation: Whoosh searcher plus NumPy sidecars.

A Snapshot is opened once and shared by every request of a worker until the index's CURRENT
pointer names a newer generation (see searchapp/engine/__init__.py: IndexHandle).
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import mmap
import os
import pickle
import struct
import threading
import weakref
import zipfile
import zlib
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from searchapp.engine.format import analysis_of, read_format
from searchapp.engine.generations import check_sizes, hold_generation
from searchapp.engine.postings import term_postings
from searchapp.engine.rare_positions import RarePositions
from searchapp.engine.whoosh_internals import (
    StoredLayout,
    open_index,
    segment_readers,
    stored_fields,
    stored_layout,
    wildcard_terms,
)
from searchapp.engine.writing import INDEX_NAME
from searchapp.exceptions import IndexMissing, IndexUnusable
from searchapp.models import Document, Paragraph


@dataclass(frozen=True)
class DocumentTable:
    """Per-resolution metadata as arrays indexed by document index (sorted symbols)."""

    records: list[dict]
    body: np.ndarray  # int16 code into `bodies`
    bodies: list[str]
    year: np.ndarray  # int16, 0 = unknown
    session: np.ndarray  # int16, 0 = none
    date: np.ndarray  # int32 ordinal, 0 = unknown
    tag_doc: np.ndarray  # CSR-like pairs: document index ...
    tag_id: np.ndarray  # ... and tag code into `tags`
    tags: list[str]


def document_facts(record: dict) -> dict:
    """The Document fields added after the first index format, with their defaults for an index
    written before them (document type, committee, agenda items, language, has_symbol, sponsors)."""
    return {"document_type": record.get("document_type", "resolution"), "committee": record.get("committee"),
            "agenda_items": tuple(record.get("agenda_items", ())), "language": record.get("language", "en"),
            "has_symbol": record.get("has_symbol", True), "sponsors": tuple(record.get("sponsors", ()))}


def _document_table(documents: dict) -> DocumentTable:
    records = [documents[s] for s in sorted(documents)]
    bodies = sorted({r["body"] for r in records})
    body_code = {b: i for i, b in enumerate(bodies)}
    tags = sorted({t for r in records for t in r["tags"]})
    tag_code = {t: i for i, t in enumerate(tags)}
    tag_pairs = [(i, tag_code[t]) for i, r in enumerate(records) for t in dict.fromkeys(r["tags"])]
    return DocumentTable(
        records=records,
        body=np.array([body_code[r["body"]] for r in records], dtype=np.int16),
        bodies=bodies,
        year=np.array([r["year"] or 0 for r in records], dtype=np.int16),
        session=np.array([r["session"] or 0 for r in records], dtype=np.int16),
        date=np.array(
            [dt.date.fromisoformat(r["date"]).toordinal() if r["date"] else 0 for r in records],
            dtype=np.int32,
        ),
        tag_doc=np.array([p[0] for p in tag_pairs], dtype=np.int32),
        tag_id=np.array([p[1] for p in tag_pairs], dtype=np.int32),
        tags=tags,
    )


# Decoded posting lists of frequent terms are kept (least recently used out) per generation: a
# researcher's next request (another page, a facet clicked, one more word) reads them again.
CACHED_POSTINGS_MIN = 2_000
POSTINGS_CACHE_BYTES = 64 * 1024 * 1024


def open_whoosh_index(folder: Path):
    """The generation's Whoosh index (reads its TOC, which holds the pickled schema).

    Whoosh pickles the schema with its analyzers' module paths
    ("searchapp.engine.schema.StemmedAnalyzer"): an index whose classes moved or were renamed
    since it was written no longer unpickles, which is IndexUnusable (rebuild), not a traceback.
    """
    try:
        return open_index(folder, INDEX_NAME)  # read positionally: no lock between searches
    except (ImportError, AttributeError) as exc:
        raise IndexUnusable(f"the index in {folder} refers to code this searchapp does not have "
                            f"({type(exc).__name__}: {exc}); run `searchapp index --rebuild`") from None


class Snapshot:
    """Everything a search needs from one generation, loaded once."""

    PARAGRAPH_COLUMNS = ("kind", "part", "number", "position", "verb", "addressee")

    def __init__(self, folder: Path):
        self.folder = folder
        # Held until close() or until the snapshot is dropped: no publish removes the folder meanwhile.
        self._hold = hold_generation(folder)
        self._release = weakref.finalize(self, os.close, self._hold)
        check_sizes(folder)
        self.format = read_format(folder)  # IndexUnusable unless read as it was written
        self.analysis = analysis_of(self.format, folder)  # what searches and highlights use
        try:
            self._index = open_whoosh_index(folder)
            self.searcher = self._index.searcher()
            with np.load(folder / "arrays.npz") as arrays:  # members are read on access: read them now
                self.doc, self.kind, self.part, self.number, self.position, self.length = (
                    arrays[name] for name in ("doc", "kind", "part", "number", "position", "length"))
                self.verb, self.addressee = arrays["verb"], arrays["addressee"]
                self._vocabularies = {"verb": [str(v) for v in arrays["verb_names"]],
                                      "addressee": [str(v) for v in arrays["addressee_names"]]}
            documents = json.loads((folder / "documents.json").read_text(encoding="utf-8"))
            self.compounds: dict[str, list[str]] = json.loads(
                (folder / "compounds.json").read_text(encoding="utf-8")
            )
        # A truncated or overwritten file: zip, pickle and struct errors as well as I/O ones.
        except (OSError, ValueError, EOFError, KeyError, zipfile.BadZipFile, pickle.UnpicklingError,
                struct.error) as exc:
            raise IndexMissing(
                f"the index in {folder} cannot be opened ({exc}); run `searchapp index --rebuild`"
            ) from None
        self.reader = self.searcher.reader()
        self.segments = segment_readers(self.reader)
        self.rare_positions = RarePositions(folder, self.segments)  # the rarer words', for phrases
        self._segment_starts = [offset for _, offset in self.segments]
        self.alive = self.doc >= 0
        self.alive_count = int(self.alive.sum())
        self.average_length = float(self.length[self.alive].mean()) if self.alive_count else 1.0
        self.table = _document_table(documents)
        self.symbol_index = {r["symbol"]: i for i, r in enumerate(self.table.records)}
        self._doc_paragraphs: dict[int, np.ndarray] | None = None
        self._words_by_letter: dict[str, list[str]] | None = None
        self._cache: dict[str | tuple, object] = {}
        self._postings_cache: OrderedDict[tuple, tuple[np.ndarray, ...]] = OrderedDict()
        self._postings_cache_bytes = 0
        self._stored_columns: list[_StoredColumn | None] = [None] * len(self.segments)
        # Guards the postings cache and the lazily opened stored columns only: Whoosh's files
        # are read positionally (whoosh_internals.open_index), so searches run side by side.
        self.lock = threading.RLock()

    @property
    def size(self) -> int:
        return len(self.doc)

    @property
    def segment_count(self) -> int:
        """Whoosh segments: every incremental run appends one, and each query reads them all."""
        return len(self.segments)

    def postings(self, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Live doc numbers and frequencies of a term (read-only arrays: long lists are shared
        through the postings cache)."""
        key = (fieldname, text)
        cached = self._recall(key)
        if cached is not None:
            return cached  # type: ignore[return-value]
        ids, weights = term_postings(self.segments, fieldname, text.encode("utf-8"))
        if len(ids) and self.alive_count != self.size:
            keep = self.alive[ids]
            ids, weights = ids[keep], weights[keep]
        return self._remember(key, (ids, weights), len(ids))  # type: ignore[return-value]

    def remembered(self, key: tuple, compute) -> tuple[np.ndarray, ...]:
        """Arrays derived from this generation's postings (a word family's matches: the union of
        its words' postings), computed by `compute()` or taken from the postings cache (least
        recently used out, as posting lists). Read-only."""
        cached = self._recall(key)
        if cached is not None:
            return cached
        arrays = compute()
        return self._remember(key, arrays, CACHED_POSTINGS_MIN)  # kept however short: it saved reads

    def _recall(self, key: tuple) -> tuple[np.ndarray, ...] | None:
        with self.lock:
            cached = self._postings_cache.get(key)
            if cached is not None:
                self._postings_cache.move_to_end(key)
            return cached

    def _remember(self, key: tuple, arrays: tuple[np.ndarray, ...], length: int) -> tuple[np.ndarray, ...]:
        for array in arrays:
            array.flags.writeable = False
        if length < CACHED_POSTINGS_MIN:
            return arrays
        with self.lock:
            if key in self._postings_cache:  # another thread read it meanwhile
                return self._postings_cache[key]
            self._postings_cache[key] = arrays
            self._postings_cache_bytes += sum(a.nbytes for a in arrays)
            while self._postings_cache_bytes > POSTINGS_CACHE_BYTES:
                _, old = self._postings_cache.popitem(last=False)
                self._postings_cache_bytes -= sum(a.nbytes for a in old)
        return arrays

    # -- the read API of search/ and research/: no folders, field names or sidecar arrays --------

    def documents_of(self, ids: np.ndarray | None = None) -> np.ndarray:
        """Document index (into `table.records`) of each paragraph doc number (of every doc
        number without `ids`); -1 for a deleted paragraph."""
        return self.doc if ids is None else self.doc[ids]

    def positions_of(self, ids: np.ndarray | None = None) -> np.ndarray:
        """Printed order of each paragraph within its resolution (0 = first)."""
        return self.position if ids is None else self.position[ids]

    def paragraph_column(self, name: str, ids: np.ndarray | None = None) -> np.ndarray:
        """A per-paragraph code written beside the index (`kind`: 0 preambular, 1 operative, 2 annex,
        3 footnote; `part`: 0 resolution, 1 annex, 2 footnote; `verb`, `addressee`: see
        `paragraph_vocabulary`),
        for `ids` or for every doc number."""
        if name not in self.PARAGRAPH_COLUMNS:
            raise KeyError(f"no per-paragraph column {name!r}; there are {', '.join(self.PARAGRAPH_COLUMNS)}")
        column = getattr(self, name)
        return column if ids is None else column[ids]

    def paragraph_vocabulary(self, name: str) -> list[str]:
        """The names a labelled column codes: `verb` values index it (-1: no verb), `addressee`
        values are bit sets over it (bit i: the paragraph addresses name i). Order of first
        appearance in the index, not meaningful."""
        return self._vocabularies[name]

    @property
    def generation(self) -> str:
        """The generation's name ("gen-000003"), as CURRENT names it."""
        return self.folder.name

    def live_paragraphs(self) -> np.ndarray:
        """Boolean mask over every doc number: True for paragraphs not deleted."""
        return self.alive

    def knows_word(self, word: str) -> bool:
        """Whether a folded, unstemmed word occurs anywhere in the index."""
        return self.has_term("exact", word)

    def word_frequency(self, word: str) -> int:
        """Number of paragraphs holding a folded, unstemmed word (deleted ones included)."""
        return self.document_frequency("exact", word)

    def term_paragraphs(self, term: str) -> np.ndarray:
        """Live doc numbers of the paragraphs holding an analysed term (a `Term.term` of the
        snapshot's analysis: "condemn" for "condemns"), read-only; for the finder's candidates."""
        return self.postings("text", term)[0]

    def term_frequency(self, term: str) -> int:
        """Number of paragraphs holding an analysed term (deleted ones included)."""
        return self.document_frequency("text", term)

    def sidecar_json(self, name: str):
        """A JSON file that indexing stored with this generation (e.g. relations.json), parsed.

        Raises IndexMissing ("run `searchapp index --rebuild`") when it is missing or unreadable."""
        try:
            return json.loads((self.folder / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise IndexMissing(f"the index in {self.folder} has no readable {name}; "
                               "run `searchapp index --rebuild`") from None

    def document_frequency(self, fieldname: str, text: str) -> int:
        return self.reader.doc_frequency(fieldname, text)

    def has_term(self, fieldname: str, text: str) -> bool:
        return (fieldname, text) in self.reader

    def lexicon(self, fieldname: str, prefix: str = "") -> list[str]:
        """Terms of a field starting with `prefix`, in order."""
        return [b.decode("utf-8") if isinstance(b, bytes) else b
                for b in self.reader.expand_prefix(fieldname, prefix)]

    def wildcard(self, fieldname: str, pattern: str) -> Iterator[str]:
        """Terms of a field matching a wildcard pattern (`*` any letters, `?` one), in order,
        read as the caller iterates."""
        for term in wildcard_terms(self.reader, fieldname, pattern):
            yield term.decode("utf-8") if isinstance(term, bytes) else term

    def words_starting_with(self, letter: str) -> list[str]:
        """Unstemmed vocabulary by first letter, read once per snapshot (for spelling help)."""
        if self._words_by_letter is None:
            by_letter: dict[str, list[str]] = {}
            for word in self.lexicon("exact"):
                by_letter.setdefault(word[:1], []).append(word)
            self._words_by_letter = by_letter
        return self._words_by_letter.get(letter, [])

    def stored(self, docnum: int) -> dict:
        """A paragraph's stored fields, read straight from its segment's column file (Whoosh's
        own stored_fields re-checks every field against the schema and goes through four
        layers of column readers and a seek per call: over half of an export's time)."""
        docnum = int(docnum)
        index = bisect.bisect_right(self._segment_starts, docnum) - 1
        return self._stored_column(index).get(docnum - self._segment_starts[index])

    def stored_many(self, docnums: list[int]) -> list[dict]:
        """The stored fields of several paragraphs (doc numbers as Python ints), in their order:
        as `stored`, with each segment's column read in one loop whose names are bound once (a
        page of 20 hits through `stored` spent about half of its 4 us per paragraph on the calls
        around the unpickling)."""
        starts = self._segment_starts
        if len(starts) == 1:
            return self._stored_column(0).get_many(docnums)
        segment_of = [bisect.bisect_right(starts, docnum) - 1 for docnum in docnums]
        if len(set(segment_of)) == 1:  # a page from one segment: no regrouping
            offset = starts[segment_of[0]]
            return self._stored_column(segment_of[0]).get_many([docnum - offset for docnum in docnums])
        local: dict[int, list[int]] = {}
        for docnum, index in zip(docnums, segment_of):
            local.setdefault(index, []).append(docnum - starts[index])
        read = {index: iter(self._stored_column(index).get_many(numbers)) for index, numbers in local.items()}
        return [next(read[index]) for index in segment_of]

    def _stored_column(self, index: int) -> _StoredColumn:
        """Segment `index`'s stored-fields column, opened on first use."""
        column = self._stored_columns[index]
        if column is None:
            with self.lock:
                column = self._stored_columns[index]
                if column is None:
                    column = self._stored_columns[index] = _StoredColumn.open(self.folder, self.segments[index][0])
        return column

    def paragraphs_of(self, doc_index: int) -> np.ndarray:
        """Doc numbers of one resolution's paragraphs in document order."""
        if self._doc_paragraphs is None:
            order = np.lexsort((self.position, self.doc))
            order = order[self.doc[order] >= 0]
            starts = np.searchsorted(self.doc[order], np.arange(len(self.table.records) + 1))
            self._doc_paragraphs = {i: order[starts[i]:starts[i + 1]] for i in range(len(starts) - 1)}
        return self._doc_paragraphs.get(doc_index, np.zeros(0, dtype=np.int64))

    def document_model(self, doc_index: int) -> Document:
        """One resolution rebuilt from the index as the parser made it (for comparisons and
        citations, which need the whole text)."""
        record = self.table.records[doc_index]
        paragraphs = []
        for docnum in self.paragraphs_of(doc_index):
            stored = self.stored(int(docnum))
            paragraphs.append(Paragraph(record["symbol"], stored["kind"], stored["number"],
                                        stored["position"], stored["opening"], stored["text"],
                                        stored.get("occurrence", 1), tuple(stored.get("footnotes") or ()),
                                        stored.get("heading") or "", stored.get("label") or ""))
        return Document(
            symbol=record["symbol"], body=record["body"], title=record["title"],
            date=dt.date.fromisoformat(record["date"]) if record["date"] else None,
            year=record["year"], session=record["session"], source=record["source"],
            meeting=record["meeting"], vote=record["vote"], tags=tuple(record["tags"]),
            paragraphs=paragraphs, **document_facts(record),
        )

    def cached(self, name: str | tuple, factory):
        """A value derived from this generation, computed on first use (generations never change)."""
        if name not in self._cache:
            self._cache[name] = factory()
        return self._cache[name]

    def close(self) -> None:
        for column in self._stored_columns:
            if column is not None:
                column.close()
        self.searcher.close()
        self._release()  # the generation may now be removed by the next publish


class _StoredColumn:
    """One segment's stored fields: each paragraph is a slice of the memory-mapped column file,
    inflated and unpickled (no shared file position, so no lock)."""

    def __init__(self, segment, layout: StoredLayout | None, mapped: mmap.mmap | None):
        self._segment = segment
        self._layout = layout
        self._map = mapped

    @classmethod
    def open(cls, folder: Path, segment) -> _StoredColumn:
        layout = stored_layout(folder, segment)
        mapped = None
        if layout is not None:
            try:
                with open(layout.path, "rb") as handle:
                    mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            except (OSError, ValueError):  # missing or empty: Whoosh's own reader decides
                mapped = None
        return cls(segment, layout, mapped)

    def get(self, docnum: int) -> dict:
        if self._map is None or self._layout is None:
            return stored_fields(self._segment, docnum)
        length = self._layout.lengths[docnum]
        if not length:
            return {}
        start = self._layout.base + self._layout.offsets[docnum]
        return pickle.loads(zlib.decompress(self._map[start:start + length]))

    def get_many(self, docnums: list[int]) -> list[dict]:
        """`get` of each segment-local doc number, the loop's names bound once."""
        if self._map is None or self._layout is None:
            return [stored_fields(self._segment, docnum) for docnum in docnums]
        mapped, base = self._map, self._layout.base
        offsets, lengths = self._layout.offsets, self._layout.lengths
        loads, inflate = pickle.loads, zlib.decompress
        found = []
        for docnum in docnums:
            length = lengths[docnum]
            if length:
                start = base + offsets[docnum]
                found.append(loads(inflate(mapped[start:start + length])))
            else:
                found.append({})
        return found

    def close(self) -> None:
        if self._map is not None:
            self._map.close()
