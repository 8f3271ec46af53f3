"""The search service: a request in, plain results out. The CLI, JSON API and web all call this.

Flow of one search: parse + evaluate the query over the index (engine.find: doc numbers, scores,
mentions) -> filter masks and facet counts (facets.py) -> order (relevance/newest/oldest/document)
-> the requested page's paragraphs, highlighted (highlight.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TypeAlias

import numpy as np

from searchapp.config import Settings
from searchapp.engine import IndexHandle, Match, Snapshot, Targets, documents_titled, find, query_words_of
from searchapp.engine.evaluate import STOP_WORDS
from searchapp.exceptions import BadParameter, BadQuery
from searchapp.models import paragraph_anchor, part_of
from searchapp.research.alignment import Changes
from searchapp.research.history import ClauseHistory
from searchapp.search import concordance, documents, finder, overview
from searchapp.search import filters as registry
from searchapp.search.documents import anchor_of
from searchapp.search.facets import combine, facet_counts, filter_masks, resolve_request
from searchapp.search.filter_base import Matched
from searchapp.search.filters import QueryFields, query_fields
from searchapp.search.highlight import highlight
from searchapp.search.overview import Overview
from searchapp.search.ranking import relevance
from searchapp.search.request import SearchRequest, validate
from searchapp.search.results import (
    TIMELINE_SCALES,
    ChangesPage,
    CitedSymbol,
    DocumentLinks,
    DocumentPage,
    DocumentView,
    ExportHeader,
    Hit,
    IndexInfo,
    Kwic,
    SearchResult,
    Timeline,
    TimelineYear,
    TitledDocument,
)
from searchapp.search.suggest import ranked_corrections

EXPORT_CHUNK = 2000
KWIC_MAX_PARAGRAPHS = 5000  # a concordance reads at most this many matching paragraphs ...
KWIC_MAX_LINES = 10_000  # ... and stops once it has this many lines ("the": 51,153 lines, 3.3 s)
FEW_HITS = 3  # below this many hits, offer spelling corrections
# Up to this many matches a page's order sorts them all: picking the candidates first (a
# partition) costs more than it saves ("enforced disappearances", 179 hits: 17 against 26 us).
FEW_TO_SORT = 256


class _Evaluated:
    """One query's matches after filters, with everything needed to order and page them."""

    def __init__(self, snapshot: Snapshot, match: Match, targets: Targets, request: SearchRequest):
        self.snapshot, self.targets, self.request = snapshot, targets, request
        self.matched = Matched(snapshot, match.ids)
        self.masks = filter_masks(self.matched, request)
        if not self.masks:  # no filter: every match is kept (the arrays are only read)
            self.ids, self.score, self.mentions = match.ids, match.score, match.mentions
            self.doc = self.matched.doc
            return
        keep = combine(self.masks, len(match.ids))
        self.ids = match.ids[keep]
        self.score = match.score[keep]
        self.mentions = match.mentions[keep]
        self.doc = self.matched.doc[keep]

    def order(self, first: int | None = None) -> np.ndarray:
        """Positions into self.ids in the requested order; with `first`, only the first that many
        (a page needs 20 of 30,000 hits: they are picked by their leading key, ties included,
        and only those sorted)."""
        snapshot, sort = self.snapshot, self.request.sort
        date = snapshot.table.date[self.doc]
        position = snapshot.positions_of(self.ids)
        keys: tuple[np.ndarray, ...]
        if sort == "relevance":
            keys = (position, self.doc, -date, -relevance(snapshot, self.score, self.doc, self.targets.stems))
        elif sort == "newest":
            keys = (position, self.doc, -date)
        elif sort == "oldest":
            keys = (position, self.doc, date)
        else:
            keys = (position, self.doc)  # document: by symbol, then printed order
        if first is None or first * 4 >= len(position) or len(position) <= FEW_TO_SORT:
            return np.lexsort(keys)[:first]
        leading = keys[-1]
        kept = np.flatnonzero(leading <= np.partition(leading, first - 1)[first - 1])
        return kept[np.lexsort(tuple(k[kept] for k in keys))][:first]


