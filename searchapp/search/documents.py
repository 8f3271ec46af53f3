"""One resolution read from one snapshot: found by symbol, shown with its paragraphs, its links
(what it cites, what cites it, its series) and its changes against another text.

Every function takes the Snapshot it reads: a service call takes the snapshot once and passes it
down, so a document, its links and its relations always come from one index generation even when
a new one is published meanwhile (issue 13 §2).
"""

from __future__ import annotations

from pathlib import PurePath

from searchapp.engine import Snapshot, Targets, document_facts
from searchapp.exceptions import BadParameter, DocumentNotFound, NoEarlierText
from searchapp.models import DRAFT_RESOLUTION, paragraph_anchor, part_of
from searchapp.research.alignment import Changes, compare
from searchapp.research.drafts import draft_links
from searchapp.research.relations import relations_of
from searchapp.research.symbols import looks_like_symbol, symbol_dictionary
from searchapp.search.highlight import highlight
from searchapp.search.results import (
    CitationView,
    CitedSymbol,
    DocumentLinks,
    DocumentView,
    ParagraphView,
)


def lookup(snapshot: Snapshot, text: str) -> str | None:
    """The indexed symbol meant by `text` in any common form ("64/163", "res 2004/68",
    "E/CN.4/RES/2004/68"), or None when `text` does not look like a symbol."""
    if not looks_like_symbol(text):
        return None
    return symbol_dictionary(snapshot).resolve(text)


MAX_SYMBOL_WORDS = 4  # "E/CN.4/RES/2004/68", "res 2004/68", "GA res 64/163", "SC res 1325 (2000)"


def symbol_and_words(snapshot: Snapshot, query: str) -> tuple[str, str] | None:
    """A query that opens or ends with an indexed document's symbol: ("A/RES/78/216", "impunity")
    for "78/216 impunity" or "impunity 78/216", ("A/RES/78/216", "") for "78/216" alone; the
    longest symbol wins ("res 2004/68 defenders" is E/CN.4/RES/2004/68, not a search for "res").
    None when neither end names an indexed document."""
    if not any(map(str.isdigit, query)):  # every symbol form lookup reads has its number
        return None
    words = query.split()
    for size in range(min(MAX_SYMBOL_WORDS, len(words)), 0, -1):
        for symbol_words, rest in ((words[:size], words[size:]), (words[-size:], words[:-size])):
            symbol = lookup(snapshot, " ".join(symbol_words))
            if symbol:
                return symbol, " ".join(rest)
    return None


def document_index(snapshot: Snapshot, symbol: str) -> int:
    """The document index of `symbol` (exact, any case, or any form `lookup` reads), or
    DocumentNotFound."""
    index = snapshot.symbol_index.get(symbol)
    if index is None:
        folded = symbol.strip().casefold()
        index = next((i for s, i in snapshot.symbol_index.items() if s.casefold() == folded), None)
    if index is None:
        resolved = lookup(snapshot, symbol)
        index = snapshot.symbol_index.get(resolved) if resolved else None
    if index is None:
        raise DocumentNotFound(f"no document {symbol!r} in the index")
    return index


def document_view(snapshot: Snapshot, index: int, targets: Targets) -> DocumentView:
    """Every paragraph of document `index` in printed order, `targets` highlighted."""
    record = snapshot.table.records[index]
    paragraphs = []
    for docnum in snapshot.paragraphs_of(index):
        stored = snapshot.stored(int(docnum))
        paragraphs.append(ParagraphView(
            kind=stored["kind"], number=stored["number"], anchor=anchor_of(stored),
            position=stored["position"], opening=stored["opening"], text=stored["text"],
            highlight=highlight(stored["text"], targets.stems, targets.words, targets.phrases,
                                targets.analysis),
            part=part_of(stored["kind"]), heading=stored.get("heading") or "",
            footnotes=tuple(stored.get("footnotes") or ()),
        ))
    linked = snapshot.cached("draft_links", lambda: draft_links(snapshot.table.records)).get(record["symbol"], ())
    is_draft = record.get("document_type") == DRAFT_RESOLUTION
    return DocumentView(
        symbol=record["symbol"], title=record["title"], body=record["body"], date=record["date"],
        year=record["year"], session=record["session"], meeting=record["meeting"],
        vote=record["vote"], tags=tuple(record["tags"]), source=shown_source(record["source"]),
        paragraphs=paragraphs, adopted_from=() if is_draft else linked, adopted_as=linked if is_draft else (),
        **document_facts(record),
    )


