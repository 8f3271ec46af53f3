"""Writes documents into one generation folder and, after the Whoosh commit, the sidecars.

Sidecars (plain files beside Whoosh's) hold what Whoosh is slow at: `arrays.npz` has one row per
Whoosh document number (which resolution, kind, number, position, text length, alive) so filters,
facets and sorting are NumPy work; `documents.json` has each resolution's metadata once;
`compounds.json` maps joined compounds to their parts ("followup" -> ["follow", "up"]);
`format.json` says how the generation was analysed (engine/format.py).

Two columns of arrays.npz, `verb` and `addressee`, are labels given by the indexing stage and
coded against vocabularies in the same file (engine/labels.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import index as whoosh_index
from whoosh.util.numeric import byte_to_length

from searchapp.engine.bulk_writer import append_segments, make_codec, publish_segments
from searchapp.engine.format import IndexFormat, write_format
from searchapp.engine.labels import VOCABULARIES, Labeller, Labels
from searchapp.engine.schema import build_schema
from searchapp.engine.w3_encoding import length_bytes
from searchapp.models import KINDS, PARTS, Document, Paragraph, part_of
from searchapp.text.analysers import DEFAULT_ANALYSIS, AnalysisSettings, analysis_for

DEFAULT_SETTINGS = DEFAULT_ANALYSIS.settings

INDEX_NAME = "MAIN"
BATCH_PARAGRAPHS = 100_000  # paragraphs held in memory before they are written as segments



def paragraph_fields(document: Document, paragraph: Paragraph, labeller: Labeller | None = None) -> dict:
    """The Whoosh document of one paragraph (the three text fields share one analysis); a French
    or Spanish text's rows also say their language, which is no field: the bulk writer adds that
    language's own stems (text/own_language.py). With `labeller`, the stored `verb` and
    `addressees` fields hold its labels (None when empty)."""
    text = paragraph.text
    row = {
        "pid": f"{document.symbol}#{paragraph.position}",
        "source": document.source,
        "doc": document.symbol,
        "kind": paragraph.kind,
        "number": paragraph.number,
        "position": paragraph.position,
        "opening": paragraph.opening,
        "occurrence": paragraph.occurrence,
        "label": paragraph.label or None,
        "heading": paragraph.heading or None,
        "footnotes": list(paragraph.footnotes) or None,
        "text": text,
        "exact": text,
        "shingles": text,
    }
    if labeller is not None:
        verb, addressees = labeller(paragraph.kind, text)
        row["verb"] = verb or None
        row["addressees"] = list(addressees) or None
    if document.language != "en":
        row["language"] = document.language
    return row


def document_record(document: Document) -> dict:
    """What we keep of a resolution besides its paragraphs (JSON-ready)."""
    return {
        "symbol": document.symbol,
        "title": document.title,
        "body": document.body,
        "date": document.date.isoformat() if document.date else None,
        "year": document.year,
        "session": document.session,
        "meeting": document.meeting,
        "vote": document.vote,
        "tags": list(document.tags),
        "document_type": document.document_type,
        "committee": document.committee,
        "agenda_items": list(document.agenda_items),
        "sponsors": list(document.sponsors),
        "language": document.language,
        "has_symbol": document.has_symbol,
        "source": document.source,
        "paragraphs": len(document.paragraphs),
    }


class GenerationWriter:
    """Adds and removes documents in a building generation, then commits it with its sidecars.

    Removals go through Whoosh's own writer (they only mark documents deleted); additions are
    written as new segments by the bulk writer, in batches, and listed in one final TOC.
    """

    def __init__(self, folder: Path, *, analysis: AnalysisSettings = DEFAULT_SETTINGS, procs: int = 1,
                 rows_consumer=None, labeller: Labeller | None = None):
        """`analysis`: how the text fields are analysed, recorded in the generation's format.json
        (the caller has checked it agrees with the generation it appends to).
        `rows_consumer`, if given, sees every paragraph written, in the writer processes:
        its `of_rows(rows)` runs there over each process's share of a batch, and its
        `take(results)` receives the results here, in row order.
        `labeller` gives each paragraph its verb and addressees (the facets of issue 16 §5)."""
        self.folder = folder
        self.format = IndexFormat.current(analysis)
        self.analysis = analysis_for(analysis)
        if whoosh_index.exists_in(str(folder), indexname=INDEX_NAME):
            self.documents = _read_json(folder / "documents.json", {})
            self.compounds = _read_json(folder / "compounds.json", {})
        else:
            whoosh_index.create_in(str(folder), build_schema(), indexname=INDEX_NAME)
            self.documents, self.compounds = {}, {}
        self.procs = procs
        self.rows_consumer = rows_consumer
        self.labeller = labeller
        self.paragraphs_added = 0
        self._removed: list[str] = []
        self._rows: list[dict] = []
        self._segments: list = []
        self._writers: list = []
        self._previous_symbols = sorted(self.documents)
        self._added = _AddedRows()

    def remove_source(self, source: str) -> None:
        """Drop every paragraph and document that came from `source`."""
        self._removed.append(source)
        for symbol in [s for s, record in self.documents.items() if record["source"] == source]:
            del self.documents[symbol]

    def add(self, document: Document, rows: list[dict] | None = None) -> None:
        """`rows`: the document's paragraph_fields (no labeller), if the caller made them already."""
        self.documents[document.symbol] = document_record(document)
        # Labelled where the rows are written (bulk_writer.label_rows): on every core.
        if rows is None:
            rows = [paragraph_fields(document, paragraph) for paragraph in document.paragraphs]
        self._rows += rows
        self.paragraphs_added += len(document.paragraphs)
        if len(self._rows) >= BATCH_PARAGRAPHS:
            self._flush()

    def _flush(self) -> None:
        consumer = self.rows_consumer
        appended = append_segments(self.folder, INDEX_NAME, self._rows, procs=self.procs,
                                   of_rows=consumer.of_rows if consumer else None, using=self.analysis,
                                   labeller=self.labeller)
        self._segments += appended.segments
        if appended.workers is not None:  # reaped at the end of commit, once the sidecars are written
            self._writers.append(appended.workers)
        if self._rows:
            self._added.extend(self._rows, appended.lengths["text"])
            if consumer:
                consumer.take(appended.extras)
        for joined, parts in appended.compounds.items():
            self.compounds.setdefault(joined, parts)
        self._rows = []

    def cancel(self) -> None:
        """Nothing to undo: unpublished segments die with the building folder."""
        self._rows = []
        self._release_writers()

    def commit(self) -> None:
        index = whoosh_index.open_dir(str(self.folder), indexname=INDEX_NAME)
        if self._removed:
            writer = index.writer(codec=make_codec())
            for source in self._removed:
                writer.delete_by_term("source", source)
            writer.commit(merge=False)
        self._flush()
        publish_segments(self.folder, INDEX_NAME, self._segments)
        _write_json(self.folder / "documents.json", self.documents)
        _write_json(self.folder / "compounds.json", self.compounds)
        write_format(self.folder, self.format)
        index = whoosh_index.open_dir(str(self.folder), indexname=INDEX_NAME)
        with index.reader() as reader:
            arrays = self._arrays_without_reading(reader)
            if arrays is None:
                write_arrays(self.folder / "arrays.npz", reader, self.documents)
            else:
                _save_arrays(self.folder / "arrays.npz", arrays)
        self._release_writers()

    def _release_writers(self) -> None:
        for workers in self._writers:
            workers.release()
        self._writers = []

    def _arrays_without_reading(self, reader) -> dict | None:
        """arrays.npz from the previous generation's rows and the rows just written, without
        unpickling every stored document (which took longer than writing them); None when the
        previous rows cannot be trusted to line up with the index (then `write_arrays` reads)."""
        size = reader.doc_count_all()
        added = self._added.arrays()
        old_size = size - len(added["doc_symbols"])
        path = self.folder / "arrays.npz"
        if old_size:
            try:
                with np.load(path) as stored:
                    previous = {name: stored[name] for name in ARRAY_NAMES}
                    vocabularies = {name: [str(v) for v in stored[name]] for name in VOCABULARIES.values()}
            except (OSError, ValueError, KeyError):
                return None
            if len(previous["doc"]) != old_size or previous["doc"].max(initial=-1) >= len(self._previous_symbols):
                return None
        else:
            previous = {name: np.zeros(0, dtype=dtype) for name, dtype in ARRAY_NAMES.items()}
            vocabularies = {name: [] for name in VOCABULARIES.values()}
        labels = Labels(vocabularies["verb_names"], vocabularies["addressee_names"])
        added["verb"], added["addressee"] = labels.code(added.pop("verbs"), added.pop("addressees"))
        index_of = {symbol: i for i, symbol in enumerate(sorted(self.documents))}
        renumber = np.array([index_of.get(s, -1) for s in self._previous_symbols] + [-1], dtype=np.int32)
        old_doc = renumber[np.where(previous["doc"] >= 0, previous["doc"], len(self._previous_symbols))]
        new_doc = np.array([index_of.get(s, -1) for s in added["doc_symbols"]], dtype=np.int32)
        if reader.has_deletions():
            alive = np.zeros(size, dtype=bool)
            alive[np.fromiter(reader.all_doc_ids(), dtype=np.int64)] = True
        else:  # a fresh build: no need to ask each of its documents (0.1 s at 54,265)
            alive = np.ones(size, dtype=bool)
        arrays = {"doc": np.where(alive, np.concatenate([old_doc, new_doc]), -1).astype(np.int32)}
        for name, dtype in ARRAY_NAMES.items():
            if name != "doc":
                arrays[name] = np.concatenate([previous[name], added[name]]).astype(dtype)
        arrays.update(labels.vocabularies())
        return arrays


