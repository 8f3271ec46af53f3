"""The one boundary around Whoosh: nothing outside this package imports `whoosh`.

Writing: `writer_lock`, `current_generation`, `start_generation`, `GenerationWriter`,
`publish_generation` (see generations.py for the atomic layout).
Reading: `IndexHandle` keeps a Snapshot open and swaps to a newer generation when one is
published; `find(snapshot, query_text, ...)` evaluates a query to a Match plus highlight Targets.
"""

from __future__ import annotations

import threading
from pathlib import Path

from searchapp.engine.evaluate import Evaluator, Match, MetadataMasks, Targets
from searchapp.engine.generations import (
    POINTER,
    check_sizes,
    current_generation,
    publish_generation,
    require_generation,
    start_generation,
    writer_lock,
)
from searchapp.engine.query_parse import KNOWN_FIELDS, parse_query, query_words_of
from searchapp.engine.reading import DocumentTable, Snapshot
from searchapp.engine.writing import GenerationWriter, document_record

__all__ = [
    "DocumentTable", "GenerationWriter", "IndexHandle", "KNOWN_FIELDS", "Match", "Snapshot",
    "Targets", "check_sizes", "current_generation", "query_words_of", "document_record", "find",
    "publish_generation", "start_generation", "writer_lock",
]


def find(snapshot: Snapshot, query_text: str, *, max_expansions: int,
         language: str = "english") -> tuple[Match, Targets]:
    """Every paragraph matching `query_text`, with BM25 scores and mention counts."""
    evaluator = Evaluator(snapshot, max_expansions=max_expansions, language=language,
                          masks=MetadataMasks(snapshot))
    query = parse_query(query_text)
    with snapshot.lock:  # evaluation reads postings, positions and the vocabulary from Whoosh
        match = evaluator.run(query)
    return match, evaluator.targets


class IndexHandle:
    """A long-lived reader: one open Snapshot, replaced when CURRENT names a newer generation.

    Checking costs one small file read per request; opening happens at most once per publish.
    Old snapshots are not closed while requests may still use them; they are dropped with
    their last reference.
    """

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()

    def snapshot(self) -> Snapshot:
        generation = require_generation(self.index_dir)
        current = self._snapshot
        if current is not None and current.folder == generation:
            return current
        with self._lock:
            if self._snapshot is None or self._snapshot.folder != generation:
                self._snapshot = Snapshot(generation)
            return self._snapshot
