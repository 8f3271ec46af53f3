"""Encodes inverted postings (inversion.FieldPostings) into Whoosh's W3 term table and postings.

The bytes are those W3FieldWriter and W3PostingsWriter write (whoosh-reloaded 2.7.5, pinned):
for each term, a term-info record in the ordered hash file (`.trm`) and, when the term has
`inlinelimit` postings or more, blocks of `blocklimit` postings in the postings file (`.pst`).
Whoosh does this one posting and one method call at a time; here the per-term and per-block
statistics are NumPy reductions and the loop over terms only packs and pickles.

Two deliberate differences, both read by Whoosh's reader as before:
- term infos and blocks are pickled with protocol 3, not Whoosh's 2, which writes every bytes
  value (each posting's encoded positions or frequency) as a call to `_codecs.encode`: six times
  slower to write and to read back, and a third larger;
- a block's doc-number deltas (and its weights when they differ) are an `array` (the smallest
  typecode that fits) instead of a tuple of ints: it unpickles as one copy of bytes, and
  postings.py turns it into NumPy without a Python loop. Whoosh only iterates and indexes them.
"""

from __future__ import annotations

import struct
from array import array
from hashlib import md5
from itertools import accumulate
from pickle import dumps

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC
from whoosh.util.numeric import length_to_byte

from searchapp.engine.inversion import FieldPostings
from searchapp.engine.whoosh_internals import (
    TERMINFO_STRUCT,
    replace_hash_tables_writer,
)

_INT = struct.Struct("!i")
_LONG = struct.Struct("!q")
_USHORT = struct.Struct("!H")
_LENGTHS = struct.Struct("!ii")  # filetables: key and value lengths before each record
_TERMINFO = TERMINFO_STRUCT
_FLUSH_BYTES = 1 << 22
PICKLE_PROTOCOL = 3

# Formats by the size of their encoded value (Format.fixed_value_size()).
EXISTENCE, FREQUENCY, POSITIONS = 0, 4, None


def length_bytes(lengths: np.ndarray) -> np.ndarray:
    """`length_to_byte` of every length (a monotonic table lookup)."""
    if not len(lengths):
        return np.zeros(0, dtype=np.int64)
    table = np.array([length_to_byte(n) for n in range(int(lengths.max()) + 1)], dtype=np.int64)
    return table[lengths]


class TermTable:
    """Appends records to Whoosh's OrderedHashWriter without its per-record method calls: a
    field's records in one write."""

    def __init__(self, hash_writer):
        self.writer = hash_writer
        self.file = hash_writer.dbfile
        self.position = self.file.tell()
        self.index: list[int] = []
        self.last_key = b""

    def add_all(self, keys: list[bytes], values: list[bytes]) -> None:
        """Append a record per (key, value), in order: what HashWriter.add does for each."""
        if not keys:
            return
        pack = _LENGTHS.pack
        records = [pack(len(key), len(value)) + key + value for key, value in zip(keys, values)]
        where = list(accumulate(map(len, records), initial=self.position))
        self.position = where.pop()
        self.index += where
        buckets = self.writer.buckets
        for key, position in zip(keys, where):
            h = int.from_bytes(md5(key, usedforsecurity=False).digest()[-4:], "big")
            buckets[h & 255].append((h, position))
        self.file.write(b"".join(records))
        self.last_key = keys[-1]

    def finish(self) -> None:
        """Hand the key positions to the hash writer, whose close() writes tables and index."""
        if self.index:
            top = self.index[-1]
            typecode = "H" if top < 2**16 else "i" if top < 2**31 else "I" if top < 2**32 else "q"
            self.writer.index.array = array(typecode, self.index)
        self.writer.lastkey = self.last_key
        replace_hash_tables_writer(self.writer, self._write_hashes)

    def _write_hashes(self) -> None:
        """HashWriter._write_hashes (the 256 open-addressing tables) with one write per table
        instead of one per slot."""
        writer = self.writer
        for entries in writer.buckets:
            position = self.file.tell()
            slots = 2 * len(entries)
            writer.directory.append((position, slots))
            table: list = [None] * slots
            for hashval, where in entries:
                slot = (hashval >> 8) % slots
                while table[slot] is not None:
                    slot = (slot + 1) % slots
                table[slot] = (hashval, where)
            flat: list[int] = []
            for entry in table:
                flat.extend(entry or (0, 0))
            self.file.write(struct.pack("!" + "Iq" * slots, *flat))


class PostingsFile:
    """Buffered appends to the postings file, keeping the offset Whoosh's tell() would give."""

    def __init__(self, structfile):
        self.file = structfile
        self.position = structfile.tell()
        self.pending: list[bytes] = []
        self.pending_size = 0

    def write(self, data: bytes) -> None:
        self.pending.append(data)
        self.position += len(data)
        self.pending_size += len(data)
        if self.pending_size > _FLUSH_BYTES:
            self.flush()

    def flush(self) -> None:
        self.file.write(b"".join(self.pending))
        self.pending, self.pending_size = [], 0