ARRAY_NAMES = {"doc": np.int32, "kind": np.int8, "part": np.int8, "number": np.int32, "position": np.int32,
               "length": np.float32, "verb": np.int32, "addressee": np.int64}


def kind_code(kind: str) -> int:
    """0 preambular, 1 operative, 2 annex, 3 footnote (models.KINDS)."""
    return KINDS.index(kind) if kind in KINDS else 0


def part_code(kind: str) -> int:
    """0 resolution, 1 annex, 2 footnote (models.PARTS)."""
    return PARTS.index(part_of(kind))


class _AddedRows:
    """What arrays.npz needs of each paragraph written in this run, in document-number order."""

    def __init__(self) -> None:
        self.symbols: list[str] = []
        self.verbs: list[str | None] = []
        self.addressees: list[list[str] | None] = []
        self.parts: dict[str, list[np.ndarray]] = {"kind": [], "part": [], "number": [], "position": [], "length": []}

    def extend(self, rows: list[dict], text_lengths: np.ndarray) -> None:
        self.symbols += [row["doc"] for row in rows]
        self.verbs += [row.get("verb") for row in rows]
        self.addressees += [row.get("addressees") for row in rows]
        self.parts["kind"].append(np.array([kind_code(row["kind"]) for row in rows], dtype=np.int8))
        self.parts["part"].append(np.array([part_code(row["kind"]) for row in rows], dtype=np.int8))
        self.parts["number"].append(np.array([row["number"] for row in rows], dtype=np.int32))
        self.parts["position"].append(np.array([row["position"] for row in rows], dtype=np.int32))
        # BM25 reads lengths as Whoosh stores them: one byte, logarithmic.
        self.parts["length"].append(_STORED_LENGTH[length_bytes(text_lengths)])

    def arrays(self) -> dict:
        found: dict[str, Any] = {name: np.concatenate(parts) if parts else np.zeros(0)
                                 for name, parts in self.parts.items()}
        found["doc_symbols"] = self.symbols
        found["verbs"], found["addressees"] = self.verbs, self.addressees
        return found


