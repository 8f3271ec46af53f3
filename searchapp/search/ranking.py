"""Relevance order (issue 19 §5): a paragraph's BM25 score, lifted by what its document says as a
whole, so that typing a resolution's title finds that resolution first.

    rank = score + TITLE_WEIGHT * title coverage + DOCUMENT_WEIGHT * log(1 + matching paragraphs)

title coverage: the share of the query's words (their inflection keys) in the document's title;
matching paragraphs: how many of the document's paragraphs the query matches. Both are the same
for every paragraph of a document, so within a document paragraphs keep their BM25 order.
Measured with bench/titles.py (README, "Finding a resolution by its title").
"""

from __future__ import annotations

import numpy as np

from searchapp.engine import Snapshot, title_coverage

TITLE_WEIGHT = 20.0
DOCUMENT_WEIGHT = 1.0


def relevance(snapshot: Snapshot, score: np.ndarray, doc: np.ndarray, stems: set[str]) -> np.ndarray:
    """The ranking score of each matching paragraph (score and doc parallel arrays)."""
    if not len(doc):
        return score
    rank = score.astype(np.float64)
    if stems and TITLE_WEIGHT:
        rank = rank + TITLE_WEIGHT * title_coverage(snapshot, stems)[doc]
    if DOCUMENT_WEIGHT:
        per_document = np.bincount(doc, minlength=int(doc.max()) + 1)
        rank = rank + DOCUMENT_WEIGHT * np.log1p(per_document[doc])
    return rank
