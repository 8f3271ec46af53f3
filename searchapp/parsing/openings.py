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
    lowered = [w.lower() for w in words]  # once, not once per continuation tried
    changed = True
    while changed:
        changed = False
        if index >= len(words):
            break  # nothing left that a continuation could match
        following = lowered[index]
        for continuation in continuations:
            size = len(continuation)
            if continuation[0] == following and tuple(lowered[index:index + size]) == continuation:
                phrase.extend(words[index:index + size])
                index += size
                changed = True
                break
    return " ".join(phrase).strip(".")
