"""Resolution series: the same resolution re-adopted, session after session, under one subject.

A researcher reading A/RES/64/163 wants its predecessors (E/CN.4/RES/2002/70, 2004/68) and what
changed at each step. The series rule, explicit so it can be tested and argued with:

Two documents are in one series when
  A. their titles match: token Jaccard >= TITLE_JACCARD over title words (lower-case, hyphens
     removed, stop words, numbers, GENERIC_TITLE_WORDS and a leading "64/163." dropped), e.g. "Human rights
     defenders" = "Human rights defenders"; or
  B. they are tied by citation AND each one's title is printed in the other's paragraphs:
     - tied by citation: they cite a common resolution (the series' founding text, 53/144 for the
       defenders series), or one cites the other;
     - each title, as a phrase of at least MIN_TITLE_PHRASE_WORDS words, occurs in the other's
       text. One direction is not enough: a text that mentions "disaster risk reduction" in
       passing is not in that series (on the 802 GA texts of the corpus, one-way mentions chained
       hundreds of unrelated resolutions together).
     The Commission's "Human rights defenders" and the Assembly's "Declaration on the Right and
     Responsibility of Individuals, Groups and Organs of Society to Promote and Protect Universally
     Recognized Human Rights and Fundamental Freedoms" share no title, but both cite 53/144, the
     Assembly's text speaks of "human rights defenders" throughout and the Commission's texts
     name the Declaration in full.
A series is a connected group under this relation (2002/70 ~ 2004/68 ~ 64/163), ordered by date.

Widely cited resolutions tie nothing: in `group_series`, a resolution cited by more than
max(COMMON_CITATION_MIN, min(COMMON_CITATION_SHARE x the number of documents, COMMON_CITATION_MAX))
of the documents (the 2030 Agenda, 70/1, is cited by hundreds of Assembly texts) is not a shared
founding text; without this, "disaster risk reduction" printed in any text citing 70/1 chained
hundreds of unrelated resolutions into one series. The cap keeps the pairs to examine bounded on
large collections (a founding text is cited by a series of some dozens of texts; the pairs of a
group grow with its square: at 45,000 documents the share alone let 900 citing documents form
one group and the candidate pairs took gigabytes). `in_same_series`, seeing only two documents,
counts every citation.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from searchapp.models import Document
from searchapp.research.alignment import STOP_WORDS, as_read
from searchapp.research.citations import RESOLUTION, extract_citations
from searchapp.text.analysis import normalise_text

TITLE_JACCARD = 0.6
MIN_TITLE_PHRASE_WORDS = 3
COMMON_CITATION_MIN = 5
COMMON_CITATION_SHARE = 0.02
COMMON_CITATION_MAX = 100
GENERIC_TITLE_WORDS = frozenset({"draft", "resolution", "resolutions", "security", "council"})
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_WORD_OR_BREAK = re.compile(r"[^\W_]+(?:-[^\W_]+)*|\x00")
_LEADING_SYMBOL = re.compile(r"^\s*\d+/\d+\.\s*")


@dataclass(frozen=True)
class SeriesLink:
    """Why two documents were put in one series (rule A or B of the module docstring)."""

    older: str
    newer: str
    reason: str


@dataclass(frozen=True)
class SeriesMember:
    """What the series rule needs of a document besides its text (a Document has the same
    attributes): relations are computed from these, so a large index is never held whole."""

    symbol: str
    title: str
    date: dt.date | None
    year: int | None


@dataclass
class Series:
    """Documents of one series, oldest first, and the links that tie them."""

    documents: list  # Document or SeriesMember
    links: list[SeriesLink] = field(default_factory=list)

    @property
    def symbols(self) -> list[str]:
        return [d.symbol for d in self.documents]

    @property
    def title(self) -> str:
        """The newest document's title: the name the series goes by today."""
        return self.documents[-1].title

    def neighbours(self, symbol: str) -> tuple[str | None, str | None]:
        """(predecessor, successor) of `symbol` in this series."""
        symbols = self.symbols
        i = symbols.index(symbol)
        return (symbols[i - 1] if i else None, symbols[i + 1] if i + 1 < len(symbols) else None)

    def consecutive_pairs(self) -> list[tuple[Document, Document]]:
        """(older, newer) pairs, for `alignment.compare` at each step of the series."""
        return list(zip(self.documents, self.documents[1:]))

    def to_json(self) -> dict:
        return {"title": self.title, "symbols": self.symbols,
                "links": [{"older": link.older, "newer": link.newer, "reason": link.reason}
                          for link in self.links]}


