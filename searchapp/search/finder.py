"""The agreed-language finder and clause history over one snapshot: what the service's `similar`
and `clause_history` calls do between a request and research/similar.py, research/history.py.

The finder takes a pasted text or a paragraph named as SYMBOL#ANCHOR ("A/RES/78/216#op5") and the
search's filters (search/filters.py: body, year, type, document type ...), which decide the
paragraphs it may list. A named paragraph's own document, and the drafts or resolution adopted
from it (the same text at another stage, research/drafts.py), are never listed: the finder looks
for the wording of OTHER documents. `earlier` keeps the documents adopted before the named
paragraph's ("find earlier wording like this paragraph"). Footnotes are left out unless the `part`
filter asks for them: they cite documents ("United Nations, Treaty Series, vol. 2515, No. 44910."),
the same few words in dozens of texts, and are not agreed language.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from searchapp.engine import Snapshot
from searchapp.exceptions import BadParameter, DocumentNotFound
from searchapp.models import DRAFT_RESOLUTION, Paragraph
from searchapp.research.drafts import draft_links
from searchapp.research.history import ClauseHistory, clause_history
from searchapp.research.relations import relations_of
from searchapp.research.similar import MAX_TEXT, SimilarParagraph, find_similar
from searchapp.search import filters as registry
from searchapp.search.documents import document_index
from searchapp.search.request import SearchRequest
from searchapp.search.results import IndexInfo, filters_json

MAX_LIMIT = 100
DEFAULT_PARTS = ("resolution", "annex")  # without a `part` filter: footnotes are left out


@dataclass(frozen=True)
class SourceParagraph:
    """The paragraph a finder search or a clause history starts from."""

    symbol: str
    title: str
    year: int | None
    date: str | None
    paragraph: Paragraph

    def to_json(self) -> dict:
        p = self.paragraph
        return {"symbol": self.symbol, "title": self.title, "year": self.year, "date": self.date,
                "anchor": p.anchor, "kind": p.kind, "number": p.number, "text": p.text}


@dataclass(frozen=True)
class SimilarResult:
    """The finder's answer: what was looked for, under which filters, and the paragraphs found
    (ordered as research/similar.py rule 3 says)."""

    request: SearchRequest  # its filters only: the query is not used
    text: str
    source: SourceParagraph | None
    earlier: bool
    results: list[SimilarParagraph]
    candidates: int  # paragraphs whose wording was compared
    index: IndexInfo

    def to_json(self) -> dict:
        return {"text": self.text, "paragraph": self.source.to_json() if self.source else None,
                "earlier": self.earlier, "filters": filters_json(self.request),
                "candidates": self.candidates, "results": [r.to_json() for r in self.results],
                "index": self.index.to_json()}


def parse_paragraph_ref(reference: str) -> tuple[str, str]:
    """"A/RES/78/216#op5" -> ("A/RES/78/216", "op5"); BadParameter for anything else."""
    symbol, _, anchor = reference.strip().rpartition("#")
    if not symbol.strip() or not anchor.strip():
        raise BadParameter(f"name a paragraph as SYMBOL#ANCHOR (e.g. A/RES/78/216#op5), not {reference!r}")
    return symbol.strip(), anchor.strip()


def source_paragraph(snapshot: Snapshot, symbol: str, anchor: str) -> tuple[int, SourceParagraph]:
    """(document index, the paragraph at `anchor` of `symbol` in any common form);
    DocumentNotFound naming the anchors the document has when it has no such paragraph."""
    index = document_index(snapshot, symbol)
    document = snapshot.document_model(index)
    for paragraph in document.paragraphs:
        if paragraph.anchor == anchor:
            return index, SourceParagraph(document.symbol, document.title, document.year,
                                          document.date.isoformat() if document.date else None, paragraph)
    anchors = [p.anchor for p in document.paragraphs]
    shown = ", ".join(anchors[:12]) + (" ..." if len(anchors) > 12 else "")
    raise DocumentNotFound(f"{document.symbol} has no paragraph {anchor!r}; its paragraphs are {shown}")


def similar(snapshot: Snapshot, request: SearchRequest, *, text: str = "", paragraph: str = "",
            earlier: bool = False, limit: int = 10) -> SimilarResult:
    """The finder over `snapshot`; `request` already validated and resolved (its filters)."""
    if bool(text.strip()) == bool(paragraph.strip()):
        raise BadParameter("give either a text to look for or a paragraph as SYMBOL#ANCHOR, not both"
                           if text.strip() else "give a text to look for, or a paragraph as SYMBOL#ANCHOR")
    if len(text) > MAX_TEXT:
        raise BadParameter(f"the text is {len(text):,} characters long; the limit is {MAX_TEXT:,}")
    if not 1 <= limit <= MAX_LIMIT:
        raise BadParameter(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if earlier and not paragraph.strip():
        raise BadParameter("'earlier' needs a paragraph (SYMBOL#ANCHOR): a pasted text has no date")
    keep = snapshot.live_paragraphs().copy()
    if request.value("part") is None:  # footnotes cite documents ("Resolution 217 A (III)."): not agreed language
        keep &= registry.named("part").selection(snapshot, DEFAULT_PARTS).everywhere(snapshot)
    for name, value in request.filters:
        keep &= registry.named(name).selection(snapshot, value).everywhere(snapshot)
    source = None
    if paragraph.strip():
        doc, source = source_paragraph(snapshot, *parse_paragraph_ref(paragraph))
        text = source.paragraph.text
        keep &= _other_documents(snapshot, doc, earlier)
        series = _series_documents(snapshot, source.symbol)
    else:
        series = frozenset()
    found, candidates = find_similar(snapshot, text, keep, limit=limit, series=series)
    return SimilarResult(request, text, source, earlier, found, candidates, _index_info(snapshot))


def _other_documents(snapshot: Snapshot, doc: int, earlier: bool) -> np.ndarray:
    """Paragraphs of documents other than `doc` and its drafts or adopted resolution (and, with
    `earlier`, adopted before it), as a mask over doc numbers."""
    records = snapshot.table.records
    linked = snapshot.cached("draft_links", lambda: draft_links(records)).get(records[doc]["symbol"], ())
    allowed = np.ones(len(records), dtype=bool)
    allowed[doc] = False
    for symbol in linked:
        if symbol in snapshot.symbol_index:
            allowed[snapshot.symbol_index[symbol]] = False
    if earlier:
        date = snapshot.table.date
        allowed &= (date > 0) & (date < date[doc]) if date[doc] else np.zeros(len(records), dtype=bool)
    owner = snapshot.documents_of()
    return np.where(owner >= 0, allowed[np.maximum(owner, 0)], False)


def _series_documents(snapshot: Snapshot, symbol: str) -> frozenset[int]:
    """Document numbers of the texts in `symbol`'s series (relations.json), itself included; empty
    when it is in none."""
    place = relations_of(snapshot).series_of(symbol)
    if place is None:
        return frozenset()
    return frozenset(snapshot.symbol_index[s] for s in place.symbols if s in snapshot.symbol_index)


def history(snapshot: Snapshot, symbol: str, anchor: str, *, drafts: bool = False) -> ClauseHistory:
    """The clause at `anchor` of `symbol` through its series' resolutions (research/history.py);
    the series' drafts too with `drafts`; a document in no series gets a history of one text."""
    _, source = source_paragraph(snapshot, symbol, anchor)
    place = relations_of(snapshot).series_of(source.symbol)
    records = snapshot.table.records
    indexed = [s for s in (place.symbols if place else [source.symbol]) if s in snapshot.symbol_index]
    # A series also lists the drafts of its resolutions (A/C.3/80/L.30 before A/RES/80/222): the
    # same text at an earlier stage, mostly in the same words, so each change would show twice
    # (draft, then resolution). Left out unless asked for, or unless the history starts from one.
    left_out = [] if drafts else [
        s for s in indexed
        if s != source.symbol and records[snapshot.symbol_index[s]].get("document_type") == DRAFT_RESOLUTION]
    documents = [snapshot.document_model(snapshot.symbol_index[s]) for s in indexed if s not in left_out]
    start = next(i for i, d in enumerate(documents) if d.symbol == source.symbol)
    paragraph = next(p for p in documents[start].paragraphs if p.anchor == anchor)
    return clause_history(documents, start, paragraph, place.title if place else None,
                          drafts_left_out=left_out, drafts_included=drafts)


def _index_info(snapshot: Snapshot) -> IndexInfo:
    return IndexInfo(generation=snapshot.generation, built=snapshot.format.built,
                     documents=len(snapshot.table.records), paragraphs=snapshot.alive_count)