class SearchService:
    """Long-lived: keeps the index open and follows rebuilds without a restart."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.handle = IndexHandle(settings.index_dir, settings.analysis)

    # -- searching -----------------------------------------------------------------------------
    def _evaluate(self, request: SearchRequest) -> _Evaluated:
        validate(request, self.settings.limits)
        snapshot = self.handle.snapshot()
        request, inside = _inside_document(snapshot, resolve_request(request, snapshot))
        match, targets = find(snapshot, request.query, max_expansions=self.settings.limits.max_expansions,
                              fields=QueryFields(snapshot))
        if inside:
            targets.notices = (inside, *targets.notices)
        return _Evaluated(snapshot, match, targets, request)

    def search(self, request: SearchRequest, *, facets: bool = True, highlight: bool = True) -> SearchResult:
        """The search page's answer. Without `facets` and `highlight`: the total and one page of
        hits as plain text, for clients paging through results (and the benchmark's plain
        queries, which other engines answer with a count and the top 20)."""
        return self._result(self._evaluate(request), with_facets=facets, with_highlight=highlight)

    def _result(self, evaluated: _Evaluated, *, with_facets: bool = True,
                with_highlight: bool = True) -> SearchResult:
        request = evaluated.request
        facets = (facet_counts(evaluated.matched, evaluated.masks, request)
                  if with_facets else {})
        start = (request.page - 1) * request.per_page
        page = evaluated.order(start + request.per_page)[start:]
        hits = self._hits(evaluated, page, with_highlight=with_highlight)
        total = len(evaluated.ids)
        return SearchResult(
            request=request,
            total=total,
            documents=documents_in(evaluated.doc),
            mentions=int(evaluated.mentions.sum()),
            facets=facets,
            hits=hits,
            suggestions=did_you_mean(evaluated.snapshot, request.query,
                                     has_hits=lambda q: self._has_hits(replace(request, query=q, page=1)))
            if total < FEW_HITS else [],
            notices=list(evaluated.targets.notices),
            titled=self._titled(evaluated) if with_facets else [],
            index=index_info(evaluated.snapshot),
        )

    def _titled(self, evaluated: _Evaluated) -> list[TitledDocument]:
        """Documents titled with every word of a query without filters, on its first page."""
        request = evaluated.request
        if request.has_filters or request.page != 1 or not evaluated.targets.stems:
            return []
        records = evaluated.snapshot.table.records
        return [TitledDocument(records[d]["symbol"], records[d]["title"] or "", records[d]["year"] or None)
                for d in documents_titled(evaluated.snapshot, evaluated.targets.stems)]

    def _has_hits(self, request: SearchRequest) -> bool:
        try:
            return self.count(request) > 0
        except BadQuery:
            return False

    def iter_hits(self, request: SearchRequest, *, with_highlight: bool = True,
                  limit: int | None = None, refuse_over: int | None = None) -> Iterator[Hit]:
        """Every matching paragraph in the requested order (pages ignored), produced lazily;
        `limit` stops after that many, `refuse_over` refuses (BadParameter) a larger answer."""
        yield from self.export(request, with_highlight=with_highlight, limit=limit, refuse_over=refuse_over)[1]

    def export(self, request: SearchRequest, *, with_highlight: bool = False, limit: int | None = None,
               refuse_over: int | None = None) -> tuple[ExportHeader, Iterator[Hit]]:
        """(header, hits) of one evaluation: the query runs now (BadQuery, BadParameter raise
        here, before anything is written), the hits are produced lazily in the requested order."""
        evaluated = self._evaluate(request)
        order = evaluated.order()
        if refuse_over is not None and len(order) > refuse_over:
            raise BadParameter(f"this export would have {len(order):,} rows; the limit is {refuse_over:,}: "
                               "narrow the search with words or filters")
        header = export_header(evaluated)
        if limit is not None:
            order = order[:limit]

        def hits() -> Iterator[Hit]:
            for chunk_start in range(0, len(order), EXPORT_CHUNK):
                yield from self._hits(evaluated, order[chunk_start:chunk_start + EXPORT_CHUNK],
                                      with_highlight=with_highlight)
        return header, hits()

    def count(self, request: SearchRequest) -> int:
        return len(self._evaluate(request).ids)

    def _hits(self, evaluated: _Evaluated, positions: np.ndarray, *, with_highlight: bool) -> list[Hit]:
        """The hits at `positions` (into evaluated.ids), their columns read as Python lists once
        (an export builds tens of thousands, and per-hit NumPy scalar access was a tenth of it)
        and their stored fields in one batch (Snapshot.stored_many). Each Hit is built from
        positional arguments in HIT_FIELDS order: matching twenty keywords cost 1.5 us of the
        ~4 us a hit took ("sexual violence", a page of 20: 0.28 ms a search)."""
        snapshot, targets = evaluated.snapshot, evaluated.targets
        heads, tails = _document_columns(snapshot)
        scored = bool(evaluated.request.query)
        docnums = evaluated.ids[positions].tolist()
        docs: list[int] = evaluated.doc[positions].tolist()
        mentions = evaluated.mentions[positions].tolist()
        scores = [round(x, 4) for x in evaluated.score[positions].tolist()] if scored else [None] * len(docnums)
        analysed = (targets.stems, targets.words, targets.phrases, targets.analysis)
        hits = []
        for stored, doc, mentioned, score in zip(snapshot.stored_many(docnums), docs, mentions, scores):
            kind, number, text = stored["kind"], stored["number"], stored["text"]
            hits.append(Hit(
                *heads[doc],  # symbol, title, body, year, session, date
                kind,
                number,
                paragraph_anchor(kind, number, stored.get("occurrence", 1), stored.get("label") or ""),
                stored["position"],
                text,
                highlight(text, *analysed) if with_highlight else "",
                mentioned,
                score,
                *tails[doc],  # document_type, language, committee
                part_of(kind),
                stored.get("verb") or "",
                tuple(stored.get("addressees") or ()),
            ))
        return hits

    # -- language over time and in context ------------------------------------------------------
    def timeline(self, request: SearchRequest, scale: str = "count") -> Timeline:
        """Matching paragraphs and mentions per year and body (pages and sort ignored), with the
        indexed paragraphs of each year and body; `scale` "per1000" (TIMELINE_SCALES) asks its
        JSON and CSV for the per-1,000 figures too. BadParameter for another scale."""
        _check_scale(scale)
        return replace(_timeline(self._evaluate(request)), scale=scale)

    def search_with_timeline(self, request: SearchRequest, scale: str = "count") -> tuple[SearchResult, Timeline]:
        """The search page's two views of one evaluation (the query runs once)."""
        _check_scale(scale)
        evaluated = self._evaluate(request)
        return self._result(evaluated), replace(_timeline(evaluated), scale=scale)

    def kwic(self, request: SearchRequest, *, width: int = concordance.DEFAULT_WIDTH,
             sort: str = "document") -> Kwic:
        """The requested page of the concordance of the query's words in the matching paragraphs."""
        every = self.kwic_lines(request, width=width, sort=sort)
        start = (request.page - 1) * request.per_page
        return replace(every, lines=every.lines[start:start + request.per_page])

    def kwic_lines(self, request: SearchRequest, *, width: int = concordance.DEFAULT_WIDTH,
                   sort: str = "document") -> Kwic:
        """Every line of the concordance (no paging), for exports."""
        if sort not in concordance.KWIC_SORTS:
            raise BadParameter(f"kwic order must be one of {', '.join(concordance.KWIC_SORTS)}")
        if not concordance.MIN_WIDTH <= width <= concordance.MAX_WIDTH:
            raise BadParameter(f"context width must be between {concordance.MIN_WIDTH} and "
                               f"{concordance.MAX_WIDTH} characters")
        if not request.query.strip():
            raise BadQuery("a concordance needs words to look for: enter a query")
        evaluated = self._evaluate(request)
        order = evaluated.order()
        snapshot, targets = evaluated.snapshot, evaluated.targets
        lines: list = []
        read = 0
        for i in order[:KWIC_MAX_PARAGRAPHS]:
            if len(lines) >= KWIC_MAX_LINES:
                break
            read += 1
            stored = snapshot.stored(int(evaluated.ids[i]))
            record = snapshot.table.records[int(evaluated.doc[i])]
            lines.extend(concordance.occurrences(
                stored["text"], targets, width=width, symbol=record["symbol"], year=record["year"],
                body=record["body"], anchor=anchor_of(stored), date=record["date"] or None,
                title=record["title"] or ""))
        lines = concordance.sort_lines(lines, sort)
        return Kwic(evaluated.request, width, sort, lines, len(lines), read, read < len(order),
                    header=export_header(evaluated))

    # -- documents: each public call reads one snapshot (see documents.py) ---------------------
    def lookup(self, text: str) -> str | None:
        """The indexed symbol meant by `text` in any common form ("64/163", "res 2004/68",
        "E/CN.4/RES/2004/68"), or None when `text` does not look like a symbol."""
        return documents.lookup(self.handle.snapshot(), text)

    def document(self, symbol: str, query: str = "") -> DocumentView:
        """One resolution with every paragraph, `query`'s words highlighted; DocumentNotFound."""
        snapshot = self.handle.snapshot()
        return documents.document_view(snapshot, documents.document_index(snapshot, symbol),
                                       self._targets(snapshot, query))

    def links(self, symbol: str) -> DocumentLinks:
        """What the document cites (linked when indexed), what cites it, and its series."""
        snapshot = self.handle.snapshot()
        return documents.links(snapshot, documents.document_index(snapshot, symbol))

    def document_page(self, symbol: str, query: str = "") -> DocumentPage:
        """The document and its links from one index generation (the document page, the API)."""
        snapshot = self.handle.snapshot()
        index = documents.document_index(snapshot, symbol)
        return DocumentPage(documents.document_view(snapshot, index, self._targets(snapshot, query)),
                            documents.links(snapshot, index))

    def cited_symbol(self, text: str) -> CitedSymbol:
        """For a symbol the index does not hold: the indexed texts that cite it, each with where it
        first does. `text` in any common form ("53/144", "S/RES/242"). Raises DocumentNotFound
        when no indexed text cites it either."""
        return documents.cited_symbol(self.handle.snapshot(), text)

    def changes(self, symbol: str, other: str | None = None) -> Changes:
        """What changed in `symbol` against `other`, or against the previous text of its series."""
        snapshot = self.handle.snapshot()
        return documents.changes(snapshot, documents.document_index(snapshot, symbol), other)

    def changes_page(self, symbol: str, other: str | None = None) -> ChangesPage:
        """The changes with both texts and the newer one's links, from one index generation."""
        snapshot = self.handle.snapshot()
        found = documents.changes(snapshot, documents.document_index(snapshot, symbol), other)
        older, newer = (documents.document_index(snapshot, s) for s in (found.older_symbol, found.newer_symbol))
        return ChangesPage(found, documents.document_view(snapshot, older, Targets(analysis=snapshot.analysis)),
                           documents.document_view(snapshot, newer, Targets(analysis=snapshot.analysis)),
                           documents.links(snapshot, newer))

    # -- agreed language and clause history (search/finder.py) ---------------------------------
    def similar(self, request: SearchRequest, *, text: str = "", paragraph: str = "", earlier: bool = False,
                limit: int = 10) -> finder.SimilarResult:
        """The paragraphs of other documents worded most like `text`, or like the paragraph named
        `paragraph` ("A/RES/78/216#op5"), among those `request`'s filters keep (its query is not
        used); `earlier`: only documents adopted before the named paragraph's. BadParameter,
        DocumentNotFound."""
        validate(request, self.settings.limits)
        snapshot = self.handle.snapshot()
        return finder.similar(snapshot, resolve_request(request, snapshot), text=text, paragraph=paragraph,
                              earlier=earlier, limit=limit)

    def clause_history(self, symbol: str, anchor: str, *, drafts: bool = False) -> ClauseHistory:
        """The paragraph at `anchor` ("op5") of `symbol` through every text of its series (its
        drafts too with `drafts`), with what was added and dropped at each step. DocumentNotFound."""
        return finder.history(self.handle.snapshot(), symbol, anchor, drafts=drafts)

    def health(self) -> dict:
        """What a load balancer checks (`/healthz`): the generation this process serves and its
        document and paragraph counts. IndexMissing (HTTP 503) when there is no usable index."""
        snapshot = self.handle.snapshot()
        return {"status": "ok", "generation": snapshot.generation, "documents": len(snapshot.table.records),
                "paragraphs": snapshot.alive_count}

    def about(self) -> tuple[IndexInfo, dict]:
        """The generation searches read now (IndexInfo) and its format record (format.json as a
        dict: format_version, analysis, searchapp_version, built). IndexMissing when there is none."""
        snapshot = self.handle.snapshot()
        return index_info(snapshot), snapshot.format.to_json()

    def overview(self) -> Overview:
        """What the index holds (documents by body and decade, the newest, example searches with
        hits), computed once per index generation; IndexMissing when there is none."""
        snapshot = self.handle.snapshot()
        return snapshot.cached("overview", lambda: overview.overview(
            snapshot.table.records, index_info(snapshot), lambda query: self.count(SearchRequest(query=query))))

    def symbols(self) -> list[str]:
        return [r["symbol"] for r in self.handle.snapshot().table.records]

    def _targets(self, snapshot: Snapshot, query: str) -> Targets:
        if not query.strip():
            return Targets(analysis=snapshot.analysis)
        return find(snapshot, query, max_expansions=self.settings.limits.max_expansions,
                    fields=QueryFields(snapshot))[1]


