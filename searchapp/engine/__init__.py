"""The one boundary around Whoosh: nothing outside this package imports `whoosh`.

Writing: `writer_lock`, `current_generation`, `start_generation`, `GenerationWriter`,
`publish_generation` (see generations.py for the atomic layout).
Reading: `IndexHandle` keeps a Snapshot open and swaps to a newer generation when one is
published; `find(snapshot, query_text, ...)` evaluates a query to a Match plus highlight Targets.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from searchapp.engine import whoosh_internals  # noqa: F401  first: refuses any other Whoosh
from searchapp.engine.evaluate import Evaluator, Match, MetadataFields, Targets
from searchapp.engine.format import (
    FORMAT_VERSION,
    IndexFormat,
    check_agrees,
    read_format,
    write_format,
)
from searchapp.engine.generations import (
    POINTER,
    check_sizes,
    current_generation,
    publish_generation,
    require_generation,
    start_generation,
    writer_lock,
)
from searchapp.engine.heap import HeapSettler
from searchapp.engine.query_parse import KNOWN_FIELDS, parse_query, query_words_of
from searchapp.engine.query_rewrite import rewrite, straight_quotes
from searchapp.engine.reading import DocumentTable, Snapshot, document_facts, open_whoosh_index
from searchapp.engine.titles import documents_titled, title_coverage
from searchapp.engine.writing import GenerationWriter, document_record
from searchapp.text.analysers import AnalysisSettings

__all__ = [
    "FORMAT_VERSION", "IndexFormat", "check_agrees", "check_appendable", "read_format", "write_format",
    "DocumentTable", "GenerationWriter", "IndexHandle", "KNOWN_FIELDS", "Match", "MetadataFields", "Snapshot",
    "Targets", "check_sizes", "current_generation", "query_words_of", "document_facts", "document_record", "find",
    "publish_generation", "start_generation", "writer_lock", "title_coverage", "documents_titled",
]


def find(snapshot: Snapshot, query_text: str, *, max_expansions: int,
         fields: MetadataFields | None = None) -> tuple[Match, Targets]:
    """Every paragraph matching `query_text`, with BM25 scores and mention counts, analysed as
    the snapshot's generation was built (its format record); `fields` answers the query's
    metadata fields (`body:`, `year:`; none allowed without it)."""
    evaluator = Evaluator(snapshot, max_expansions=max_expansions, analysis=snapshot.analysis, fields=fields)
    query = parse_query(query_text, fields.names if fields is not None else ())
    evaluator.targets.notices = rewrite(straight_quotes(query_text).strip()).notices
    # No lock: Whoosh's files are read positionally, so evaluations run side by side.
    match = evaluator.run(query)
    return match, evaluator.targets


def check_appendable(generation: Path, analysis: AnalysisSettings) -> None:
    """IndexUnusable unless an incremental run with `analysis` may build on `generation`: its
    files are whole, its format record agrees and its schema unpickles."""
    check_sizes(generation)
    check_agrees(read_format(generation), analysis, generation)
    open_whoosh_index(generation)


class IndexHandle:
    """A long-lived reader: one open Snapshot, replaced when CURRENT names a newer generation.

    Checking costs one stat of CURRENT per request (its file read only when the stat differs:
    a publish replaces CURRENT by rename, so its inode, time and size change); opening happens
    at most once per publish.
    Old snapshots are not closed while requests may still use them; they are dropped with
    their last reference, which releases their generation's reader lock (generations.py:
    hold_generation) so that a later publish may remove it.
    """

    def __init__(self, index_dir: Path, analysis: AnalysisSettings | None = None):
        """`analysis`: what the configuration asks for; a generation built otherwise is refused
        (IndexUnusable, naming the difference) instead of being searched with other rules."""
        self.index_dir = Path(index_dir)
        self.analysis = analysis
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()
        self._pointer = self.index_dir / POINTER
        self._seen: tuple | None = None  # (stat of CURRENT, the snapshot opened for it)
        self.heap = HeapSettler()  # a server worker's heap frozen after each open (heap.py)

    def snapshot(self) -> Snapshot:
        self.heap.tick()
        # Reading CURRENT was ~15 us of every request (open, read, decode, is_dir); a stat is ~2.
        try:
            status = os.stat(self._pointer)
            stamp = (status.st_ino, status.st_mtime_ns, status.st_ctime_ns, status.st_size)
        except OSError:
            stamp = None
        seen = self._seen
        if stamp is not None and seen is not None and seen[0] == stamp:
            return seen[1]
        generation = require_generation(self.index_dir)
        current = self._snapshot
        if current is not None and current.folder == generation:
            self._seen = (stamp, current) if stamp is not None else None
            return current
        with self._lock:
            if self._snapshot is None or self._snapshot.folder != generation:
                if self.analysis is not None:  # before the costly open: a refused index is cheap
                    check_agrees(read_format(generation), self.analysis, generation)
                replaced, self._snapshot = self._snapshot, Snapshot(generation)
                self.heap.opened(replaced)
                del replaced
            self._seen = (stamp, self._snapshot) if stamp is not None else None
            return self._snapshot
