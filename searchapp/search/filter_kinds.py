"""The kinds of search filter, each reading one sort of metadata column of an index generation.

- DocumentFieldFilter: one value per resolution, a key of documents.json (body, session).
- DocumentListFilter: several values per resolution, a list in documents.json (tags).
- YearRangeFilter: a first and last year over a per-resolution number (year).
- ParagraphCodeFilter: one code per paragraph, an array of arrays.npz (kind: preambular/operative).
- ParagraphLabelFilter (filter_labels.py): a label per paragraph coded against a vocabulary of
  the index (verb), or a set of labels as a bit set (addressee).
- CitesFilter, SymbolFilter: paragraphs citing a symbol; paragraphs of given documents.
Columns derived from documents.json are computed once per generation (Snapshot.cached).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from searchapp.engine import Snapshot
from searchapp.exceptions import BadParameter
from searchapp.research.relations import relations_of
from searchapp.research.symbols import looks_like_symbol, symbol_dictionary
from searchapp.search.filter_base import (
    Filter,
    GetList,
    Matched,
    Parameter,
    Selection,
    Value,
    as_whole_number,
    either,
    unknown_value,
)

FIRST_YEAR, LAST_YEAR = 1900, 2100  # the one year limit: URL, CLI, query `year:` and the form


def nonzero(names: Sequence, counted: np.ndarray) -> list[tuple[str, int]]:
    """(name, count) for the names counted at least once (read as Python ints in one go)."""
    found = np.flatnonzero(counted)
    return [(str(names[i]), int(c)) for i, c in zip(found.tolist(), counted[found].tolist())]


class DocumentFieldFilter(Filter):
    """A per-resolution value, `record[field]` of documents.json; None/"" (and 0 for numbers)
    mean "not known" and match no value."""

    def __init__(self, name: str, label: str, parameter: Parameter, *, field: str,
                 order: str = "count", fixed_order: Sequence[str] = (), aliases: dict[str, str] | None = None,
                 value_labels: dict[str, str] | None = None, **kwargs: Any):
        super().__init__(name, label, parameter, **kwargs)
        self.field = field
        self.number = parameter.number
        self.order = order
        self.fixed_order = fixed_order
        self.aliases = {k.casefold(): v for k, v in (aliases or {}).items()}  # "GA" -> "General Assembly"
        # Shown names are accepted as values too: "English" -> "en".
        self.value_labels = dict(value_labels or {})
        self.names = {label.casefold(): code for code, label in self.value_labels.items()}

    def known_values(self, snapshot: Snapshot) -> list:
        """Every value the index holds, sorted."""
        return self.column(snapshot)[0]

    def resolve(self, snapshot: Snapshot, value: Value) -> Value:
        known = self.known_values(snapshot)
        spelled = {str(name).casefold(): name for name in known}
        resolved = []
        for given in value:
            key = str(given).strip().casefold()
            meant = self.aliases.get(key, self.names.get(key, key))
            if meant.casefold() not in spelled:
                note = f" ({meant})" if key in self.aliases else ""
                if self.aliases:
                    note += "; abbreviations: " + ", ".join(k.upper() for k in self.aliases)
                if self.value_labels:
                    known = [f"{v} ({self.value_label(str(v))})" for v in known]
                raise unknown_value(self.noun, given, known, note=note)
            resolved.append(spelled[meant.casefold()])
        return tuple(dict.fromkeys(resolved))

    def column(self, snapshot: Snapshot) -> tuple[list, np.ndarray]:
        """(the distinct values, sorted; each document's code into them, -1 if unknown)."""
        def compute():
            raw = [record.get(self.field) for record in snapshot.table.records]
            known = [v for v in raw if v not in (None, "") and not (self.number and v == 0)]
            names = sorted(set(known))
            code = {v: i for i, v in enumerate(names)}
            return names, np.array([code.get(v, -1) for v in raw], dtype=np.int32)
        return snapshot.cached(f"filter-column:{self.name}", compute)

    def numbers(self, snapshot: Snapshot) -> np.ndarray:
        """Each document's value as a number, 0 if unknown (number fields only), computed once
        per generation."""
        def compute() -> np.ndarray:
            names, codes = self.column(snapshot)
            values = np.array([0] + [int(v) for v in names], dtype=np.int64)
            return values[codes + 1]
        return snapshot.cached(f"filter-numbers:{self.name}", compute)

    def selection(self, snapshot: Snapshot, value: Value) -> Selection:
        names, codes = self.column(snapshot)
        wanted = {self.names.get(str(v).casefold(), str(v)).casefold() for v in value}
        # A table of the chosen codes read at each document's code (the last entry, for -1 =
        # unknown, stays False): one gather instead of np.isin's sort, a tenth of the time.
        chosen = np.zeros(len(names) + 1, dtype=bool)
        chosen[[i for i, name in enumerate(names) if str(name).casefold() in wanted]] = True
        return Selection(documents=chosen[codes])

    def counts(self, matched: Matched, keep: np.ndarray) -> list[tuple[str, int]]:
        names, codes = self.column(matched.snapshot)
        found = codes[matched.doc[keep]]
        return nonzero(names, np.bincount(found[found >= 0], minlength=len(names)))

    def range_selection(self, snapshot: Snapshot, start: str | None, end: str | None) -> Selection:
        if not self.number:
            return super().range_selection(snapshot, start, end)
        low = as_whole_number(f"{self.query_field}:", start) if start else None
        high = as_whole_number(f"{self.query_field}:", end) if end else None
        return self.between(snapshot, low, high)

    def between(self, snapshot: Snapshot, low: int | None, high: int | None) -> Selection:
        numbers = self.numbers(snapshot)
        kept = numbers > 0
        if low is not None:
            kept &= numbers >= low
        if high is not None:
            kept &= numbers <= high
        return Selection(documents=kept)


class DocumentListFilter(DocumentFieldFilter):
    """Several values per resolution, `record[field]` a list (subject tags). With `coverage`, its
    facet also says how many of the matching documents carry any value at all: 54 of the 1,668
    documents of the shared corpus carry subject tags, and a tag's count means little without it."""

    def __init__(self, *args: Any, coverage: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.coverage = coverage

    def documents_covered(self, matched: Matched, keep: np.ndarray) -> tuple[int, int] | None:
        """(matching documents carrying a value, matching documents), or None without coverage."""
        if not self.coverage:
            return None
        snapshot = matched.snapshot

        def carrying() -> np.ndarray:  # per document index: True when it carries any value
            flags = np.zeros(len(snapshot.table.records), bool)
            flags[self.pairs(snapshot)[1]] = True
            return flags
        flags = snapshot.cached(f"filter-carrying:{self.name}", carrying)
        # The matching documents as a presence table (a bincount), not np.unique's sort + isin.
        present = np.bincount(matched.doc[keep], minlength=len(flags)) > 0
        return int(np.count_nonzero(present & flags)), int(np.count_nonzero(present))

    def known_values(self, snapshot: Snapshot) -> list:
        return self.pairs(snapshot)[0]

    def pairs(self, snapshot: Snapshot) -> tuple[list, np.ndarray, np.ndarray]:
        """(the distinct values; document index and value code of every (document, value) pair)."""
        def compute():
            records = snapshot.table.records
            names = sorted({v for r in records for v in (r.get(self.field) or ())})
            code = {v: i for i, v in enumerate(names)}
            pairs = [(i, code[v]) for i, r in enumerate(records) for v in dict.fromkeys(r.get(self.field) or ())]
            return (names, np.array([p[0] for p in pairs], dtype=np.int64),
                    np.array([p[1] for p in pairs], dtype=np.int64))
        return snapshot.cached(f"filter-pairs:{self.name}", compute)

    def selection(self, snapshot: Snapshot, value: Value) -> Selection:
        names, pair_doc, pair_code = self.pairs(snapshot)
        wanted = {str(v).casefold() for v in value}
        chosen = [i for i, name in enumerate(names) if name.casefold() in wanted]
        documents = np.zeros(len(snapshot.table.records), bool)
        documents[pair_doc[np.isin(pair_code, chosen)]] = True
        return Selection(documents=documents)

    def counts(self, matched: Matched, keep: np.ndarray) -> list[tuple[str, int]]:
        names, pair_doc, pair_code = self.pairs(matched.snapshot)
        per_document = np.bincount(matched.doc[keep], minlength=len(matched.snapshot.table.records))
        return nonzero(names, np.bincount(pair_code, weights=per_document[pair_doc], minlength=len(names)))


class YearRangeFilter(DocumentFieldFilter):
    """From a first to a last year, both included, either open: the value is (first, last)."""

    control = "range"

    def __init__(self, name: str, label: str, first: Parameter, last: Parameter, **kwargs: Any):
        super().__init__(name, label, first, order="value", **kwargs)
        self.parameters = (first, last)

    def from_keywords(self, given: dict[str, Any], current: Value) -> Value:
        low, high = current or (None, None)
        low = given.get(self.parameters[0].keyword, low)
        high = given.get(self.parameters[1].keyword, high)
        return None if low is None and high is None else (low, high)

    def keyword_value(self, value: Value, keyword: str) -> Any:
        return None if value is None else value[self.keywords.index(keyword)]

    def parse(self, get_list: GetList) -> dict[str, Any]:
        given = {}
        for parameter in self.parameters:
            values = [v for v in get_list(parameter.url) if v.strip()]
            given[parameter.keyword] = as_whole_number(parameter.url, values[-1]) if values else None
        return given

    def to_params(self, value: Value) -> list[tuple[str, str]]:
        return [(p.url, str(v)) for p, v in zip(self.parameters, value) if v is not None]

    def validate(self, value: Value) -> None:
        for parameter, year in zip(self.parameters, value):
            if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
                raise BadParameter(f"{parameter.url} must be a year between {FIRST_YEAR} and {LAST_YEAR}, "
                                   f"not {year}")
        low, high = value
        if low is not None and high is not None and low > high:
            raise BadParameter(f"{self.parameters[0].url} ({low}) is after {self.parameters[1].url} ({high})")

    def to_json(self, value: Value) -> Any:
        return {"from": value[0], "to": value[1]}

    def toggled(self, value: Value, item: str) -> Value:
        year = int(item)
        return None if value == (year, year) else (year, year)

    def chips(self, value: Value) -> list[tuple[str, Value]]:
        low, high = ("…" if v is None else v for v in value)
        return [(f"{self.label}: {low}–{high}", None)]

    def describe(self, value: Value) -> str:
        low, high = value
        if low is not None and high is not None:
            return f"{self.noun} is {low}" if low == high else f"{self.noun} is {low}–{high}"
        return f"{self.noun} is {low} or later" if low is not None else f"{self.noun} is {high} or earlier"

    def is_selected(self, value: Value, facet_value: str) -> bool:
        if value is None:
            return False
        low, high = value
        year = int(facet_value)
        return (low is None or low <= year) and (high is None or year <= high)

    def selected_values(self, value: Value) -> list[str]:
        return [str(value[0])] if value is not None and value[0] is not None and value[0] == value[1] else []

    def resolve(self, snapshot: Snapshot, value: Value) -> Value:
        return value  # a range: any years may be asked for

    def selection(self, snapshot: Snapshot, value: Value) -> Selection:
        return self.between(snapshot, *value)

    def query_selection(self, snapshot: Snapshot, text: str) -> Selection:
        year = as_whole_number(f"{self.query_field}:", text)
        return self.between(snapshot, year, year)


class ParagraphCodeFilter(Filter):
    """A per-paragraph code, `snapshot.paragraph_column(column)[doc number]` indexing `names` (kind: 0 preambular,
    1 operative)."""

    order = "fixed"

    def __init__(self, name: str, label: str, parameter: Parameter, *, column: str,
                 names: Sequence[str], **kwargs: Any):
        super().__init__(name, label, parameter, **kwargs)
        self.column, self.names = column, tuple(names)
        self.fixed_order = self.names

    def validate(self, value: Value) -> None:
        for item in value:
            if str(item).casefold() not in self.names:
                raise BadParameter(f"unknown {self.noun} {item!r}; choose one of: {', '.join(self.names)}")

    def resolve(self, snapshot: Snapshot, value: Value) -> Value:
        self.validate(value)
        return tuple(dict.fromkeys(str(v).casefold() for v in value))

    def selection(self, snapshot: Snapshot, value: Value) -> Selection:
        chosen = [self.names.index(str(v).casefold()) for v in value]
        return Selection(paragraphs=np.isin(snapshot.paragraph_column(self.column), chosen))

    def counts(self, matched: Matched, keep: np.ndarray) -> list[tuple[str, int]]:
        codes = matched.snapshot.paragraph_column(self.column, matched.ids[keep]).astype(np.int64)
        # Codes past `names` are not counted: `kind` 2 and 3 (annex, footnote) are no paragraph type.
        return nonzero(self.names, np.bincount(codes, minlength=len(self.names))[:len(self.names)])


class CitesFilter(Filter):
    """The paragraphs that cite any of the given symbols (paragraph by paragraph, not document)."""

    facet = False
    control = "hidden"

    def describe(self, value: Value) -> str:
        return f"the paragraph cites {either(value)}"

    def selection(self, snapshot: Snapshot, value: Value) -> Selection:
        relations = relations_of(snapshot)
        kept = np.zeros(snapshot.size, bool)
        for symbol in value:
            for citing, positions in relations.citing_paragraphs(symbol).items():
                index = snapshot.symbol_index.get(citing)
                if index is not None:
                    docnums = snapshot.paragraphs_of(index)
                    kept[docnums[np.isin(snapshot.positions_of(docnums), list(positions))]] = True
        return Selection(paragraphs=kept)


class SymbolFilter(Filter):
    """The paragraphs of the given documents (symbols in any case)."""

    facet = False
    control = "hidden"

    def resolve(self, snapshot: Snapshot, value: Value) -> Value:
        """Each symbol as indexed, in any case or common form ("64/163"); BadParameter if absent."""
        symbols = symbol_dictionary(snapshot)
        resolved = []
        for given in value:
            found = symbols.by_folded.get(str(given).strip().casefold())
            if found is None and looks_like_symbol(str(given)):
                found = symbols.resolve(str(given))
            if found is None:
                raise unknown_value(self.noun, given, symbols.symbols)
            resolved.append(found)
        return tuple(dict.fromkeys(resolved))

    def selection(self, snapshot: Snapshot, value: Value) -> Selection:
        wanted = {str(v).strip().casefold() for v in value}
        return Selection(documents=np.array([r["symbol"].casefold() in wanted for r in snapshot.table.records],
                                            dtype=bool))