def _inside_document(snapshot: Snapshot, request: SearchRequest) -> tuple[SearchRequest, str]:
    """A query naming a document and words ("78/216 impunity") searches inside that document: the
    request with the words as its query and the document as a `symbol` filter, and a notice
    saying so; a symbol alone lists the document's paragraphs. Unchanged (and no notice) when
    the query names no indexed document or a document filter is already set."""
    if request.value("symbol") is not None:
        return request, ""
    found = documents.symbol_and_words(snapshot, request.query)
    if found is None:
        return request, ""
    symbol, words = found
    inside = replace(request.with_value("symbol", (symbol,)), query=words, page=request.page)
    if not words:
        return inside, f"every paragraph of {symbol} (the query is that document's symbol)"
    return inside, f"searching inside {symbol} for {words} (the query names that document)"


def export_header(evaluated: _Evaluated) -> ExportHeader:
    """What travels with an export of this evaluation: its search, totals, index and the time now."""
    return ExportHeader(evaluated.request, total=len(evaluated.ids), documents=documents_in(evaluated.doc),
                        mentions=int(evaluated.mentions.sum()), index=index_info(evaluated.snapshot),
                        exported=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))


def documents_in(doc: np.ndarray) -> int:
    """How many different documents the paragraphs of `doc` (document indexes) belong to."""
    return int(np.count_nonzero(np.bincount(doc))) if len(doc) else 0


