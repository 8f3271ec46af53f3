"""What the search service returns: plain data with one JSON shape for the CLI, API and web.

The JSON shape is the contract of `searchapp search --format json` and `GET /api/search`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from searchapp.research.alignment import Changes
from searchapp.research.references import library_url, official_url
from searchapp.search import filters as registry
from searchapp.search.request import SearchRequest


def filters_json(request: SearchRequest) -> dict:
    """The active filters by name, each in its registry entry's JSON shape:
    {"body": ["General Assembly"], "year": {"from": 2000, "to": null}, "cites": ["A/RES/53/144"]}."""
    return {name: registry.named(name).to_json(value) for name, value in request.filters}


@dataclass(slots=True)
class FacetValue:
    """One value of a facet and its count. Not frozen (like Hit): a page builds ~200 of them,
    and a frozen dataclass's __init__ took 1.1 us each against 0.3."""

    value: str  # the filter's value, as URLs, CLI options and the API take it: "en"
    count: int
    selected: bool = False
    label: str | None = None  # how it is shown when not the value itself: "English"

    @property
    def shown(self) -> str:
        return self.label or self.value


@dataclass(frozen=True)
class Facet:
    """Counts of one facet, computed with every active filter except this facet's own."""

    name: str
    values: list[FacetValue]
    truncated: bool = False
    # For facets that only some documents have (subject tags): (matching documents carrying a
    # value, matching documents); None for facets every document has.
    documents_covered: tuple[int, int] | None = None


@dataclass(slots=True)
class Hit:
    """One matching paragraph with its document's metadata and the highlighted text.

    Not frozen, unlike its neighbours: an export builds one per matching paragraph, and a frozen
    dataclass's __init__ (object.__setattr__ per field) took 5.8 us of the ~30 us each costs."""

    symbol: str
    title: str
    body: str
    year: int | None
    session: int | None
    date: str | None  # ISO date
    paragraph_type: str
    paragraph_number: int
    anchor: str
    position: int
    text: str
    highlight: str  # HTML: matched words in <mark>, the rest escaped
    mentions: int
    score: float | None
    document_type: str = "resolution"  # resolution, draft resolution, decision
    language: str = "en"
    committee: str | None = None  # General Assembly: "Third Committee", "Plenary"
    part: str = "resolution"  # resolution, annex or footnote
    verb: str = ""  # the opening verb phrase as indexed ("Strongly condemns"; "" for annexes, footnotes)
    addressees: tuple[str, ...] = ()  # operative paragraphs: whom the verb addresses, as indexed

    def to_json(self) -> dict:
        return {
            "symbol": self.symbol,
            "title": self.title,
            "body": self.body,
            "year": self.year,
            "session": self.session,
            "date": self.date,
            "part": self.part,
            "paragraph_type": self.paragraph_type,
            "paragraph_number": self.paragraph_number,
            "anchor": self.anchor,
            "text": self.text,
            "highlight": self.highlight,
            "mentions": self.mentions,
            "score": self.score,
            "document_type": self.document_type,
            "language": self.language,
            "committee": self.committee,
            "verb": self.verb,
            "addressees": list(self.addressees),
            "official_url": official_url(self.symbol),
        }


@dataclass(frozen=True)
class IndexInfo:
    """The index generation an answer was read from: its id ("gen-000003"), when it was built
    (ISO 8601 UTC, from its format record), and its document and paragraph counts."""

    generation: str
    built: str
    documents: int
    paragraphs: int

    def to_json(self) -> dict:
        return {"generation": self.generation, "built": self.built, "documents": self.documents,
                "paragraphs": self.paragraphs}


@dataclass(frozen=True)
class ExportHeader:
    """What travels with every export so a figure can be reproduced: the search (query, filters
    in their JSON shape, sort), its totals, the index it ran on and when the export was made."""

    request: SearchRequest
    total: int  # matching paragraphs (= rows of the CSV/JSON export)
    documents: int
    mentions: int
    index: IndexInfo
    exported: str  # ISO 8601 UTC

    def to_json(self) -> dict:
        return {"query": self.request.query, "filters": filters_json(self.request), "sort": self.request.sort,
                "total": self.total, "documents": self.documents, "mentions": self.mentions,
                "index": self.index.to_json(), "exported": self.exported}


@dataclass(frozen=True)
class TitledDocument:
    symbol: str
    title: str
    year: int | None


