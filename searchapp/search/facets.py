"""Filters and facet counts over the matched paragraphs, as NumPy masks.

Several values of one facet are ORed, different facets ANDed, and each facet's counts are taken
with every filter except its own, so a researcher can tick a second body and see what it adds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from searchapp.engine import Snapshot
from searchapp.research.relations import relations_of
from searchapp.search.request import FACET_NAMES, SearchRequest
from searchapp.search.results import Facet, FacetValue

KIND_NAMES = ("preambular", "operative")
MAX_FACET_VALUES = 200
_POSITION_SPAN = 1 << 20  # (document index, paragraph position) packed into one int64


@dataclass
class MatchedColumns:
    """The metadata of each matched paragraph, aligned with the match's doc numbers."""

    doc: np.ndarray
    body: np.ndarray
    year: np.ndarray
    session: np.ndarray
    kind: np.ndarray
    position: np.ndarray

    @staticmethod
    def of(snapshot: Snapshot, ids: np.ndarray) -> "MatchedColumns":
        doc = snapshot.doc[ids]
        table = snapshot.table
        return MatchedColumns(doc, table.body[doc], table.year[doc], table.session[doc], snapshot.kind[ids],
                              snapshot.position[ids])


def filter_masks(snapshot: Snapshot, columns: MatchedColumns, request: SearchRequest) -> dict[str, np.ndarray]:
    """One boolean mask per active facet filter, over the matched paragraphs."""
    table = snapshot.table
    masks: dict[str, np.ndarray] = {}
    if request.bodies:
        wanted = {b.casefold() for b in request.bodies}
        codes = [i for i, b in enumerate(table.bodies) if b.casefold() in wanted]
        masks["body"] = np.isin(columns.body, codes)
    if request.year_from is not None or request.year_to is not None:
        low = request.year_from if request.year_from is not None else -1
        high = request.year_to if request.year_to is not None else 1 << 15
        masks["year"] = (columns.year >= low) & (columns.year <= high) & (columns.year > 0)
    if request.sessions:
        masks["session"] = np.isin(columns.session, list(request.sessions))
    if request.types:
        masks["paragraph_type"] = np.isin(columns.kind, [KIND_NAMES.index(t) for t in request.types])
    if request.tags:
        wanted = {t.casefold() for t in request.tags}
        codes = [i for i, t in enumerate(table.tags) if t.casefold() in wanted]
        has_tag = np.zeros(len(table.records), bool)
        has_tag[table.tag_doc[np.isin(table.tag_id, codes)]] = True
        masks["tags"] = has_tag[columns.doc]
    if request.cites:
        masks["cites"] = _citing_mask(snapshot, columns, request.cites)
    return masks


def _citing_mask(snapshot: Snapshot, columns: MatchedColumns, cited: tuple[str, ...]) -> np.ndarray:
    """The matched paragraphs that cite any of `cited` (paragraph by paragraph, not document)."""
    relations = relations_of(snapshot)
    wanted = set()
    for symbol in cited:
        for citing, positions in relations.citing_paragraphs(symbol).items():
            index = snapshot.symbol_index.get(citing)
            if index is not None:
                wanted.update(index * _POSITION_SPAN + p for p in positions)
    keys = columns.doc.astype(np.int64) * _POSITION_SPAN + columns.position
    return np.isin(keys, np.fromiter(wanted, np.int64, len(wanted)))


def combine(masks: dict[str, np.ndarray], size: int, *, leave_out: str | None = None) -> np.ndarray:
    result = np.ones(size, bool)
    for name, mask in masks.items():
        if name != leave_out:
            result &= mask
    return result


def facet_counts(snapshot: Snapshot, columns: MatchedColumns, masks: dict[str, np.ndarray],
                 request: SearchRequest) -> dict[str, Facet]:
    size = len(columns.doc)
    table = snapshot.table
    facets = {}
    for name in FACET_NAMES:
        keep = combine(masks, size, leave_out=name)
        if name == "body":
            counts = np.bincount(columns.body[keep], minlength=len(table.bodies))
            pairs = [(table.bodies[i], int(c)) for i, c in enumerate(counts)]
            selected = {b.casefold() for b in request.bodies}
            facets[name] = _facet(name, pairs, lambda v: v.casefold() in selected, by_count=True)
        elif name in ("year", "session"):
            values = getattr(columns, name)[keep]
            counts = np.bincount(values[values > 0].astype(np.int64)) if len(values) else np.zeros(0)
            pairs = [(str(v), int(counts[v])) for v in np.flatnonzero(counts)]
            if name == "year":
                low, high = request.year_from, request.year_to
                in_range = lambda v: (low is not None or high is not None) and (low or 0) <= int(v) <= (high or 9999)
                facets[name] = _facet(name, pairs, in_range, by_count=False)
            else:
                chosen = {str(s) for s in request.sessions}
                facets[name] = _facet(name, pairs, lambda v: v in chosen, by_count=False)
        elif name == "paragraph_type":
            counts = np.bincount(columns.kind[keep].astype(np.int64), minlength=2)
            pairs = [(KIND_NAMES[i], int(c)) for i, c in enumerate(counts)]
            facets[name] = _facet(name, pairs, lambda v: v in request.types, by_count=True)
        else:
            per_doc = np.bincount(columns.doc[keep], minlength=len(table.records))
            counts = np.bincount(table.tag_id, weights=per_doc[table.tag_doc], minlength=len(table.tags))
            pairs = [(table.tags[i], int(c)) for i, c in enumerate(counts)]
            selected = {t.casefold() for t in request.tags}
            facets[name] = _facet(name, pairs, lambda v: v.casefold() in selected, by_count=True)
    return facets


def _facet(name, pairs, is_selected, *, by_count: bool) -> Facet:
    values = [FacetValue(v, c, is_selected(v)) for v, c in pairs if c > 0 or is_selected(v)]
    if by_count:
        values.sort(key=lambda fv: (-fv.count, fv.value))
    else:
        values.sort(key=lambda fv: -int(fv.value) if fv.value.isdigit() else 0)
    truncated = len(values) > MAX_FACET_VALUES
    if truncated:
        values = [v for i, v in enumerate(values) if i < MAX_FACET_VALUES or v.selected]
    return Facet(name, values, truncated)
