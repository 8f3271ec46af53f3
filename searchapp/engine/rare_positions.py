"""Positions of the rarer words, one memory-mapped file per segment, read as NumPy arrays.

A phrase of two rarer words ("sexual violence", "enforced disappearances") has no shingle; it
is checked from where its words stand. Whoosh keeps positions as a pickled list per posting,
which costs a Python call per candidate paragraph to read back; here every occurrence of every
stem that is not common (common_stems.py) is one row of two flat arrays, grouped by stem, so
the occurrences of a stem are two slices of a memory-mapped file and a phrase is a vectorised
intersection of `doc << 32 | position` keys (phrase_keys), with no Python per paragraph.

One file per Whoosh segment, written by the bulk writer beside the segment's own files
(`MAIN_<segment id>.rare`) and, like them, never rewritten: an incremental run adds segments
(and their files), a deletion only marks Whoosh documents deleted, and readers keep the live
paragraphs (Snapshot.alive, the candidates' postings). Layout, little-endian:

    b"SAPOS02\\n"                           magic
    uint64 x 4                             terms, occurrences, bytes of the term list, position width (2 or 4)
    int64[terms + 1]                       starts: stem i owns occurrences starts[i]:starts[i + 1]
    uint32[occurrences]                    local document number, sorted within a stem
    uint16 or uint32[occurrences]          word position (schema.py's numbering), sorted within a document
    uint8[terms]                           1 if the stem is also a joined compound's term in the segment
    UTF-8 stems joined by "\\n", sorted    the stems (no stem holds a line break)

A stem's occurrences here are all its occurrences in the stemmed field (`text`) unless it is
also the term of a joined compound: "non-governmental" is the words "non" and "governmental" of
the sequence and, in `text` only, "nongovernmental" too. Without that flag in any segment, a
stem's frequency in a paragraph and its paragraphs can be read from its positions alone.

Positions count words of the paragraph's word sequence (compound parts, not joined forms), the
numbering of the `shingles` field: a shingle at position p starts at word p.
"""

from __future__ import annotations

import mmap
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from searchapp.exceptions import IndexMissing

MAGIC = b"SAPOS02\n"
SUFFIX = ".rare"
_HEADER = struct.Struct("<4Q")
SHIFT = 32  # key = global doc number << SHIFT | position
EMPTY_KEYS = np.zeros(0, dtype=np.int64)
REMEMBERED_STEMS = 4096  # stems whose rows a generation keeps (a few hundred bytes each)


@dataclass
class RareOccurrences:
    """Every occurrence of every rarer stem in a batch of paragraphs, grouped by stem."""

    terms: list[str]        # sorted (code point order)
    starts: np.ndarray      # int64, len(terms) + 1
    docs: np.ndarray        # uint32 local document numbers
    positions: np.ndarray   # uint16 (uint32 when a paragraph has 65,536 words or more)
    joined: np.ndarray      # uint8 per term: 1 if also a joined compound's term in `text`


def rare_occurrences(stem_list: list[str], common: np.ndarray, stem: np.ndarray, doc: np.ndarray,
                     pos: np.ndarray, joined: np.ndarray) -> RareOccurrences:
    """`schema.rare_words` over a whole batch: `stem`, `doc`, `pos` give each word of the
    batch's word sequences in text order (a stem id into `stem_list`, its paragraph, its
    position); `common[s]` says whether stem id s is common; `joined` holds the stem ids of
    the joined compounds' terms (not in the sequence). A joined compound's stem that is not
    common is listed (flagged) even where it has no occurrence of its own."""
    keep = ~common[stem] if len(stem) else np.zeros(0, dtype=bool)
    joined = np.asarray(joined, dtype=np.int64)
    flagged = np.unique(joined[~common[joined]]) if len(joined) else np.zeros(0, dtype=np.int64)
    used = np.union1d(stem[keep], flagged)
    names = [stem_list[s] for s in used.tolist()]
    order = sorted(range(len(names)), key=names.__getitem__)
    rank = np.empty(len(names), dtype=np.int64)
    rank[order] = np.arange(len(names), dtype=np.int64)
    term = rank[np.searchsorted(used, stem[keep])]
    by_term = np.argsort(term, kind="stable")  # text order (document, then position) within a stem
    kept_pos = pos[keep][by_term]
    width = np.uint16 if not len(kept_pos) or int(kept_pos.max()) < 2**16 else np.uint32
    also_joined = np.zeros(len(names), dtype=np.uint8)
    also_joined[rank[np.searchsorted(used, flagged)]] = 1
    return RareOccurrences(
        terms=[names[i] for i in order],
        starts=np.searchsorted(term[by_term], np.arange(len(names) + 1)).astype(np.int64),
        docs=doc[keep][by_term].astype(np.uint32),
        positions=kept_pos.astype(width),
        joined=also_joined,
    )


