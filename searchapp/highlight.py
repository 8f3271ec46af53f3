"""Marks the query's words in a paragraph: `<mark>` around hits, everything else HTML-escaped.

It re-analyses the paragraph with the same chain as the index (searchapp/analysis.py), so a
match found through stemming or a compound ("non-governmental" for "nongovernmental") is marked
where it stands in the printed text.
"""

from __future__ import annotations

import re
from html import escape
from typing import Iterable

from . import analysis


def marked_spans(text: str, stems: set[str], words: set[str],
                 phrases: Iterable[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Character spans (in normalise_text(text)) to mark, merged and in order."""
    phrases = [phrase for phrase in phrases if phrase]
    normalised = analysis.normalise_text(text)
    terms_of = {raw: analysis.raw_terms(raw) for raw in set(analysis.WORD.findall(normalised))}
    starts = {phrase[0] for phrase in phrases}
    if any(t[0] in starts and not t[4] for terms in terms_of.values() for t in terms):
        return _merged(_spans_with_phrases(text, stems, words, phrases))
    # No phrase can start here: find just the matching spellings with one regex (fast on long
    # paragraphs, where walking every word in Python cost ~3 microseconds a word).
    wanted = [raw for raw, terms in terms_of.items() if any(t[0] in stems or t[1] in words for t in terms)]
    if not wanted:
        return []
    pattern = re.compile(_TOKEN_START + "(?:" + "|".join(map(re.escape, sorted(wanted, key=len, reverse=True)))
                         + ")" + _TOKEN_END)
    spans = []
    for match in pattern.finditer(normalised):
        at = match.start()
        spans.extend((at + t[2], at + t[3]) for t in terms_of[match.group()] if t[0] in stems or t[1] in words)
    return _merged(spans)


# A whole token of analysis.WORD: not glued by a letter, or by a hyphen or apostrophe to one.
_TOKEN_START = r"(?<![^\W_])(?<![^\W_]['-])"
_TOKEN_END = r"(?![^\W_])(?!['-][^\W_])"


def _spans_with_phrases(text: str, stems: set[str], words: set[str],
                        phrases: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    terms = analysis.analyse_spans(text)
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
              phrases: Iterable[tuple[str, ...]] = ()) -> str:
    """HTML of `text` with every matched word or phrase in <mark>."""
    normalised = analysis.normalise_text(text)
    if not (stems or words or phrases):
        return escape(normalised, quote=False)
    out, last = [], 0
    for start, end in marked_spans(text, stems, words, phrases):
        out.append(escape(normalised[last:start], quote=False))
        out.append("<mark>" + escape(normalised[start:end], quote=False) + "</mark>")
        last = end
    out.append(escape(normalised[last:], quote=False))
    return "".join(out)
