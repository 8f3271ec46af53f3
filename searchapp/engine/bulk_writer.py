"""Writes standard Whoosh segments several times faster than Whoosh's own writer.

Whoosh's SegmentWriter sends every posting through a sorting pool (pickled to temporary runs),
then through `FieldWriter.add_postings` one call per posting, looking up the document's field
length for each. Here a batch of paragraphs is analysed once, postings are grouped per term in
memory, and each term's postings are handed to the codec's block writer a whole block at a time.
The files are the same W3 codec files Whoosh writes and reads; `tests/test_engine_bulk_writer.py`
checks term by term that both writers produce the same postings, lengths and stored fields.

Two worker processes (fork) each write their own segment from half of a batch; the parent then
lists the new segments in a new TOC after the existing ones.
"""

from __future__ import annotations

import multiprocessing
from array import array
from collections import defaultdict
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec, W3TermInfo
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC
from whoosh.system import pack_uint

from .schema import _ChainAnalyzer

# whoosh-reloaded 2.7.5 calls `set_inline`, but the method is named `set_inlined`: without this
# alias no posting list is ever inlined (and inlinelimit > 1 crashes).
if not hasattr(W3TermInfo, "set_inline"):
    W3TermInfo.set_inline = W3TermInfo.set_inlined

# Short posting lists live inside the term table (no block to seek and unpickle); blocks are not
# zlib-compressed (reading them back is the hot path of every search).
CODEC_OPTIONS = {"blocklimit": 128, "compression": 0, "inlinelimit": 8}


def make_codec() -> W3Codec:
    return W3Codec(**CODEC_OPTIONS)


def _field_postings(field, value: str):
    """(term bytes, frequency, encoded value) per distinct term, and the field length."""
    analyzer = field.analyzer
    fmt = field.format
    if isinstance(analyzer, _ChainAnalyzer):
        grouped: dict[str, list[int]] = defaultdict(list)
        for text, position in analyzer.pairs(value):
            grouped[text].append(position)
        positional = fmt.supports("positions")
        items = []
        for text, positions in grouped.items():
            frequency = len(positions)
            encoded = fmt.encode(positions) if positional else pack_uint(frequency)
            items.append((text.encode("utf-8"), frequency, encoded))
        return items, sum(len(p) for p in grouped.values())
    items = [(tbytes, freq, vbytes) for tbytes, freq, _, vbytes in field.index(value)]
    return items, sum(freq for _, freq, _ in items)


def write_segment(folder: Path, schema, indexname: str, rows: list[dict]):
    """One new segment holding `rows` (field dicts); returns the segment object for the TOC."""
    storage = FileStorage(str(folder))
    codec = make_codec()
    segment = codec.new_segment(storage, indexname)
    perdoc = codec.per_document_writer(storage, segment)
    postings: dict[str, dict[bytes, tuple[array, array, list]]] = defaultdict(dict)
    lengths: dict[str, array] = defaultdict(lambda: array("I"))
    names = sorted({name for row in rows for name in row})
    for docnum, row in enumerate(rows):
        perdoc.start_doc(docnum)
        for name in names:
            value = row.get(name)
            field = schema[name]
            length = 0
            if value is not None and field.indexed:
                items, length = _field_postings(field, value)
                terms = postings[name]
                for tbytes, frequency, encoded in items:
                    entry = terms.get(tbytes)
                    if entry is None:
                        entry = terms[tbytes] = (array("I"), array("f"), [])
                    entry[0].append(docnum)
                    entry[1].append(float(frequency))
                    entry[2].append(encoded)
            if field.scorable:
                lengths[name].append(length)
            perdoc.add_field(name, field, value if field.stored else None, length if field.scorable else 0)
        perdoc.finish_doc()
    perdoc.close()
    fieldwriter = codec.field_writer(storage, segment)
    for name in sorted(postings):
        field = schema[name]
        fieldwriter.start_field(name, field)
        field_lengths = lengths.get(name)
        for tbytes in sorted(postings[name]):
            ids, weights, values = postings[name][tbytes]
            fieldwriter.start_term(tbytes)
            _add_term_postings(fieldwriter._postwriter, ids, weights, values, field_lengths)
            fieldwriter.finish_term()
        fieldwriter.finish_field()
    fieldwriter.close()
    segment.set_doc_count(len(rows))
    return segment


def _add_term_postings(postwriter, ids: array, weights: array, values: list, field_lengths) -> None:
    """Fill the codec's block buffer a block at a time, keeping its statistics as add_posting
    would; the final block stays buffered for finish_postings (which marks it last or inlines it)."""
    limit = postwriter._blocklimit
    count = len(ids)
    for start in range(0, count, limit):
        end = min(start + limit, count)
        block_ids = ids[start:end]
        postwriter._ids = block_ids
        postwriter._weights = weights[start:end]
        postwriter._values = [v for v in values[start:end] if v]
        postwriter._maxweight = max(postwriter._weights)
        if field_lengths is not None:
            block_lengths = [field_lengths[i] for i in block_ids]
            nonzero = [n for n in block_lengths if n]
            postwriter._minlength = min(nonzero) if nonzero else None
            postwriter._maxlength = max(block_lengths)
        else:
            postwriter._minlength, postwriter._maxlength = None, 0
        if end < count:
            postwriter._write_block()


def _worker(args):
    folder, indexname, start, end = args
    return write_segment(Path(folder), _SHARED["schema"], indexname, _SHARED["rows"][start:end])


_SHARED: dict = {}


def append_segments(folder: Path, indexname: str, rows: list[dict], *, procs: int = 2) -> list:
    """Write `rows` as one segment per process; returns the new segments (not yet in a TOC)."""
    if not rows:
        return []
    schema = whoosh_index.open_dir(str(folder), indexname=indexname).schema
    if procs <= 1 or len(rows) < 2000:
        return [write_segment(folder, schema, indexname, rows)]
    _SHARED.update(schema=schema, rows=rows)  # inherited by the forked workers, not pickled
    try:
        step = -(-len(rows) // procs)
        jobs = [(str(folder), indexname, i, min(i + step, len(rows))) for i in range(0, len(rows), step)]
        with multiprocessing.get_context("fork").Pool(len(jobs)) as pool:
            return pool.map(_worker, jobs)
    finally:
        _SHARED.clear()


def publish_segments(folder: Path, indexname: str, segments: list) -> None:
    """A new TOC: the index's current segments followed by `segments`."""
    if not segments:
        return
    storage = FileStorage(str(folder))
    ix = whoosh_index.open_dir(str(folder), indexname=indexname)
    toc = ix._read_toc()
    TOC(toc.schema, list(toc.segments) + list(segments), toc.generation + 1).write(storage, indexname)
