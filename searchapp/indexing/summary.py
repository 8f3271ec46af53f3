"""What one indexing run did: counts and every skipped file with its reason (CLI text and JSON)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Skipped:
    path: str
    reason: str


@dataclass
class IndexSummary:
    files_seen: int = 0
    files_indexed: int = 0
    files_unchanged: int = 0
    files_removed: int = 0
    documents: int = 0
    paragraphs: int = 0
    paragraphs_added: int = 0
    seconds: float = 0.0
    up_to_date: bool = False
    rewritten: str = ""  # why the index was written afresh instead of appended to (index_rewrite.py)
    skipped: list[Skipped] = field(default_factory=list)

    def to_json(self) -> dict:
        data = dict(self.__dict__)
        data["skipped"] = [s.__dict__ for s in self.skipped]
        return data
