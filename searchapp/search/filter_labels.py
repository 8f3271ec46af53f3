"""The filter kind of the verb and addressee facets (issue 16 §5): labels stored per paragraph
at index time and coded against the index's own vocabularies (engine/labels.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from searchapp.engine import Snapshot
from searchapp.search.filter_base import Filter, Matched, Parameter, Selection, Value, unknown_value
from searchapp.search.filter_kinds import nonzero


class ParagraphLabelFilter(Filter):
    """A per-paragraph label from the index's own vocabulary (`snapshot.paragraph_vocabulary`):
    one per paragraph (`verb`: a code, -1 for none) or, with `several`, any number of them
    (`addressee`: a bit set). A paragraph addressing States and the Secretary-General counts once
    under each, so the addressee counts may add up to more than the paragraphs."""

    def __init__(self, name: str, label: str, parameter: Parameter, *, column: str, several: bool = False,
                 order: str = "count", fixed_order: Sequence[str] = (), **kwargs: Any):
        super().__init__(name, label, parameter, **kwargs)
        self.column, self.several = column, several
        self.order, self.fixed_order = order, tuple(fixed_order)

    def known_values(self, snapshot: Snapshot) -> list[str]:
        return sorted(self.names(snapshot), key=str.casefold)

    def names(self, snapshot: Snapshot) -> list[str]:
        return snapshot.paragraph_vocabulary(self.column)

    def resolve(self, snapshot: Snapshot, value: Value) -> Value:
        """Each value as the index spells it ("strongly condemns" -> "Strongly condemns");
        BadParameter naming the closest values for one the index does not hold."""
        spelled = {name.casefold(): name for name in self.names(snapshot)}
        resolved = []
        for given in value:
            found = spelled.get(" ".join(str(given).split()).casefold())
            if found is None:
                raise unknown_value(self.noun, given, self.known_values(snapshot))
            resolved.append(found)
        return tuple(dict.fromkeys(resolved))

    def _codes(self, snapshot: Snapshot, value: Value) -> list[int]:
        wanted = {str(v).casefold() for v in value}
        return [i for i, name in enumerate(self.names(snapshot)) if name.casefold() in wanted]

    def selection(self, snapshot: Snapshot, value: Value) -> Selection:
        column = snapshot.paragraph_column(self.column)
        codes = self._codes(snapshot, value)
        if self.several:
            bits = sum(1 << code for code in codes)
            return Selection(paragraphs=(column & np.int64(bits)) != 0)
        return Selection(paragraphs=np.isin(column, codes))

    def counts(self, matched: Matched, keep: np.ndarray) -> list[tuple[str, int]]:
        names = self.names(matched.snapshot)
        column = matched.snapshot.paragraph_column(self.column, matched.ids[keep])
        if self.several:
            counted = np.array([int(np.count_nonzero(column & np.int64(1 << i))) for i in range(len(names))],
                               dtype=np.int64)
        else:
            counted = np.bincount(column[column >= 0], minlength=len(names))
        return nonzero(names, counted)
