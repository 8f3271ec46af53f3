"""The query as researchers type it, rewritten into the parser's syntax before parsing.

    “human rights defenders”   typographic quotes delimit a phrase ("…", „…“, «…» too)
    impunity -terrorism        '-' excludes: impunity NOT terrorism
    +impunity journalists      '+' requires (every word is required already): impunity journalists
    impunity and journalists   lower-case and/or/not are the operators AND/OR/NOT
    impunity OR                an operator with nothing to join is dropped, with a notice
    NOT NOT impunity           refused (BadQuery) with a message, not a parser traceback
    "human right*"             refused: a wildcard inside a phrase is never dropped silently

Phrases (and a field's quoted value, `body:"Security Council"`) are kept as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from searchapp.exceptions import BadQuery

# Quotation marks researchers paste from documents: “…” ‟…” „…“ «…» ‹…› 〝…〞 ＂…＂.
_PHRASE_QUOTES = dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u301d\u301e\uff02"), '"')
# One token: an optional +/-, then a quoted phrase with whatever is glued before it (a field
# name) and its ~N after it, or a run of other characters; or a parenthesis.
_TOKEN = re.compile(r'[-+]?(?:[^\s()"]*"[^"]*"(?:~\d+)?|[^\s()"]+)|[()]')
_BINARY = {"AND", "OR"}
_OPERATORS = _BINARY | {"NOT"}


@dataclass(frozen=True)
class Rewritten:
    text: str  # in the parser's syntax
    notices: tuple[str, ...]  # what was ignored, for the researcher


def straight_quotes(text: str) -> str:
    """Typographic quotation marks as the straight quote that delimits a phrase."""
    return text.translate(_PHRASE_QUOTES)


@lru_cache(maxsize=512)
def rewrite(text: str) -> Rewritten:
    """`text` in the parser's syntax, with notices for what was dropped; BadQuery for a query
    that has no clear reading (NOT NOT, a wildcard inside a phrase)."""
    tokens: list[str] = []
    for token in _TOKEN.findall(straight_quotes(text)):
        if '"' in token and re.search(r'"[^"]*[*?][^"]*"', token):
            raise BadQuery(f"a wildcard inside a phrase is not supported ({token}): write the word in "
                           "full (a phrase matches its words in their inflected forms), or put the "
                           "wildcard word outside the quotes")
        if len(token) > 1 and token[0] == "-":
            tokens += ["NOT", token[1:]]
        elif len(token) > 1 and token[0] == "+":
            tokens.append(token[1:])
        elif token.upper() in _OPERATORS and token != token.upper() and token.lower() == token:
            tokens.append(token.upper())  # "and", "or", "not" typed in lower case
        else:
            tokens.append(token)
    kept, notices = _drop_dangling(tokens)
    return Rewritten(" ".join(kept), tuple(notices))


def _drop_dangling(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Remove operators that have nothing to apply to; refuse NOT NOT."""
    notices: list[str] = []
    changed = True
    while changed:
        changed = False
        for i, token in enumerate(tokens):
            if token not in _OPERATORS:
                continue
            before = tokens[i - 1] if i else "("
            after = tokens[i + 1] if i + 1 < len(tokens) else ")"
            if token == "NOT" and after == "NOT":
                raise BadQuery('"NOT NOT": two NOTs in a row; to require a word just write it, '
                               "to exclude it write one NOT before it")
            nothing_after = after == ")" or after in _BINARY
            nothing_before = before == "(" or before in _OPERATORS
            if nothing_after or (token in _BINARY and nothing_before):
                where = "at the end" if i + 1 == len(tokens) else "at the start" if i == 0 else "here"
                notices.append(f'"{token}" {where} has nothing to apply to: it was ignored')
                del tokens[i]
                changed = True
                break
    return tokens, notices
