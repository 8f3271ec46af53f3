"""Clause history: one paragraph followed through every text of its series.

The changes view compares two texts; a researcher tracing a clause ("Urges States to ensure that
human rights defenders ...") wants it across ten: when it first appeared, how it was reworded at
each session, and in which texts it was missing. The rule, built on the changes view's pairing
(alignment.py: same kind, matched by wording, best pairs first, each paragraph used once):

1. Start from the chosen paragraph in its text; walk to the older texts of the series one by one,
   then to the newer ones.
2. At each text, align it with the text where the clause was last found (the whole documents,
   as the changes view does); the paragraph paired with the last found version is the clause
   there. If none is, the clause is absent from that text, and the next text is aligned with the
   last one that had it (a clause dropped in 2004 and restored in 2009 is found again).
3. Each version after the first carries the word diff from the previous version found: the words
   added and dropped at that step. Texts without the clause give the years in which it was absent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from searchapp.models import Document, Paragraph
from searchapp.research.alignment import (
    MATCH_THRESHOLD,
    align_paragraphs,
    as_read,
    content_words,
    paragraph_similarity,
    wording_label,
    words_similarity,
)
from searchapp.research.worddiff import DELETE, INSERT, Segment, word_diff

FIRST = "first"  # the oldest text of the series that has the clause
UNCHANGED = "unchanged"
REWORDED = "reworded"
ABSENT = "absent"


@dataclass(frozen=True)
class ClauseStep:
    """The clause in one text of the series (or its absence from it)."""

    symbol: str
    title: str
    body: str
    date: str | None  # ISO adoption date
    year: int | None
    status: str  # FIRST, UNCHANGED, REWORDED or ABSENT
    paragraph: Paragraph | None = None
    similarity: float | None = None  # to the previous version found (alignment.py rule 3)
    diff: list[Segment] = field(default_factory=list)  # from the previous version found
    after_gap: bool = False  # found again after texts without it
    chosen: bool = False  # the paragraph the history was asked for

    @property
    def wording(self) -> str | None:
        """"wording 87% the same" as the version before (alignment.wording_label); None for the
        first version and an absent text."""
        if self.similarity is None:
            return None
        return wording_label(self.similarity, self.status == UNCHANGED)

    @property
    def added(self) -> list[str]:
        return [text for op, text in self.diff if op == INSERT]

    @property
    def dropped(self) -> list[str]:
        return [text for op, text in self.diff if op == DELETE]

    def to_json(self) -> dict:
        found = self.paragraph
        return {"symbol": self.symbol, "title": self.title, "body": self.body, "date": self.date,
                "year": self.year, "status": self.status, "chosen": self.chosen, "after_gap": self.after_gap,
                "anchor": found.anchor if found else None, "kind": found.kind if found else None,
                "number": found.number if found else None, "text": found.text if found else None,
                "similarity": round(self.similarity, 3) if self.similarity is not None else None,
                "added": self.added, "dropped": self.dropped,
                "diff": [{"op": op, "text": text} for op, text in self.diff]}


@dataclass(frozen=True)
class ClauseHistory:
    """A clause through its series, one step per text, oldest first."""

    symbol: str
    anchor: str
    series_title: str | None
    steps: list[ClauseStep]
    drafts_left_out: list[str] = field(default_factory=list)  # draft symbols of the series not followed
    drafts_included: bool = False  # the series' drafts were followed too (asked for)

    @property
    def present(self) -> list[ClauseStep]:
        return [s for s in self.steps if s.status != ABSENT]

    @property
    def absent_years(self) -> list[int]:
        """Years of the series' texts without the clause (a year in which another text of the
        series had it is not counted: two texts in one year, one without the clause)."""
        having = {s.year for s in self.present}
        return sorted({s.year for s in self.steps if s.status == ABSENT and s.year and s.year not in having})

    def to_json(self) -> dict:
        return {"symbol": self.symbol, "anchor": self.anchor, "series_title": self.series_title,
                "texts": len(self.steps), "found_in": len(self.present), "absent_years": self.absent_years,
                "drafts_included": self.drafts_included, "drafts_left_out": self.drafts_left_out,
                "steps": [s.to_json() for s in self.steps]}


def clause_history(series: list[Document], start: int, paragraph: Paragraph,
                   series_title: str | None = None, *, drafts_left_out: list[str] | None = None,
                   drafts_included: bool = False) -> ClauseHistory:
    """The history of `paragraph` of `series[start]` through `series` (oldest first);
    `drafts_left_out`, `drafts_included`: what the caller did with the series' drafts (carried)."""
    found: dict[int, tuple[Paragraph, float | None]] = {start: (paragraph, None)}
    for direction in (-1, 1):
        known_document, known = series[start], paragraph
        index = start + direction
        while 0 <= index < len(series):
            match = _counterpart(known_document, known, series[index], older=direction < 0)
            if match is not None:
                found[index] = match
                known_document, known = series[index], match[0]
            index += direction
    steps: list[ClauseStep] = []
    previous: Paragraph | None = None
    gap = False
    for index, document in enumerate(series):
        if index not in found:
            steps.append(_step(document, ABSENT))
            gap = previous is not None
            continue
        version, _ = found[index]
        if previous is None:
            steps.append(_step(document, FIRST, version, chosen=index == start))
        else:
            old_text, new_text = as_read(previous.text), as_read(version.text)
            similarity = paragraph_similarity(previous.text, version.text)
            status = UNCHANGED if old_text.split() == new_text.split() else REWORDED
            steps.append(_step(document, status, version, similarity, word_diff(old_text, new_text),
                               after_gap=gap, chosen=index == start))
        previous, gap = version, False
    return ClauseHistory(series[start].symbol, paragraph.anchor, series_title, steps,
                         drafts_left_out or [], drafts_included)


