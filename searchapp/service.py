"""The search service: a request in, plain results out. The CLI, JSON API and web all call this.

Flow of one search: parse + evaluate the query over the index (engine.find: doc numbers, scores,
mentions) -> filter masks and facet counts (facets.py) -> order (relevance/newest/oldest/document)
-> the requested page's paragraphs, highlighted (highlight.py).
"""

from __future__ import annotations

from typing import Iterator

import re

import numpy as np

from .config import Settings
from .engine import IndexHandle, Match, Snapshot, Targets, find, query_words_of
from .exceptions import DocumentNotFound
from .facets import KIND_NAMES, MatchedColumns, combine, facet_counts, filter_masks
from .features.suggest import ranked_corrections
from .highlight import highlight
from .results import DocumentView, Hit, ParagraphView, SearchResult
from .search_request import SearchRequest, validate

EXPORT_CHUNK = 2000
FEW_HITS = 3  # below this many hits, offer spelling corrections


class _Evaluated:
    """One query's matches after filters, with everything needed to order and page them."""

    def __init__(self, snapshot: Snapshot, match: Match, targets: Targets, request: SearchRequest):
        self.snapshot, self.targets, self.request = snapshot, targets, request
        columns = MatchedColumns.of(snapshot, match.ids)
        self.masks = filter_masks(snapshot, columns, request)
        keep = combine(self.masks, len(match.ids))
        self.columns = columns
        self.ids = match.ids[keep]
        self.score = match.score[keep]
        self.mentions = match.mentions[keep]
        self.doc = columns.doc[keep]

    def order(self) -> np.ndarray:
        """Positions into self.ids in the requested order."""
        snapshot, sort = self.snapshot, self.request.sort
        date = snapshot.table.date[self.doc]
        position = snapshot.position[self.ids]
        if sort == "relevance":
            return np.lexsort((position, self.doc, -date, -self.score))
        if sort == "newest":
            return np.lexsort((position, self.doc, -date))
        if sort == "oldest":
            return np.lexsort((position, self.doc, date))
        return np.lexsort((position, self.doc))  # document: by symbol, then printed order


