"""Writes standard Whoosh segments several times faster than Whoosh's own writer.

Whoosh's SegmentWriter sends every posting through a sorting pool (pickled to temporary runs),
then through `FieldWriter.add_postings` one call per posting, looking up the document's field
length for each. Here a batch of paragraphs is inverted at once with NumPy (inversion.py) and the
term table and postings are encoded from those arrays (w3_encoding.py); stored fields and field
lengths go through Whoosh's own column writers. The files are the same W3 codec files Whoosh
writes and reads; `tests/test_engine_bulk_writer.py` checks term by term that both writers produce
the same postings, term statistics, lengths and stored fields.

Two worker processes (fork) each write their own segment from half of a batch; the parent then
lists the new segments in a new TOC after the existing ones.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import index as whoosh_index
from whoosh.analysis import IDTokenizer
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import FileStorage

from searchapp.engine.inversion import FieldPostings, Inversion, invert
from searchapp.engine.labels import Labeller
from searchapp.engine.rare_positions import RareOccurrences, no_occurrences, write_rare_positions
from searchapp.engine.schema import (
    ExactAnalyzer,
    ShingleAnalyzer,
    StemmedAnalyzer,
    _ChainAnalyzer,
)
from searchapp.engine.w3_encoding import (
    PostingsFile,
    TermTable,
    length_bytes,
    write_field,
)
from searchapp.engine.whoosh_internals import (
    append_to_toc,
    field_writer_parts,
    set_document_count,
    stored_column_writer,
    write_length_column,
)
from searchapp.text.analysers import DEFAULT_ANALYSIS, Analysis

# Short posting lists live inside the term table (no block to seek and unpickle); blocks are not
# zlib-compressed (reading them back is the hot path of every search) and hold 1,024 postings,
# not Whoosh's 128: postings.py decodes whole lists, so each block is only unpickling overhead
# (the 3-term AND of the benchmark: 11.5 -> 9.1 ms; index 325 -> 303 MB at 100k paragraphs).
CODEC_OPTIONS = {"blocklimit": 1024, "compression": 0, "inlinelimit": 8}
# Stored fields go into Whoosh's compressed column at zlib level 0 ("stored" blocks, which any
# reader decompresses like the others): inflating a compressed paragraph took ~8 us, a third of
# what exporting it costs, and compressing it ~27 us at build time; level 0 takes 1-2 and 3-4 us
# for ~55% more bytes in that column (about +6% index size).
STORED_ZLIB_LEVEL = 0
PARALLEL_MIN_ROWS = 2000  # below this, forking the writer processes costs more than it saves
# What one row costs a writer process besides its text, in characters of text: its stored fields,
# its `pid` term, its labels and citations are work per row. Measured on the corpus's 54,265
# rows (the two workers' CPU seconds, machine load 3-5, so +-0.2 s): shares of equal characters
# took 4.50 and 5.03, 4.84 and 5.07 s (the second, the Council's, has 3,700 more and shorter
# paragraphs); weighted 2,500 a row, 4.79 and 4.82, 5.00 and 5.10, 5.18 and 4.95 s.
ROW_CHARACTERS = 2500


def make_codec() -> W3Codec:
    return W3Codec(**CODEC_OPTIONS)


def write_segment(folder: Path, schema, indexname: str, rows: list[dict], using: Analysis = DEFAULT_ANALYSIS):
    """One new segment holding `rows` (field dicts), text analysed with `using`; returns the
    segment, the compounds found and each text field's length per row."""
    storage = FileStorage(str(folder))
    codec = make_codec()
    segment = codec.new_segment(storage, indexname)
    names = sorted(name for name in set().union(*rows) if name in schema)  # not "language"
    inverted, compounds, rare = _invert_fields(schema, names, rows, using)
    write_rare_positions(folder, segment, rare)  # what phrases of rarer words are read from
    _write_documents(codec.per_document_writer(storage, segment), schema, names, rows, inverted)
    fieldwriter = codec.field_writer(storage, segment)
    term_index, postings_file, field_numbers = field_writer_parts(fieldwriter)
    table = TermTable(term_index)
    postfile = PostingsFile(postings_file)
    for name in sorted(inverted):
        field = schema[name]
        field_id = field_numbers.setdefault(name, len(field_numbers))
        write_field(table, postfile, field_id, inverted[name], field.format.fixed_value_size(),
                    field.scorable, blocklimit=CODEC_OPTIONS["blocklimit"],
                    inlinelimit=CODEC_OPTIONS["inlinelimit"])
    table.finish()
    postfile.flush()
    fieldwriter.close()
    segment.set_doc_count(len(rows))
    lengths = {name: postings.lengths for name, postings in inverted.items() if schema[name].scorable}
    return segment, compounds, lengths


