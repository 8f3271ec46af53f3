"""Marks the query's words in a paragraph: `<mark>` around hits, everything else HTML-escaped.

It re-analyses the paragraph with the same chain as the index (searchapp/analysis.py), so a
match found through stemming or a compound ("non-governmental" for "nongovernmental") is marked
where it stands in the printed text.
"""

from __future__ import annotations

from html import escape
from typing import Iterable

from . import analysis


def marked_spans(text: str, stems: set[str], words: set[str],
                 phrases: Iterable[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Character spans (in normalise_text(text)) to mark, merged and in order."""
    terms = analysis.analyse_spans(text)
    spans = [(start, end) for stem, word, start, end, _ in terms if stem in stems or word in words]
    if phrases:
        sequence = [t for t in terms if not t[4]]
        stems_in_order = [t[0] for t in sequence]
        for phrase in phrases:
            size = len(phrase)
            for i in range(len(stems_in_order) - size + 1):
                if stems_in_order[i] == phrase[0] and tuple(stems_in_order[i:i + size]) == phrase:
                    spans.append((sequence[i][2], sequence[i + size - 1][3]))
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