def write_field(table: TermTable, postfile: PostingsFile, field_id: int, postings: FieldPostings,
                value_size: int | None, scorable: bool, *, blocklimit: int, inlinelimit: int) -> None:
    """Term info (and blocks for long lists) of every term of one field, in term order."""
    if not postings.terms:
        return
    starts = postings.starts
    first = starts[:-1]
    counts = np.diff(starts)
    freqs = postings.freqs
    if scorable:
        posting_lb = length_bytes(postings.lengths)[postings.docs]
    else:  # no lengths: Whoosh records None (byte 0) as the minimum and 0 as the maximum
        posting_lb = np.zeros(len(postings.docs), dtype=np.int64)
    inlined = counts < inlinelimit
    heads = _term_info_heads(
        inlined=inlined, weight=np.add.reduceat(freqs, first), df=counts,
        minlb=np.minimum.reduceat(posting_lb, first), maxlb=np.maximum.reduceat(posting_lb, first),
        maxweight=np.maximum.reduceat(freqs, first), mindoc=postings.docs[first],
        maxdoc=postings.docs[starts[1:] - 1])
    size = _TERMINFO.size
    infos = [heads[at:at + size] for at in range(0, len(heads), size)]
    values = postings.values if value_size is POSITIONS else None
    _write_blocks(postfile, infos, postings, posting_lb, values, value_size == FREQUENCY,
                  blocklimit=blocklimit, inlinelimit=inlinelimit)
    _inline_postings(infos, postings, inlined, values, value_size == FREQUENCY)
    prefix = _USHORT.pack(field_id)
    table.add_all([prefix + term.encode("utf-8") for term in postings.terms], infos)


# array typecodes of block deltas, and the NumPy types with the same machine layout
_DELTA_TYPES = {"B": np.uint8, "H": np.ushort, "I": np.uintc}


def _write_blocks(postfile: PostingsFile, infos: list[bytes], postings: FieldPostings, posting_lb: np.ndarray,
                  values: list[bytes] | None, frequencies: bool, *, blocklimit: int, inlinelimit: int) -> None:
    """The postings of every term with `inlinelimit` postings or more, in blocks of `blocklimit`
    (W3PostingsWriter's blocks); each such term's info gets the blocks' offset and length."""
    starts, freqs = postings.starts, postings.freqs
    delta_array = _block_deltas(postings.docs, starts, blocklimit)
    frequency_bytes = freqs.astype(">u4").tobytes() if frequencies else b""
    # Every posting's delta in each array width and its weight as a 4-byte float, as bytes: a
    # block's are a slice (a block uses the width its largest delta needs).
    delta_bytes = {code: (delta_array.astype(kind).tobytes(), np.dtype(kind).itemsize)
                   for code, kind in _DELTA_TYPES.items()}
    weight_bytes = freqs.astype(np.float32).tobytes()
    # Each block's smallest and largest frequency, length byte and delta, for all blocks at once.
    bounds = _block_bounds(starts, blocklimit, inlinelimit)
    block_low, block_high, block_min_lb, block_max_lb, block_top = (
        # reduceat over [start, end, start, end, ...]: the even results are the blocks; a zero
        # appended so that an end at the last posting is a valid index
        reduce(np.append(values, 0), bounds)[0::2].tolist() if len(bounds) else []
        for reduce, values in ((np.minimum.reduceat, freqs), (np.maximum.reduceat, freqs),
                               (np.minimum.reduceat, posting_lb), (np.maximum.reduceat, posting_lb),
                               (np.maximum.reduceat, delta_array)))
    block_last_doc = postings.docs[bounds[1::2] - 1].tolist() if len(bounds) else []
    starts_list = starts.tolist()
    block = 0
    for t in np.flatnonzero(np.diff(starts) >= inlinelimit).tolist():  # in term order: offsets grow
        a, b = starts_list[t], starts_list[t + 1]
        offset = postfile.position
        postfile.write(WHOOSH3_HEADER_MAGIC)
        for s in range(a, b, blocklimit):
            e = min(s + blocklimit, b)
            low, high = block_low[block], block_high[block]
            weights: float | array | None
            if high == 1:
                weights = None
            elif low == high:
                weights = float(low)
            else:
                weights = array("f", weight_bytes[4 * s:4 * e])
            block_values: tuple | bytes | None
            if values is not None:
                block_values = tuple(values[s:e])
            elif frequency_bytes:
                block_values = frequency_bytes[4 * s:4 * e]
            else:
                block_values = None
            top = block_top[block]
            typecode = "B" if top < 256 else "H" if top < 65536 else "I"
            packed, width = delta_bytes[typecode]
            deltas = array(typecode, packed[width * s:width * e])
            data = dumps((deltas, weights, block_values), PICKLE_PROTOCOL)
            block_info = dumps((e - s, block_last_doc[block], float(high), 0, block_min_lb[block],
                                block_max_lb[block]), PICKLE_PROTOCOL)
            block += 1
            length = len(block_info) + len(data)
            postfile.write(_INT.pack(-length if e == b else length) + block_info + data)
        infos[t] += _LONG.pack(offset) + _INT.pack(postfile.position - offset)


