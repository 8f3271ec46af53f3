"""Reads a term's postings a block at a time into NumPy arrays.

Whoosh's matcher interface costs about a microsecond per posting in Python calls; its on-disk
blocks already hold arrays of doc-number deltas and weights, so we decode each block whole. This
reaches into the frozen whoosh-reloaded 2.7.5 codec (W3LeafMatcher), pinned in pyproject.toml.
"""

from __future__ import annotations

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher

EMPTY_IDS = np.zeros(0, dtype=np.int64)
EMPTY_WEIGHTS = np.zeros(0, dtype=np.float32)


def segment_readers(reader) -> list[tuple[object, int]]:
    """(segment reader, first global doc number) pairs of a possibly multi-segment reader."""
    if hasattr(reader, "readers"):
        return list(zip(reader.readers, reader.doc_offsets))
    return [(reader, 0)]


def term_postings(segments, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Global doc numbers (sorted) and term frequencies of one term, deleted docs included."""
    id_parts, weight_parts = [], []
    for segment, offset in segments:
        terms = segment._terms
        if (fieldname, btext) not in terms:
            continue
        fmt = segment.schema[fieldname].format
        matcher = terms.matcher(fieldname, btext, fmt)
        if isinstance(matcher, W3LeafMatcher):
            ids, weights = _read_blocks(matcher)
        else:  # short posting lists are inlined in the term info as a list matcher
            ids, weights = _read_slowly(matcher)
        id_parts.append(ids + offset)
        weight_parts.append(weights)
    if not id_parts:
        return EMPTY_IDS, EMPTY_WEIGHTS
    return np.concatenate(id_parts), np.concatenate(weight_parts)


def _read_blocks(matcher: W3LeafMatcher) -> tuple[np.ndarray, np.ndarray]:
    ids, weights = [], []
    while True:
        if matcher._data is None:
            matcher._read_data()
        raw_ids = matcher._data[0]
        block_ids = np.frombuffer(raw_ids, dtype=np.uint8) if isinstance(raw_ids, bytes) else np.asarray(raw_ids)
        if not matcher._byteids:
            block_ids = np.cumsum(block_ids.astype(np.int64))
        ids.append(block_ids.astype(np.int64))
        matcher._read_weights()
        weights.append(np.asarray(matcher._weights, dtype=np.float32))
        if matcher._lastblock:
            break
        matcher._goto(matcher._nextoffset)
    return np.concatenate(ids), np.concatenate(weights)


def _read_slowly(matcher) -> tuple[np.ndarray, np.ndarray]:
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float32)


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