def no_occurrences() -> RareOccurrences:
    return RareOccurrences([], np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.uint32),
                           np.zeros(0, dtype=np.uint16), np.zeros(0, dtype=np.uint8))


def file_name(segment) -> str:
    """The side file of a Whoosh segment ("MAIN_x3kq9v0a1m2b.rare")."""
    return segment.make_filename(SUFFIX)


def write_rare_positions(folder: Path, segment, found: RareOccurrences) -> None:
    """Write the segment's file into `folder` (a generation being built)."""
    blob = "\n".join(found.terms).encode("utf-8")
    with open(Path(folder) / file_name(segment), "wb") as handle:
        handle.write(MAGIC)
        handle.write(_HEADER.pack(len(found.terms), len(found.docs), len(blob), found.positions.itemsize))
        handle.write(found.starts.astype("<i8").tobytes())
        handle.write(found.docs.astype("<u4").tobytes())
        handle.write(found.positions.astype(f"<u{found.positions.itemsize}").tobytes())
        handle.write(found.joined.astype(np.uint8).tobytes())
        handle.write(blob)


class _SegmentPositions:
    """One segment's file, memory-mapped; the stem list is read on first use."""

    def __init__(self, path: Path):
        try:
            with open(path, "rb") as handle:
                self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            if self._map[:len(MAGIC)] != MAGIC:
                raise ValueError("not a positions file of this searchapp's")
            terms, count, blob, width = _HEADER.unpack_from(self._map, len(MAGIC))
            at = len(MAGIC) + _HEADER.size
            self.starts = np.frombuffer(self._map, "<i8", terms + 1, at)
            at += 8 * (terms + 1)
            self.docs = np.frombuffer(self._map, "<u4", count, at)
            at += 4 * count
            self.positions = np.frombuffer(self._map, f"<u{width}", count, at)
            at += width * count
            self.joined = np.frombuffer(self._map, np.uint8, terms, at)
            at += terms
            self._blob = (at, blob)
        except (OSError, ValueError, struct.error) as exc:
            raise IndexMissing(f"the index's word positions {path} cannot be read ({exc}); "
                               "run `searchapp index --rebuild`") from None
        self._bounds: tuple[np.ndarray, np.ndarray] | None = None

    def _stem_bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """Where each stem's UTF-8 bytes start and end in the file (one vectorised scan of the
        list for its line breaks, on first use)."""
        if self._bounds is None:
            at, size = self._blob
            breaks = np.flatnonzero(np.frombuffer(self._map, np.uint8, size, at) == 10) + at
            firsts = np.concatenate([[at], breaks + 1]) if size else np.zeros(0, dtype=np.int64)
            ends = np.concatenate([breaks, [at + size]]) if size else np.zeros(0, dtype=np.int64)
            self._bounds = (firsts, ends)
        return self._bounds

    def number_of(self, stem: str) -> int | None:
        """The stem's row: a binary search of the sorted stem list in the file (code point order
        is UTF-8 byte order), no dictionary of every stem built first (that took 5-35 ms per
        generation, paid by its first phrase)."""
        firsts, ends = self._stem_bounds()
        target, low, high = stem.encode("utf-8"), 0, len(firsts)
        while low < high:
            middle = (low + high) // 2
            if self._map[int(firsts[middle]):int(ends[middle])] < target:
                low = middle + 1
            else:
                high = middle
        if low < len(firsts) and self._map[int(firsts[low]):int(ends[low])] == target:
            return low
        return None

    def stem_list(self) -> list[str]:
        firsts, ends = self._stem_bounds()
        return [self._map[a:b].decode("utf-8") for a, b in zip(firsts.tolist(), ends.tolist())]

    def slice_of(self, stem: str) -> slice | None:
        i = self.number_of(stem)
        return None if i is None else slice(int(self.starts[i]), int(self.starts[i + 1]))


