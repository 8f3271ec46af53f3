"""Inverts a batch of paragraph texts into sorted postings arrays, the whole batch at once.

Indexing time used to go on per-word Python objects: a Term per word, a dict of positions per
paragraph, a frequency or a pickled position list per posting. Here each distinct spelling is
analysed once (`analysis.raw_terms`), a paragraph becomes a list of spelling ids, and everything
after that (expanding compounds, positions, shingles, grouping postings by term and paragraph,
frequencies, field lengths) is NumPy work over the whole batch.

The terms are exactly those of `analysis.analyse` and `schema.shingles`; the bulk writer's test
compares the resulting index term by term with what Whoosh's own writer makes of the same rows.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pickle import dumps

import numpy as np

from searchapp.engine.common_stems import COMMON_STEMS
from searchapp.engine.rare_positions import RareOccurrences, rare_occurrences
from searchapp.engine.schema import SHINGLE_SEPARATOR
from searchapp.text import analysis
from searchapp.text.analysers import DEFAULT_ANALYSIS, Analysis
from searchapp.text.own_language import extra_language, own_terms

_UINT = struct.Struct("!I")


@dataclass
class FieldPostings:
    """One field's postings: term i owns postings starts[i]:starts[i+1], in document order."""

    terms: list[str]          # sorted (code point order = UTF-8 byte order = Whoosh's order)
    starts: np.ndarray        # int64, len(terms) + 1
    docs: np.ndarray          # int64 local document numbers
    freqs: np.ndarray         # int64 occurrences of the term in the document
    lengths: np.ndarray       # int64 per document: the field length (terms counted with repeats)
    values: list[bytes] | None = None  # encoded positions per posting (positional fields only)


@dataclass
class Inversion:
    stems: FieldPostings      # stemmed terms ("text")
    words: FieldPostings      # folded unstemmed words ("exact")
    shingles: FieldPostings   # common-grams with positions ("shingles")
    rare: RareOccurrences     # stems that are not common, with positions (rare_positions.py)
    compounds: dict[str, list[str]]  # joined compound -> its parts, for the query side


_OWN = "\x1f"  # marks a spelling that stands for a word's own-language terms: "\x1ffr\x1fCondamne"