def _invert_fields(schema, names: list[str], rows: list[dict],
                   using: Analysis) -> tuple[dict[str, FieldPostings], dict, RareOccurrences]:
    """Postings of every indexed field; the three text fields share one inversion when (as
    always here) they index the same text; and the rarer words' positions of that text."""
    found: dict[str, FieldPostings] = {}
    inversions: list[tuple[list, Inversion]] = []
    compounds: dict[str, list[str]] = {}
    for name in names:
        field = schema[name]
        if not field.indexed:
            continue
        values = [row.get(name) for row in rows]
        languages = [row.get("language") for row in rows]
        analyzer = field.analyzer
        if isinstance(analyzer, _ChainAnalyzer):
            inversion = next((inv for seen, inv in inversions
                              if all(a is b for a, b in zip(seen, values))), None)
            if inversion is None:
                inversion = invert([v or "" for v in values], using,
                                   languages if any(languages) else None)
                inversions.append((values, inversion))
                for joined, parts in inversion.compounds.items():
                    compounds.setdefault(joined, parts)
            found[name] = {StemmedAnalyzer: inversion.stems, ExactAnalyzer: inversion.words,
                           ShingleAnalyzer: inversion.shingles}[type(analyzer)]
        else:
            found[name] = _identifier_postings(field, values)
    return found, compounds, inversions[0][1].rare if inversions else no_occurrences()


def _identifier_postings(field, values: list) -> FieldPostings:
    """ID fields (one term per value, a handful of documents each) through Whoosh's own analysis."""
    by_term: dict[str, list[int]] = {}
    whole_value = type(field.analyzer) is IDTokenizer  # the value is the term: skip the analysis
    for docnum, value in enumerate(values):
        if value is None:
            continue
        if whole_value:
            by_term.setdefault(value, []).append(docnum)
            continue
        for tbytes, _, _, _ in field.index(value):
            by_term.setdefault(tbytes.decode("utf-8"), []).append(docnum)
    terms = sorted(by_term)
    docs = [d for t in terms for d in by_term[t]]
    starts = np.cumsum([0] + [len(by_term[t]) for t in terms]).astype(np.int64)
    return FieldPostings(terms, starts, np.array(docs, dtype=np.int64), np.ones(len(docs), dtype=np.int64),
                         np.zeros(len(values), dtype=np.int64))


def _write_documents(perdoc, schema, names: list[str], rows: list[dict], inverted: dict) -> None:
    """Stored fields (one pickled, compressed dict per document) and each scorable field's
    length column, as W3PerDocWriter.add_field would write them."""
    stored_names = [name for name in names if schema[name].stored]
    stored = stored_column_writer(perdoc, STORED_ZLIB_LEVEL)
    for docnum, row in enumerate(rows):
        stored.add(docnum, {name: row[name] for name in stored_names if row.get(name) is not None})
    for name in names:
        if name not in inverted or not schema[name].scorable:
            continue
        lengths = inverted[name].lengths
        total = int(lengths.sum())
        if not total:
            continue  # Whoosh creates the column at the first non-zero length
        write_length_column(perdoc, name, length_bytes(lengths).astype(np.uint8).tobytes(), len(rows), total)
    set_document_count(perdoc, len(rows))
    perdoc.close()


def label_rows(rows: list[dict], labeller: Labeller | None) -> list[tuple]:
    """Give each row its stored `verb` and `addressees` (None when empty), as
    writing.paragraph_fields would with the labeller; returns them, in row order."""
    if labeller is None:
        return []
    found = []
    for row in rows:
        verb, addressees = labeller(row["kind"], row["text"])
        row["verb"] = verb or None
        row["addressees"] = list(addressees) or None
        found.append((row["verb"], row["addressees"]))
    return found


def _worker(args):
    folder, indexname, start, end = args
    rows = _SHARED["rows"][start:end]  # this process's copies: labelled here
    labels = label_rows(rows, _SHARED["labeller"])
    of_rows = _SHARED["of_rows"]
    segment = write_segment(Path(folder), _SHARED["schema"], indexname, rows, _SHARED["using"])
    return segment, of_rows(rows) if of_rows else None, labels


