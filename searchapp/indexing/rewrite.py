"""When an incremental run writes the index afresh instead of appending to it.

An incremental run appends its paragraphs as new segments and only marks the paragraphs of
changed or removed files deleted: Whoosh never rewrites a committed file, which is what makes a
run atomic and cheap. But every query reads every segment, and deleted paragraphs stay in the
postings it decodes. The shared corpus added in 20 runs (20 segments) answered a prefix query
2.5x and a rare term 1.5x slower than the same files indexed at once.

So a run that would leave more than MAX_SEGMENTS segments, or more than MAX_DELETED_SHARE of the
paragraphs deleted, writes a fresh generation: the documents it keeps are read back from the live
index (nothing is parsed again, and files indexed from elsewhere need not still exist), then the
new ones are added, through the same writer as any run. It costs what a full build costs, once
every MAX_SEGMENTS runs at most.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from searchapp.engine import Snapshot
from searchapp.models import Document

MAX_SEGMENTS = 8
MAX_DELETED_SHARE = 0.25


def rewrite_reason(snapshot: Snapshot, dropped_sources: set[str], added_paragraphs: int) -> str | None:
    """Why this run should write the index afresh, or None to append to it. `dropped_sources`
    are the files whose indexed paragraphs the run removes (changed, removed or displaced)."""
    if snapshot.segment_count >= MAX_SEGMENTS:
        return f"it had {snapshot.segment_count} segments"
    dropped = sum(r["paragraphs"] for r in snapshot.table.records if r["source"] in dropped_sources)
    deleted = snapshot.size - snapshot.alive_count + dropped
    total = snapshot.size + added_paragraphs
    if total and deleted / total > MAX_DELETED_SHARE:
        return f"{deleted / total:.0%} of its paragraphs were replaced or removed"
    return None


@dataclass
class Carried:
    """The documents a run carries over from the live index (none when it appends to it)."""

    documents: Iterable[Document] = ()
    count: int = 0
    paragraphs: int = 0


def kept_documents(snapshot: Snapshot, dropped_sources: set[str]) -> Carried:
    """The live index's documents this run keeps, read back as the parser made them, one at a
    time (a million paragraphs' text is never held at once)."""
    records = snapshot.table.records
    kept = [i for i, r in enumerate(records) if r["source"] not in dropped_sources]
    return Carried((snapshot.document_model(i) for i in kept), len(kept),
                   sum(records[i]["paragraphs"] for i in kept))

