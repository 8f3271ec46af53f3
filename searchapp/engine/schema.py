"""The Whoosh schema and the analyzers that plug our analysis chain into it.

Three text fields come from one analysis of each paragraph (see searchapp/analysis.py):
  text      stemmed terms, frequencies only (no positions: phrases go through `shingles`, and a
            block without positions unpickles several times faster): "defender" finds "defenders"
  exact     unstemmed folded words, frequencies only: `exact:defenders`, prefixes, wildcards
  shingles  "common-grams" with positions: stemmed bigrams with at least one common stem
            (common_stems.py) and trigrams led by two: a phrase of frequent words ("human
            rights defenders") is one term lookup instead of a position check over every
            candidate (Elasticsearch's `index_phrases` idea, Lucene's CommonGrams)
The stems of the other words (not common) are kept with their positions outside Whoosh, one
file per segment (rare_positions.py, "rare" in phrase_pieces): the adjacent pairs that no shingle
covers ("sexual violence", "enforced disappearances") are checked from these positions as NumPy
arrays; common stems, most of the words, are left out.
Positions in `shingles` and of the rarer words both count words of the paragraph's word sequence
(compound parts, not joined forms): a shingle at position p starts at word p.
The analyzers are module-level classes because Whoosh pickles the schema into the index.
"""

from __future__ import annotations

from typing import Any

from whoosh import fields
from whoosh.analysis import Analyzer, Token

from searchapp.engine.common_stems import COMMON_STEMS
from searchapp.text import analysis

SHINGLE_SEPARATOR = " "
_LAST: dict[str, Any] = {"text": "", "terms": []}


def _analysed(text: str) -> list[analysis.Term]:
    """Analyse once per paragraph although several fields ask: Whoosh indexes fields one by one."""
    if _LAST["text"] is not text:
        _LAST["terms"] = analysis.analyse(text)
        _LAST["text"] = text
    return _LAST["terms"]


def shingles(terms: list[analysis.Term]) -> list[tuple[str, int]]:
    """Common-grams: bigrams with at least one common stem, and trigrams led by two common
    stems, over the word sequence (compound parts, not joined forms). A pair of two rarer words
    is not indexed: such phrases are checked from the rarer words' positions."""
    stems = [t.term for t in terms if not t.joined]
    common = [s in COMMON_STEMS for s in stems]
    out = []
    for i in range(len(stems) - 1):
        if common[i] or common[i + 1]:
            pair = stems[i] + SHINGLE_SEPARATOR + stems[i + 1]
            out.append((pair, i))
            if common[i] and common[i + 1] and i + 2 < len(stems):
                out.append((pair + SHINGLE_SEPARATOR + stems[i + 2], i))
    return out


def rare_words(terms: list[analysis.Term]) -> list[tuple[str, int]]:
    """The stems that are not common, at their place in the word sequence (compound parts, not
    joined forms: the numbering of `shingles`): what rare_positions.py keeps, paragraph by
    paragraph (the tests' reference for the batch inversion)."""
    stems = [t.term for t in terms if not t.joined]
    return [(stem, i) for i, stem in enumerate(stems) if stem not in COMMON_STEMS]


def phrase_pieces(stems: list[str]) -> list[tuple[int, str, str]]:
    """Indexed terms (offset, field, term) with positions that together cover every adjacent
    pair of a phrase of two or more stems: a shingle where the pair has a common stem, else both
    words from the rarer words' positions ("rare"). The phrase occurs at word p where every
    piece occurs at p + offset.

    >>> phrase_pieces(["human", "right", "defend"])
    [(0, 'shingles', 'human right defend')]
    >>> phrase_pieces(["freedom", "of", "express"])
    [(0, 'shingles', 'freedom of'), (1, 'shingles', 'of express')]
    >>> phrase_pieces(["sexual", "violenc"])
    [(0, 'rare', 'sexual'), (1, 'rare', 'violenc')]
    """
    pieces: list[tuple[int, str, str]] = []
    i = 0
    while i < len(stems) - 1:
        first, second = stems[i] in COMMON_STEMS, stems[i + 1] in COMMON_STEMS
        if first and second and i + 2 < len(stems):
            pieces.append((i, "shingles", SHINGLE_SEPARATOR.join(stems[i:i + 3])))
            i += 2
        elif first or second:
            pieces.append((i, "shingles", stems[i] + SHINGLE_SEPARATOR + stems[i + 1]))
            i += 1
        else:
            if (i, "rare", stems[i]) not in pieces:
                pieces.append((i, "rare", stems[i]))
            pieces.append((i + 1, "rare", stems[i + 1]))
            i += 1
    return pieces


class _ChainAnalyzer(Analyzer):
    """Base: yields Whoosh tokens from (text, position) pairs, reusing one Token like Whoosh does."""

    def pairs(self, value: str) -> list[tuple[str, int]]:
        raise NotImplementedError

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for text, position in self.pairs(value):
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos + position
            yield token

    def __eq__(self, other):
        return other.__class__ is self.__class__

    def __hash__(self):
        return hash(self.__class__.__name__)


class StemmedAnalyzer(_ChainAnalyzer):
    def pairs(self, value):
        return [(t.term, t.position) for t in _analysed(value)]


class ExactAnalyzer(_ChainAnalyzer):
    def pairs(self, value):
        return [(t.word, t.position) for t in _analysed(value)]


class ShingleAnalyzer(_ChainAnalyzer):
    def pairs(self, value):
        return shingles(_analysed(value))


def build_schema() -> fields.Schema:
    return fields.Schema(
        pid=fields.ID(stored=True, unique=True),
        source=fields.ID(stored=False),
        doc=fields.STORED(),
        kind=fields.STORED(),
        number=fields.STORED(),
        position=fields.STORED(),
        opening=fields.STORED(),
        occurrence=fields.STORED(),
        label=fields.STORED(),       # annex paragraphs and footnotes: "annex-art4-p2", "fn3"
        heading=fields.STORED(),     # annex paragraphs: "Annex: Political declaration ... / Article 4"
        footnotes=fields.STORED(),   # the footnote numbers whose markers stood in the paragraph
        verb=fields.STORED(),        # the opening verb phrase ("Strongly condemns"), research/operative.py
        addressees=fields.STORED(),  # operative paragraphs: whom that verb addresses (["States"])
        text=fields.TEXT(analyzer=StemmedAnalyzer(), phrase=False, stored=True),
        exact=fields.TEXT(analyzer=ExactAnalyzer(), phrase=False),
        shingles=fields.TEXT(analyzer=ShingleAnalyzer(), phrase=True),
    )