@dataclass(frozen=True)
class SearchResult:
    request: SearchRequest
    total: int  # matching paragraphs
    documents: int  # distinct resolutions among them
    mentions: int  # occurrences of the query's words/phrases in them
    facets: dict[str, Facet]
    hits: list[Hit]
    suggestions: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # parts of the query that were ignored, and why
    # Documents whose title holds every word of the query (closest title first), listed before
    # the paragraphs: a researcher typing a title finds the resolution even when no single
    # paragraph holds all its words. Not counted in total/documents/mentions.
    titled: list[TitledDocument] = field(default_factory=list)
    index: IndexInfo | None = None  # the generation this answer was read from

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.request.per_page))

    def to_json(self) -> dict:
        return {
            "query": self.request.query,
            "total": self.total,
            "documents": self.documents,
            "mentions": self.mentions,
            "page": self.request.page,
            "per_page": self.request.per_page,
            "pages": self.pages,
            "sort": self.request.sort,
            "filters": filters_json(self.request),
            "facets": {
                name: [{"value": v.value, "count": v.count, "selected": v.selected,
                        **({"label": v.label} if v.label else {})} for v in facet.values]
                for name, facet in self.facets.items()
            },
            "facet_coverage": {
                name: {"documents_with_values": facet.documents_covered[0], "documents": facet.documents_covered[1]}
                for name, facet in self.facets.items() if facet.documents_covered is not None
            },
            "hits": [hit.to_json() for hit in self.hits],
            "suggestions": self.suggestions,
            "notices": self.notices,
            "titled": [{"symbol": t.symbol, "title": t.title, "year": t.year} for t in self.titled],
            "index": self.index.to_json() if self.index else None,
        }


@dataclass(frozen=True)
class ParagraphView:
    kind: str
    number: int
    anchor: str
    position: int
    opening: str
    text: str
    highlight: str  # HTML-escaped text, query words in <mark> when a query was given
    part: str = "resolution"  # resolution, annex or footnote
    heading: str = ""  # annex paragraphs: "Annex: <title> / <section> / Article 4"
    footnotes: tuple[int, ...] = ()  # the footnotes whose markers stood in the paragraph

    @property
    def where(self) -> str:
        """How the paragraph is named: "operative 6", "annex p3", "annex art4-p2", "footnote 3"."""
        if self.part == "footnote":
            return f"footnote {self.number}"
        if self.part == "annex":
            return "annex " + self.anchor.split("-", 1)[-1] if "-" in self.anchor else self.anchor
        return f"{self.kind} {self.number}"

    @property
    def annex_title(self) -> str:
        return self.heading.split(" / ", 1)[0]

    @property
    def section(self) -> str:
        return self.heading.split(" / ", 1)[1] if " / " in self.heading else ""

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "part": self.part,
            "number": self.number,
            "anchor": self.anchor,
            "heading": self.heading,
            "footnotes": list(self.footnotes),
            "opening": self.opening,
            "text": self.text,
            "highlight": self.highlight,
        }


@dataclass(frozen=True)
class DocumentView:
    symbol: str
    title: str
    body: str
    date: str | None
    year: int | None
    session: int | None
    meeting: str | None
    vote: str | None
    tags: tuple[str, ...]
    source: str
    paragraphs: list[ParagraphView]
    document_type: str = "resolution"
    committee: str | None = None
    agenda_items: tuple[str, ...] = ()
    language: str = "en"
    has_symbol: bool = True  # False: `symbol` is the stand-in "no symbol (file 18-04038)"
    sponsors: tuple[str, ...] = ()  # draft resolutions: the sponsoring States
    # Linked by research/drafts.py when both are indexed: a resolution's drafts, a draft's resolutions.
    adopted_from: tuple[str, ...] = ()
    adopted_as: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {
            "symbol": self.symbol,
            "title": self.title,
            "body": self.body,
            "date": self.date,
            "year": self.year,
            "session": self.session,
            "meeting": self.meeting,
            "vote": self.vote,
            "tags": list(self.tags),
            "document_type": self.document_type,
            "committee": self.committee,
            "agenda_items": list(self.agenda_items),
            "language": self.language,
            "has_symbol": self.has_symbol,
            "sponsors": list(self.sponsors),
            "adopted_from": list(self.adopted_from),
            "adopted_as": list(self.adopted_as),
            "official_url": official_url(self.symbol) if self.has_symbol else None,
            "library_url": library_url(self.symbol) if self.has_symbol else None,
            "source": self.source,
            "paragraphs": [p.to_json() for p in self.paragraphs],
        }


@dataclass(frozen=True)
class CitationView:
    """A symbol the document cites, where first, and whether it is in the index (linkable)."""

    symbol: str
    kind: str  # "resolution" or "document"
    anchor: str
    matched_text: str
    indexed: bool

    def to_json(self) -> dict:
        return {"symbol": self.symbol, "kind": self.kind, "anchor": self.anchor,
                "matched_text": self.matched_text, "indexed": self.indexed}


@dataclass(frozen=True)
class DocumentLinks:
    """A document's place among the others: what it cites, what cites it, its series."""

    cites: list[CitationView]
    cited_by: list[dict]  # {"symbol", "title", "year"}
    series_title: str | None = None
    series: list[dict] = field(default_factory=list)  # {"symbol", "title", "year"} by date
    previous: str | None = None
    next: str | None = None

    def to_json(self) -> dict:
        return {"cites": [c.to_json() for c in self.cites], "cited_by": self.cited_by,
                "series": {"title": self.series_title, "documents": self.series,
                           "previous": self.previous, "next": self.next} if self.series else None}


