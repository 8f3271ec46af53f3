"""Filters and facet counts over the matched paragraphs, as NumPy masks, from the filter registry.

Several values of one facet are ORed, different facets ANDed, and each facet's counts are taken
with every filter except its own, so a researcher can tick a second body and see what it adds.
A facet's values keep one order whatever else is filtered (bodies in a fixed order, years and
sessions newest first, tags by how often they occur in the whole index), and a chosen value stays
listed, ticked, even when it counts 0.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from searchapp.engine import Snapshot
from searchapp.search import filters as registry
from searchapp.search.filter_base import Filter, Matched
from searchapp.search.request import SearchRequest
from searchapp.search.results import Facet, FacetValue

MAX_FACET_VALUES = 200


def resolve_request(request: SearchRequest, snapshot: Snapshot) -> SearchRequest:
    """The request with every filter value in the index's spelling ("GA" -> "General Assembly");
    BadParameter naming the known values for one the index does not hold."""
    if not request.filters:
        return request
    resolved = tuple((name, registry.named(name).resolve(snapshot, value)) for name, value in request.filters)
    return replace(request, filters=resolved)


def filter_masks(matched: Matched, request: SearchRequest) -> dict[str, np.ndarray]:
    """One boolean mask per active filter, aligned with the matched paragraphs."""
    return {name: registry.named(name).selection(matched.snapshot, value).over(matched)
            for name, value in request.filters}


def combine(masks: dict[str, np.ndarray], size: int, *, leave_out: str | None = None) -> np.ndarray:
    result = np.ones(size, bool)
    for name, mask in masks.items():
        if name != leave_out:
            result &= mask
    return result


def facet_counts(matched: Matched, masks: dict[str, np.ndarray], request: SearchRequest) -> dict[str, Facet]:
    """Every registered facet's values with their counts among the matched paragraphs."""
    facets = {}
    for entry in registry.facets():
        keep = combine(masks, len(matched), leave_out=entry.name)
        facet = _facet(entry, entry.counts(matched, keep), request.value(entry.name), matched)
        covered = getattr(entry, "documents_covered", None)
        facets[entry.name] = replace(facet, documents_covered=covered(matched, keep)) if covered else facet
    return facets


def _facet(entry: Filter, pairs: list[tuple[str, int]], value, matched: Matched) -> Facet:
    keys = _order_keys(entry, matched.snapshot)
    if value is None:  # the common case: nothing chosen in this facet, nothing to add
        values = [FacetValue(v, c, False) for v, c in pairs]
    else:
        values = [FacetValue(v, c, entry.is_selected(value, v)) for v, c in pairs]
        listed = {v.value.casefold() for v in values}
        values += [FacetValue(v, 0, True) for v in entry.selected_values(value) if v.casefold() not in listed]
    if entry.value_labels:  # "en" shown as "English"
        values = [replace(v, label=entry.value_label(v.value)) for v in values]
    for fv in values:
        if fv.value not in keys:
            keys[fv.value] = _order_key(entry, matched.snapshot, fv.value)
    values.sort(key=lambda fv: keys[fv.value])
    truncated = len(values) > MAX_FACET_VALUES
    if truncated:
        values = [v for i, v in enumerate(values) if i < MAX_FACET_VALUES or v.selected]
    return Facet(entry.name, values, truncated)


def _order_keys(entry: Filter, snapshot: Snapshot) -> dict[str, tuple]:
    """{facet value: its sort key}, filled as values are met and kept per index generation: a
    key depends on the value and the generation only, and computing it per value per page was
    most of a facet's time (122 verbs: 0.1 ms)."""
    return snapshot.cached(("facet-order", entry.name), dict)


def _order_key(entry: Filter, snapshot: Snapshot, value: str) -> tuple:
    """A sort key that does not depend on the current counts (so values never jump)."""
    if entry.order == "fixed":
        rank = snapshot.cached(("facet-rank", entry.name), lambda: {
            name.casefold(): i for i, name in enumerate(entry.fixed_order)})
        return (rank.get(value.casefold(), len(entry.fixed_order)), value)
    if entry.order == "value":
        return (0, -int(value), "") if value.lstrip("-").isdigit() else (1, 0, value)
    return (-entry.overall_counts(snapshot).get(value, 0), value)
