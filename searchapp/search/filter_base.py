"""What every search filter is: its parameters, its value, and what it selects in an index.

A filter's *value* is plain, hashable data kept in a SearchRequest: a tuple of the chosen values
(several values of one filter are ORed) or, for a range, a (first, last) pair. `None` means the
filter is not in use. The registry of filters is searchapp/search/filters.py; the kinds of
filter (a per-document field, a per-paragraph column, a range, ...) are in filter_kinds.py.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from searchapp.engine import Snapshot
from searchapp.exceptions import BadParameter

Value = Any  # a filter's value: a tuple of str/int, or a (first, last) range; never a list
GetList = Callable[[str], list[str]]  # URL parameter name -> every value given for it


@dataclass(frozen=True)
class Parameter:
    """One way of giving a filter: URL parameter, CLI option and SearchRequest keyword at once.

    `url="body", keyword="bodies", option="--body"`: `/?body=GA`, `searchapp search --body GA`,
    `SearchRequest(bodies=("GA",))`."""

    url: str
    keyword: str
    option: str
    help: str
    repeatable: bool = True
    number: bool = False  # whole numbers (sessions, years), else text


@dataclass(frozen=True)
class Selection:
    """The paragraphs a filter keeps: per document (True for each kept document index) or per
    paragraph (True for each kept global doc number)."""

    documents: np.ndarray | None = None
    paragraphs: np.ndarray | None = None

    def over(self, matched: Matched) -> np.ndarray:
        """A boolean mask aligned with `matched.ids`."""
        if self.documents is not None:
            return self.documents[matched.doc]
        assert self.paragraphs is not None
        return self.paragraphs[matched.ids]

    def everywhere(self, snapshot: Snapshot) -> np.ndarray:
        """A boolean mask over every doc number of the snapshot (deleted ones False)."""
        if self.paragraphs is not None:
            return self.paragraphs & snapshot.live_paragraphs()
        assert self.documents is not None
        doc = snapshot.documents_of()
        return np.where(doc >= 0, self.documents[np.maximum(doc, 0)], False)


class Matched:
    """The paragraphs a query matched (sorted global doc numbers) with their columns, read once."""

    def __init__(self, snapshot: Snapshot, ids: np.ndarray):
        self.snapshot, self.ids = snapshot, ids

    def __len__(self) -> int:
        return len(self.ids)

    @cached_property
    def doc(self) -> np.ndarray:
        """The document index of each matched paragraph."""
        return self.snapshot.documents_of(self.ids).astype(np.int64)


class Filter:
    """One search filter, known to every layer: URL parameters, CLI options, validation, the
    paragraphs it keeps, its facet counts, its chip, its description and its JSON field.

    Subclasses (filter_kinds.py) implement `selection` and, for facets, `counts`; this base class
    holds what a multi-valued filter (`?body=A&body=B`: either) does with its values.
    """

    control = "checkboxes"  # how the HTML filter form shows it: "checkboxes", "range" or "hidden"
    facet = True  # whether results carry counts for its values
    order = "count"  # facet value order: "fixed" (self.fixed_order), "value" or "count" (overall)
    fixed_order: Sequence[str] = ()
    # What a facet value is shown as, where the stored value is a code: {"en": "English"}. The
    # value itself stays the filter's value in URLs, CLI options and the JSON API.
    value_labels: dict[str, str] = {}

    def __init__(self, name: str, label: str, parameter: Parameter, *, noun: str | None = None,
                 query_field: str | None = None):
        self.name = name  # registry key, facet name and JSON field
        self.label = label  # facet heading and chip: "Body"
        self.noun = noun or label.lower()  # the description: "where body is General Assembly"
        self.query_field = query_field  # `body:GA` in the query text, or None
        self.parameters: tuple[Parameter, ...] = (parameter,)

    # -- values from and to the outside ---------------------------------------------------------
    @property
    def keywords(self) -> tuple[str, ...]:
        return tuple(p.keyword for p in self.parameters)

    def from_keywords(self, given: dict[str, Any], current: Value) -> Value:
        """The value after `SearchRequest(**given)`; `current` is the value it replaces."""
        values = given[self.parameters[0].keyword]
        if values is None:
            return None
        if isinstance(values, (str, int)):
            values = (values,)
        return tuple(dict.fromkeys(values)) or None

    def keyword_value(self, value: Value, keyword: str) -> Any:
        """What `request.<keyword>` reads (() when the filter is unused)."""
        return value or ()

    def parse(self, get_list: GetList) -> dict[str, Any]:
        """URL strings -> SearchRequest keywords; blank values ignored, repeats once."""
        parameter = self.parameters[0]
        seen = dict.fromkeys(v.strip() for v in get_list(parameter.url) if v.strip())
        if parameter.number:
            return {parameter.keyword: tuple(as_whole_number(parameter.url, v) for v in seen)}
        return {parameter.keyword: tuple(seen)}

    def to_params(self, value: Value) -> list[tuple[str, str]]:
        return [(self.parameters[0].url, str(v)) for v in value]

    def validate(self, value: Value) -> None:
        """Raise BadParameter for a value no index could hold (unknown values are checked
        against the index by `selection`)."""

    def to_json(self, value: Value) -> Any:
        return list(value)

    # -- the web's chips and toggles, the plain-English description -----------------------------
    def toggled(self, value: Value, item: str) -> Value:
        """The value after clicking facet value `item` (add it, or remove it when selected)."""
        current = value or ()
        typed = int(item) if self.parameters[0].number else item
        changed = tuple(v for v in current if v != typed) if typed in current else current + (typed,)
        return changed or None

    def chips(self, value: Value) -> list[tuple[str, Value]]:
        """(label, the value once this chip is removed) for each removable part."""
        return [(f"{self.label}: {self.value_label(str(v))}", self.toggled(value, str(v))) for v in value]

    def value_label(self, value: str) -> str:
        """A facet value as shown: "English" for "en"; the value itself for most filters."""
        return self.value_labels.get(value, value)

    def describe(self, value: Value) -> str:
        return f"{self.noun} is {either(value)}"

    def is_selected(self, value: Value, facet_value: str) -> bool:
        return facet_value.casefold() in {str(v).casefold() for v in value or ()}

    def selected_values(self, value: Value) -> list[str]:
        """The chosen values a facet lists even when they count 0 (so the form keeps them)."""
        return [str(v) for v in value or ()]

    # -- over an index ----------------------------------------------------------------------------
    def resolve(self, snapshot: Snapshot, value: Value) -> Value:
        """The value in the index's own spelling ("GA", "general assembly" -> "General Assembly");
        BadParameter naming the values the index holds for one it does not."""
        return value

    def selection(self, snapshot: Snapshot, value: Value) -> Selection:
        raise NotImplementedError

    def counts(self, matched: Matched, keep: np.ndarray) -> list[tuple[str, int]]:
        """(facet value, matched paragraphs among `keep`) for every value counted at least once."""
        raise NotImplementedError

    def overall_counts(self, snapshot: Snapshot) -> dict[str, int]:
        """Paragraphs per value over the whole index (the order of "count"-ordered facets)."""
        def compute() -> dict[str, int]:
            every = Matched(snapshot, np.flatnonzero(snapshot.live_paragraphs()))
            return dict(self.counts(every, np.ones(len(every), bool)))
        return snapshot.cached(f"filter-overall:{self.name}", compute)

    def query_selection(self, snapshot: Snapshot, text: str) -> Selection:
        """`field:text` in a query (BadParameter for a bad value)."""
        given = self.parse(lambda url: [text] if url == self.parameters[0].url else [])
        value = self.from_keywords(given, None)
        if value is None:
            raise BadParameter(f"{self.query_field}: needs a value")
        self.validate(value)
        return self.selection(snapshot, self.resolve(snapshot, value))

    def range_selection(self, snapshot: Snapshot, start: str | None, end: str | None) -> Selection:
        raise BadParameter(f"{self.query_field}: takes one value, not a range")


def unknown_value(noun: str, given: Any, known: Sequence[Any], *, note: str = "") -> BadParameter:
    """'unknown body 'XYZ'; this index holds: A, B' (all of a short list, the closest five of a long one)."""
    if len(known) <= 20:
        listed = f"this index holds: {', '.join(map(str, known)) or 'none'}"
    else:
        listed = f"the closest of the {len(known)} in this index: {', '.join(map(str, closest(given, known)))}"
    return BadParameter(f"unknown {noun} {str(given)!r}{note}; {listed}")


def closest(given: Any, known: Sequence[Any], count: int = 5) -> list[Any]:
    """The `count` known values nearest `given`: by difference for numbers, by spelling otherwise."""
    if isinstance(given, int) and all(isinstance(k, int) for k in known):
        return sorted(known, key=lambda k: (abs(k - given), k))[:count]
    folded = {str(k).casefold(): k for k in known}
    near = difflib.get_close_matches(str(given).casefold(), list(folded), n=count, cutoff=0.0)
    return [folded[n] for n in near]


def either(values) -> str:
    """'A', 'A or B', 'A, B or C'."""
    values = [str(v) for v in values]
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " or " + values[-1]


def as_whole_number(name: str, raw: str) -> int:
    try:
        return int(raw.strip())
    except ValueError:
        raise BadParameter(f"{name} must be a whole number, not {raw!r}") from None
