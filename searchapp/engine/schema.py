"""The Whoosh schema and the analyzers that plug our analysis chain into it.

Three text fields come from one analysis of each paragraph (see searchapp/analysis.py):
  text      stemmed terms with positions: ranked search, "defender" finds "defenders"
  exact     unstemmed folded words, frequencies only: `exact:defenders`, prefixes, wildcards
  shingles  stemmed word bigrams and trigrams with positions: a phrase of two or three words is
            one term lookup instead of a position check over every candidate (the idea of
            Elasticsearch's `index_phrases`)
The analyzers are module-level classes because Whoosh pickles the schema into the index.
"""

from __future__ import annotations

from whoosh import fields
from whoosh.analysis import Analyzer, Token

from .. import analysis

SHINGLE_SEPARATOR = " "
_LAST: dict[str, list] = {"text": "", "terms": []}


def _analysed(text: str) -> list[analysis.Term]:
    """Analyse once per paragraph although three fields ask: Whoosh indexes fields one by one."""
    if _LAST["text"] is not text:
        _LAST["terms"] = analysis.analyse(text)
        _LAST["text"] = text
    return _LAST["terms"]


def shingles(terms: list[analysis.Term]) -> list[tuple[str, int]]:
    """Bigrams and trigrams of stems over the word sequence (compound parts, not joined forms)."""
    stems = [t.term for t in terms if not t.joined]
    out = []
    for i in range(len(stems) - 1):
        out.append((stems[i] + SHINGLE_SEPARATOR + stems[i + 1], i))
        if i + 2 < len(stems):
            out.append((SHINGLE_SEPARATOR.join(stems[i : i + 3]), i))
    return out


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
        text=fields.TEXT(analyzer=StemmedAnalyzer(), phrase=True, stored=True),
        exact=fields.TEXT(analyzer=ExactAnalyzer(), phrase=False),
        shingles=fields.TEXT(analyzer=ShingleAnalyzer(), phrase=True),
    )