@dataclass(frozen=True)
class _StemRows:
    """One stem in a generation's files."""

    runs: list[tuple[int, int, int]]  # (part, first, end): each segment's non-empty run of occurrences
    complete: bool  # whether they are all its occurrences in `text` (no joined compound's term)
    paragraphs: int  # paragraphs holding it, deleted ones included (segments hold disjoint ones)


class RarePositions:
    """The rarer words' positions of one generation (all its segments), for phrases and
    words near each other. Shared by the threads of a worker: read-only arrays."""

    def __init__(self, folder: Path, segments):
        """`segments`: (Whoosh segment reader, first global doc number) pairs, in order."""
        self._parts = [(_SegmentPositions(Path(folder) / file_name(reader.segment())), offset)
                       for reader, offset in segments]
        self._found: dict[str, _StemRows] = {}

    def _rows(self, stem: str) -> _StemRows:
        """Where `stem`'s occurrences are in each segment, read from the files' stem lists once
        per stem and remembered (at most REMEMBERED_STEMS: a phrase asks each of its words
        several times, the next request often again), as a term dictionary would hold them."""
        found = self._found.get(stem)
        if found is None:
            runs, complete, paragraphs = [], True, 0
            for k, (part, _) in enumerate(self._parts):
                i = part.number_of(stem)
                if i is None:
                    continue
                complete = complete and not part.joined[i]
                first, end = int(part.starts[i]), int(part.starts[i + 1])
                if first < end:
                    runs.append((k, first, end))
                    docs = part.docs[first:end]
                    paragraphs += int(np.count_nonzero(docs[1:] != docs[:-1])) + 1
            found = _StemRows(runs, complete, paragraphs)
            if len(self._found) >= REMEMBERED_STEMS:
                self._found.clear()
            self._found[stem] = found
        return found

    def keys(self, stem: str) -> np.ndarray:
        """Sorted int64 keys `global doc number << 32 | position`, one per occurrence of `stem`
        (deleted paragraphs included); empty for a common or unknown stem. Built in place, two
        or three NumPy calls per segment (a phrase asks for two such arrays on every search)."""
        runs = self._rows(stem).runs
        if not runs:
            return EMPTY_KEYS
        found = np.empty(sum(end - first for _, first, end in runs), dtype=np.int64)
        at = 0
        for k, first, end in runs:
            part, offset = self._parts[k]
            keys = found[at:at + end - first]
            np.left_shift(part.docs[first:end], SHIFT, out=keys, dtype=np.int64)
            keys |= part.positions[first:end]
            if offset:
                keys += offset << SHIFT
            at += end - first
        return found

    def complete(self, stem: str) -> bool:
        """Whether `stem`'s positions are all its occurrences in the stemmed field (`text`): it is
        no joined compound's term in any segment (see the module doc)."""
        return self._rows(stem).complete

    def paragraphs(self, stem: str) -> int:
        """How many paragraphs hold `stem` (deleted ones included): its document frequency in
        the stemmed field when `complete`."""
        return self._rows(stem).paragraphs

    def stems(self) -> list[str]:
        """Every stem with positions here, sorted."""
        return sorted({name for part, _ in self._parts for name in part.stem_list()})

    def positions(self, stem: str, wanted: np.ndarray) -> dict[int, set[int]]:
        """{doc number: positions of `stem`} for the sorted doc numbers `wanted` that hold it."""
        keys = keys_in(self.keys(stem), wanted)
        found: dict[int, set[int]] = {}
        for docnum, position in zip((keys >> SHIFT).tolist(), (keys & (2**SHIFT - 1)).tolist()):
            found.setdefault(docnum, set()).add(position)
        return found