_SHARED: dict = {}


def _shares(rows: list[dict], procs: int) -> list[tuple[int, int]]:
    """`procs` consecutive (start, end) row ranges of about equal work, a row weighing its
    characters of text plus ROW_CHARACTERS: paragraphs differ in length by era (the corpus's
    first half of rows, the Assembly's, holds 15% more text than the second, the Council's), and
    much of the work is per row."""
    sizes = np.cumsum([len(row.get("text") or "") + ROW_CHARACTERS for row in rows])
    cuts = (np.searchsorted(sizes, sizes[-1] * np.arange(1, procs) / procs) + 1).tolist()
    bounds = sorted({0, len(rows), *(min(max(cut, 1), len(rows) - 1) for cut in cuts)})
    return list(zip(bounds, bounds[1:]))


def append_segments(folder: Path, indexname: str, rows: list[dict], *, procs: int = 2,
                    of_rows: Callable[[list[dict]], object] | None = None,
                    using: Analysis = DEFAULT_ANALYSIS, labeller: Labeller | None = None) -> Appended:
    """Write `rows` as one segment per process (not yet in a TOC), analysed with `using`. `of_rows`, if given, is run
    in the same processes over each one's share of the rows: other work that must read every
    paragraph gets both cores and no second pass. `labeller`, if given, labels the rows there
    first (label_rows: their `verb` and `addressees`, also set in `rows` here)."""
    if not rows:
        return Appended([], {}, {}, [])
    schema = whoosh_index.open_dir(str(folder), indexname=indexname).schema
    results: list[tuple[tuple, object, list[tuple]]]  # (write_segment's, of_rows's, the labels)
    workers = None
    if procs <= 1 or len(rows) < PARALLEL_MIN_ROWS:
        label_rows(rows, labeller)
        results = [(write_segment(folder, schema, indexname, rows, using), of_rows(rows) if of_rows else None, [])]
    else:
        # Inherited by the forked workers, not pickled.
        _SHARED.update(schema=schema, rows=rows, of_rows=of_rows, using=using, labeller=labeller)
        try:
            jobs = [(str(folder), indexname, start, end) for start, end in _shares(rows, procs)]
            # Ctrl-C is left to this process, which terminates them (else each printed a traceback).
            workers = multiprocessing.get_context("fork").Pool(len(jobs), initializer=signal.signal,
                                                               initargs=(signal.SIGINT, signal.SIG_IGN))
            try:
                results = workers.map(_worker, jobs)
            except BaseException:
                workers.terminate()
                raise
            # Done: they exit by themselves now, each freeing its memory (0.04-0.09 s the parent
            # waited for, on the corpus), while this process goes on; Workers.release reaps them.
            workers.close()
        finally:
            _SHARED.clear()
        # The workers labelled their copies of the rows: the arrays are made from these.
        for row, (verb, addressees) in zip(rows, (found for _, _, labels in results for found in labels)):
            row["verb"], row["addressees"] = verb, addressees
    compounds: dict[str, list[str]] = {}
    for (_, found, _), _, _ in results:
        for joined, parts in found.items():
            compounds.setdefault(joined, parts)
    lengths = {name: np.concatenate([written[2][name] for written, _, _ in results]) for name in results[0][0][2]}
    return Appended([written[0] for written, _, _ in results], compounds, lengths,
                    [extra for _, extra, _ in results], Workers(workers) if workers is not None else None)


@dataclass
class Appended:
    """What append_segments wrote: segments (for the TOC), the hyphenated compounds met (joined
    form -> parts), each text field's length per row, `of_rows` results in row order, and the
    writer processes, to be released."""

    segments: list
    compounds: dict[str, list[str]]
    lengths: dict[str, np.ndarray]
    extras: list
    workers: Workers | None = None  # the processes that wrote them, if any


class Workers:
    """Writer processes that are done and exit by themselves: `release` waits until they are
    gone (dropping this object also reaps them, waiting then)."""

    def __init__(self, pool: Any) -> None:
        self._pool = pool

    def release(self) -> None:
        if self._pool is not None:
            self._pool.join()
            self._pool = None


def publish_segments(folder: Path, indexname: str, segments: list) -> None:
    """A new TOC: the index's current segments followed by `segments`."""
    if not segments:
        return
    append_to_toc(folder, indexname, segments)
