"""KWIC concordance: every occurrence of the query in its context, keyword apart for aligning.

The occurrences are the spans the highlighter marks (same analysis as the index, so stems,
compounds and phrases line up with the hit list). Context is cut at word boundaries and never
runs into the next paragraph: a paragraph is the unit researchers cite.
"""

from __future__ import annotations

import re

from searchapp.search.highlight import marked_spans
from searchapp.search.results import KwicLine
from searchapp.text import analysis

KWIC_SORTS = ("document", "left", "right", "keyword")
DEFAULT_WIDTH = 60
MIN_WIDTH = 10
MAX_WIDTH = 300
_WORD = re.compile(r"\w[\w'-]*", re.UNICODE)


def occurrences(text: str, targets, *, width: int, symbol: str, year: int | None, body: str,
                anchor: str, date: str | None = None, title: str = "") -> list[KwicLine]:
    """The KWIC lines of one paragraph."""
    normalised = analysis.normalise_text(text)  # the text marked_spans' offsets refer to
    lines = []
    for start, end in marked_spans(text, targets.stems, targets.words, targets.phrases, targets.analysis,
                                   normalised=normalised):
        lines.append(KwicLine(symbol=symbol, year=year, body=body, anchor=anchor, date=date, title=title,
                              left=_left_context(normalised[:start], width),
                              keyword=normalised[start:end],
                              right=_right_context(normalised[end:], width)))
    return lines


def sort_lines(lines: list[KwicLine], sort: str) -> list[KwicLine]:
    """'left' sorts by the words before the keyword read backwards (nearest word first), as
    concordancers do; 'right' by the words after; 'keyword' by the keyword's form; 'document'
    keeps the hit order."""
    if sort == "left":
        return sorted(lines, key=lambda line: (_words(line.left)[::-1], line.keyword.casefold()))
    if sort == "right":
        return sorted(lines, key=lambda line: (_words(line.right), line.keyword.casefold()))
    if sort == "keyword":
        return sorted(lines, key=lambda line: (line.keyword.casefold(), _words(line.right)))
    return lines


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _left_context(before: str, width: int) -> str:
    if len(before) <= width:
        return before
    cut = before[-width:]
    space = cut.find(" ")
    return "…" + (cut[space + 1:] if 0 <= space < len(cut) - 1 else cut)


def _right_context(after: str, width: int) -> str:
    if len(after) <= width:
        return after
    cut = after[:width]
    space = cut.rfind(" ")
    return (cut[:space] if space > 0 else cut) + "…"
