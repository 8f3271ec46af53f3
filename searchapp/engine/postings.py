"""Reads a term's postings a block at a time into NumPy arrays.

Whoosh's matcher interface costs about a microsecond per posting in Python calls, and a seek and
two reads per block; its on-disk blocks already hold arrays of doc-number deltas and weights, so
we read a term's blocks in one positional read (whoosh_internals.term_record) and decode them
with NumPy. The block layout is that of the frozen whoosh-reloaded 2.7.5 W3 codec, pinned in
pyproject.toml and checked by whoosh_internals at import.
"""

from __future__ import annotations

import io
import pickle
import struct
import zlib

import numpy as np

from searchapp.engine.whoosh_internals import (
    WHOOSH3_HEADER_MAGIC,
    segment_readers,
    term_record,
)

__all__ = ["decode_blocks", "segment_readers", "term_positions", "term_postings"]

_INT = struct.Struct("!i")
_UINT = struct.Struct("!I")
EMPTY_IDS = np.zeros(0, dtype=np.int64)
EMPTY_WEIGHTS = np.zeros(0, dtype=np.float32)


def term_postings(segments, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Global doc numbers (sorted) and term frequencies of one term, deleted docs included."""
    id_parts, weight_parts = [], []
    for segment, offset in segments:
        record = term_record(segment, fieldname, btext)
        if record is None:
            continue
        if record.raw is not None:
            ids, weights = decode_blocks(record.raw)
        else:
            ids, weights, _ = record.inlined
            ids, weights = np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float32)
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
    """Positions of one term (a field indexed with positions) in the documents `wanted` (sorted
    global doc numbers) only, read from the postings' values like Whoosh's Positions format
    writes them (a count, then pickled position deltas). Blocks holding none of the wanted
    documents are skipped without unpickling."""
    result: dict[int, frozenset] = {}
    for segment, offset in segments:
        local = wanted[(wanted >= offset) & (wanted < offset + segment.doc_count_all())] - offset
        if not len(local):
            continue
        record = term_record(segment, fieldname, btext)
        if record is None:
            continue
        if record.raw is not None:
            blocks = _blocks_with_values(record.raw, int(local[0]), int(local[-1]))
        else:
            ids, _, values = record.inlined
            blocks = iter([(np.asarray(ids, dtype=np.int64), values)])
        for block_ids, values in blocks:
            for i in np.flatnonzero(np.isin(block_ids, local, assume_unique=True)).tolist():
                result[int(block_ids[i]) + offset] = frozenset(decode_positions(values[i]))
    return result


def decode_positions(value: bytes) -> list[int]:
    """Whoosh's `Positions.decode_positions`: a count, then the pickled list of deltas (the
    closing STOP opcode may have been cut off)."""
    if not value.endswith(b"."):
        value += b"."
    return np.cumsum(pickle.loads(value[_UINT.size:])).tolist()


def _blocks_with_values(raw: bytes, low: int, high: int):
    """(doc numbers, values) of the blocks of one posting list that may hold documents in
    [low, high]; blocks wholly outside are skipped on their info alone."""
    stream = io.BytesIO(raw)
    position = len(WHOOSH3_HEADER_MAGIC)
    previous_last = -1
    while True:
        length = _INT.unpack_from(raw, position)[0]
        position += 4
        end = position + abs(length)
        stream.seek(position)
        _, block_last, _, compression, _, _ = pickle.load(stream)
        if block_last >= low and previous_last < high:
            data = raw[stream.tell():end]
            ids, _, values = pickle.loads(zlib.decompress(data) if compression else data)
            raw_ids = np.asarray(ids, dtype=np.int64)
            # Doc numbers are deltas from the block's first id, which is absolute.
            yield np.cumsum(raw_ids), values
        if length < 0 or block_last >= high:
            return
        previous_last = block_last
        position = end