def shown_source(source: str) -> str:
    """The document's file as pages and the API name it: relative to the data folder, as the
    indexer records the files inside it ("ga/A_RES_78_216.txt"); a file indexed from outside the
    data folder by its name alone ("A_RES_78_216.txt"), never by the server's absolute path."""
    path = PurePath(source)
    return path.name if path.is_absolute() else path.as_posix()


def links(snapshot: Snapshot, index: int) -> DocumentLinks:
    """What document `index` cites (linked when indexed), what cites it, and its series."""
    symbol = snapshot.table.records[index]["symbol"]
    relations = relations_of(snapshot)
    cites = []
    for citation in relations.citations.get(symbol, []):
        indexed = relations.indexed_symbol(citation["symbol"])
        cites.append(CitationView(indexed or citation["symbol"], citation["kind"], citation["anchor"],
                                  citation["matched_text"], indexed is not None))
    place = relations.series_of(symbol)
    return DocumentLinks(
        cites=cites,
        cited_by=[_summary(snapshot, s) for s in relations.cited_by(symbol)],
        series_title=place.title if place else None,
        series=[_summary(snapshot, s) for s in place.symbols] if place else [],
        previous=place.previous if place else None,
        next=place.next if place else None,
    )


def cited_symbol(snapshot: Snapshot, text: str) -> CitedSymbol:
    """A symbol the index does not hold (`text` in any common form): the indexed texts that cite
    it, each with its first citing paragraph; DocumentNotFound when none does either."""
    relations = relations_of(snapshot)
    symbol = relations.cited_symbol(text)
    if symbol is None:
        raise DocumentNotFound(f"no document {text!r} in the index, and no indexed text cites it")
    citing = [{**_summary(snapshot, citer), "anchor": first["anchor"], "matched_text": first["matched_text"]}
              for citer, first in relations.first_citations_of(symbol)]
    return CitedSymbol(symbol, citing)


def changes(snapshot: Snapshot, newer: int, other: str | None) -> Changes:
    """What changed in document `newer` against `other`, or against the previous text of its
    series; the two are ordered by date."""
    if other is None:
        symbol = snapshot.table.records[newer]["symbol"]
        place = relations_of(snapshot).series_of(symbol)
        if place is None or place.previous is None:
            raise NoEarlierText(symbol)
        older = snapshot.symbol_index[place.previous]
    else:
        older = document_index(snapshot, other)
    if older == newer:
        raise BadParameter("compare a document with a different one")
    table = snapshot.table
    pair = sorted((older, newer), key=lambda i: (table.date[i] or 1 << 30, table.records[i]["symbol"]))
    return compare(snapshot.document_model(pair[0]), snapshot.document_model(pair[1]))


def _summary(snapshot: Snapshot, symbol: str) -> dict:
    index = snapshot.symbol_index.get(symbol)
    record = snapshot.table.records[index] if index is not None else {}
    return {"symbol": symbol, "title": record.get("title"), "year": record.get("year"),
            "body": record.get("body")}


def anchor_of(stored: dict) -> str:
    """The fragment id of a paragraph on its document page: 'pp3', 'op6', 'op1-2', 'annex-p3', 'fn3'."""
    return paragraph_anchor(stored["kind"], stored["number"], stored.get("occurrence", 1), stored.get("label") or "")