def invert(texts: list[str], using: Analysis = DEFAULT_ANALYSIS,
           languages: list[str | None] | None = None) -> Inversion:
    """The postings of `texts` (paragraph i is local document i) analysed with `using`; a text
    whose language (`languages[i]`, "fr", "es") differs from the analysis's also gets its own
    language's prefixed stems in the stemmed field (see text/own_language.py)."""
    count = len(texts)
    spelling_ids = _Numbering()
    tokens: list[int] = []
    per_text = np.zeros(count, dtype=np.int64)
    find = analysis.WORD.findall
    normalise = analysis.normalise_text
    number = spelling_ids.__getitem__
    for i, text in enumerate(texts):
        raw_words = find(normalise(text)) if text else ()
        own = extra_language(languages[i], using) if languages else None
        per_text[i] = len(raw_words) * (2 if own else 1)
        tokens.extend(map(number, raw_words))
        if own:
            tokens.extend(number(f"{_OWN}{own}{_OWN}{raw}") for raw in raw_words)
    spellings = list(spelling_ids)

    # Each spelling's terms, flattened: spelling s owns flat[first[s]:first[s] + size[s]].
    stem_ids: dict[str, int] = {}
    word_ids: dict[str, int] = {}
    flat_stem: list[int] = []
    flat_word: list[int] = []
    flat_joined: list[bool] = []
    flat_own: list[bool] = []
    size = np.zeros(len(spellings), dtype=np.int64)
    compounds: dict[str, list[str]] = {}
    for s, raw in enumerate(spellings):
        own = raw.startswith(_OWN)
        terms = own_terms(raw.split(_OWN)[2], raw.split(_OWN)[1]) if own else using.raw_terms(raw)
        size[s] = len(terms)
        for stem, word, _, _, joined in terms:
            flat_stem.append(stem_ids.setdefault(stem, len(stem_ids)))
            flat_word.append(-1 if own else word_ids.setdefault(word, len(word_ids)))  # own: no exact word
            flat_joined.append(joined)
            flat_own.append(own)
        if "-" in analysis.compound_spelling(raw) and not own:
            parts = [word for _, word, _, _, joined in terms if not joined]
            compounds.setdefault("".join(parts), parts)
    first = np.cumsum(size) - size

    token = np.array(tokens, dtype=np.int64)
    token_doc = np.repeat(np.arange(count, dtype=np.int64), per_text)
    expand = size[token]
    total = int(expand.sum())
    index = np.repeat(first[token], expand) + (np.arange(total) - np.repeat(np.cumsum(expand) - expand, expand))
    term_doc = np.repeat(token_doc, expand)
    term_stem = np.array(flat_stem, dtype=np.int64)[index]
    term_word = np.array(flat_word, dtype=np.int64)[index]
    term_joined = np.array(flat_joined, dtype=bool)[index]
    # Own-language terms count in no length and no exact word: BM25 and `exact:` are unchanged.
    analysed = ~np.array(flat_own, dtype=bool)[index]
    lengths = np.bincount(term_doc[analysed], minlength=count).astype(np.int64)

    stem_list = list(stem_ids)
    stems = _frequency_postings(stem_list, term_stem, term_doc, count, lengths)
    words = _frequency_postings(list(word_ids), term_word[analysed], term_doc[analysed], count, lengths)

    # Word sequence for shingles: compound parts, not joined forms; position = index in it.
    plain = ~term_joined
    seq_stem, seq_doc = term_stem[plain], term_doc[plain]
    per_doc = np.bincount(seq_doc, minlength=count)
    seq_pos = np.arange(len(seq_doc), dtype=np.int64) - np.repeat(np.cumsum(per_doc) - per_doc, per_doc)
    common = np.array([s in COMMON_STEMS for s in stem_list], dtype=bool)
    shingles = _shingle_postings(stem_list, common, seq_stem, seq_doc, seq_pos, count)
    rare = rare_occurrences(stem_list, common, seq_stem, seq_doc, seq_pos, joined=term_stem[term_joined])
    return Inversion(stems, words, shingles, rare, compounds)


class _Numbering(dict):
    """Numbers keys in order of first lookup (a C-speed dict hit for every known key)."""

    def __missing__(self, key):
        value = self[key] = len(self)
        return value


def _frequency_postings(vocabulary: list[str], term: np.ndarray, doc: np.ndarray, count: int,
                        lengths: np.ndarray) -> FieldPostings:
    """Postings of a field without positions: one per (term, document), with its frequency.
    `doc` is in document order, so a stable order by term rank alone groups each term's
    postings in document order."""
    terms, rank = _sorted_vocabulary(vocabulary)
    term_rank = rank[term]
    order = _stable_order([term_rank])
    s_term, s_doc = term_rank[order], doc[order]
    first = _group_starts(s_term, s_doc)
    freqs = np.diff(np.r_[first, len(s_term)]).astype(np.int64)
    return FieldPostings(terms, _starts(s_term[first], len(terms)), s_doc[first], freqs, lengths)


