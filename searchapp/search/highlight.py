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
    # No phrase can start here: look each word up in what this query marks in a spelling. Which
    # spellings match is remembered per query (the hits of one page share most of their words),
    # so a word costs one dict lookup (0.6 ms for a page of 10,000 characters, against 0.9 ms
    # for the set of its words plus one regex of the matching spellings).
    memo = _spellings_marked(frozenset(stems), frozenset(words), using.key)
    if len(memo) > _MEMO_LIMIT:
        memo.clear()
    spans: list[tuple[int, int]] = []
    get = memo.get
    for match in analysis.WORD.finditer(normalised):
        raw = match.group()
        offsets = get(raw)
        if offsets is None:
            offsets = memo[raw] = tuple((t[2], t[3]) for t in using.raw_terms(raw)
                                        if t[0] in stems or t[1] in words)
        if offsets:
            at = match.start()
            spans.extend((at + start, at + end) for start, end in offsets)
    return _merged(spans)


_MEMO_LIMIT = 100_000


@lru_cache(maxsize=64)
def _spellings_marked(stems: frozenset, words: frozenset,
                      analysis_key: tuple) -> dict[str, tuple[tuple[int, int], ...]]:
    """spelling -> the spans within it that one query marks (empty: none); filled as met."""
    return {}


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
