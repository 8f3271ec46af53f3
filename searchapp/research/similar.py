"""Agreed-language finder: the paragraphs of an index worded most like a given text.

A negotiator drafting "Urges States to ensure accountability for ..." wants the wording the
Assembly has already agreed: the closest paragraphs of earlier texts, with what differs. How:

1. Candidates through the index. The text's content words (alignment.STOP_WORDS and numbers
   left out) are analysed like the index ("condemns" and "condemned" share a term); each term
   weighs its rarity, idf = ln(N / df) over the N paragraphs. The MAX_TERMS rarest terms' posting
   lists are read and every paragraph scores the summed weights of the terms it shares with the
   text; the CANDIDATES best-scoring paragraphs that `keep` allows are read (a reworded paragraph
   keeps most of its rare words: "Special Rapporteur", "extrajudicial", "impunity"), and every
   paragraph sharing one of those terms in the texts of the named paragraph's series (rule 3).
2. Wording similarity, the rule the changes view pairs paragraphs with (alignment.py rule 3):
   the mean of the in-order word ratio and the share of the shorter text's words found in the
   longer one, over content words. The in-order ratio is RapidFuzz's Indel similarity (2 x longest
   common subsequence / total words, the ratio difflib approximates); bench/similar.py compares the
   two on the corpus's reworded pairs.
3. Order: for a paragraph of the index whose document is in a series (research/lineage.py: the
   same resolution re-adopted), the clause's own earlier versions come first: the paragraphs of
   that series' other texts worded like it at least as closely as the changes view pairs
   paragraphs (alignment.MATCH_THRESHOLD). Boilerplate clauses otherwise bury them: "Requests the
   Secretary-General to report to the General Assembly at its eightieth session on the
   implementation of the present resolution" is printed, word for word, in dozens of unrelated
   resolutions, and "Question of Guam" and "Question of Bermuda" differ by the territory's name.
   Among these, the most recent text comes first unless an older one is clearly closer: a clause
   re-adopted each session changes a little each time ("at its seventy-ninth session" becomes
   "at its eightieth session": about 0.1 of similarity on a short clause), so versions within
   SESSION_DRIFT of the closest one are listed newest first, the version of the session before
   ahead of the same clause two sessions back.
   Then the other paragraphs: near-identical to the text (similarity >= NEAR_IDENTICAL) first,
   newest adoption first (the most recent agreed wording is the one to cite); then by similarity,
   newer first on ties. Paragraphs under MIN_SIMILARITY are not listed.

Each listed paragraph carries the word diff from the given text to it (worddiff.py): 'delete'
words are the given text's that the paragraph lacks, 'insert' words the paragraph's own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz.distance import Indel

from searchapp.engine import Snapshot
from searchapp.models import paragraph_anchor
from searchapp.research.alignment import MATCH_THRESHOLD, STOP_WORDS, as_read, content_words, wording_label
from searchapp.research.worddiff import EQUAL, Segment, word_diff

MAX_TERMS = 32  # rarest terms of the text whose postings are read
CANDIDATES = 100  # best-scoring paragraphs whose wording is compared (200 found no more predecessors)
NEAR_IDENTICAL = 0.95
MIN_SIMILARITY = 0.3
SESSION_DRIFT = 0.1  # versions of a clause in its series this close to the closest: newest first
MAX_TEXT = 10_000  # characters of a pasted text (the longest corpus paragraph has ~4,000)


@dataclass(frozen=True)
class SimilarParagraph:
    """One paragraph found like the given text, with its document's facts and the word diff."""

    symbol: str
    title: str
    body: str
    document_type: str
    date: str | None  # ISO adoption date
    year: int | None
    kind: str
    number: int | None
    anchor: str
    text: str
    similarity: float  # 0..1, alignment.py rule 3
    diff: list[Segment] = field(default_factory=list)
    in_series: bool = False  # a text of the named paragraph's series, listed first (rule 3)

    @property
    def wording(self) -> str:
        """"wording 87% the same" as the given text (alignment.wording_label)."""
        return wording_label(self.similarity, all(op == EQUAL for op, _ in self.diff))

    def to_json(self) -> dict:
        return {"symbol": self.symbol, "title": self.title, "body": self.body,
                "document_type": self.document_type, "date": self.date, "year": self.year,
                "kind": self.kind, "number": self.number, "anchor": self.anchor, "text": self.text,
                "similarity": round(self.similarity, 3), "in_series": self.in_series,
                "diff": [{"op": op, "text": text} for op, text in self.diff]}