# The order _hits passes a Hit's fields in (tests/test_search_hits_fields.py holds it to
# dataclasses.fields(Hit)).
HIT_FIELDS = ("symbol", "title", "body", "year", "session", "date", "paragraph_type", "paragraph_number",
              "anchor", "position", "text", "highlight", "mentions", "score", "document_type", "language",
              "committee", "part", "verb", "addressees")


_Head: TypeAlias = tuple[str, str, str, int | None, int | None, str | None]  # symbol, title, body, year, session, date
_Tail: TypeAlias = tuple[str, str, str | None]  # document_type, language, committee


def _document_columns(snapshot: Snapshot) -> tuple[list[_Head], list[_Tail]]:
    """Per document index, the Hit fields its record gives: (symbol, title, body, year, session,
    date) and (document_type, language, committee), the defaults of an index written before the
    last three; read once per generation (the records never change)."""
    def read() -> tuple[list[_Head], list[_Tail]]:
        records = snapshot.table.records
        return ([(r["symbol"], r["title"], r["body"], r["year"], r["session"], r["date"]) for r in records],
                [(r.get("document_type", "resolution"), r.get("language", "en"), r.get("committee"))
                 for r in records])
    return snapshot.cached("hit-columns", read)


def index_info(snapshot: Snapshot) -> IndexInfo:
    return IndexInfo(generation=snapshot.generation, built=snapshot.format.built,
                     documents=len(snapshot.table.records), paragraphs=snapshot.alive_count)


