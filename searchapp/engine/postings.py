"""Reads a term's postings a block at a time into NumPy arrays.

Whoosh's matcher interface costs about a microsecond per posting in Python calls, and a seek and
two reads per block; its on-disk blocks already hold arrays of doc-number deltas and weights, so
we read a term's blocks in one read and decode them with NumPy. This
reaches into the frozen whoosh-reloaded 2.7.5 codec (W3LeafMatcher), pinned in pyproject.toml.
"""

from __future__ import annotations

import io
import pickle
import struct
import zlib
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3LeafMatcher
from whoosh.reading import EmptyReader

_INT = struct.Struct("!i")
EMPTY_IDS = np.zeros(0, dtype=np.int64)
EMPTY_WEIGHTS = np.zeros(0, dtype=np.float32)


def segment_readers(reader) -> list[tuple[Any, int]]:
    """(segment reader, first global doc number) pairs of a possibly multi-segment reader."""
    if hasattr(reader, "readers"):
        return list(zip(reader.readers, reader.doc_offsets))
    if isinstance(reader, EmptyReader):  # an index with no paragraphs (every file removed)
        return []
    return [(reader, 0)]


def term_postings(segments, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Global doc numbers (sorted) and term frequencies of one term, deleted docs included."""
    id_parts, weight_parts = [], []
    for segment, offset in segments:
        terms = segment._terms
        if (fieldname, btext) not in terms:
            continue
        terminfo = terms.term_info(fieldname, btext)
        if terminfo.is_inlined():  # short posting lists live in the term table
            ids, weights, _ = terminfo.inlined_postings()
            ids, weights = np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float32)
        else:
            start, length = terminfo.extent()
            if isinstance(length, tuple):  # W3TermInfo.from_bytes keeps struct.unpack's tuple
                length = length[0]
            ids, weights = decode_blocks(terms._postfile.get(start, length))
        id_parts.append(ids + offset)
        weight_parts.append(weights)
    if not id_parts:
        return EMPTY_IDS, EMPTY_WEIGHTS
    return np.concatenate(id_parts), np.concatenate(weight_parts)


def decode_blocks(raw: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Doc numbers and weights of every W3 block of one posting list, read from its bytes at once
    (Whoosh's matcher seeks and reads each block separately). Each block is a signed length
    (negative for the last), a pickled info tuple and a pickled (ids, weights, values) tuple;
    ids are deltas restarting from 0 in each block (tuples from Whoosh's writer, arrays from ours)."""
    stream = io.BytesIO(raw)
    position = len(WHOOSH3_HEADER_MAGIC)
    delta_parts, weight_parts, block_starts, previous_last = [], [], [], []
    total, last_id = 0, 0
    while True:
        length = _INT.unpack_from(raw, position)[0]
        position += 4
        end = position + abs(length)
        stream.seek(position)
        count, block_last, _, compression, _, _ = pickle.load(stream)
        data = raw[stream.tell():end]
        ids, weights, _ = pickle.loads(zlib.decompress(data) if compression else data)
        delta_parts.append(np.asarray(ids))
        block_starts.append(total)
        previous_last.append(last_id)
        if weights is None:
            weight_parts.append(np.ones(count, dtype=np.float32))
        elif isinstance(weights, float):
            weight_parts.append(np.full(count, weights, dtype=np.float32))
        else:
            weight_parts.append(np.asarray(weights, dtype=np.float32))
        total += count
        last_id = block_last
        if length < 0:
            break
        position = end
    deltas = np.concatenate(delta_parts).astype(np.int64)
    # Each block's first "delta" is its absolute first id: make it relative to the previous
    # block's last id, then one running sum decodes the whole list.
    deltas[block_starts] -= np.asarray(previous_last, dtype=np.int64)
    return np.cumsum(deltas), np.concatenate(weight_parts)


def term_positions(segments, fieldname: str, btext: bytes, wanted: np.ndarray) -> dict[int, frozenset]:
    """Positions of one term in the documents `wanted` (sorted global doc numbers) only.

    Blocks holding none of the wanted documents are skipped without decoding their values.
    """
    result: dict[int, frozenset] = {}
    for segment, offset in segments:
        terms = segment._terms
        if (fieldname, btext) not in terms:
            continue
        fmt = segment.schema[fieldname].format
        end = offset + segment.doc_count_all()
        local = wanted[(wanted >= offset) & (wanted < end)] - offset
        if not len(local):
            continue
        matcher = terms.matcher(fieldname, btext, fmt)
        if not isinstance(matcher, W3LeafMatcher):
            wanted_here = set(local.tolist())
            while matcher.is_active():
                if matcher.id() in wanted_here:
                    result[matcher.id() + offset] = frozenset(matcher.value_as("positions"))
                matcher.next()
            continue
        decode = fmt.decode_positions
        while True:
            if matcher._maxid >= local[0]:
                if matcher._data is None:
                    matcher._read_data()
                raw_ids = np.asarray(matcher._data[0], dtype=np.int64)
                block_ids = raw_ids if matcher._byteids else np.cumsum(raw_ids)
                hits = np.flatnonzero(np.isin(block_ids, local, assume_unique=True))
                if len(hits):
                    matcher._read_values()
                    values = matcher._values
                    for i in hits.tolist():
                        result[int(block_ids[i]) + offset] = frozenset(decode(values[i]))
            if matcher._lastblock:
                break
            matcher._goto(matcher._nextoffset)
    return result