def wording_similarity(first: list[str], second: list[str]) -> float:
    """alignment.py rule 3 over two content-word lists, the in-order part by RapidFuzz (0..1)."""
    if not first or not second:
        return 1.0 if first == second else 0.0
    ratio = Indel.normalized_similarity(first, second)
    first_set, second_set = set(first), set(second)
    kept = len(first_set & second_set) / min(len(first_set), len(second_set))
    return (ratio + kept) / 2


def candidate_scores(snapshot: Snapshot, text: str) -> np.ndarray:
    """Per doc number, the summed idf of the text's rarest MAX_TERMS terms the paragraph holds
    (0 for paragraphs sharing none); float64 over every doc number of the snapshot."""
    terms = {t.term for t in snapshot.analysis.analyse(text)
             if not t.joined and t.word not in STOP_WORDS and not t.word.isdigit() and len(t.word) > 1}
    frequencies = [(snapshot.term_frequency(term), term) for term in terms]
    rarest = sorted((df, term) for df, term in frequencies if df)[:MAX_TERMS]
    size = snapshot.size
    total = max(1, snapshot.alive_count)
    scores = np.zeros(size, dtype=np.float64)
    for df, term in rarest:
        ids = snapshot.term_paragraphs(term)
        if len(ids):
            scores[ids] += math.log(total / min(df, total) + 1e-9) + 1e-3  # a common word still counts a little
    return scores


def find_similar(snapshot: Snapshot, text: str, keep: np.ndarray, *, limit: int = 10,
                 min_similarity: float = MIN_SIMILARITY,
                 series: frozenset[int] = frozenset()) -> tuple[list[SimilarParagraph], int]:
    """(the `limit` paragraphs most like `text` among those `keep` allows, ordered as in rule 3;
    the number of candidates compared). `keep`: boolean mask over every doc number; `series`: the
    document numbers of the named paragraph's series (empty for a pasted text)."""
    scores = candidate_scores(snapshot, text)
    scores[~keep] = 0.0
    nonzero = np.flatnonzero(scores > 0)
    if len(nonzero) > CANDIDATES:
        top = np.argpartition(-scores[nonzero], CANDIDATES - 1)[:CANDIDATES]
        own = nonzero[np.isin(snapshot.documents_of()[nonzero], list(series))] if series else nonzero[:0]
        nonzero = np.union1d(nonzero[top], own)  # the series' own paragraphs are always compared
    wanted = content_words(text)
    records = snapshot.table.records
    scored = []
    for docnum in nonzero.tolist():
        stored = snapshot.stored(docnum)
        similarity = wording_similarity(wanted, content_words(stored["text"]))
        if similarity >= min_similarity:
            doc = int(snapshot.documents_of()[docnum])
            scored.append((similarity, int(snapshot.table.date[doc]), docnum, doc, stored))
    versions = [entry for entry in scored if entry[3] in series and entry[0] >= MATCH_THRESHOLD]
    chosen = {entry[2] for entry in versions}
    ordered = _series_order(versions) + sorted((e for e in scored if e[2] not in chosen), key=_order_key)
    given = as_read(text)
    found = []
    for similarity, _, docnum, doc, stored in ordered[:limit]:
        record = records[doc]
        found.append(SimilarParagraph(
            symbol=record["symbol"], title=record["title"] or "", body=record["body"],
            document_type=record.get("document_type", "resolution"), date=record["date"],
            year=record["year"] or None, kind=stored["kind"], number=stored["number"],
            anchor=paragraph_anchor(stored["kind"], stored["number"], stored.get("occurrence", 1),
                                    stored.get("label") or ""),
            text=stored["text"], similarity=similarity, diff=word_diff(given, as_read(stored["text"])),
            in_series=docnum in chosen))
    return found, len(nonzero)


def _series_order(versions: list[tuple]) -> list[tuple]:
    """The clause's versions in its series (rule 3): those within SESSION_DRIFT of the closest,
    newest first; then the rest by similarity."""
    if not versions:
        return []
    closest = max(entry[0] for entry in versions)
    recent = [entry for entry in versions if entry[0] >= closest - SESSION_DRIFT]
    rest = [entry for entry in versions if entry[0] < closest - SESSION_DRIFT]
    recent.sort(key=lambda entry: (-entry[1], -entry[0], entry[2]))
    return recent + sorted(rest, key=_order_key)


def _order_key(entry: tuple) -> tuple:
    """Near-identical first, newest first; then by similarity, newer first, then doc number."""
    similarity, date, docnum = entry[0], entry[1], entry[2]
    if similarity >= NEAR_IDENTICAL:
        return (0, -date, -similarity, docnum)
    return (1, -round(similarity, 9), -date, docnum)