def _check_scale(scale: str) -> None:
    if scale not in TIMELINE_SCALES:
        raise BadParameter(f"unknown timeline scale {scale!r}; choose one of: {', '.join(TIMELINE_SCALES)}")


def _indexed_by_year_and_body(evaluated: _Evaluated) -> dict[tuple[int, int], int]:
    """{(year, body code): indexed paragraphs} over the whole index within the request's filters
    (the query left out): the per-1,000 scale's denominators."""
    snapshot, request = evaluated.snapshot, evaluated.request

    def compute() -> dict[tuple[int, int], int]:
        kept = snapshot.live_paragraphs().copy()
        for name, value in request.filters:
            kept &= registry.named(name).selection(snapshot, value).everywhere(snapshot)
        doc = snapshot.documents_of()[kept]
        # One count per (year, body) cell: a bincount, not np.unique's sort of every paragraph
        # (a filtered search computes it anew: ~a quarter of a facet click's time).
        width = max(1, len(snapshot.table.bodies))
        cells = snapshot.table.year[doc].astype(np.int64) * width + snapshot.table.body[doc].astype(np.int64)
        counts = np.bincount(cells)
        return {(int(cell) // width, int(cell) % width): int(counts[cell]) for cell in np.flatnonzero(counts)}
    # Without filters (the common case) the same for every query of this generation.
    return snapshot.cached("timeline-indexed", compute) if not request.filters else compute()


def _timeline(evaluated: _Evaluated) -> Timeline:
    table = evaluated.snapshot.table
    years = table.year[evaluated.doc].astype(np.int64)
    bodies = table.body[evaluated.doc].astype(np.int64)
    dated = years > 0
    rows: list[TimelineYear] = []
    if dated.any():
        indexed = _indexed_by_year_and_body(evaluated)
        first, last = int(years[dated].min()), int(years[dated].max())
        span, width = last - first + 1, len(table.bodies)
        cell = (years[dated] - first) * width + bodies[dated]
        paragraphs = np.bincount(cell, minlength=span * width).reshape(span, width)
        mentions = np.bincount(cell, weights=evaluated.mentions[dated],
                               minlength=span * width).reshape(span, width).astype(np.int64)
        # Read as Python lists once: a NumPy scalar per cell and a .sum() per year were a sixth
        # of a search page's service time (80 years x 2 bodies on the corpus).
        paragraph_rows, mention_rows, names = paragraphs.tolist(), mentions.tolist(), table.bodies
        for offset in range(span):
            year, counted, mentioned = first + offset, paragraph_rows[offset], mention_rows[offset]
            by_body = {names[b]: (counted[b], mentioned[b]) for b in range(width) if counted[b]}
            in_index = {names[b]: indexed[(year, b)] for b in range(width) if (year, b) in indexed}
            rows.append(TimelineYear(year, sum(counted), sum(mentioned), by_body, in_index))
    used = sorted({table.bodies[b] for b in np.unique(bodies)}) if len(bodies) else []
    return Timeline(evaluated.request, used, rows, int((~dated).sum()), header=export_header(evaluated))


def did_you_mean(snapshot: Snapshot, query: str, limit: int = 3,
                 has_hits: Callable[[str], bool] | None = None) -> list[str]:
    """Corrected queries for words the index does not know ("impunty" -> "impunity").

    Candidates come from the unstemmed vocabulary starting with the word's first letter or, for
    a swapped first pair, its second: typos rarely hit the first letter, and it keeps the scan small.
    A word with a digit (a year, "2030", a symbol's number) is never corrected, and no word is
    corrected into a function word or operator ("our" is not "or"). With `has_hits`, only
    corrected queries that find something are offered (Elasticsearch's "collate").
    """
    corrections: dict[str, list[str]] = {}
    for word in query_words_of(query, query_fields()):
        if (len(word) < 3 or snapshot.knows_word(word) or "-" in word
                or any(c.isdigit() for c in word)):
            continue
        vocabulary = ((term, 1) for prefix in sorted({word[0], word[1]})
                      for term in snapshot.words_starting_with(prefix) if term not in STOP_WORDS)
        # Rank by distance first, then by how many paragraphs use the word (looked up only for
        # the few close candidates: a frequency lookup per vocabulary word would cost seconds).
        close = ranked_corrections(word, vocabulary, limit=50)
        close.sort(key=lambda c: (c[1], -snapshot.word_frequency(c[0]), c[0]))
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
        if corrected != query and corrected not in variants and (has_hits is None or has_hits(corrected)):
            variants.append(corrected)
    return variants