class SearchService:
    """Long-lived: keeps the index open and follows rebuilds without a restart."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.handle = IndexHandle(settings.index_dir)

    # -- searching -----------------------------------------------------------------------------
    def _evaluate(self, request: SearchRequest) -> _Evaluated:
        validate(request, self.settings.limits)
        snapshot = self.handle.snapshot()
        match, targets = find(snapshot, request.query, max_expansions=self.settings.limits.max_expansions,
                              language=self.settings.stemmer)
        return _Evaluated(snapshot, match, targets, request)

    def search(self, request: SearchRequest) -> SearchResult:
        evaluated = self._evaluate(request)
        facets = facet_counts(evaluated.snapshot, evaluated.columns, evaluated.masks, request)
        order = evaluated.order()
        start = (request.page - 1) * request.per_page
        page = order[start:start + request.per_page]
        hits = [self._hit(evaluated, int(i), with_highlight=True) for i in page]
        total = len(evaluated.ids)
        return SearchResult(
            request=request,
            total=total,
            documents=int(len(np.unique(evaluated.doc))),
            mentions=int(evaluated.mentions.sum()),
            facets=facets,
            hits=hits,
            suggestions=did_you_mean(evaluated.snapshot, request.query) if total < FEW_HITS else [],
        )

    def iter_hits(self, request: SearchRequest, *, with_highlight: bool = True,
                  limit: int | None = None) -> Iterator[Hit]:
        """Every matching paragraph in the requested order (pages ignored), produced lazily."""
        evaluated = self._evaluate(request)
        order = evaluated.order()
        if limit is not None:
            order = order[:limit]
        for chunk_start in range(0, len(order), EXPORT_CHUNK):
            for i in order[chunk_start:chunk_start + EXPORT_CHUNK]:
                yield self._hit(evaluated, int(i), with_highlight=with_highlight)

    def count(self, request: SearchRequest) -> int:
        return len(self._evaluate(request).ids)

    def _hit(self, evaluated: _Evaluated, i: int, *, with_highlight: bool) -> Hit:
        snapshot, targets = evaluated.snapshot, evaluated.targets
        docnum = int(evaluated.ids[i])
        stored = snapshot.stored(docnum)
        record = snapshot.table.records[int(evaluated.doc[i])]
        text = stored["text"]
        kind = stored["kind"]
        return Hit(
            symbol=record["symbol"],
            title=record["title"],
            body=record["body"],
            year=record["year"],
            session=record["session"],
            date=record["date"],
            paragraph_type=kind,
            paragraph_number=stored["number"],
            anchor=("pp" if kind == KIND_NAMES[0] else "op") + str(stored["number"]),
            position=stored["position"],
            text=text,
            highlight=highlight(text, targets.stems, targets.words, targets.phrases) if with_highlight else "",
            mentions=int(evaluated.mentions[i]),
            score=round(float(evaluated.score[i]), 4) if evaluated.request.query else None,
        )

    # -- documents -----------------------------------------------------------------------------
    def document(self, symbol: str, query: str = "") -> DocumentView:
        snapshot = self.handle.snapshot()
        index = snapshot.symbol_index.get(symbol)
        if index is None:
            folded = symbol.strip().casefold()
            index = next((i for s, i in snapshot.symbol_index.items() if s.casefold() == folded), None)
        if index is None:
            raise DocumentNotFound(f"no document {symbol!r} in the index")
        targets = Targets()
        if query.strip():
            _, targets = find(snapshot, query, max_expansions=self.settings.limits.max_expansions,
                              language=self.settings.stemmer)
        record = snapshot.table.records[index]
        paragraphs = []
        for docnum in snapshot.paragraphs_of(index):
            stored = snapshot.stored(int(docnum))
            kind, number = stored["kind"], stored["number"]
            paragraphs.append(ParagraphView(
                kind=kind, number=number,
                anchor=("pp" if kind == KIND_NAMES[0] else "op") + str(number),
                position=stored["position"], opening=stored["opening"], text=stored["text"],
                highlight=highlight(stored["text"], targets.stems, targets.words, targets.phrases),
            ))
        return DocumentView(
            symbol=record["symbol"], title=record["title"], body=record["body"], date=record["date"],
            year=record["year"], session=record["session"], meeting=record["meeting"],
            vote=record["vote"], tags=tuple(record["tags"]), source=record["source"],
            paragraphs=paragraphs,
        )

    def symbols(self) -> list[str]:
        return [r["symbol"] for r in self.handle.snapshot().table.records]



def did_you_mean(snapshot: Snapshot, query: str, limit: int = 3) -> list[str]:
    """Corrected queries for words the index does not know ("impunty" -> "impunity").

    Candidates come from the unstemmed vocabulary starting with the word's first letter or, for
    a swapped first pair, its second: typos rarely hit the first letter, and it keeps the scan small.
    """
    corrections: dict[str, list[str]] = {}
    for word in query_words_of(query):
        if len(word) < 3 or snapshot.has_term("exact", word) or "-" in word:
            continue
        vocabulary = ((term, 1) for prefix in sorted({word[0], word[1]})
                      for term in snapshot.words_starting_with(prefix))
        # Rank by distance first, then by how many paragraphs use the word (looked up only for
        # the few close candidates: a frequency lookup per vocabulary word would cost seconds).
        close = ranked_corrections(word, vocabulary, limit=50)
        close.sort(key=lambda c: (c[1], -snapshot.document_frequency("exact", c[0]), c[0]))
        if close:
            corrections[word] = [c[0] for c in close[:limit]]
    if not corrections:
        return []
    variants = []
    for rank in range(limit):
        corrected = query
        for word, options in corrections.items():
            choice = options[min(rank, len(options) - 1)]
            corrected = re.sub(rf"(?i)(?<![\w-]){re.escape(word)}(?![\w-])", choice, corrected)
        if corrected != query and corrected not in variants:
            variants.append(corrected)
    return variants
