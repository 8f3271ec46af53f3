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
    """Postings of a field without positions: one per (term, document), with its frequency."""
    terms, rank = _sorted_vocabulary(vocabulary)
    keys, freqs = np.unique(rank[term] * count + doc, return_counts=True)
    posting_term = keys // count
    return FieldPostings(terms, _starts(posting_term, len(terms)), keys % count, freqs.astype(np.int64), lengths)


def _shingle_postings(stem_list: list[str], common: np.ndarray, stem: np.ndarray, doc: np.ndarray,
                      pos: np.ndarray, count: int) -> FieldPostings:
    """`schema.shingles` over the whole batch: bigrams with a common stem, trigrams led by two."""
    n = len(stem_list)
    is_common = common[stem] if len(stem) else np.zeros(0, dtype=bool)
    same_next = doc[:-1] == doc[1:]
    at2 = np.flatnonzero(same_next & (is_common[:-1] | is_common[1:]))
    at3 = np.flatnonzero(same_next[:-1] & same_next[1:] & is_common[:-2] & is_common[1:-1])
    keys2, inverse2 = _unique_inverse(stem[at2] * n + stem[at2 + 1])
    keys3, inverse3 = _unique_inverse((stem[at3] * n + stem[at3 + 1]) * n + stem[at3 + 2])
    sep = SHINGLE_SEPARATOR
    texts = [stem_list[a] + sep + stem_list[b] for a, b in (divmod(k, n) for k in keys2.tolist())]
    for key in keys3.tolist():
        ab, c = divmod(key, n)
        a, b = divmod(ab, n)
        texts.append(stem_list[a] + sep + stem_list[b] + sep + stem_list[c])
    terms, rank = _sorted_vocabulary(texts)
    s_term = np.concatenate([rank[inverse2.ravel()], rank[len(keys2) + inverse3.ravel()]]).astype(np.int64)
    s_doc = np.concatenate([doc[at2], doc[at3]])
    s_pos = np.concatenate([pos[at2], pos[at3]])
    return _positional_postings(terms, s_term, s_doc, s_pos, count)


def _unique_inverse(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(keys, return_inverse=True), found by a sort and a binary search (an argsort of
    every occurrence took several times longer)."""
    unique = np.unique(keys)
    return unique, np.searchsorted(unique, keys)


def _positional_postings(terms: list[str], s_term: np.ndarray, s_doc: np.ndarray, s_pos: np.ndarray,
                         count: int) -> FieldPostings:
    """Postings with positions from one (term rank, document, position) triple per occurrence."""
    lengths = np.bincount(s_doc, minlength=count).astype(np.int64)
    span = int(s_pos.max()) + 1 if len(s_pos) else 1
    # The key holds all three: sorting it alone and taking it apart gives the triples in order
    # (half the time of an argsort and three gathers).
    pair, s_pos = np.divmod(np.sort((s_term * count + s_doc) * span + s_pos), span)
    s_term, s_doc = np.divmod(pair, count)
    first = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]]) if len(pair) else np.zeros(0, dtype=np.int64)
    freqs = np.diff(np.r_[first, len(pair)]).astype(np.int64)
    values = _position_values(s_pos, first, freqs)
    return FieldPostings(terms, _starts(s_term[first], len(terms)), s_doc[first], freqs, lengths, values)


def _position_values(positions: np.ndarray, first: np.ndarray, freqs: np.ndarray) -> list[bytes]:
    """Whoosh's `Positions.encode` of each posting's positions; single positions from a table."""
    first_positions = positions[first].tolist()
    table = _single_position_values(int(positions.max()) + 1 if len(positions) else 0)
    values = [table[p] for p in first_positions]
    every = positions.tolist()
    for j in np.flatnonzero(freqs > 1).tolist():
        start = int(first[j])
        values[j] = encode_positions(every[start:start + int(freqs[j])])
    return values


_SINGLES: list[bytes] = []


def _single_position_values(size: int) -> list[bytes]:
    while len(_SINGLES) < size:
        _SINGLES.append(encode_positions([len(_SINGLES)]))
    return _SINGLES


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
