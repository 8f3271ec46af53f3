"""Citations and series across the whole index, computed once per indexing run into `relations.json`.

Both depend on every document ("cited by" needs all citing texts, a series needs all its members),
so each indexing run, full or incremental, recomputes them from the finished generation before it
is published. The read side is `searchapp.research.relations`.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import signal
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

import numpy as np

from searchapp.engine import Snapshot
from searchapp.models import Document, paragraph_anchor
from searchapp.research.citations import (
    RESOLUTION,
    Citation,
    citations_by_paragraph,
    first_citations,
    paragraph_citations,
)
from searchapp.research.lineage import SeriesMember, group_members, named_phrases
from searchapp.research.relations import RELATIONS_FILE, read_relations_file

PARALLEL_READS = 500  # documents whose texts the series rule needs: above this, two processes read them


class RelationsBuilder:
    """Collects the citations of each document indexed in this run, and writes relations.json
    once the generation is committed.

    Citations are read from the paragraphs while the bulk writer's worker processes have them
    (`of_rows`, run in the workers over their share of a batch; `take`, back in this process),
    so this costs no second pass over the text and runs on both cores. Documents not added in
    this run (an incremental run keeps them) take their citations from the generation's
    previous relations.json. The series rule reads a document's text only when a pair tied by
    citation needs it, from the parsed documents the caller still holds (`texts`) or else
    from the index: it keeps no text of its own, only the per-document facts.
    """

    def __init__(self, *, reuse_previous: bool = True, texts: Mapping[str, Document] | None = None) -> None:
        """`texts`: documents of this run the caller holds anyway (symbol -> Document, the parsed
        winners of run_index); the series rule reads their paragraphs from there instead of
        unpickling them back from the index. Others are read from the index."""
        self.added: dict[str, dict] = {}
        self.bodies: dict[str, str] = {}
        self.reuse_previous = reuse_previous
        self.texts = texts or {}

    def add(self, document: Document) -> None:
        """Call before the document goes to the writer: the workers look its body up."""
        self.bodies[document.symbol] = document.body
        self.added[document.symbol] = _NO_CITATIONS

    def of_rows(self, rows: list[dict]) -> list[tuple[str, _Place, list[Citation]]]:
        """(document, paragraph, its citations) for the paragraphs among `rows` that cite."""
        found = []
        for row in rows:
            symbol = row["doc"]
            citations = paragraph_citations(row["text"], symbol, self.bodies.get(symbol))
            if citations:
                anchor = paragraph_anchor(row["kind"], row["number"], row.get("occurrence", 1), row.get("label") or "")
                found.append((symbol, _Place(row["position"], anchor), citations))
        return found

    def take(self, results: list[list[tuple[str, _Place, list[Citation]]]]) -> None:
        """The workers' `of_rows` results for one whole batch, in row order (a document never
        spans two batches, though it may span two workers)."""
        by_document: dict[str, list[tuple[_Place, list[Citation]]]] = {}
        for result in results:
            for symbol, place, citations in result:
                by_document.setdefault(symbol, []).append((place, citations))
        for symbol, by_paragraph in by_document.items():
            self.added[symbol] = _citations_json(symbol, by_paragraph)

    def write(self, generation: Path) -> None:
        """Compute and write relations.json inside a generation that is being built."""
        previous = read_relations_file(generation / RELATIONS_FILE) if self.reuse_previous else None
        relations = self._compute(generation, previous)
        path = generation / RELATIONS_FILE
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(relations, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)  # never write through the hard link shared with the live generation

    def _compute(self, generation: Path, previous: dict | None) -> dict:
        """relations.json's value. The documents are documents.json's records in symbol order
        (Snapshot.table.records' order); a Snapshot is opened only for texts not in `texts` nor
        in `previous`, which a full build from parsed files never needs."""
        documents = json.loads((generation / "documents.json").read_text(encoding="utf-8"))
        records = [documents[symbol] for symbol in sorted(documents)]
        with _LazySnapshot(generation) as index:
            return self._relations(records, index, previous)

    def _relations(self, records: list[dict], index: _LazySnapshot, previous: dict | None) -> dict:
        citations: dict[str, list[dict]] = {}
        paragraph_cites: dict[str, dict[str, list[str]]] = {}
        cited_resolutions: dict[str, set[str]] = {}
        members: list[SeriesMember] = []
        index_of: dict[str, int] = {}
        for i, record in enumerate(records):
            symbol = record["symbol"]
            index_of[symbol] = i
            found = self.added.get(symbol)
            if found is None and previous is not None:
                found = {"citations": previous["citations"].get(symbol, []),
                         "paragraph_cites": previous["paragraph_cites"].get(symbol, {})}
            if found is None:
                found = document_citations(index.open().document_model(i))
            if found["citations"]:
                citations[symbol] = found["citations"]
                paragraph_cites[symbol] = found["paragraph_cites"]
                cited_resolutions[symbol] = {c["symbol"] for c in found["citations"] if c["kind"] == RESOLUTION}
            members.append(SeriesMember(symbol, record["title"] or "",
                                        dt.date.fromisoformat(record["date"]) if record["date"] else None,
                                        record["year"]))

        def find_named(jobs: list[tuple[SeriesMember, set[str]]]) -> list[set[str]]:
            work = [(index_of[member.symbol], member.symbol, phrases) for member, phrases in jobs]
            if len(work) < max(PARALLEL_READS, 2):
                return _named_in(index, self.texts, work)
            return _named_in_two_processes(index, self.texts, work, records)

        series = [s.to_json() for s in group_members(members, cited_resolutions, find_named)
                  if len(s.documents) > 1]
        return {"citations": citations, "paragraph_cites": paragraph_cites, "series": series}


class _LazySnapshot:
    """The generation opened for reading on first need (Snapshot's open loads arrays, the
    analysis and every segment reader: a full build never needs it here), closed on exit."""

    def __init__(self, generation: Path) -> None:
        self.folder = generation
        self._snapshot: Snapshot | None = None

    def open(self) -> Snapshot:
        if self._snapshot is None:
            self._snapshot = Snapshot(self.folder)
        return self._snapshot

    def close(self) -> None:
        if self._snapshot is not None:
            self._snapshot.close()
            self._snapshot = None

    def __enter__(self) -> _LazySnapshot:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _named_in(index: _LazySnapshot, texts: Mapping[str, Document],
              work: list[tuple[int, str, set[str]]]) -> list[set[str]]:
    """For each (document index, symbol, title phrases): the phrases its paragraphs print, read
    from `texts` when the document is there, else from the index."""
    found = []
    for i, symbol, phrases in work:
        document = texts.get(symbol)
        if document is not None:
            paragraphs = [p.text for p in document.paragraphs]
        else:
            snapshot = index.open()
            paragraphs = [snapshot.stored(int(docnum))["text"] for docnum in snapshot.paragraphs_of(i)]
        found.append(named_phrases(paragraphs, phrases))
    return found


_FORKED: dict = {}  # what a forked worker inherits instead of having it pickled


def _named_in_two_processes(index: _LazySnapshot, texts: Mapping[str, Document],
                            work: list[tuple[int, str, set[str]]], records: list[dict]) -> list[set[str]]:
    """`_named_in` with the work cut in two halves of about as many characters (the documents
    differ in length by a factor of a hundred: cut by count, one half of the corpus's 1,157
    took 0.73 s of CPU, the other 0.18 s): a forked process reads the second half while this
    one reads the first."""
    weights = np.cumsum([_characters(texts.get(symbol), records[i]) for i, symbol, _ in work])
    middle = min(max(int(np.searchsorted(weights, weights[-1] / 2)) + 1, 1), len(work) - 1)
    _FORKED.update(index=index, texts=texts, work=work[middle:])
    try:
        # Ctrl-C is left to this process: leaving the block terminates the worker.
        with multiprocessing.get_context("fork").Pool(1, initializer=signal.signal,
                                                      initargs=(signal.SIGINT, signal.SIG_IGN)) as pool:
            second = pool.apply_async(_named_in_forked)
            first = _named_in(index, texts, work[:middle])
            return first + second.get()
    finally:
        _FORKED.clear()


def _named_in_forked() -> list[set[str]]:
    # Its own snapshot, should it need one: Whoosh's open files must not be shared with the parent.
    with _LazySnapshot(_FORKED["index"].folder) as index:
        return _named_in(index, _FORKED["texts"], _FORKED["work"])


def _characters(document: Document | None, record: dict) -> int:
    """How much text the series rule reads of one document (estimated when in the index)."""
    if document is None:
        return 400 * (record.get("paragraphs") or 1)
    return sum(len(p.text) for p in document.paragraphs)


def document_citations(document: Document) -> dict:
    """One document's entries of relations.json: first citations and the citing paragraphs."""
    return _citations_json(document.symbol, citations_by_paragraph(document))


def _citations_json(symbol: str, by_paragraph: list) -> dict:
    first = first_citations(symbol, by_paragraph)
    if not first:
        return _NO_CITATIONS
    return {"citations": [c.to_json() for c in first],
            "paragraph_cites": {str(place.position): list(dict.fromkeys(c.symbol for c in found))
                                for place, found in by_paragraph if found}}


class _Place(NamedTuple):
    """Where a citing paragraph is, as first_citations needs it."""

    position: int
    anchor: str


_NO_CITATIONS: dict = {"citations": [], "paragraph_cites": {}}


def write_relations(generation: Path) -> None:
    """relations.json of a generation from its index alone (every document's text is read)."""
    RelationsBuilder(reuse_previous=False).write(generation)


