"""Word-level changes inside one paragraph that was reworded between two texts of a series.

Words are whitespace-separated and keep their punctuation, so a dropped comma shows as a changed
word ("world," -> "world"): a researcher comparing negotiated texts wants to see it.

>>> word_diff("Gravely concerned at the violations", "Gravely concerned by the violations")
[('equal', 'Gravely concerned'), ('delete', 'at'), ('insert', 'by'), ('equal', 'the violations')]

Joining the 'equal' and 'delete' segments with spaces gives the older text back, word for word;
'equal' and 'insert' give the newer text (whitespace collapsed to single spaces).
"""

from __future__ import annotations

from difflib import SequenceMatcher

EQUAL = "equal"
INSERT = "insert"
DELETE = "delete"

Segment = tuple[str, str]


def word_diff(older: str, newer: str) -> list[Segment]:
    """Segments ("equal" | "insert" | "delete", words) turning `older` into `newer`."""
    old_words, new_words = older.split(), newer.split()
    segments: list[Segment] = []
    matcher = SequenceMatcher(None, old_words, new_words, autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            _append(segments, EQUAL, old_words[i1:i2])
        else:  # 'replace' reads best as the old words struck out, then the new ones
            _append(segments, DELETE, old_words[i1:i2])
            _append(segments, INSERT, new_words[j1:j2])
    return segments


def older_text(segments: list[Segment]) -> str:
    return " ".join(text for operation, text in segments if operation in (EQUAL, DELETE))


def newer_text(segments: list[Segment]) -> str:
    return " ".join(text for operation, text in segments if operation in (EQUAL, INSERT))


def _append(segments: list[Segment], operation: str, words: list[str]) -> None:
    if words:
        segments.append((operation, " ".join(words)))