def group_series(documents: list[Document], cited: dict[str, set[str]] | None = None) -> list[Series]:
    """Every document in exactly one series (alone if nothing matches), series by first date.

    `cited` (symbol -> cited resolution symbols) saves extracting citations a second time."""
    if cited is None:
        cited = {d.symbol: _cited_resolutions(d) for d in documents}
    return group_members(documents, cited, lambda jobs: [
        named_phrases([p.text for p in document.paragraphs], phrases) for document, phrases in jobs])


NamedFinder = Callable[[list[tuple[Any, set[str]]]], list[set[str]]]


def group_members(members: list, cited: dict[str, set[str]], find_named: NamedFinder) -> list[Series]:
    """`group_series` over SeriesMembers (or Documents): titles and citations decide most pairs.
    Rule B needs texts: `find_named([(member, title phrases), ...])` answers, for each member, which
    of the phrases its paragraphs print (see `named_phrases`); it is called once, with only the
    documents of pairs tied by citation whose titles differ."""
    members = sorted(members, key=_chronological)
    facts = [_Facts.of(m, cited.get(m.symbol, set())) for m in members]
    _forget_common_citations(facts)
    reasons: dict[tuple[int, int], str] = {}
    pending: list[tuple[int, int, str]] = []
    wanted: dict[int, set[str]] = defaultdict(set)
    for i, j in _candidate_pairs(facts):
        reason = _title_reason(facts[i], facts[j])
        if reason:
            reasons[(i, j)] = reason
            continue
        tie = _citation_tie(facts[i], facts[j])
        if tie and facts[i].nameable and facts[j].nameable:
            pending.append((i, j, tie))
            wanted[i].add(facts[j].title_phrase)
            wanted[j].add(facts[i].title_phrase)
    asked = sorted(wanted)
    named = dict(zip(asked, find_named([(members[i], wanted[i]) for i in asked])))
    for i, j, tie in pending:
        if facts[j].title_phrase in named[i] and facts[i].title_phrase in named[j]:
            reasons[(i, j)] = _named_reason(facts[i], facts[j], tie)
    parent = list(range(len(members)))
    links: list[tuple[int, int, str]] = []
    for (i, j), reason in sorted(reasons.items()):
        links.append((i, j, reason))
        parent[_root(parent, i)] = _root(parent, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(members)):
        groups[_root(parent, i)].append(i)
    links_of: dict[int, list[SeriesLink]] = defaultdict(list)
    for i, j, reason in links:
        links_of[_root(parent, i)].append(SeriesLink(members[i].symbol, members[j].symbol, reason))
    series_list = [Series([members[i] for i in group], links_of[root])
                   for root, group in groups.items()]
    return sorted(series_list, key=lambda s: _chronological(s.documents[0]))


def in_same_series(first: Document, second: Document) -> str | None:
    """The reason `first` and `second` belong to one series, or None."""
    a = _Facts.of(first, _cited_resolutions(first))
    b = _Facts.of(second, _cited_resolutions(second))
    reason = _title_reason(a, b)
    if reason:
        return reason
    tie = _citation_tie(a, b)
    if not (tie and a.nameable and b.nameable):
        return None
    if (f" {a.title_phrase} " in text_phrase(p.text for p in second.paragraphs)
            and f" {b.title_phrase} " in text_phrase(p.text for p in first.paragraphs)):
        return _named_reason(a, b, tie)
    return None


def title_words(title: str) -> set[str]:
    """The words of a title that say what it is about: not "Draft resolution" or "Security
    Council resolution 65 (1948)", the titles the corpus gives drafts and Council texts, which
    would otherwise put every draft, and every Council resolution, in one series."""
    words = (w.replace("-", "") for w in _WORD.findall(_LEADING_SYMBOL.sub("", title).lower()))
    return {w for w in words if w not in STOP_WORDS and w not in GENERIC_TITLE_WORDS and not w.isdigit()}


def title_phrase(title: str) -> str:
    """A title as a phrase to look for in running text ("human rights defenders")."""
    return _phrase(_LEADING_SYMBOL.sub("", title))


def named_phrases(paragraphs: Iterable[str], phrases: set[str]) -> set[str]:
    """Those of `phrases` (title phrases) that the paragraphs print, as whole words."""
    text = text_phrase(paragraphs)
    return {phrase for phrase in phrases if f" {phrase} " in text}


