"""Marks the query's words in a paragraph: `<mark>` around hits, everything else HTML-escaped.

It re-analyses the paragraph with the same chain as the index (searchapp/analysis.py), so a
match found through stemming or a compound ("non-governmental" for "nongovernmental") is marked
where it stands in the printed text.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from html import escape

from searchapp.text import analysis
from searchapp.text.analysers import DEFAULT_ANALYSIS, Analysis


def marked_spans(text: str, stems: set[str], words: set[str], phrases: Iterable[tuple[str, ...]],
                 using: Analysis = DEFAULT_ANALYSIS) -> list[tuple[int, int]]:
    """Character spans (in normalise_text(text)) to mark, merged and in order; `using` is the
    analysis the index was built with (Targets.analysis), which the stems refer to."""
    return _marked(text, analysis.normalise_text(text), stems, words, phrases, using)


def _marked(text: str, normalised: str, stems: set[str], words: set[str],
            phrases: Iterable[tuple[str, ...]], using: Analysis) -> list[tuple[int, int]]:
    phrases = [phrase for phrase in phrases if phrase]
    if phrases:
        distinct = set(analysis.WORD.findall(normalised))
        starts = {phrase[0] for phrase in phrases}
        if any(t[0] in starts and not t[4] for raw in distinct for t in using.raw_terms(raw)):
            return _merged(_spans_with_phrases(text, stems, words, phrases, using))
    # No phrase can start here. Scanning every word with a regex cost 0.45 us a word (0.4 ms for
    # a page of `impunity`, 5,900 characters); instead the paragraph is split at white space (no
    # word of analysis.WORD holds any), and what each piece marks is remembered per query: set
    # operations in C find the pieces holding a marked spelling, and str.find places those.
    memo = _spellings_marked(frozenset(stems), frozenset(words), using.key)
    if len(memo.pieces) > _MEMO_LIMIT:  # replaced, not cleared: a request in another thread keeps its own
        memo.pieces, memo.marking, memo.marked = {}, set(), {}
    pieces, marking, marked = memo.pieces, memo.marking, memo.marked
    distinct = set(normalised.split())
    for piece in distinct.difference(pieces):
        found = []
        for raw in analysis.WORD.findall(piece):
            offsets = marked.get(raw)
            if offsets is None:
                offsets = tuple((t[2], t[3]) for t in using.raw_terms(raw) if t[0] in stems or t[1] in words)
                if offsets:
                    marked[raw] = offsets
            if offsets:
                found.append(raw)
        pieces[piece] = tuple(found)
        if found:
            marking.add(piece)
    spans: list[tuple[int, int]] = []
    for raw in {raw for piece in distinct.intersection(marking) for raw in pieces[piece]}:
        offsets = marked[raw]
        at = normalised.find(raw)
        while at >= 0:
            if _whole_token(normalised, at, at + len(raw)):
                spans.extend((at + start, at + end) for start, end in offsets)
            at = normalised.find(raw, at + 1)
    return _merged(spans)


_MEMO_LIMIT = 100_000


def _whole_token(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a whole token of analysis.WORD: not glued to a letter or digit,
    nor by a hyphen or apostrophe to one ("impunity" inside "non-impunity" is no token)."""
    if start and (text[start - 1].isalnum()
                  or (text[start - 1] in "'-" and start > 1 and text[start - 2].isalnum())):
        return False
    if end < len(text) and (text[end].isalnum()
                            or (text[end] in "'-" and end + 1 < len(text) and text[end + 1].isalnum())):
        return False
    return True


class _Spellings:
    """One query's memo: {white-space piece: the marked spellings in it}, the pieces holding
    one, and {spelling: the spans within it that the query marks}."""

    def __init__(self) -> None:
        self.pieces: dict[str, tuple[str, ...]] = {}
        self.marking: set[str] = set()
        self.marked: dict[str, tuple[tuple[int, int], ...]] = {}


@lru_cache(maxsize=64)
def _spellings_marked(stems: frozenset, words: frozenset, analysis_key: tuple) -> _Spellings:
    """The memo of one query (its stems and words under one analysis), filled as met."""
    return _Spellings()


def _spans_with_phrases(text: str, stems: set[str], words: set[str],
                        phrases: list[tuple[str, ...]], using: Analysis) -> list[tuple[int, int]]:
    terms = using.analyse_spans(text)
    spans = [(start, end) for stem, word, start, end, _ in terms if stem in stems or word in words]
    sequence = [t for t in terms if not t[4]]
    stems_in_order = [t[0] for t in sequence]
    for phrase in phrases:
        size = len(phrase)
        for i in range(len(stems_in_order) - size + 1):
            if stems_in_order[i] == phrase[0] and tuple(stems_in_order[i:i + size]) == phrase:
                spans.append((sequence[i][2], sequence[i + size - 1][3]))
    return spans


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, stems: set[str], words: set[str],
              phrases: Iterable[tuple[str, ...]] = (), using: Analysis = DEFAULT_ANALYSIS) -> str:
    """HTML of `text` with every matched word or phrase in <mark> (`using`: the index's analysis)."""
    normalised = analysis.normalise_text(text)
    if not (stems or words or phrases):
        return escape(normalised, quote=False)
    out, last = [], 0
    for start, end in _marked(text, normalised, stems, words, phrases, using):
        out.append(escape(normalised[last:start], quote=False))
        out.append("<mark>" + escape(normalised[start:end], quote=False) + "</mark>")
        last = end
    out.append(escape(normalised[last:], quote=False))
    return "".join(out)