@dataclass(frozen=True)
class DocumentPage:
    """A document and its links, read from one index generation."""

    document: DocumentView
    links: DocumentLinks

    def to_json(self) -> dict:
        data = self.document.to_json()
        data.update(self.links.to_json())
        return data


@dataclass(frozen=True)
class ChangesPage:
    """What changed between two texts, both texts, and the newer one's links: one generation."""

    changes: Changes
    older: DocumentView
    newer: DocumentView
    links: DocumentLinks


@dataclass(frozen=True)
class CitedSymbol:
    """A symbol the index does not hold but its texts cite ("who cites 53/144?" when the
    Declaration's resolution itself is not indexed). `cited_by`: one entry per citing document,
    by symbol: {"symbol", "title", "year", "body", "anchor", "matched_text"}, the anchor and words
    of its first paragraph citing it."""

    symbol: str
    cited_by: list[dict]

    def to_json(self) -> dict:
        return {"symbol": self.symbol, "indexed": False, "cites": [], "cited_by": self.cited_by,
                "series": None}


TIMELINE_SCALES = ("count", "per1000")  # counts, or per 1,000 indexed paragraphs of the year and body


def per_thousand(count: int, indexed: int) -> float:
    """`count` per 1,000 of `indexed` paragraphs, to two decimals (0.0 when none are indexed)."""
    return round(count * 1000 / indexed, 2) if indexed else 0.0


@dataclass(frozen=True)
class TimelineYear:
    """One year of a timeline. `indexed` counts every indexed paragraph of that year per body
    within the search's filters (not only those matching the query): the denominator of the
    per-1,000 scale, since the corpus holds far more paragraphs of some years than of others."""

    year: int
    paragraphs: int
    mentions: int
    by_body: dict[str, tuple[int, int]]  # body -> (paragraphs, mentions)
    indexed: dict[str, int] = field(default_factory=dict)  # body -> indexed paragraphs (filters applied)

    @property
    def indexed_paragraphs(self) -> int:
        return sum(self.indexed.values())

    def to_json(self, scale: str = "count") -> dict:
        per_1000 = scale == "per1000"
        by_body = {body: {"paragraphs": p, "mentions": m,
                          **(_rates(p, m, self.indexed.get(body, 0)) if per_1000 else {})}
                   for body, (p, m) in self.by_body.items()}
        return {"year": self.year, "paragraphs": self.paragraphs, "mentions": self.mentions,
                **(_rates(self.paragraphs, self.mentions, self.indexed_paragraphs) if per_1000 else {}),
                "by_body": by_body}


def _rates(paragraphs: int, mentions: int, indexed: int) -> dict:
    return {"indexed_paragraphs": indexed, "paragraphs_per_1000": per_thousand(paragraphs, indexed),
            "mentions_per_1000": per_thousand(mentions, indexed)}


@dataclass(frozen=True)
class Timeline:
    """Matching paragraphs and mentions per year, split by body; every year from first to last."""

    request: SearchRequest
    bodies: list[str]
    years: list[TimelineYear]
    undated_paragraphs: int
    header: ExportHeader | None = None  # the search's totals and index, for exports
    scale: str = "count"  # TIMELINE_SCALES: "per1000" adds the per-1,000 figures to JSON and CSV

    def to_json(self) -> dict:
        found = {"query": self.request.query, "bodies": self.bodies, "scale": self.scale,
                 "years": [y.to_json(self.scale) for y in self.years],
                 "undated_paragraphs": self.undated_paragraphs}
        if self.header is not None:  # without "exported": the same search answers the same JSON
            found["export"] = {k: v for k, v in self.header.to_json().items() if k != "exported"}
        return found


@dataclass(frozen=True)
class KwicLine:
    """One occurrence of the query with its context, keyword apart so it can be aligned."""

    symbol: str
    year: int | None
    body: str
    anchor: str
    left: str
    keyword: str
    right: str
    date: str | None = None  # adoption date as printed in the index ("2009-12-18"), when known
    title: str = ""  # the document's title: what a page shows for a text without a UN symbol

    def to_json(self) -> dict:
        return {"symbol": self.symbol, "year": self.year, "date": self.date, "body": self.body,
                "anchor": self.anchor, "left": self.left, "keyword": self.keyword, "right": self.right}


@dataclass(frozen=True)
class Kwic:
    request: SearchRequest
    width: int
    sort: str
    lines: list[KwicLine]
    total_lines: int
    paragraphs_read: int
    truncated: bool  # more paragraphs matched than a concordance reads
    header: ExportHeader | None = None  # the search's totals and index, for exports

    def to_json(self) -> dict:
        found = {"query": self.request.query, "width": self.width, "sort": self.sort,
                 "total_lines": self.total_lines, "paragraphs_read": self.paragraphs_read,
                 "truncated": self.truncated, "lines": [line.to_json() for line in self.lines]}
        if self.header is not None:  # without "exported": the same search answers the same JSON
            found["export"] = {k: v for k, v in self.header.to_json().items() if k != "exported"}
        return found