def text_phrase(paragraphs: Iterable[str]) -> str:
    """A document's paragraphs as one phrase string to look titles up in: each paragraph's
    `_phrase`, joined by " | " (read in one pass; NUL stands for the paragraph breaks)."""
    words = _WORD_OR_BREAK.findall(normalise_text("\x00".join(paragraphs)).lower())
    return f" {' '.join(words).replace('-', '').replace(chr(0), '|')} "


@dataclass
class _Facts:
    """What the rule needs from one document, computed once (its text is read only if needed)."""

    symbol: str
    title_words: set[str]
    title_phrase: str
    cited_resolutions: set[str]
    nameable: bool  # the title is long enough to count as named when printed in another text

    @classmethod
    def of(cls, member, cited: set[str]) -> _Facts:
        phrase = title_phrase(member.title)
        return cls(member.symbol, title_words(member.title), phrase, set(cited),
                   len(phrase.split()) >= MIN_TITLE_PHRASE_WORDS)


def _cited_resolutions(document: Document) -> set[str]:
    return {c.symbol for c in extract_citations(document) if c.kind == RESOLUTION}


def _title_reason(first: _Facts, second: _Facts) -> str | None:
    union = first.title_words | second.title_words
    if union and len(first.title_words & second.title_words) / len(union) >= TITLE_JACCARD:
        return "same title"
    return None


def _citation_tie(first: _Facts, second: _Facts) -> str | None:
    shared = sorted(first.cited_resolutions & second.cited_resolutions)
    cites = second.symbol in first.cited_resolutions or first.symbol in second.cited_resolutions
    if not shared and not cites:
        return None
    return f"both cite {', '.join(shared)}" if shared else "one cites the other"


def _named_reason(first: _Facts, second: _Facts, tie: str) -> str:
    return (f"{tie}; each names the other's subject: \"{first.title_phrase}\" and "
            f"\"{second.title_phrase}\"")


def _forget_common_citations(facts: list[_Facts]) -> None:
    citing: dict[str, int] = defaultdict(int)
    for f in facts:
        for cited in f.cited_resolutions:
            citing[cited] += 1
    limit = max(COMMON_CITATION_MIN, min(COMMON_CITATION_SHARE * len(facts), COMMON_CITATION_MAX))
    for f in facts:
        f.cited_resolutions = {c for c in f.cited_resolutions if citing[c] <= limit}


def _candidate_pairs(facts: list[_Facts]) -> set[tuple[int, int]]:
    """The only pairs the rule can join, without comparing every title with every other:

    - rule A: documents with the same set of title words are paired with the first of them
      (their pairwise links add nothing to the grouping); between distinct sets, a pair with
      Jaccard >= TITLE_JACCARD must share a word among each set's `_prefix` (its rarest words:
      the prefix filter of set-similarity joins), so only pairs sharing a prefix word are tried;
    - rule B: pairs citing a common resolution (common ones were forgotten already), and pairs
      where one cites the other.
    """
    pairs: set[tuple[int, int]] = set()
    first_with: dict[frozenset, int] = {}
    for i, f in enumerate(facts):
        if f.title_words:
            key = frozenset(f.title_words)
            if key in first_with:
                pairs.add((first_with[key], i))
            else:
                first_with[key] = i
    frequency: dict[str, int] = defaultdict(int)
    for key in first_with:
        for word in key:
            frequency[word] += 1
    by_key: dict[str, list[int]] = defaultdict(list)
    for key, i in first_with.items():
        for word in _prefix(key, frequency):
            by_key["w:" + word].append(i)
    by_symbol = {f.symbol.casefold(): i for i, f in enumerate(facts)}
    for i, f in enumerate(facts):
        for cited in f.cited_resolutions:
            by_key["c:" + cited].append(i)
            j = by_symbol.get(cited.casefold())
            if j is not None and j != i:
                pairs.add((min(i, j), max(i, j)))
    for members in by_key.values():
        pairs.update((min(a, b), max(a, b)) for a, b in combinations(members, 2))
    return pairs


def _prefix(words: frozenset, frequency: dict[str, int]) -> list[str]:
    """The |x| - ceil(t|x|) + 1 rarest words of a title (ties by spelling)."""
    ordered = sorted(words, key=lambda w: (frequency[w], w))
    return ordered[:len(ordered) - math.ceil(TITLE_JACCARD * len(ordered) - 1e-9) + 1]


def _phrase(text: str) -> str:
    return " ".join(w.replace("-", "") for w in _WORD.findall(as_read(text).lower()))


def _chronological(document: Document) -> tuple:
    date = document.date or (dt.date(document.year, 1, 1) if document.year else dt.date.max)
    return (date, document.symbol)


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i
