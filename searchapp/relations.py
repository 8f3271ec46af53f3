"""Citations and series across the whole index, computed once per build into `relations.json`.

Both depend on every document ("cited by" needs all citing texts, a series needs all its members),
so each indexing run, full or incremental, recomputes them from the finished generation before it
is published. Reading them back is a JSON load per generation.

relations.json:
    citations        {symbol: [Citation.to_json(), ...]}  first citation of each cited symbol
    paragraph_cites  {symbol: {position: [cited symbol, ...]}}  for the "cites X" filter
    series           [Series.to_json(), ...]  only series of two or more documents
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from .engine import Snapshot
from .exceptions import IndexMissing
from .features.citations import RESOLUTION, citations_by_paragraph, first_citations
from .features.lineage import group_series
from .features.symbols import document_symbol

RELATIONS_FILE = "relations.json"


def compute_relations(snapshot: Snapshot) -> dict:
    documents = [snapshot.document_model(i) for i in range(len(snapshot.table.records))]
    citations: dict[str, list[dict]] = {}
    paragraph_cites: dict[str, dict[str, list[str]]] = {}
    cited_resolutions: dict[str, set[str]] = {}
    for document in documents:
        by_paragraph = citations_by_paragraph(document)
        first = first_citations(document, by_paragraph)
        if not first:
            continue
        citations[document.symbol] = [c.to_json() for c in first]
        cited_resolutions[document.symbol] = {c.symbol for c in first if c.kind == RESOLUTION}
        paragraph_cites[document.symbol] = {
            str(paragraph.position): list(dict.fromkeys(c.symbol for c in found))
            for paragraph, found in by_paragraph if found}
    series = [s.to_json() for s in group_series(documents, cited_resolutions) if len(s.documents) > 1]
    return {"citations": citations, "paragraph_cites": paragraph_cites, "series": series}


def write_relations(generation: Path) -> None:
    """Compute and write relations.json inside a generation that is being built."""
    snapshot = Snapshot(generation)
    try:
        relations = compute_relations(snapshot)
    finally:
        snapshot.close()
    path = generation / RELATIONS_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(relations, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


@dataclass(frozen=True)
class SeriesPlace:
    """Where one document stands in its series."""

    title: str
    symbols: list[str]
    previous: str | None
    next: str | None
    reasons: list[dict]


class Relations:
    """Read side: who cites whom, which paragraphs cite a symbol, each document's series."""

    def __init__(self, data: dict, indexed: list[str]):
        self.citations: dict[str, list[dict]] = data["citations"]
        self.paragraph_cites: dict[str, dict[str, list[str]]] = data["paragraph_cites"]
        self._indexed = {_key(s): s for s in indexed}
        self._cited_by: dict[str, list[str]] = {}
        for citing, cited in self.citations.items():
            for citation in cited:
                self._cited_by.setdefault(_key(citation["symbol"]), []).append(citing)
        self._series: dict[str, dict] = {}
        for series in data["series"]:
            for symbol in series["symbols"]:
                self._series[symbol] = series

    def indexed_symbol(self, symbol: str) -> str | None:
        """The symbol as indexed, for a cited symbol written in any case."""
        return self._indexed.get(_key(symbol))

    def cited_by(self, symbol: str) -> list[str]:
        return sorted(self._cited_by.get(_key(symbol), []))

    def citing_paragraphs(self, symbol: str) -> dict[str, set[int]]:
        """{citing document symbol: positions of its paragraphs that cite `symbol`}."""
        wanted = _key(symbol)
        found: dict[str, set[int]] = {}
        for citing in self._cited_by.get(wanted, []):
            positions = {int(p) for p, cited in self.paragraph_cites.get(citing, {}).items()
                         if any(_key(c) == wanted for c in cited)}
            if positions:
                found[citing] = positions
        return found

    def series_of(self, symbol: str) -> SeriesPlace | None:
        series = self._series.get(symbol)
        if series is None:
            return None
        symbols = series["symbols"]
        i = symbols.index(symbol)
        return SeriesPlace(title=series["title"], symbols=symbols,
                           previous=symbols[i - 1] if i > 0 else None,
                           next=symbols[i + 1] if i + 1 < len(symbols) else None,
                           reasons=series["links"])


def relations_of(snapshot: Snapshot) -> Relations:
    """The generation's relations, loaded once per snapshot."""
    def load() -> Relations:
        path = snapshot.folder / RELATIONS_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise IndexMissing(f"the index in {snapshot.folder} has no readable {RELATIONS_FILE}; "
                               "run `searchapp index --rebuild`") from None
        return Relations(data, [r["symbol"] for r in snapshot.table.records])
    return snapshot.cached("relations", load)


def _key(symbol: str) -> str:
    return document_symbol(symbol).casefold()