def keys_in(keys: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """The keys whose doc number is in `wanted` (sorted doc numbers)."""
    if not len(keys) or not len(wanted):
        return EMPTY_KEYS
    docs = keys >> SHIFT
    at = np.searchsorted(wanted, docs)
    at[at == len(wanted)] = 0
    return keys[wanted[at] == docs]


def phrase_starts(keys_by_offset: list[tuple[int, np.ndarray]]) -> np.ndarray:
    """Sorted keys `doc << 32 | p` where every piece's keys hold `doc << 32 | p + offset`:
    the places a phrase starts, given each piece's sorted keys (each array without repeats: a
    position holds one word) and its offset in the phrase.

    Each step is a merge: the two sorted arrays concatenated and sorted stably (NumPy's timsort
    on two sorted runs, one linear pass), a key in both then standing twice in a row; about
    two thirds of the time of a binary search of one array in the other ("sexual violence":
    1,039 and 2,526 keys)."""
    starts = None
    for offset, keys in sorted(keys_by_offset, key=lambda item: len(item[1])):
        if starts is None:
            starts = keys - offset if offset else keys
            continue
        both = np.concatenate([starts, keys])
        if offset:
            both[len(starts):] -= offset
        both.sort(kind="stable")
        starts = both[:-1][both[1:] == both[:-1]]
        if not len(starts):
            break
    return EMPTY_KEYS if starts is None else starts


def positions_as_keys(found: Mapping[int, frozenset | set]) -> np.ndarray:
    """{doc number: positions} (postings.term_positions) as sorted `doc << 32 | position` keys."""
    if not found:
        return EMPTY_KEYS
    keys = np.fromiter(((docnum << SHIFT) | p for docnum, places in found.items() for p in places), dtype=np.int64)
    keys.sort()
    return keys


def per_paragraph(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(doc numbers, how many keys each) of sorted keys: int64 arrays."""
    docs = keys >> SHIFT
    if not len(docs):
        return EMPTY_KEYS, EMPTY_KEYS
    change = np.empty(len(docs), dtype=bool)
    change[0] = True
    np.not_equal(docs[1:], docs[:-1], out=change[1:])
    first = change.nonzero()[0]
    counts = np.empty(len(first), dtype=np.int64)
    np.subtract(first[1:], first[:-1], out=counts[:-1])
    counts[-1] = len(docs) - first[-1]
    return docs[first], counts


def counts_in(words: list[np.ndarray], docs: np.ndarray) -> list[np.ndarray]:
    """For each word's sorted keys, how many of them each of the sorted doc numbers `docs` holds
    (int64): two binary searches per paragraph. Measured against one pass over the keys
    (per_paragraph) and a search among the paragraphs holding any: as fast for 1,186 paragraphs
    of 2,198 keys ("climate change"), twice as fast for 116 of 1,039 ("sexual violence")."""
    low = docs << SHIFT
    high = low + (1 << SHIFT)
    return [keys.searchsorted(high) - keys.searchsorted(low) for keys in words]


def live_paragraphs_holding(keys: np.ndarray, alive: np.ndarray) -> int:
    """How many different live paragraphs (`alive`: a boolean mask over every doc number) the
    sorted keys fall in."""
    return int(np.count_nonzero(alive[per_paragraph(keys)[0]])) if len(keys) else 0
