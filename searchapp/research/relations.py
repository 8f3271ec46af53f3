"""Read side of `relations.json`: who cites whom, which paragraphs cite a symbol, each document's
series. Written once per indexing run by `searchapp.indexing.relations_build`.

relations.json:
    citations        {symbol: [Citation.to_json(), ...]}  first citation of each cited symbol
    paragraph_cites  {symbol: {position: [cited symbol, ...]}}  for the "cites X" filter
    series           [Series.to_json(), ...]  only series of two or more documents
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from searchapp.engine import Snapshot
from searchapp.research.symbols import document_symbol, symbol_candidates

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
        self._as_cited: dict[str, str] = {}  # key -> the symbol as the citations spell it
        for citing, cited in self.citations.items():
            for citation in cited:
                key = _key(citation["symbol"])
                self._cited_by.setdefault(key, []).append(citing)
                self._as_cited.setdefault(key, citation["symbol"])
        self._series: dict[str, dict] = {}
        for series in data["series"]:
            for symbol in series["symbols"]:
                self._series[symbol] = series

    def indexed_symbol(self, symbol: str) -> str | None:
        """The symbol as indexed, for a cited symbol written in any case."""
        return self._indexed.get(_key(symbol))

    def cited_by(self, symbol: str) -> list[str]:
        return sorted(self._cited_by.get(_key(symbol), []))

    def cited_symbol(self, text: str) -> str | None:
        """The cited symbol `text` names in any common form ("53/144", "res 53/144",
        "A/RES/53/144"; "S/RES/242" for "S/RES/242 (1967)"), as the citations spell it, whether or
        not it is indexed; None when no indexed text cites it."""
        candidates = symbol_candidates(text) or ([text] if text.strip() else [])
        for candidate in candidates:
            key = _key(candidate)
            if key in self._cited_by:
                return self._as_cited[key]
            if re.fullmatch(r"s/res/\d+", key):  # the year is rarely typed; SC numbers are unique
                dated = sorted(k for k in self._cited_by if k.startswith(key + " ("))
                if dated:
                    return self._as_cited[dated[0]]
        return None

    def first_citations_of(self, symbol: str) -> list[tuple[str, dict]]:
        """(citing document, its first citation of `symbol`: Citation.to_json()) by citing symbol."""
        wanted = _key(symbol)
        return [(citing, next(c for c in self.citations[citing] if _key(c["symbol"]) == wanted))
                for citing in self.cited_by(symbol)]

    def citing_paragraphs(self, symbol: str) -> dict[str, set[int]]:
        """{citing document symbol: positions of its paragraphs that cite `symbol`} (any common
        form of the symbol, as `cited_symbol` reads it)."""
        wanted = _key(self.cited_symbol(symbol) or symbol)
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
        return Relations(snapshot.sidecar_json(RELATIONS_FILE), [r["symbol"] for r in snapshot.table.records])
    return snapshot.cached("relations", load)


def _key(symbol: str) -> str:
    return document_symbol(symbol).casefold()
