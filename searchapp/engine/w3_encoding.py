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
    """Appends records to Whoosh's OrderedHashWriter without its per-record method calls."""

    def __init__(self, hash_writer):
        self.writer = hash_writer
        self.file = hash_writer.dbfile
        self.position = self.file.tell()
        self.pending: list[bytes] = []
        self.pending_size = 0
        self.index: list[int] = []
        self.last_key = b""

    def add(self, key: bytes, value: bytes) -> None:
        record = _LENGTHS.pack(len(key), len(value)) + key + value
        self.index.append(self.position)
        h = int.from_bytes(md5(key, usedforsecurity=False).digest()[-4:], "big")
        self.writer.buckets[h & 255].append((h, self.position))
        self.pending.append(record)
        self.position += len(record)
        self.pending_size += len(record)
        if self.pending_size > _FLUSH_BYTES:
            self.flush()
        self.last_key = key

    def flush(self) -> None:
        self.file.write(b"".join(self.pending))
        self.pending, self.pending_size = [], 0

    def finish(self) -> None:
        """Hand the key positions to the hash writer, whose close() writes tables and index."""
        self.flush()
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
    prefix = _USHORT.pack(field_id)
    starts = postings.starts
    heads = starts[:-1]
    freqs = postings.freqs
    if scorable:
        posting_lb = length_bytes(postings.lengths)[postings.docs]
    else:  # no lengths: Whoosh records None (byte 0) as the minimum and 0 as the maximum
        posting_lb = np.zeros(len(postings.docs), dtype=np.int64)
    term_weight = np.add.reduceat(freqs, heads).astype(float).tolist()
    term_maxweight = np.maximum.reduceat(freqs, heads).astype(float).tolist()
    term_minlb = np.minimum.reduceat(posting_lb, heads).tolist()
    term_maxlb = np.maximum.reduceat(posting_lb, heads).tolist()
    docs = postings.docs.tolist()
    delta_array = _block_deltas(postings.docs, starts, blocklimit)
    deltas = delta_array.tolist()
    weight_list = freqs.astype(float).tolist()
    starts_list = starts.tolist()
    value_list = postings.values if value_size is POSITIONS else None
    frequency_bytes = freqs.astype(">u4").tobytes() if value_size == FREQUENCY else b""
    # Each block's smallest and largest frequency, length byte and delta, for all blocks at once.
    bounds = _block_bounds(starts, blocklimit, inlinelimit)
    block_low, block_high, block_min_lb, block_max_lb, block_top = (
        # reduceat over [start, end, start, end, ...]: the even results are the blocks; a zero
        # appended so that an end at the last posting is a valid index
        reduce(np.append(values, 0), bounds)[0::2].tolist() if len(bounds) else []
        for reduce, values in ((np.minimum.reduceat, freqs), (np.maximum.reduceat, freqs),
                               (np.minimum.reduceat, posting_lb), (np.maximum.reduceat, posting_lb),
                               (np.maximum.reduceat, delta_array)))
    block = 0
    pack_info = _TERMINFO.pack
    for t, tbytes in enumerate(postings.terms):
        a, b = starts_list[t], starts_list[t + 1]
        df = b - a
        head = (term_weight[t], df, term_minlb[t], term_maxlb[t], term_maxweight[t], docs[a], docs[b - 1])
        if df < inlinelimit:
            if value_list is not None:
                vals = tuple(value_list[a:b])
            elif frequency_bytes:
                vals = tuple(frequency_bytes[i:i + 4] for i in range(4 * a, 4 * b, 4))
            else:
                vals = ()
            info = pack_info(1, *head) + dumps((tuple(docs[a:b]), tuple(weight_list[a:b]), vals), PICKLE_PROTOCOL)
        else:
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
                    weights = array("f", weight_list[s:e])
                block_values: tuple | bytes | None
                if value_list is not None:
                    block_values = tuple(value_list[s:e])
                elif frequency_bytes:
                    block_values = frequency_bytes[4 * s:4 * e]
                else:
                    block_values = None
                top = block_top[block]
                typecode = "B" if top < 256 else "H" if top < 65536 else "I"
                data = dumps((array(typecode, deltas[s:e]), weights, block_values), PICKLE_PROTOCOL)
                block_info = dumps((e - s, docs[e - 1], float(high), 0, block_min_lb[block], block_max_lb[block]),
                                   PICKLE_PROTOCOL)
                block += 1
                length = len(block_info) + len(data)
                postfile.write(_INT.pack(-length if e == b else length) + block_info + data)
            info = pack_info(0, *head) + _LONG.pack(offset) + _INT.pack(postfile.position - offset)
        table.add(prefix + tbytes.encode("utf-8"), info)


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
