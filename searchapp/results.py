"""What the search service returns: plain data with one JSON shape for the CLI, API and web.

The JSON shape is the contract of `searchapp search --format json` and `GET /api/search`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .search_request import SearchRequest


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class Facet:
    """Counts of one facet, computed with every active filter except this facet's own."""

    name: str
    values: list[FacetValue]
    truncated: bool = False


@dataclass(frozen=True)
class Hit:
    """One matching paragraph with its document's metadata and the highlighted text."""

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

    def to_json(self) -> dict:
        return {
            "symbol": self.symbol,
            "title": self.title,
            "body": self.body,
            "year": self.year,
            "session": self.session,
            "date": self.date,
            "paragraph_type": self.paragraph_type,
            "paragraph_number": self.paragraph_number,
            "anchor": self.anchor,
            "text": self.text,
            "highlight": self.highlight,
            "mentions": self.mentions,
            "score": self.score,
        }


@dataclass(frozen=True)
class SearchResult:
    request: SearchRequest
    total: int  # matching paragraphs
    documents: int  # distinct resolutions among them
    mentions: int  # occurrences of the query's words/phrases in them
    facets: dict[str, Facet]
    hits: list[Hit]
    suggestions: list[str] = field(default_factory=list)

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
            "facets": {
                name: [{"value": v.value, "count": v.count, "selected": v.selected} for v in facet.values]
                for name, facet in self.facets.items()
            },
            "hits": [hit.to_json() for hit in self.hits],
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

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "number": self.number,
            "anchor": self.anchor,
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
            "source": self.source,
            "paragraphs": [p.to_json() for p in self.paragraphs],
        }