def _inline_postings(infos: list[bytes], postings: FieldPostings, inlined: np.ndarray,
                     values: list[bytes] | None, frequencies: bool) -> None:
    """Each short list's postings pickled after its term info, as W3FieldWriter inlines them:
    (document numbers, weights, encoded values); only these postings become Python objects."""
    counts = np.diff(postings.starts)
    inline = np.flatnonzero(inlined)
    kept = np.flatnonzero(np.repeat(inlined, counts))  # the inlined postings, in order
    docs = postings.docs[kept].tolist()
    weights = postings.freqs[kept].astype(float).tolist()
    ends = np.cumsum(counts[inline])
    spans = zip(inline.tolist(), (ends - counts[inline]).tolist(), ends.tolist(),
                postings.starts[inline].tolist())
    if values is not None:  # positions: `values` is indexed by posting, `o` its offset there
        for t, a, b, o in spans:
            infos[t] += dumps((tuple(docs[a:b]), tuple(weights[a:b]), tuple(values[o:o + b - a])),
                              PICKLE_PROTOCOL)
    elif frequencies:
        frequency_bytes = postings.freqs[kept].astype(">u4").tobytes()
        for t, a, b, _ in spans:
            infos[t] += dumps((tuple(docs[a:b]), tuple(weights[a:b]),
                               tuple(frequency_bytes[i:i + 4] for i in range(4 * a, 4 * b, 4))),
                              PICKLE_PROTOCOL)
    else:
        for t, a, b, _ in spans:
            infos[t] += dumps((tuple(docs[a:b]), tuple(weights[a:b]), ()), PICKLE_PROTOCOL)


# TERMINFO_STRUCT ("!BfIBBfII") as a NumPy record, to pack every term's at once.
_TERMINFO_RECORD = np.dtype([("inlined", "u1"), ("weight", ">f4"), ("df", ">u4"), ("minlb", "u1"),
                             ("maxlb", "u1"), ("maxweight", ">f4"), ("mindoc", ">u4"), ("maxdoc", ">u4")])
assert _TERMINFO_RECORD.itemsize == _TERMINFO.size == 23


def _term_info_heads(**columns: np.ndarray) -> bytes:
    """Every term's W3TermInfo head (inlined flag, weight, document frequency, smallest and
    largest length byte, largest weight, first and last document) as `_TERMINFO.pack` packs
    it, 23 bytes a term, all at once."""
    records = np.empty(len(columns["df"]), dtype=_TERMINFO_RECORD)
    for name, values in columns.items():
        records[name] = values
    return records.tobytes()


def _block_bounds(starts: np.ndarray, blocklimit: int, inlinelimit: int) -> np.ndarray:
    """Each block's start and end (interleaved), in posting order: every `blocklimit` postings of
    each term that has `inlinelimit` postings or more (shorter lists are inlined in the table)."""
    counts = np.diff(starts)
    blocked = np.flatnonzero(counts >= inlinelimit)
    per_term = -(-counts[blocked] // blocklimit)
    within = np.arange(int(per_term.sum()), dtype=np.int64) - np.repeat(np.cumsum(per_term) - per_term, per_term)
    block_start = np.repeat(starts[blocked], per_term) + within * blocklimit
    bounds = np.empty(2 * len(block_start), dtype=np.int64)
    bounds[0::2] = block_start
    bounds[1::2] = np.minimum(block_start + blocklimit, np.repeat(starts[blocked + 1], per_term))
    return bounds


def _block_deltas(docs: np.ndarray, starts: np.ndarray, blocklimit: int) -> np.ndarray:
    """Whoosh's `delta_encode` of every block: each block's first id as is, then differences."""
    deltas = np.empty_like(docs)
    if not len(docs):
        return deltas
    deltas[0] = docs[0]
    deltas[1:] = docs[1:] - docs[:-1]
    heads = starts[:-1]
    within = np.arange(len(docs), dtype=np.int64) - np.repeat(heads, np.diff(starts))
    block_first = within % blocklimit == 0
    deltas[block_first] = docs[block_first]
    return deltas
