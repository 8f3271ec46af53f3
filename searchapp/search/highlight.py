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
                 using: Analysis = DEFAULT_ANALYSIS, *, normalised: str | None = None) -> list[tuple[int, int]]:
    """Character spans (in normalise_text(text)) to mark, merged and in order; `using` is the
    analysis the index was built with (Targets.analysis), which the stems refer to. `normalised`:
    normalise_text(text) when the caller has it already (the concordance)."""
    if normalised is None:
        normalised = analysis.normalise_text(text)
    return _marked(normalised, stems, words, phrases, using)


def _marked(normalised: str, stems: set[str], words: set[str],
            phrases: Iterable[tuple[str, ...]], using: Analysis) -> list[tuple[int, int]]:
    # Scanning every word with a regex cost 0.45 us a word (0.4 ms for a page of `impunity`,
    # 5,900 characters; a phrase's page re-analysed every word: 1.5 ms). Instead the paragraph
    # is split at white space (no word of analysis.WORD holds any), and what each piece holds is
    # remembered per query: set operations in C find the pieces holding a marked spelling or a
    # phrase's first word, str.find places those, and a phrase is read word by word from there.
    phrases = [phrase for phrase in phrases if phrase]
    memo = _spellings_marked(frozenset(stems), frozenset(words), frozenset(phrases), using.key)
    if len(memo.pieces) > _MEMO_LIMIT:  # replaced, not cleared: a request in another thread keeps its own
        memo.pieces, memo.marking, memo.marked = {}, set(), {}
    pieces, marking, marked = memo.pieces, memo.marking, memo.marked
    distinct = set(normalised.split())
    for piece in distinct.difference(pieces):
        found = []
        for raw in analysis.WORD.findall(piece):
            offsets = marked.get(raw)
            if offsets is None:
                terms = using.raw_terms(raw)
                marks = tuple((t[2], t[3]) for t in terms if t[0] in stems or t[1] in words)
                opens = any(t[0] in memo.starts and not t[4] for t in terms)
                offsets = (marks, opens) if marks or opens else None
                if offsets:
                    marked[raw] = offsets
            if offsets:
                found.append(raw)
        pieces[piece] = tuple(found)
        if found:
            marking.add(piece)
    spans: list[tuple[int, int]] = []
    for raw in {raw for piece in distinct.intersection(marking) for raw in pieces[piece]}:
        marks, opens = marked[raw]
        at = normalised.find(raw)
        while at >= 0:
            if _whole_token(normalised, at, at + len(raw)):
                spans.extend((at + start, at + end) for start, end in marks)
                if opens:
                    spans.extend(_phrases_from(normalised, at, phrases, using))
            at = normalised.find(raw, at + 1)
    return _merged(spans)


def _phrases_from(normalised: str, at: int, phrases: list[tuple[str, ...]],
                  using: Analysis) -> list[tuple[int, int]]:
    """The spans of the phrases starting in the word at `at`: its terms and the next words'
    (joined forms of compounds left out, as positions count them) compared with each phrase."""
    word = analysis.WORD.match(normalised, at)
    if word is None:  # `at` is where a marked word was found, so a word starts there
        return []
    first = [t for t in using.raw_terms(word.group()) if not t[4]]
    need = len(first) - 1 + max(map(len, phrases))
    sequence: list[tuple[str, int, int]] = []
    for match in analysis.WORD.finditer(normalised, at):
        start = match.start()
        sequence.extend((t[0], start + t[2], start + t[3]) for t in using.raw_terms(match.group()) if not t[4])
        if len(sequence) >= need:
            break
    stems_in_order = [t[0] for t in sequence]
    spans = []
    for i in range(len(first)):
        for phrase in phrases:
            if tuple(stems_in_order[i:i + len(phrase)]) == phrase:
                spans.append((sequence[i][1], sequence[i + len(phrase) - 1][2]))
    return spans


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
    """One query's memo: {white-space piece: its spellings that matter}, the pieces holding
    one, and {spelling: (the spans within it that the query marks, whether a phrase may start
    in it)}."""

    def __init__(self, starts: set[str]) -> None:
        self.starts = starts  # the first word (stem) of each phrase
        self.pieces: dict[str, tuple[str, ...]] = {}
        self.marking: set[str] = set()
        self.marked: dict[str, tuple[tuple[tuple[int, int], ...], bool]] = {}


@lru_cache(maxsize=64)
def _spellings_marked(stems: frozenset, words: frozenset, phrases: frozenset, analysis_key: tuple) -> _Spellings:
    """The memo of one query (its stems, words and phrases under one analysis), filled as met."""
    return _Spellings({phrase[0] for phrase in phrases})


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
    for start, end in _marked(normalised, stems, words, phrases, using):
        out.append(escape(normalised[last:start], quote=False))
        out.append("<mark>" + escape(normalised[start:end], quote=False) + "</mark>")
        last = end
    out.append(escape(normalised[last:], quote=False))
    return "".join(out)