def _shingle_postings(stem_list: list[str], common: np.ndarray, stem: np.ndarray, doc: np.ndarray,
                      pos: np.ndarray, count: int) -> FieldPostings:
    """`schema.shingles` over the whole batch: bigrams with a common stem, trigrams led by two.

    Each occurrence is keyed by its stems' ranks in sorted order, (a, b, 0) for a bigram and
    (a, b, c + 1) for a trigram: with the separator (a space) below every character of a stem,
    that tuple order is the order of the joined texts ("human right" < "human right defend" <
    "human rights..."), which is checked below (and the texts sorted if it ever fails)."""
    stem_order, stem_rank = _sorted_vocabulary(stem_list)
    is_common = common[stem] if len(stem) else np.zeros(0, dtype=bool)
    same_next = doc[:-1] == doc[1:]
    at2 = np.flatnonzero(same_next & (is_common[:-1] | is_common[1:]))
    at3 = np.flatnonzero(same_next[:-1] & same_next[1:] & is_common[:-2] & is_common[1:-1])
    ranked = stem_rank[stem]
    # Occurrences in (document, position) order within bigrams and within trigrams: a stable
    # order by the key keeps that order inside each shingle (a key is never both).
    first_stem = np.concatenate([ranked[at2], ranked[at3]])
    second_stem = np.concatenate([ranked[at2 + 1], ranked[at3 + 1]])
    third_stem = np.concatenate([np.zeros(len(at2), dtype=np.int64), ranked[at3 + 2] + 1])
    order = _stable_order([first_stem, second_stem, third_stem])
    first_stem, second_stem, third_stem = first_stem[order], second_stem[order], third_stem[order]
    s_doc = np.concatenate([doc[at2], doc[at3]])[order]
    s_pos = np.concatenate([pos[at2], pos[at3]])[order]
    new_key = np.r_[True, (first_stem[1:] != first_stem[:-1]) | (second_stem[1:] != second_stem[:-1])
                    | (third_stem[1:] != third_stem[:-1])] if len(order) else np.zeros(0, dtype=bool)
    heads = np.flatnonzero(new_key)
    s_term = np.cumsum(new_key) - 1  # each occurrence's shingle, numbered in key order
    sep = SHINGLE_SEPARATOR
    texts = [stem_order[a] + sep + stem_order[b] + (sep + stem_order[c - 1] if c else "")
             for a, b, c in zip(first_stem[heads].tolist(), second_stem[heads].tolist(),
                                third_stem[heads].tolist())]
    terms, rank = _sorted_vocabulary(texts)
    if not np.array_equal(rank, np.arange(len(rank))):  # a stem below the separator: sort by text
        s_term = rank[s_term]
        order = _stable_order([s_term])
        s_term, s_doc, s_pos = s_term[order], s_doc[order], s_pos[order]
    first = _group_starts(s_term, s_doc)
    freqs = np.diff(np.r_[first, len(s_term)]).astype(np.int64)
    values = _position_values(s_pos, first, freqs)
    lengths = np.bincount(s_doc, minlength=count).astype(np.int64)
    return FieldPostings(terms, _starts(s_term[first], len(terms)), s_doc[first], freqs, lengths, values)


def _stable_order(columns: list[np.ndarray]) -> np.ndarray:
    """The permutation sorting rows by columns[0], then columns[1], ...; ties keep their order.
    The columns hold non-negative integers. A least-significant-digit radix sort: NumPy's
    stable sort of 16-bit digits is a counting sort, linear, several times faster than
    sorting (or np.unique of) one combined int64 key."""
    order: np.ndarray | None = None
    for column in reversed(columns):
        top = int(column.max()) if len(column) else 0
        shift = 0
        while True:
            digit = ((column >> shift) & 0xFFFF).astype(np.uint16)
            if order is None:
                order = np.argsort(digit, kind="stable")
            else:
                order = order[np.argsort(digit[order], kind="stable")]
            shift += 16
            if top >> shift == 0:
                break
    return order if order is not None else np.zeros(0, dtype=np.int64)


def _group_starts(term: np.ndarray, doc: np.ndarray) -> np.ndarray:
    """Where each (term, document) run starts in arrays sorted by term, then document."""
    if not len(term):
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.r_[True, (term[1:] != term[:-1]) | (doc[1:] != doc[:-1])])


def _position_values(positions: np.ndarray, first: np.ndarray, freqs: np.ndarray) -> list[bytes]:
    """Whoosh's `Positions.encode` of each posting's positions; single positions from a table,
    several written all at once (`_encoded_position_lists`)."""
    table = _single_position_values(int(positions.max()) + 1 if len(positions) else 0)
    values = table[positions[first]].tolist()
    several = freqs > 1
    # Pickle writes a list of more than 1,000 items, or a delta of 2**31 or more, differently.
    batched = several & (freqs <= _PICKLE_BATCH) if int(positions.max(initial=0)) < 2**31 else several & False
    at = np.flatnonzero(batched)
    for j, value in zip(at.tolist(), _encoded_position_lists(positions, first[at], freqs[at])):
        values[j] = value
    alone = np.flatnonzero(several & ~batched).tolist()
    every = positions.tolist() if alone else []
    for j in alone:
        start = int(first[j])
        values[j] = encode_positions(every[start:start + int(freqs[j])])
    return values