_STORED_LENGTH = np.array([byte_to_length(b) for b in range(256)], dtype=np.float32)


def write_arrays(path: Path, reader, documents: dict) -> None:
    """One row per Whoosh document number; `doc` is the index into sorted(documents), -1 if deleted."""
    symbols = sorted(documents)
    index_of = {symbol: i for i, symbol in enumerate(symbols)}
    size = reader.doc_count_all()
    doc = np.full(size, -1, dtype=np.int32)
    kind = np.zeros(size, dtype=np.int8)
    part = np.zeros(size, dtype=np.int8)
    number = np.zeros(size, dtype=np.int32)
    position = np.zeros(size, dtype=np.int32)
    length = np.zeros(size, dtype=np.float32)
    labels = Labels([], [])
    verb = np.full(size, -1, dtype=np.int32)
    addressee = np.zeros(size, dtype=np.int64)
    for docnum, stored in reader.iter_docs():
        doc_index = index_of.get(stored["doc"])
        if doc_index is None:
            continue
        doc[docnum] = doc_index
        kind[docnum] = kind_code(stored["kind"])
        part[docnum] = part_code(stored["kind"])
        number[docnum] = stored["number"]
        position[docnum] = stored["position"]
        length[docnum] = reader.doc_field_length(docnum, "text", 0)
        verb[docnum] = labels.verb_code(stored.get("verb"))
        addressee[docnum] = labels.addressee_bits(stored.get("addressees"))
    _save_arrays(path, {"doc": doc, "kind": kind, "part": part, "number": number, "position": position,
                        "length": length, "verb": verb, "addressee": addressee, **labels.vocabularies()})


def _save_arrays(path: Path, arrays: dict) -> None:
    # Write beside and rename: `path` may be a hard link shared with the live generation.
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as handle:
        np.savez(handle, **arrays)
    tmp.replace(path)


def _read_json(path: Path, default):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return default


def _write_json(path: Path, value) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
