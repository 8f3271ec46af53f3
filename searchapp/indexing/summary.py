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
    skipped: list[Skipped] = field(default_factory=list)  # failures: the CLI exits 4
    # Files holding a symbol another file won (not failures; said once, on the run that decided).
    duplicates: list[Skipped] = field(default_factory=list)
    # Files of the folders searchapp does not read, by extension: {".xlsx": 2, ".doc": 1}.
    ignored: dict[str, int] = field(default_factory=dict)
    pages: int = 0  # PDF pages read by this run

    def to_json(self) -> dict:
        data = dict(self.__dict__)
        data["skipped"] = [s.__dict__ for s in self.skipped]
        data["duplicates"] = [s.__dict__ for s in self.duplicates]
        return data

    def ignored_line(self) -> str:
        """"ignored: 3 files (.xlsx 2, .doc 1)", most frequent extension first; "" when none."""
        if not self.ignored:
            return ""
        total = sum(self.ignored.values())
        kinds = ", ".join(f"{suffix} {count}" for suffix, count in
                          sorted(self.ignored.items(), key=lambda item: (-item[1], item[0])))
        return f"ignored: {total} file{'s' if total != 1 else ''} ({kinds})"
