"""Read side of `relations.json`: who cites whom, which paragraphs cite a symbol, each document's
series. Written once per indexing run by `searchapp.indexing.relations_build`.

relations.json:
    citations        {symbol: [Citation.to_json(), ...]}  first citation of each cited symbol
    paragraph_cites  {symbol: {position: [cited symbol, ...]}}  for the "cites X" filter
    series           [Series.to_json(), ...]  only series of two or more documents
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from searchapp.engine import Snapshot
from searchapp.exceptions import IndexMissing
from searchapp.research.symbols import document_symbol

RELATIONS_FILE = "relations.json"


def read_relations_file(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not {"citations", "paragraph_cites"} <= data.keys():
        return None
    return data


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
