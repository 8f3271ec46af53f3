"""Words near each other (`"human defenders"~2`), answered from the word positions the index keeps,
never by re-reading and re-analysing the paragraphs' stored text.

Positions count words of a paragraph's word sequence (schema.py). A rarer stem has its own
positions (rare_positions.py). A common stem (common_stems.py) has none of its own, but every
word pair holding it is a shingle with positions: "human" stands at p wherever a pair it starts
("human right") stands at p, and wherever a pair it ends ("protect human") stands at p - 1. In a
sequence of words near each other every word but the last is followed by another, and every word
but the first is preceded by one, so the pairs a word starts give the positions of all but the
last, and the pairs it ends those of the last: no occurrence is missed.
"""

from __future__ import annotations

import bisect

from searchapp.engine.common_stems import COMMON_STEMS
from searchapp.engine.postings import term_positions
from searchapp.engine.schema import SHINGLE_SEPARATOR


def near_occurrences(snapshot, stems: list[str], distance: int, candidates) -> dict[int, int]:
    """{doc number: occurrences} for the candidates (sorted doc numbers holding every stem) where
    the stems stand in this order, each at most `distance` words after the one before; an
    occurrence is a place of the first stem that starts such a sequence."""
    last = len(stems) - 1
    positions = [stem_positions(snapshot, stem, candidates, starts_pair=i < last) for i, stem in enumerate(stems)]
    counts = {}
    for docnum in candidates.tolist():
        lists = [sorted(found.get(docnum, ())) for found in positions]
        hits = sum(1 for start in lists[0] if _follows(start, lists[1:], distance))
        if hits:
            counts[docnum] = hits
    return counts


def _follows(at: int, rest: list[list[int]], distance: int) -> bool:
    """Whether each list of `rest` holds a position at most `distance` after the one before
    (the earliest such one taken: a later one can only leave less room for the next word)."""
    for places in rest:
        i = bisect.bisect_right(places, at)
        if i == len(places) or places[i] > at + distance:
            return False
        at = places[i]
    return True


def stem_positions(snapshot, stem: str, wanted, *, starts_pair: bool) -> dict[int, set[int]]:
    """{doc number: word positions of `stem`} in the paragraphs `wanted` (sorted doc numbers).
    A common stem's come from the word pairs it starts (`starts_pair`: the stem is followed by a
    word wherever it is wanted) or else from those it ends."""
    segments = snapshot.segments
    if stem not in COMMON_STEMS:
        return snapshot.rare_positions.positions(stem, wanted)
    if starts_pair:
        pairs = [(t, 0) for t in snapshot.lexicon("shingles", stem + SHINGLE_SEPARATOR)
                 if t.count(SHINGLE_SEPARATOR) == 1]
    else:
        pairs = [(t, 1) for t in pairs_ending(snapshot).get(stem, ())]
    found: dict[int, set[int]] = {}
    for term, shift in pairs:
        for docnum, places in term_positions(segments, "shingles", term.encode("utf-8"), wanted).items():
            found.setdefault(docnum, set()).update(p + shift for p in places)
    return found


def pairs_ending(snapshot) -> dict[str, list[str]]:
    """{common stem: the word pairs (shingles) that end with it}, read once per generation from
    the shingle vocabulary (195,000 terms on the whole corpus, about half a second)."""
    def build() -> dict[str, list[str]]:
        ending: dict[str, list[str]] = {}
        for term in snapshot.lexicon("shingles"):
            parts = term.split(SHINGLE_SEPARATOR)
            if len(parts) == 2 and parts[1] in COMMON_STEMS:
                ending.setdefault(parts[1], []).append(term)
        return ending
    return snapshot.cached("shingle-pairs-ending", build)
