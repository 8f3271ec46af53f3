"""A paragraph's opening phrase: its first word (or an adverb and its verb) and the fixed words
that belong to it, in any language: "Noting with deep concern that ..." -> "Noting with deep
concern"; "Prenant note avec satisfaction du rapport" -> "Prenant note avec satisfaction"."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\s,;:]+")


def opening_words(text: str) -> list[str]:
    """The words of the paragraph's first 200 characters, cut at white space and , ; :
    ("Calls upon States, in this regard," -> ["Calls", "upon", "States", "in", "this", "regard"])."""
    return _WORD.findall(text[:200])


def extend_opening(words: list[str], taken: int, continuations: tuple[tuple[str, ...], ...]) -> str:
    """words[:taken], then every continuation (lower-case words, e.g. ("with", "deep", "concern"))
    that follows, as often as one follows; joined by spaces, dots stripped at both ends
    (["Taking", "note", "of"], 1, (("note",),)) -> "Taking note"."""
    phrase, index = words[:taken], taken
    # Only the words a continuation is tried on are lowered: most openings take none, and
    # lowering all of the first 200 characters' words was 0.3 s of the corpus's 48,000 paragraphs.
    while index < len(words):
        following = words[index].lower()
        for continuation in continuations:
            if continuation[0] == following:
                size = len(continuation)
                if tuple(map(str.lower, words[index:index + size])) == continuation:
                    phrase.extend(words[index:index + size])
                    index += size
                    break
        else:
            break  # no continuation follows
    return " ".join(phrase).strip(".")