_PICKLE_BATCH = 1000  # pickle writes a longer list's items in batches of 1,000
_LIST_HEAD = np.frombuffer(b"\x80\x02]q\x00(", dtype=np.uint8)  # protocol 2, a list, memo 0, mark
_LIST_TAIL = np.frombuffer(b"e.", dtype=np.uint8)  # APPENDS, STOP


def _encoded_position_lists(positions: np.ndarray, starts: np.ndarray, counts: np.ndarray) -> list[bytes]:
    """`encode_positions` of positions[s:s + n] for each start s and count n (2 <= n <= 1,000),
    byte for byte: a big-endian count, then pickle protocol 2 of the delta list, each delta as
    BININT1 ("K", one byte), BININT2 ("M", two little-endian bytes) or BININT ("J", four)."""
    if not len(starts):
        return []
    counts = counts.astype(np.int64)
    ends = np.cumsum(counts)
    item = np.arange(int(ends[-1]), dtype=np.int64) - np.repeat(ends - counts, counts)  # index in its list
    at = np.repeat(starts, counts) + item
    delta = positions[at] - np.where(item > 0, positions[at - 1], 0)
    width = np.where(delta < 256, 2, np.where(delta < 65536, 3, 5))
    fixed = 4 + len(_LIST_HEAD) + len(_LIST_TAIL)
    item_widths = np.add.reduceat(width, ends - counts)
    sizes = fixed + item_widths
    begin = np.cumsum(sizes) - sizes
    buffer = np.zeros(int(sizes.sum()), dtype=np.uint8)
    count_bytes = counts.astype(">u4").view(np.uint8).reshape(-1, 4)
    for k in range(4):
        buffer[begin + k] = count_bytes[:, k]
    for k, byte in enumerate(_LIST_HEAD):
        buffer[begin + 4 + k] = byte
    item_at = np.repeat(begin + 4 + len(_LIST_HEAD), counts) + (np.cumsum(width) - width)
    item_at -= np.repeat(np.cumsum(item_widths) - item_widths, counts)
    buffer[item_at] = np.where(width == 2, ord("K"), np.where(width == 3, ord("M"), ord("J")))
    little = delta.astype("<i4").view(np.uint8).reshape(-1, 4)
    for k in range(4):
        wide = width > k + 1
        buffer[item_at[wide] + 1 + k] = little[wide, k]
    tail = begin + sizes - len(_LIST_TAIL)
    for k, byte in enumerate(_LIST_TAIL):
        buffer[tail + k] = byte
    blob = buffer.tobytes()
    return [blob[a:b] for a, b in zip(begin.tolist(), (begin + sizes).tolist())]


_SINGLES: list[np.ndarray] = [np.zeros(0, dtype=object)]


def _single_position_values(size: int) -> np.ndarray:
    """encode_positions([p]) for p < size, as an object array (a gather of the same bytes
    objects is several times cheaper than a Python list lookup per posting)."""
    table = _SINGLES[0]
    if len(table) < size:
        grown = np.empty(size, dtype=object)
        grown[:len(table)] = table
        grown[len(table):] = [encode_positions([p]) for p in range(len(table), size)]
        _SINGLES[0] = table = grown
    return table


def encode_positions(positions: list[int]) -> bytes:
    """Exactly `whoosh.formats.Positions.encode`: a count, then the pickled position deltas."""
    deltas = [positions[0]] + [b - a for a, b in zip(positions, positions[1:])]
    return _UINT.pack(len(deltas)) + dumps(deltas, 2)


def _sorted_vocabulary(vocabulary: list[str]) -> tuple[list[str], np.ndarray]:
    """The terms sorted, and each original id's rank among them."""
    order = sorted(range(len(vocabulary)), key=vocabulary.__getitem__)
    rank = np.empty(len(vocabulary), dtype=np.int64)
    rank[order] = np.arange(len(vocabulary), dtype=np.int64)
    return [vocabulary[i] for i in order], rank


def _starts(posting_term: np.ndarray, terms: int) -> np.ndarray:
    """Offsets of each term's first posting (postings sorted by term; every term has one)."""
    return np.searchsorted(posting_term, np.arange(terms + 1, dtype=np.int64)).astype(np.int64)
