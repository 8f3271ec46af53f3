"""What an index holds, for the page a researcher meets first (the empty query): documents by
body and by decade, the newest documents, and example searches that find paragraphs in it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from searchapp.search.results import IndexInfo

# Searches that show the query syntax on the texts researchers read; only those with hits in the
# index at hand are offered, with their paragraph counts.
EXAMPLES = (
    "impunity",
    '"human rights defenders"',
    "family:account",
    '"freedom of expression"',
    'torture OR "enforced disappearance"',
    "journalists",
    "defend*",
    '"peace and security"',
)
MAX_EXAMPLES = 6
NEWEST = 8


@dataclass(frozen=True)
class NewDocument:
    symbol: str
    title: str
    body: str
    date: str | None  # ISO date as printed, "2009-12-18"
    year: int | None

    def to_json(self) -> dict:
        return {"symbol": self.symbol, "title": self.title, "body": self.body, "date": self.date, "year": self.year}


@dataclass(frozen=True)
class Overview:
    """Counts are of documents (resolutions, drafts and decisions); `by_decade` rows are
    (first year of the decade, {body: documents}); `examples` are (query, matching paragraphs)."""

    index: IndexInfo
    bodies: list[tuple[str, int]]
    by_decade: list[tuple[int, dict[str, int]]]
    undated: int
    newest: list[NewDocument]
    examples: list[tuple[str, int]]

    def to_json(self) -> dict:
        return {"index": self.index.to_json(), "bodies": [{"body": b, "documents": n} for b, n in self.bodies],
                "by_decade": [{"decade": d, "documents": counts} for d, counts in self.by_decade],
                "undated": self.undated, "newest": [d.to_json() for d in self.newest],
                "examples": [{"query": q, "paragraphs": n} for q, n in self.examples]}


def overview(records: list[dict], index: IndexInfo, count: Callable[[str], int]) -> Overview:
    """The overview of an index's document `records`; `count(query)` gives a query's matching
    paragraphs (examples without any are left out)."""
    bodies = Counter(r["body"] for r in records)
    order = [body for body, _ in bodies.most_common()]
    decades: dict[int, Counter] = {}
    for record in records:
        if record["year"]:
            decades.setdefault(record["year"] // 10 * 10, Counter())[record["body"]] += 1
    by_decade = [(decade, {b: decades[decade][b] for b in order if decades[decade][b]}) for decade in sorted(decades)]
    dated = sorted((r for r in records if r["date"] or r["year"]), key=_newest_first)
    newest = [NewDocument(r["symbol"], r["title"] or "", r["body"], r["date"] or None, r["year"] or None)
              for r in dated[:NEWEST]]
    examples = [(query, n) for query in EXAMPLES if (n := count(query))][:MAX_EXAMPLES]
    return Overview(index, bodies.most_common(), by_decade, sum(1 for r in records if not r["year"]), newest, examples)


def _newest_first(record: dict) -> tuple:
    date = dt.date.fromisoformat(record["date"]) if record["date"] else dt.date(record["year"], 1, 1)
    return (-date.toordinal(), record["symbol"])