def _counterpart(known_document: Document, known: Paragraph, other: Document,
                 *, older: bool) -> tuple[Paragraph, float] | None:
    """The paragraph of `other` the changes view pairs with `known` of `known_document`.

    The changes view pairs best-first over every pair of the two texts (n x m comparisons, seconds
    for a series of long texts). When `known` and its best match in `other` are each other's
    strictly best match, best-first pairs them whatever the other pairs are (no better pair holds
    either): n + m comparisons decide. Otherwise the whole alignment does."""
    fast = _mutual_best(known_document, known, other, older=older)
    if fast is not None:
        return fast if fast[1] >= MATCH_THRESHOLD else None
    if older:
        pairs = align_paragraphs(other.paragraphs, known_document.paragraphs)
        return next(((o, s) for o, n, s in pairs if n is known), None)
    pairs = align_paragraphs(known_document.paragraphs, other.paragraphs)
    return next(((n, s) for o, n, s in pairs if o is known), None)


def _mutual_best(known_document: Document, known: Paragraph, other: Document,
                 *, older: bool) -> tuple[Paragraph, float] | None:
    """(best match of `known` in `other`, similarity) when each is the other's strictly best
    same-kind match, or with a similarity under the threshold (no pair); None when undecided."""
    def similarity(known_words: list[str], other_words: list[str]) -> float:
        # as align_paragraphs computes it: the older text's words first
        return words_similarity(other_words, known_words) if older else words_similarity(known_words, other_words)

    wanted = content_words(known.text)
    scored = sorted(((similarity(wanted, content_words(p.text)), i) for i, p in enumerate(other.paragraphs)
                     if p.kind == known.kind), reverse=True)
    if not scored:
        return None
    best, index = scored[0]
    if len(scored) > 1 and scored[1][0] == best:
        return None
    candidate = other.paragraphs[index]
    if best < MATCH_THRESHOLD:
        return candidate, best  # nothing reaches the threshold: no pair for `known` either way
    words = content_words(candidate.text)
    rivals = [similarity(content_words(p.text), words) for p in known_document.paragraphs
              if p.kind == known.kind and p is not known]
    if any(rival >= best for rival in rivals):
        return None
    return candidate, best


def _step(document: Document, status: str, paragraph: Paragraph | None = None, similarity: float | None = None,
          diff: list[Segment] | None = None, *, after_gap: bool = False, chosen: bool = False) -> ClauseStep:
    return ClauseStep(symbol=document.symbol, title=document.title, body=document.body,
                      date=document.date.isoformat() if document.date else None, year=document.year,
                      status=status, paragraph=paragraph, similarity=similarity, diff=diff or [],
                      after_gap=after_gap, chosen=chosen)
