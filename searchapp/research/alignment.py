"""What changed between two texts of one series: paragraphs added, dropped, reworded, kept.

Paragraphs move and get renumbered between sessions (2002/70 op5 on impunity is 2004/68 op6), so
paragraphs are matched by wording, never by number. The rule:

1. Only paragraphs of the same kind are compared (a preambular one never becomes operative).
2. Texts are compared "as read": typographic hyphens and spaces folded (2004/68 prints
   "non‑State" with U+2011 where 2002/70 has "non-State"; that is not a change).
3. similarity = mean of two shares over content words (lower-case letters, hyphens removed so
   "counter-terrorism" = "counterterrorism", stop words and numbers dropped):
   - ratio: difflib SequenceMatcher ratio of the two word sequences (wording shared, in order);
   - kept: share of the shorter paragraph's distinct words found in the longer one (an old
     paragraph that was expanded, "give full effect to the Declaration;" -> "... to the Declaration
     on the Right and Responsibility of ..., including by taking ... practical steps", keeps all).
4. Pairs are taken best-first (highest similarity, then closest position) while similarity
   >= MATCH_THRESHOLD; each paragraph is used once. On the Commission seeds, true pairs score
   0.66 and more and unrelated paragraphs at most 0.50.
5. Matched with identical words = unchanged; otherwise changed, with a word diff.
   Unmatched older paragraphs were dropped; unmatched newer ones were added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from searchapp.models import Document, Paragraph
from searchapp.research.worddiff import Segment, word_diff
from searchapp.text.analysis import normalise_text

MATCH_THRESHOLD = 0.6

# Words that carry no subject in resolution prose; dropping them keeps "the ... of the ..." from
# making unrelated paragraphs look alike.
STOP_WORDS = frozenset(
    "a an the of and or nor to in on at by for with from as that this these those its it their "
    "her his she he they them be is are was were has have had been being which who whom whose all "
    "any such other within into under upon also both each more most so than then there thus"
    .split()
)
_LETTER_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass
class ChangedParagraph:
    """An older paragraph and its reworded successor, with the words inserted and deleted."""

    older: Paragraph
    newer: Paragraph
    similarity: float
    diff: list[Segment] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"older": self.older.anchor, "newer": self.newer.anchor,
                "similarity": round(self.similarity, 3),
                "diff": [{"op": op, "text": text} for op, text in self.diff]}


@dataclass
class Changes:
    """How `newer_symbol` differs from `older_symbol`, paragraph by paragraph."""

    older_symbol: str
    newer_symbol: str
    added: list[Paragraph] = field(default_factory=list)
    dropped: list[Paragraph] = field(default_factory=list)
    changed: list[ChangedParagraph] = field(default_factory=list)
    unchanged_pairs: list[tuple[Paragraph, Paragraph]] = field(default_factory=list)

    @property
    def unchanged(self) -> int:
        return len(self.unchanged_pairs)

    def to_json(self) -> dict:
        return {
            "older": self.older_symbol,
            "newer": self.newer_symbol,
            "added": [_paragraph_json(p) for p in self.added],
            "dropped": [_paragraph_json(p) for p in self.dropped],
            "changed": [c.to_json() for c in self.changed],
            "unchanged": self.unchanged,
            "unchanged_pairs": [[o.anchor, n.anchor] for o, n in self.unchanged_pairs],
        }


def compare(older: Document, newer: Document) -> Changes:
    """Align the paragraphs of two texts of a series and say what was added, dropped, changed."""
    pairs = align_paragraphs(older.paragraphs, newer.paragraphs)
    matched_older = {id(o) for o, _, _ in pairs}
    matched_newer = {id(n) for _, n, _ in pairs}
    changes = Changes(older.symbol, newer.symbol)
    changes.dropped = [p for p in older.paragraphs if id(p) not in matched_older]
    changes.added = [p for p in newer.paragraphs if id(p) not in matched_newer]
    for old, new, similarity in sorted(pairs, key=lambda pair: pair[1].position):
        old_text, new_text = as_read(old.text), as_read(new.text)
        if old_text.split() == new_text.split():
            changes.unchanged_pairs.append((old, new))
        else:
            changes.changed.append(ChangedParagraph(old, new, similarity, word_diff(old_text, new_text)))
    return changes


def align_paragraphs(older: list[Paragraph],
                     newer: list[Paragraph]) -> list[tuple[Paragraph, Paragraph, float]]:
    """Best-first matching of same-kind paragraphs with similarity >= MATCH_THRESHOLD."""
    older_words = [content_words(p.text) for p in older]
    newer_words = [content_words(p.text) for p in newer]
    scored = []
    for i, old in enumerate(older):
        for j, new in enumerate(newer):
            if old.kind != new.kind:
                continue
            similarity = words_similarity(older_words[i], newer_words[j])
            if similarity >= MATCH_THRESHOLD:
                scored.append((-similarity, abs(_share(i, older) - _share(j, newer)), i, j, similarity))
    scored.sort()
    used_older: set[int] = set()
    used_newer: set[int] = set()
    pairs = []
    for _, _, i, j, similarity in scored:
        if i in used_older or j in used_newer:
            continue
        used_older.add(i)
        used_newer.add(j)
        pairs.append((older[i], newer[j], similarity))
    return pairs


def paragraph_similarity(older_text: str, newer_text: str) -> float:
    """The similarity of rule 3 in the module docstring, between 0 and 1."""
    return words_similarity(content_words(older_text), content_words(newer_text))


def words_similarity(older_words: list[str], newer_words: list[str]) -> float:
    if not older_words or not newer_words:
        return 1.0 if older_words == newer_words else 0.0
    ratio = SequenceMatcher(None, older_words, newer_words, autojunk=False).ratio()
    older_set, newer_set = set(older_words), set(newer_words)
    kept = len(older_set & newer_set) / min(len(older_set), len(newer_set))
    return (ratio + kept) / 2


def wording_label(similarity: float, same_words: bool) -> str:
    """The similarity of rule 3 as a reader takes it: "the same words" (the texts' words are
    equal), "wording 87% the same" (rounded down: a paragraph that differs never reads 100%),
    or, when the measure is 1 but the texts differ, what it leaves aside ("Recalling its
    resolution 77/92 of 7 December 2022" against "... 78/64 of 4 December 2023")."""
    if same_words:
        return "the same words"
    if similarity >= 1.0:
        return "the same words but for numbers, punctuation or small words"
    return f"wording {int(similarity * 100)}% the same"


def content_words(text: str) -> list[str]:
    """Lower-case letter words without hyphens or stop words: what a paragraph is about."""
    # normalise_text rather than as_read: spaces do not matter to the word pattern, and the
    # finder reads ~140 candidates a call: 71 µs a paragraph instead of 88 (9,790 corpus
    # paragraphs, the same words for every one)
    lowered = normalise_text(text).lower()
    words = _LETTER_WORD.findall(lowered)
    if "-" in lowered:
        words = [w.replace("-", "") for w in words]
    return [w for w in words if w not in STOP_WORDS]


def as_read(text: str) -> str:
    """The text with typographic hyphens, spaces and invisible characters folded."""
    return " ".join(normalise_text(text).split())


def _share(index: int, paragraphs: list[Paragraph]) -> float:
    """How far through the document a paragraph sits (0..1), to prefer nearby pairs on ties."""
    return index / max(1, len(paragraphs) - 1)


def _paragraph_json(paragraph: Paragraph) -> dict:
    return {"anchor": paragraph.anchor, "kind": paragraph.kind, "number": paragraph.number,
            "position": paragraph.position, "text": paragraph.text}
